"""Parsing whole bulletins: metadata, task rows, progress items, figures."""

import hashlib

import pytest

from pipelines.lib.parsing import RejectedFile, parse_bytes
from pipelines.lib.parsing.model import Cell
from pipelines.lib.parsing.structure.items import split_items, task_title


def test_seed_metadata_and_tasks(seed_bytes, gold):
    b = parse_bytes(seed_bytes)
    assert b.title == "2020年政府工作报告重点工作前三季度完成情况"
    assert (b.year, b.period_label, str(b.period_end), str(b.published_at)) == (
        2020,
        "前三季度",
        "2020-09-30",
        "2020-12-21",
    )
    assert b.kind == "progress"
    assert [t.seq for t in b.tasks] == list(range(1, 20))
    assert b.bulletin_id == hashlib.sha256(seed_bytes).hexdigest()[:16]
    by_seq = {t.seq: t for t in b.tasks}
    for expected in gold["tasks"]:
        assert len(by_seq[expected["task_seq"]].items) == expected["n_items"], expected
    assert by_seq[1].title == "稳企业、防风险"
    assert by_seq[19].progress_text.endswith(
        "起草《制造业重点行业“亩均效益”领跑者行动2020年工作方案》。"
    )


def test_seed_body_text_offsets_match_the_gold_annotation(seed_bytes, gold):
    b = parse_bytes(seed_bytes)
    for m in gold["metrics"]:
        assert b.body_text[m["char_start"] : m["char_end"]] == m["raw"]
    for pf in b.figures:
        assert b.body_text[pf.figure.char_start : pf.figure.char_end] == pf.figure.raw_text


def test_seed_identities(seed_bytes):
    b = parse_bytes(seed_bytes)
    found = {
        (
            i.task_seq,
            b.figures[i.whole].figure.raw_text,
            tuple(b.figures[p].figure.raw_text for p in i.parts),
            i.holds,
        )
        for i in b.identities
    }
    assert found == {
        (1, "156家", ("73家", "83家"), True),
        (1, "83家", ("23家", "60家"), True),
        (3, "3252亿元", ("1740亿元", "1183亿元", "100亿元", "229亿元"), True),
    }


def test_city_fixture(fixture_bytes):
    b = parse_bytes(fixture_bytes("s1_city_2021_q1_progress.txt"))
    assert (b.year, b.period_label, str(b.period_end), str(b.published_at)) == (
        2021,
        "一季度",
        "2021-03-31",
        "2021-04-20",
    )
    assert [t.seq for t in b.tasks] == [1, 2, 3, 4]
    assert [len(t.items) for t in b.tasks] == [3, 2, 3, 2]
    raw = [(f.task_seq, f.section, f.figure.raw_text) for f in b.figures]
    assert (1, "task", "7%") in raw and (1, "progress", "1234.5亿元") in raw
    assert (4, "progress", "4.2亿元") in raw  # 4·2 written with a middle dot
    texts = [r[2] for r in raw]
    assert "2021年" not in texts and "12号" not in texts and "2.0版" not in texts
    assert len(raw) == 25


def test_gbk_copy_parses_the_same(fixture_bytes):
    utf8 = parse_bytes(fixture_bytes("s1_city_2021_q1_progress.txt"))
    gbk = parse_bytes(
        fixture_bytes("s1_city_2021_q1_progress.txt").decode("utf-8").encode("gb18030")
    )
    assert gbk.encoding == "gb18030"
    assert [f.figure.raw_text for f in gbk.figures] == [f.figure.raw_text for f in utf8.figures]


def test_a_page_without_a_table_is_rejected(fixture_bytes):
    with pytest.raises(RejectedFile) as err:
        parse_bytes(fixture_bytes("no_table_notice.html"))
    assert "does not read as a progress bulletin" in err.value.reason


def _cells(body: str) -> list[Cell]:
    cells, pos = [], 0
    for line in body.split("\n"):
        if line:
            cells.append(Cell(line, pos, pos + len(line)))
        pos += len(line) + 1
    return cells


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "1.第一项\n2.1-8月增长5%\n3.2019年度完成",
            [(1, "第一项"), (2, "1-8月增长5%"), (3, "2019年度完成")],
        ),
        ("1、甲完成。\n2、乙完成。", [(1, "甲完成。"), (2, "乙完成。")]),
        ("(1)甲完成。\n(2)乙完成。", [(1, "甲完成。"), (2, "乙完成。")]),
        ("①甲完成;②乙完成。", [(1, "甲完成;"), (2, "乙完成。")]),
        ("一是甲完成;二是乙完成;三是丙完成。", [(1, "甲完成;"), (2, "乙完成;"), (3, "丙完成。")]),
        ("1.甲完成2.5亿元。2.乙完成。", [(1, "甲完成2.5亿元。"), (2, "乙完成。")]),
        ("一、甲\n1.甲一\n2.甲二\n二、乙\n1.乙一", [(1, "甲\n1.甲一\n2.甲二"), (2, "乙\n1.乙一")]),
        ("全年推进顺利。一是甲;二是乙。", [(None, "全年推进顺利。"), (1, "甲;"), (2, "乙。")]),
        ("一段没有编号的进展。", [(None, "一段没有编号的进展。")]),
    ],
)
def test_item_numbering_styles(body, expected):
    items = split_items(body, _cells(body))
    assert [(i.item_no, i.text) for i in items] == expected
    for i in items:
        assert body[i.char_start : i.char_end] == i.text


def test_task_titles():
    assert task_title("稳企业、防风险。扎实做好稳企业各项工作。") == "稳企业、防风险"
    assert (
        task_title(
            "巩固和拓展减税降费成效,制定实施一批新的降本减负措施,降低企业用电、用气、物流等成本。"
        )
        == "巩固和拓展减税降费成效"
    )


def test_a_title_without_a_period_takes_it_from_the_text():
    text = (
        "2021年市政府重点工作推进情况\n序号\n重点工作\n完成情况\n"
        "1\n扩大有效投资。\n1-7月完成投资120亿元。\n"
        "2\n稳定就业。\n截至8月末新增就业1.2万人。\n"
    )
    b = parse_bytes(text.encode("utf-8"))
    assert (b.period_label, str(b.period_end)) == ("1-8月", "2021-08-31")
