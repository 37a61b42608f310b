"""Tasks as numbered prose, read as an outline (一、 > (一) > 1. > (1) > ① > 一是): the innermost
numbered paragraph is a task (pipelines/lib/parsing/prose.py)."""

from __future__ import annotations

from ..prose import is_plan_title, read_prose, reports_done
from .base import Reading, Source, reading


class ProseReader:
    layout = "prose"

    def read(self, source: Source) -> Reading | None:
        # a plan's title over a text that reports things done is a title chosen wrong, not a plan
        plan = is_plan_title(source.title) and not reports_done(source.body)
        tasks = read_prose(source.body, source.title, plan=plan)
        if not tasks:
            return None
        return reading(tasks, self.layout, "plan" if plan else "progress", source.body)
