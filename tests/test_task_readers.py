"""The task readers behind one interface: the reading that fits a bulletin best is chosen, and a
new layout is one reader in the registry."""

import re

import pytest

from pipelines.lib.parsing import parse_bytes
from pipelines.lib.parsing.model import SECTION_PROGRESS, Span, Task
from pipelines.lib.parsing.structure import task_readers
from pipelines.lib.parsing.structure.task_readers import Reading, Source, read_tasks
from pipelines.lib.parsing.structure.task_readers.base import reading


class _Fixed:
    def __init__(self, layout, states_figures, found=True):
        self.layout, self.states_figures, self.found, self.asked = layout, states_figures, found, 0

    def read(self, source):
        self.asked += 1
        if not self.found:
            return None
        return Reading([], self.layout, "progress", self.states_figures)


SOURCE = Source("正文", [], "标题")


@pytest.mark.parametrize(
    ("readers", "chosen"),
    [
        ([_Fixed("a", True), _Fixed("b", True)], "a"),  # the first that states figures
        ([_Fixed("a", False), _Fixed("b", True)], "b"),  # a reading with figures fits better
        ([_Fixed("a", False), _Fixed("b", False)], "a"),  # else the first found
        ([_Fixed("a", True, found=False), _Fixed("b", False)], "b"),
        ([_Fixed("a", True, found=False)], None),
    ],
)
def test_the_reading_that_fits_best_is_chosen(monkeypatch, readers, chosen):
    monkeypatch.setattr(task_readers, "READERS", readers)
    found = read_tasks(SOURCE)
    assert (found.layout if found else None) == chosen


def test_a_reading_that_states_figures_stops_the_search(monkeypatch):
    later = _Fixed("b", True)
    monkeypatch.setattr(task_readers, "READERS", [_Fixed("a", True), later])
    read_tasks(SOURCE)
    assert later.asked == 0  # no later reader can fit better: it is not asked


class BracketedReader:
    """A layout of one paragraph per task with its title in 【…】: the README's worked example."""

    layout = "bracketed"

    def read(self, source: Source) -> Reading | None:
        tasks = []
        for m in re.finditer(r"^【(?P<title>[^】\n]+)】(?P<progress>[^\n]*)", source.body, re.M):
            start, end = m.start("progress"), m.end("progress")
            tasks.append(
                Task(
                    seq=len(tasks) + 1,
                    text=m.group("title"),
                    title=m.group("title"),
                    char_start=m.start(),
                    char_end=m.end(),
                    progress_text=m.group("progress"),
                    progress_start=start,
                    progress_end=end,
                    spans=[Span(SECTION_PROGRESS, start, end)],
                )
            )
        return reading(tasks, self.layout, "progress", source.body) if tasks else None


def test_a_new_layout_is_one_reader_in_the_registry(monkeypatch):
    text = "示例市2023年重点工作上半年完成情况\n【新建学校】上半年新建学校3所。\n【道路改造】完成道路改造12公里。\n"
    monkeypatch.setattr(task_readers, "READERS", [BracketedReader(), *task_readers.READERS])
    bulletin = parse_bytes(text.encode("utf-8"), "bracketed.txt")
    assert bulletin.layout == "bracketed"
    assert [t.title for t in bulletin.tasks] == ["新建学校", "道路改造"]
    assert [(f.task_seq, f.figure.raw_text) for f in bulletin.figures] == [
        (1, "3所"),
        (2, "12公里"),
    ]


def test_the_seed_is_read_by_the_table_reader(seed_bytes):
    assert parse_bytes(seed_bytes).layout == "table"
