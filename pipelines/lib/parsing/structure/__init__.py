"""Stage 3, structure: the bulletin's tasks, each with the spans of its text and progress, as the
task reader that fits the document best reads them (:mod:`.task_readers`)."""

from __future__ import annotations

from dataclasses import replace

from ..model import Document, Metadata, RejectedFile
from .genre import not_a_bulletin_reason, plan_reason
from .prose import reads_as_bulletin
from .task_readers import Reading, Source, read_tasks

__all__ = ["read_structure"]


def read_structure(document: Document, meta: Metadata) -> Reading:
    """The tasks, layout and kind of the bulletin; RejectedFile when the text is not of the genre
    (:mod:`.genre`: a work report, a plan, a page about a year not yet begun) or no reader finds
    tasks."""
    if reason := not_a_bulletin_reason(document.body, meta.title, meta.year, meta.published_at):
        raise RejectedFile(reason)
    found = read_tasks(Source(document.body, document.grids, meta.title))
    if found is None:
        raise RejectedFile(_no_tasks_reason(meta.title, document.body))
    if found.kind == "plan":
        if reason := plan_reason(meta.title, document.body):
            raise RejectedFile(reason)
        found = replace(found, kind="progress")  # tasks of a progress report, read as targets
    return found


def _no_tasks_reason(title: str, body: str) -> str:
    if not reads_as_bulletin(title, body):
        return (
            "does not read as a progress bulletin: no task table, none of the genre's words "
            "(重点工作, 目标任务, 完成情况, 进展情况, 督查 …), and no work done stated with its "
            "figures (已办结296件, 新建2处 …)"
        )
    return (
        "no tasks were found: no task table (a header row with a task column such as 重点工作 or "
        "工作事项 over numbered rows) and no numbered sections (一、/(一)/1.) stating figures"
    )
