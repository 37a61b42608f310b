"""Tasks as numbered prose, read as an outline (一、 > (一) > 1. > (1) > ① > 一是): the innermost
numbered paragraph is a task (pipelines/lib/parsing/prose.py)."""

from __future__ import annotations

from ..prose import is_plan_title, read_prose
from .base import Reading, Source, reading


class ProseReader:
    layout = "prose"

    def read(self, source: Source) -> Reading | None:
        plan = is_plan_title(source.title)
        tasks = read_prose(source.body, source.title, plan=plan)
        if not tasks:
            return None
        return reading(tasks, self.layout, "plan" if plan else "progress", source.body)
