"""Tasks as the rows of a task table (a header with a task column over numbered rows), and the
text before the table as a task of its own when it states figures."""

from __future__ import annotations

from ..prose import lead_before
from ..table_reader import read_table
from .base import Reading, Source, reading


class TableReader:
    layout = "table"

    def read(self, source: Source) -> Reading | None:
        found = read_table(source.body, source.grids)
        if found is None:
            return None
        tasks, has_progress, start = found
        kind = "progress" if has_progress else "plan"
        result = reading(tasks, self.layout, kind, source.body)
        if not result.states_figures or not start:
            return result
        lead = lead_before(source.body, source.title, start, plan=kind == "plan")
        if lead is None:
            return result
        return Reading([lead, *tasks], self.layout, kind, states_figures=True)
