"""Pages that look like the genre and are not: a government work report itself.

A work report (政府工作报告) is addressed to the people's congress (各位代表 / 在…人民代表大会…会议上)
and reviews the past year in figures, so it reads much like a bulletin; but it is the source of the
tasks, not a report of progress on them. A report to the congress that reports on a plan's execution
(计划执行情况, 预算执行情况) or on how tasks were done (完成情况, 进展情况 …) is of the genre."""

from __future__ import annotations

import re

HEAD_CHARS = 3000  # the salutation and the report's own name come first
_TO_THE_CONGRESS = re.compile(r"各位代表|在[^。\n]{2,40}人民代表大会[^。\n]{0,20}会议上")
_REPORTS_PROGRESS = re.compile(r"执行情况|完成情况|进展情况|落实情况|推进情况|办理情况|实施情况")


def work_report_reason(body: str) -> str | None:
    """Why the text is a work report and not a bulletin, or None."""
    head = body[:HEAD_CHARS]
    if _TO_THE_CONGRESS.search(head) and not _REPORTS_PROGRESS.search(head):
        return (
            "a government work report itself (addressed to the people's congress: 各位代表), "
            "not a report of progress on its tasks"
        )
    return None
