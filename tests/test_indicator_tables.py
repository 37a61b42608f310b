"""An indicator table written as text with a unit column (S15): the bare numbers of its target and
done columns are figures in each row's unit; a line without a number is a further indicator of the
row above."""

from __future__ import annotations

from pipelines.lib.parsing import parse_bytes

INDICATOR_TABLE = """青山县2023年1-9月重点民生实事推进情况

序号 考核指标 单 位 工作目标 已完成数 占年任务之比 备  注
1 城镇新增就业 万人 4.8 5.6  116.7% 人社局
2 农村公路提质改造 公里  150 162.3  108.2% 交通局
新建农村公路 公里  90 95  105.6%
3 两癌免费检查 42000 45120 107.4% 卫健委
4 提高城乡低保标准 元/月/人 不低于500元 520  达到目标 民政局
"""


def _rows(b, seq):
    return [
        (f.section, f.figure.raw_text, f.figure.base_value, f.figure.base_unit)
        for f in b.figures
        if f.task_seq == seq
    ]


def test_bare_numbers_take_the_unit_of_their_row():
    b = parse_bytes(INDICATOR_TABLE.encode())
    assert [t.seq for t in b.tasks] == [1, 2, 3, 4]
    assert b.tasks[0].text == "城镇新增就业"
    assert _rows(b, 1) == [
        ("task", "4.8", 48000.0, "人"),
        ("progress", "5.6", 56000.0, "人"),
        ("progress", "116.7%", 116.7, "%"),
    ]
    labels = {f.figure.raw_text: f.figure.label for f in b.figures if f.task_seq == 1}
    assert labels["4.8"] == "城镇新增就业"
    kinds = {f.figure.raw_text: f.figure.metric_kind for f in b.figures}
    assert kinds["116.7%"] == "completion_ratio"


def test_a_line_without_a_number_is_a_further_indicator_of_the_row_above():
    b = parse_bytes(INDICATOR_TABLE.encode())
    assert _rows(b, 2) == [
        ("task", "150", 150.0, "公里"),
        ("progress", "162.3", 162.3, "公里"),
        ("progress", "108.2%", 108.2, "%"),
        ("task", "90", 90.0, "公里"),
        ("progress", "95", 95.0, "公里"),
        ("progress", "105.6%", 105.6, "%"),
    ]
    labels = [f.figure.label for f in b.figures if f.task_seq == 2 and f.figure.base_unit == "公里"]
    assert labels == ["农村公路提质改造"] * 2 + ["新建农村公路"] * 2


def test_a_row_with_its_unit_cell_empty_states_no_figure_but_its_ratio():
    b = parse_bytes(INDICATOR_TABLE.encode())
    assert _rows(b, 3) == [("progress", "107.4%", 107.4, "%")]
    assert b.tasks[2].responsible_units is None  # 卫健委 stays in the remarks


def test_a_target_written_in_words_is_read_as_text_of_its_column():
    b = parse_bytes(INDICATOR_TABLE.encode())
    # 不低于500元 in the target column is a target; 520 is done, in its line's unit 元/月/人
    assert _rows(b, 4) == [("task", "500元", 500.0, "元"), ("progress", "520", 520.0, "元/月/人")]
    assert [f.figure.qualifier for f in b.figures if f.task_seq == 4] == ["at_least", None]


def test_a_column_of_responsible_bodies_is_not_a_unit_of_measurement():
    text = """青山县2023年上半年重点工作推进情况

序号 目标任务 责任单位 完成情况
1 新建学校3所 县教育局 已开工2所
2 改造农村公路120公里 县交通局 完成改造80公里
3 新增城镇就业5000人 县人社局 新增城镇就业3100人
"""
    b = parse_bytes(text.encode())
    assert [t.responsible_units for t in b.tasks] == ["县教育局", "县交通局", "县人社局"]
    assert [(f.task_seq, f.section, f.figure.raw_text) for f in b.figures] == [
        (1, "task", "3所"),
        (1, "progress", "2所"),
        (2, "task", "120公里"),
        (2, "progress", "80公里"),
        (3, "task", "5000人"),
        (3, "progress", "3100人"),
    ]


def test_a_unit_column_of_bodies_leaves_the_numbers_bare():
    text = """青山县2023年上半年重点工作推进情况

序号 考核指标 单 位 工作目标 已完成数 占年任务之比
1 新建学校 县教育局 3 2 66.7%
2 改造农村公路 县交通局 120 80 66.7%
3 新增城镇就业 县人社局 5000 3100 62.0%
"""
    b = parse_bytes(text.encode())
    assert not [f for f in b.figures if f.figure.raw_text in ("3", "2", "120", "80", "5000")]
    assert [t.seq for t in b.tasks] == [1, 2, 3]
    assert [f.figure.raw_text for f in b.figures] == ["66.7%", "66.7%", "62.0%"]


def test_bounded_numbers_ranges_and_bracketed_comparables_are_figures_of_the_row():
    """5左右, 约8, 30000以上 (a bound on one number), 12-15 (a range: two), 9.4(可比6.2) (a number and
    a comparable one): each number a figure in its row's unit, with its bound."""
    text = """东澜区2022年经济和社会发展指标完成情况

序号 指标名称 单位 年初目标 全年完成数
1 地区生产总值增长率 % 5左右 9.4(可比6.2)
2 合同利用外资 亿美元 12-15 16.2
3 展演场次 场次/年 30000以上 41250
4 新增就业 万人 约8 9.1
"""
    b = parse_bytes(text.encode())
    figures = [
        (f.section, f.figure.raw_text, f.figure.base_value, f.figure.base_unit, f.figure.qualifier)
        for f in b.figures
    ]
    assert figures == [
        ("task", "5", 5.0, "%", "approx"),
        ("progress", "9.4", 9.4, "%", None),
        ("progress", "6.2", 6.2, "%", None),
        ("task", "12", 1200000000.0, "美元", None),
        ("task", "15", 1500000000.0, "美元", None),
        ("progress", "16.2", 1620000000.0, "美元", None),
        ("task", "30000", 30000.0, "场次/年", "more_than"),
        ("progress", "41250", 41250.0, "场次/年", None),
        ("task", "8", 80000.0, "人", "approx"),
        ("progress", "9.1", 91000.0, "人", None),
    ]


def test_another_number_in_brackets_is_not_this_row_s():
    """7.2(目标6.5), 4.8(全市5.6): the cell is text; only its own figure with a unit is read."""
    text = """东澜区2022年经济和社会发展指标完成情况

序号 指标名称 单位 年初目标 全年完成数
1 地区生产总值增长率 % 6 7.2(目标6.5)
2 新增就业 万人 4 4.8(全市5.6)
"""
    b = parse_bytes(text.encode())
    assert [f.figure.raw_text for f in b.figures] == ["6", "4"]


def test_a_column_of_the_year_to_date_is_progress_in_each_rows_unit():
    """A table whose only numbers column is headed by a period of the year so far (1-6月) reports
    what was reached by then: a report of progress, not a plan."""
    text = (
        "指标 | 计量单位 | 1-6月 |\n"
        "1.地区生产总值增长率 | % | 6.4 |\n"
        "2.城镇新增就业 | 万人 | 3.2 |\n"
        "3.新建农村公路 | 公里 | 85 |\n"
    )
    b = parse_bytes(text.encode())
    assert [
        (f.section, f.figure.raw_text, f.figure.base_value, f.figure.base_unit) for f in b.figures
    ] == [
        ("progress", "6.4", 6.4, "%"),
        ("progress", "3.2", 32000.0, "人"),
        ("progress", "85", 85.0, "公里"),
    ]
