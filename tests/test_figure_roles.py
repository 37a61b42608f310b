"""The role and subject of each figure (parsing/meaning/roles.py, subjects.py): the seed's
against the roles of its gold file, decided by hand from the text, and each rule on a fixture or
a sentence of its own."""

import json
from pathlib import Path

import pytest

from pipelines.lib.parsing import parse_bytes
from pipelines.lib.parsing.meaning.roles import ROLES

from .conftest import FIXTURES, SEED

# the repository's gold file, which states each figure's role (BULLETINS_GOLD may name a copy
# without roles)
GOLD = Path(__file__).parent / "gold" / "seed_tasks_1_10.json"


def _meanings(data: bytes, name: str = "") -> list[tuple]:
    bulletin = parse_bytes(data, name)
    return [
        (pf.figure.raw_text, pf.figure.char_start, m.role, m.subject, m.measure_id)
        for pf, m in zip(bulletin.figures, bulletin.meanings, strict=True)
    ]


def _prose(text: str) -> bytes:
    title = "青山县2022年重点工作上半年完成情况通报\n\n"
    return (title + text).encode()


def test_every_figure_of_the_seed_has_its_gold_role():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    found = {start: role for _, start, role, _, _ in _meanings(SEED.read_bytes())}
    checked = 0
    for metric in gold["metrics"]:
        assert metric["role"] in ROLES, metric
        if metric["char_start"] not in found:
            assert metric["uncertain"], f"gold figure not found: {metric['raw']}"
            continue
        assert found[metric["char_start"]] == metric["role"], metric
        checked += 1
    assert checked == 61


def test_burden_reduction_roles_keep_the_sum_of_the_reported_from_counting_twice():
    rows = _meanings(SEED.read_bytes())
    burden = [r for r in rows if r[4] == "burden_reduction"]
    assert [(r[0], r[2]) for r in burden] == [
        ("2700亿元", "target"),
        ("3252亿元", "breakdown_whole"),
        ("3150亿元", "quoted_target"),
    ]
    parts = [r[0] for r in rows if r[2] == "breakdown_part" and 1100 < r[1] < 1200]
    assert parts == ["1740亿元", "1183亿元", "100亿元", "229亿元"]


def test_tasks_counted_by_status_are_a_tally():
    rows = _meanings((FIXTURES / "s13_tallies_2022_h1_progress.txt").read_bytes())
    tally = [r[0] for r in rows if r[2] == "status_tally"]
    assert tally == [
        "85项",
        "221个",
        "36个",
        "16.3%",
        "29个",
        "13.1%",
        "139个",
        "62.9%",
        "17个",
        "7.7%",
    ]
    rows = _meanings((FIXTURES / "s11_minsheng_prose_2024_1_9_progress.txt").read_bytes())
    assert [r[0] for r in rows if r[2] == "status_tally"] == ["10件", "2件", "7件", "1件"]


def test_completion_ratios_and_gaps_to_a_benchmark():
    rows = {
        r[0]: r for r in _meanings((FIXTURES / "s13_tallies_2022_h1_progress.txt").read_bytes())
    }
    assert rows["38.5%"][2] == "completion_ratio"  # 占年计划的38.5%
    assert rows["11.5个百分点"][2] == "benchmark"  # 低于序时进度11.5个百分点
    assert rows["3.4个百分点"][2] == "benchmark"  # 低于目标3.4个百分点
    assert rows["3.6%"][2] == "actual"


@pytest.mark.parametrize(
    ("text", "figure", "role"),
    [
        ("1.项目建设。全县新签约10亿元以上项目12个,总投资320亿元。", "10亿元", "benchmark"),
        ("1.项目建设。全县新签约10亿元以上项目12个,总投资320亿元。", "12个", "actual"),
        ("1.经济运行。地区生产总值增长6.1%,高于全国平均0.8个百分点。", "0.8个百分点", "benchmark"),
        ("1.经济运行。地区生产总值增长6.1%,比全国平均高0.8个百分点。", "0.8个百分点", "benchmark"),
        ("1.经济运行。降幅较一季度收窄2.1个百分点。", "2.1个百分点", "actual"),
        ("1.投资。完成投资100亿元以上,同比增长5%。", "100亿元", "actual"),
    ],
)
def test_thresholds_and_benchmarks(text, figure, role):
    rows = {r[0]: r for r in _meanings(_prose(text))}
    assert rows[figure][2] == role


def test_generic_labels_take_the_subject_they_refer_to():
    rows = {r[0]: r for r in _meanings(SEED.read_bytes())}
    assert rows["83家"][3] == "出险和存在隐患企业剩余"  # the breakdown's whole
    assert rows["5035项"][3] == "千亿技术改造投资工程项目"  # the project named before
    assert rows["12567亿元"][3] == "千亿技术改造投资工程项目总投资"  # the projects' money
    assert rows["37亿元"][3] == "增补防疫应急智能化技术改造项目总投资"
    assert rows["17项"][3].endswith("风险平台(试运行)指标")  # the words after 指标
    assert rows["14个"][3] == "部门"  # 省发改委等14个部门
    s13 = {r[0]: r for r in _meanings((FIXTURES / "s13_tallies_2022_h1_progress.txt").read_bytes())}
    assert s13["3.6%"][3] == "地区生产总值增长"  # the task's title: 地区生产总值(第1项)
    assert s13["42.6亿元"][3] == "推进省市县重点项目完成投资"  # the whole's, not a part's


def test_every_figure_of_every_fixture_has_a_role_subject_and_measure():
    names = [
        p
        for p in sorted(FIXTURES.glob("*"))
        if p.is_file() and not p.name.startswith(("rej_", "no_table"))
    ]
    for path in names:
        for raw, _, role, subject, measure_id in _meanings(path.read_bytes(), path.name):
            assert role in ROLES and subject and measure_id, (path.name, raw)
