"""How big a file may be to be read as a bulletin: the cells its tables lay out, its characters
and its lines. A file past a limit is refused with the limit and its setting named, before the
grid is built or the text stored; a bulletin of real size is read as before."""

import dataclasses

import pytest

from pipelines.lib.parsing.model import RejectedFile
from pipelines.lib.parsing.read import html
from pipelines.lib.parsing.read.html import render_html
from pipelines.lib.parsing.read.size_limits import laid_out_cells
from pipelines.lib.parsing.read.text import read_file
from pipelines.lib.settings import InputLimits, input_limits

REAL_TABLE = (
    "<html><body><h1>2023年上半年重点工作完成情况</h1><table>"
    "<tr><th>序号</th><th>重点工作</th><th>责任单位</th><th>完成情况</th></tr>"
    '<tr><td>1</td><td>建设5G基站</td><td rowspan="2">市通信管理局</td>'
    "<td>累计建成交付5G基站5.4万个。</td></tr>"
    "<tr><td>2</td><td>改造老旧小区</td><td>完成改造120个。</td></tr>"
    '<tr><td colspan="4">注:数据截至6月底。</td></tr>'
    "</table></body></html>"
)


def _bomb(rows: int, cells: int, colspan: int) -> str:
    row = "<tr>" + f'<td colspan="{colspan}">x</td>' * cells + "</tr>"
    return "<html><body><table>" + row * rows + "</table></body></html>"


def test_a_colspan_bomb_is_refused_from_its_spans_before_the_grid_is_built(monkeypatch):
    def no_grid(rows):
        raise AssertionError("the grid was being built")

    monkeypatch.setattr(html, "lay_out", no_grid)
    limits = InputLimits(max_table_cells=10_000)
    # 60 rows of 100 colspan=100 cells: 600,000 cells, from a page of a few KB
    with pytest.raises(RejectedFile) as err:
        render_html(_bomb(60, 100, 100), limits)
    assert "the tables lay out 600,000 cells" in err.value.reason
    assert "limit 10,000 cells, setting BULLETINS_MAX_TABLE_CELLS" in err.value.reason


def test_the_default_limit_refuses_the_security_probe_page_and_reads_a_real_table():
    # the probe's page: 60 rows of 1,000 colspan=1000 cells, 60 million cells laid out
    with pytest.raises(RejectedFile) as err:
        render_html(_bomb(60, 1000, 1000), input_limits())
    assert "60,000,000 cells" in err.value.reason
    page = render_html(REAL_TABLE, InputLimits(max_table_cells=16))
    (grid,) = page.grids
    assert [len(row) for row in grid] == [4, 4, 4, 4]


def test_the_count_covers_the_cells_a_rowspan_carries_into_rows_below():
    # a wide cell spanning 1,000 rows widens each of them: filled with empty cells up to it
    spans = [[(1, 1), (1000, 1000)]] + [[] for _ in range(999)]
    assert laid_out_cells(spans) >= 1000 * 1000
    page = render_html(REAL_TABLE, input_limits())
    rows = [[(1, 1)] * 4, [(1, 1), (1, 1), (2, 1), (1, 1)], [(1, 1)] * 3, [(1, 4)]]
    assert laid_out_cells(rows) == sum(len(row) for row in page.grids[0]) == 16


def test_a_text_over_the_character_limit_is_refused_with_its_reason():
    limits = InputLimits(max_text_chars=1000)
    text = "2023年重点工作完成情况\n" + "累计建成交付5G基站5.4万个。" * 100
    with pytest.raises(RejectedFile) as err:
        read_file(text.encode("utf-8"), "long.txt", limits)
    assert "characters long: more than a bulletin" in err.value.reason
    assert "limit 1,000 characters, setting BULLETINS_MAX_TEXT_CHARS" in err.value.reason
    # refused from its bytes alone, before decoding, when they cannot be fewer characters
    with pytest.raises(RejectedFile) as err:
        read_file(("重" * 2000).encode("utf-8"), "huge.txt", limits)
    assert "at least 1,500 characters" in err.value.reason


def test_a_text_over_the_line_limit_is_refused_with_its_reason():
    limits = InputLimits(max_lines=100)
    text = "2023年重点工作完成情况\n" + "".join(f"{n}.建成基站{n}个。\n" for n in range(1, 200))
    with pytest.raises(RejectedFile) as err:
        read_file(text.encode("utf-8"), "lines.txt", limits)
    assert "the text has 201 lines: more than a bulletin" in err.value.reason
    assert "limit 100 lines, setting BULLETINS_MAX_LINES" in err.value.reason
    assert read_file(text.encode("utf-8"), "lines.txt", input_limits()).text == text


def test_the_limits_are_settings(monkeypatch):
    monkeypatch.setenv("BULLETINS_MAX_TEXT_CHARS", "10")
    monkeypatch.setenv("BULLETINS_MAX_LINES", "20")
    monkeypatch.setenv("BULLETINS_MAX_TABLE_CELLS", "30")
    monkeypatch.setenv("BULLETINS_MAX_SHEETS", "4")
    limits = input_limits()
    assert (limits.max_text_chars, limits.max_lines, limits.max_table_cells) == (10, 20, 30)
    assert limits.max_sheets == 4
    defaults = dataclasses.asdict(InputLimits())
    monkeypatch.delenv("BULLETINS_MAX_TEXT_CHARS")
    monkeypatch.delenv("BULLETINS_MAX_LINES")
    monkeypatch.delenv("BULLETINS_MAX_TABLE_CELLS")
    monkeypatch.delenv("BULLETINS_MAX_SHEETS")
    assert dataclasses.asdict(input_limits()) == defaults
