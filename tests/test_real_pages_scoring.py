"""How `make eval-real` compares a page's issuer with its gold (docs/ANNOTATION.md, issuer)."""

import pytest

from pipelines.devtools.real_pages import _same_issuer


@pytest.mark.parametrize(
    ("found", "gold"),
    [
        ("东澜市青溪区人民政府", "青溪区人民政府"),  # the city above a district may be left out
        ("青溪区政府", "东澜市青溪区人民政府"),  # 政府 is 人民政府
        ("南屿省东澜市青溪区人民政府", "青溪区人民政府"),  # two places above
        ("青溪区人民政府", "青溪区人民政府"),
        ("东澜市发改委", "东澜市发展和改革委员会"),  # one department by two of its names
        ("新疆自治区发改委", "新疆维吾尔自治区发展改革委"),  # a place by its short name
        ("湘西州人民政府", "湘西土家族苗族自治州人民政府"),
    ],
)
def test_one_body_named_two_ways_is_one_issuer(found, gold):
    assert _same_issuer(found, gold)


@pytest.mark.parametrize(
    ("found", "gold"),
    [
        ("青溪县人民政府", "青山县人民政府"),  # another county
        ("南屿省发改委", "省发改委"),  # a level alone names no body
        ("南屿省人民政府", "人民政府"),
        ("青溪县人民政府办公室", "青溪县人民政府"),
        (
            "东澜市人民政府",
            "东澜市发改委",
        ),  # a government is not its department  # an office is not its government
        (None, "青溪县人民政府"),
    ],
)
def test_other_bodies_are_other_issuers(found, gold):
    assert not _same_issuer(found, gold)


def test_a_cut_off_at_a_months_end_is_the_months_from_january():
    from pipelines.devtools.real_pages import _norm

    assert _norm("截至8月底") == _norm("1-8月") == _norm("1—8月")
    assert _norm("截至8月10日") != _norm("1-8月")


def test_a_gold_figure_without_a_base_value_is_compared_by_its_value_or_not_at_all():
    from pipelines.devtools.real_pages import _gold_key

    assert _gold_key({"base_value": 54000.0, "base_unit": "个"}) == (54000.0, "个")
    assert _gold_key({"base_value": None, "value": 7, "unit": ""}) == (7.0, "")
    assert _gold_key({"base_value": None, "value": None}) is None


def test_a_gold_base_left_in_a_unit_with_its_multiplier_is_multiplied():
    from pipelines.devtools.real_pages import _gold_key

    assert _gold_key({"base_value": 2400, "base_unit": "億元"}) == (2.4e11, "元")
    assert _gold_key({"base_value": 3.5, "base_unit": "万人"}) == (35000.0, "人")
    assert _gold_key({"base_value": 2.4e11, "base_unit": "元"}) == (2.4e11, "元")


def test_two_readings_are_scored_against_each_other_as_the_parser_is():
    from pipelines.devtools.agreement import agreement

    def reading(issuer, parts):
        return {
            "bulletin": {"title": "东澜县2024年重点工作完成情况", "issuer": issuer, "year": 2024},
            "tasks": [{"seq": 1}, {"seq": 2}],
            "metrics": [
                {"raw": "12所", "base_value": 12, "base_unit": "所"},
                {"raw": "5所", "base_value": 5, "base_unit": "所"},
                {"raw": "7所", "base_value": 7, "base_unit": "所"},
            ],
            "identities": [{"whole": "12所", "parts": parts}],
        }

    first = {"p": reading("东澜县人民政府", ["5所", "7所"])}
    second = {"p": reading("东澜县发改局", ["5所", "6所"])}
    tally = agreement(first, second)
    assert tally["precision"] == (3, 3) and tally["recall"] == (3, 3)
    assert tally["title"] == (1, 1) and tally["issuer"] == (0, 1)  # another body
    assert tally["breakdowns"] == (0, 1) and tally["invented"] == (1, 0)
    assert agreement(first, first)["issuer"] == (1, 1)


def test_a_gold_breakdown_of_one_part_or_marked_uncertain_is_a_judgement_call():
    from pipelines.devtools.real_pages import _judgement_call

    assert _judgement_call({"whole": "5601亿元", "parts": ["1171亿元"]})  # a subset, no breakdown
    assert _judgement_call({"whole": "12所", "parts": ["5所", "7所"], "uncertain": True})
    assert not _judgement_call({"whole": "12所", "parts": ["5所", "7所"]})
