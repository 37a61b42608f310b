"""What every task reader takes and gives: the interface of :mod:`.` (the package)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ...model import Task
from ..prose import tasks_have_figures


@dataclass(frozen=True)
class Source:
    """What a reader reads: the normalised body text, the page's table grids (HTML and rendered
    documents) and the title the metadata found."""

    body: str
    grids: list
    title: str


@dataclass(frozen=True)
class Reading:
    tasks: list[Task]
    layout: str  # 'table', 'prose' … (dim_bulletin.layout)
    kind: str  # 'progress' | 'plan'
    states_figures: bool  # its tasks state figures: it fits the bulletin


def reading(tasks: list[Task], layout: str, kind: str, body: str) -> Reading:
    return Reading(tasks, layout, kind, tasks_have_figures(tasks, body))


class TaskReader(Protocol):
    layout: str

    def read(self, source: Source) -> Reading | None:
        """The bulletin's tasks as this layout reads them; None if the layout is not there."""
