"""The task readers: each reads a bulletin's tasks in one layout, behind one small interface
(:class:`~.base.TaskReader`: a ``layout`` name and ``read(source) -> Reading | None``).

A reading whose tasks state figures fits the bulletin better than one whose tasks do not.
:func:`read_tasks` asks the readers of :data:`READERS` in order and keeps the reading that fits
best: the first that states figures (no later reader can fit better), else the first found.

Adding a layout is a module here with a reader class, and one line in READERS (its place says
which reader wins when two read a bulletin equally well). See the README, "Supported layouts".
"""

from __future__ import annotations

from .base import Reading, Source, TaskReader
from .prose import ProseReader
from .table import TableReader

__all__ = ["READERS", "Reading", "Source", "TaskReader", "read_tasks"]

# In order of precedence: a task table that states figures is the bulletin's, whatever its prose.
READERS: list[TaskReader] = [TableReader(), ProseReader()]


def read_tasks(source: Source) -> Reading | None:
    """The reading that fits the bulletin best (None: no reader found tasks)."""
    first = None
    for reader in READERS:
        found = reader.read(source)
        if found is None:
            continue
        if found.states_figures:
            return found
        first = first or found
    return first
