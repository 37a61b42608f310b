"""The role rules that keep "sum the reported quantities of a measure" from counting a figure twice
(parsing/meaning/roles.py; README, "Roles and measures"), each on invented text: a lone part after
其中, the size of a set, nested thresholds, a figure restated in a second task, targets and
completion ratios by their wording."""

from pipelines.lib.parsing import parse_bytes
from pipelines.lib.parsing.meaning.roles import REPORTED


def _rows(text: str) -> list[tuple]:
    data = ("南湖区2023年重点工作上半年推进情况通报\n\n" + text).encode()
    bulletin = parse_bytes(data, "")
    return [
        (pf.figure.raw_text, pf.task_seq, m.role, m.subject, m.measure_id)
        for pf, m in zip(bulletin.figures, bulletin.meanings, strict=True)
    ]


def _roles(text: str) -> list[tuple[str, str]]:
    return [(r[0], r[2]) for r in _rows(text)]


def test_a_lone_part_after_qizhong_is_a_part_of_the_figure_of_its_unit_before():
    rows = _rows("1.数字基建。截至6月底,全区累计建成5G基站860个,其中二季度新建5G基站210个。")
    assert [(r[0], r[2], r[4]) for r in rows] == [
        ("860个", "breakdown_whole", "base_stations_5g"),
        ("210个", "breakdown_part", "base_stations_5g"),
    ]
    # the stock is the only reported quantity of the measure: 860, not 1070
    assert sum(float(r[0][:-1]) for r in rows if r[2] in REPORTED) == 860


def test_the_reach_of_qizhong():
    # every figure of the unit after 其中 in its sentence, whatever stands between
    assert _roles(
        "1.数字基建。累计建成5G基站860个,其中:城区新建210个,带动投资3亿元;乡镇新建95个。"
    ) == [
        ("860个", "breakdown_whole"),
        ("210个", "breakdown_part"),
        ("3亿元", "actual"),
        ("95个", "breakdown_part"),
    ]
    # the next sentence is out of its reach
    assert _roles("1.数字基建。累计建成5G基站860个,其中二季度新建210个。新增充电桩300个。")[2] == (
        "300个",
        "actual",
    )
    # a figure of another unit is no part; rates and averages are never parts of a sum
    roles = dict(
        _roles("1.财政。一般公共预算收入12.6亿元,增长4.2%,其中税收收入增长7.5%,带动就业800人。")
    )
    assert (
        roles["12.6亿元"] == "actual" and roles["7.5%"] == "actual" and roles["800人"] == "actual"
    )
    roles = dict(_roles("1.收入。居民人均可支配收入21380元,其中城镇居民人均可支配收入26410元。"))
    assert roles["26410元"] == "actual"
    # no figure of the unit before 其中 in the sentence: no part
    assert _roles("1.文旅。接待游客增长12%,其中过夜游客38万人次。") == [
        ("12%", "actual"),
        ("38万人次", "actual"),
    ]


def test_the_size_of_a_set_is_scope_not_an_actual_of_what_is_counted_in_it():
    rows = _rows("1.项目建设。全区80个市级重点项目已开工57个。")
    assert [(r[0], r[2]) for r in rows] == [("80个", "scope"), ("57个", "actual")]
    assert rows[0][3] == "市级重点项目"  # the words after it, up to the word of progress
    assert rows[1][4] == "key_projects_started"  # 已 dropped: 市级重点项目开工
    assert _roles("1.项目建设。全区80个重点项目中已有57个开工。")[0] == ("80个", "scope")
    # a larger second figure counts no part of the first; punctuation between: two statements
    assert _roles("1.教育。9个街道建成学位1800个。") == [("9个", "actual"), ("1800个", "actual")]
    assert _roles("1.城建。改造老旧小区45个,加装电梯30部。") == [
        ("45个", "actual"),
        ("30部", "actual"),
    ]


def test_counts_under_nested_thresholds_are_parts_and_thresholds_benchmarks():
    rows = _rows("1.招商引资。引进亿元以上产业项目37个,其中5亿元以上项目9个,20亿元以上项目3个。")
    assert [(r[0], r[2]) for r in rows] == [
        ("37个", "breakdown_whole"),
        ("5亿元", "benchmark"),
        ("9个", "breakdown_part"),
        ("20亿元", "benchmark"),
        ("3个", "breakdown_part"),
    ]
    # a count after a threshold is of the class it bounds
    assert [r[3] for r in rows if r[0] in ("9个", "3个")] == ["5亿元以上项目", "20亿元以上项目"]


def test_a_figure_restated_in_a_later_task_is_restated():
    text = (
        "1.数字经济。推广应用智慧场景74个,数字经济核心产业增加值增长11.3%。\n\n"
        "2.产业协同。累计推广应用智慧场景74个,上半年新增智慧场景74个。\n\n"
        "3.城市治理。推广应用智慧场景74个,其中社区场景20个。\n"
    )
    rows = _rows(text)
    assert [(r[0], r[1], r[2]) for r in rows if r[0] == "74个"] == [
        ("74个", 1, "actual"),
        ("74个", 2, "restated"),  # same raw text, measure and period in a later task
        ("74个", 2, "actual"),  # another measure (新增智慧场景): not a restatement
        ("74个", 3, "restated"),  # a whole restated is restated too
    ]
    assert sum(1 for r in rows if r[0] == "74个" and r[2] in REPORTED) == 2


def test_targets_named_by_their_wording_and_completion_ratios():
    rows = _rows("1.就业。截至6月底,城镇新增就业累计3600人,完成全年目标任务4500人的80%。")
    assert [(r[0], r[2], r[4]) for r in rows] == [
        ("3600人", "actual", "urban_new_jobs"),
        ("4500人", "quoted_target", "urban_new_jobs"),  # the target of the figure before it
        ("80%", "completion_ratio", rows[2][4]),
    ]
    roles = dict(_roles("1.托育。截至6月底,新增托位450个,超额完成全年400个的目标。"))
    assert roles == {"450个": "actual", "400个": "quoted_target"}
    roles = dict(_roles("1.投资。截至6月底,已完成投资31.2亿元,是年度任务的104%。"))
    assert roles == {"31.2亿元": "actual", "104%": "completion_ratio"}
    roles = dict(_roles("1.造林。截至6月底,已完成造林1.2万亩,占年度计划的61%,为年度计划的61%。"))
    assert roles == {"1.2万亩": "actual", "61%": "completion_ratio"}
    # not a target: a gap to one, or a count of targets
    roles = dict(_roles("1.经济运行。上半年地区生产总值同比增长4.9%,低于年度目标1.1个百分点。"))
    assert roles["1.1个百分点"] == "benchmark"
    roles = dict(_roles("1.督查。截至6月底,共梳理目标任务45项,已完成12项。"))
    assert roles["45项"] != "quoted_target"
