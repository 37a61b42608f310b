"""Stage 6, targets: each target of a task paired with the progress figure that reports on it."""

from __future__ import annotations

from ..model import ParsedFigure, ParsedTargetLink
from .links import link_targets


def link_bulletin_targets(figures: list[ParsedFigure], layout: str) -> list[ParsedTargetLink]:
    """The target links of every task, each found among that task's own figures (a prose task
    states one measure's target and its progress together: ``link_targets``' one_measure)."""
    by_task: dict[int, list[int]] = {}
    for index, pf in enumerate(figures):
        by_task.setdefault(pf.task_seq, []).append(index)
    links = []
    for seq, indexes in by_task.items():
        pairs = [(figures[i].section, figures[i].figure) for i in indexes]
        for link in link_targets(pairs, one_measure=layout == "prose"):
            links.append(
                ParsedTargetLink(
                    task_seq=seq,
                    target=indexes[link.target],
                    actual=None if link.actual is None else indexes[link.actual],
                    evidence=link.evidence,
                    label_similarity=link.label_similarity,
                )
            )
    return links


__all__ = ["link_bulletin_targets", "link_targets"]
