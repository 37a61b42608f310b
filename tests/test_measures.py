"""The measure of each figure (parsing/meaning/measures.py and its catalog, measure_catalog.csv): a test
per catalog entry, the catalog's form, and the measure of every figure of three fixtures."""

import pytest

from pipelines.lib.parsing import parse_bytes
from pipelines.lib.parsing.figures import extract_figures
from pipelines.lib.parsing.meaning.measures import (
    catalog,
    catalog_measure,
    label_measure_id,
    measure_id_of,
    normalise,
)

from .conftest import FIXTURES, SEED


def test_the_catalog_is_well_formed():
    ids = [m.measure_id for m in catalog()]
    assert len(ids) == len(set(ids)) >= 30
    for m in catalog():
        assert m.measure_id.isascii() and m.measure_id.replace("_", "").isalnum(), m
        assert m.name and m.base_units and m.synonyms and m.example, m
        assert m.measure_type in ("level", "flow", "rate"), m
        assert (m.measure_type == "rate") == (m.base_units == ("%",)), m


@pytest.mark.parametrize("entry", catalog(), ids=lambda m: m.measure_id)
def test_each_catalog_entry_matches_its_example(entry):
    """The entry's example sentence, read by the parser: its first figure belongs to the entry."""
    figure = extract_figures(entry.example)[0]
    assert figure.base_unit in entry.base_units
    assert measure_id_of(figure.label, figure.base_unit) == entry.measure_id, figure.label


def test_matching_rules():
    # the longest synonym wins
    assert catalog_measure("城镇居民人均可支配收入", "元").measure_id == "urban_disposable_income"
    assert catalog_measure("居民人均可支配收入", "元").measure_id == "disposable_income"
    # the unit decides between a measure and its growth
    assert catalog_measure("地区生产总值", "元").measure_id == "gdp"
    assert catalog_measure("地区生产总值增长", "%").measure_id == "gdp_growth"
    # a level or flow never matches a change of it; an exclude vetoes
    assert catalog_measure("城镇居民人均可支配收入增长", "元") is None
    assert catalog_measure("占规上工业增加值比重", "%") is None
    # normalised: scope, time and manner words, marks
    assert normalise("全省累计建成“5G基站”") == "建成5G基站"
    # no entry: a measure of the normalised subject and its unit
    assert measure_id_of("全省减税", "元") == label_measure_id("减税", "元") == "label:减税[元]"


# The catalog measures of three fixtures, by hand from their text (raw text, start); every other
# figure of them takes the measure of its own subject.
CATALOG_FIGURES = {
    SEED: {
        ("2700亿元", 1036): "burden_reduction",
        ("3252亿元", 1104): "burden_reduction",
        ("3150亿元", 1122): "burden_reduction",
        ("10万台", 2361): "industrial_robots",
        ("9.88万台", 2708): "industrial_robots",
        ("5万个", 5192): "base_stations_5g",
        ("5.4万个", 5224): "base_stations_5g",
    },
    FIXTURES / "s12_shi_paragraphs_2023_q1_progress.txt": {
        ("286.53亿元", 104): "gdp",
        ("5.8%", 117): "gdp_growth",
        ("7.9%", 149): "industrial_value_added_growth",
        ("10.4%", 164): "fixed_asset_investment_growth",
        ("98.76亿元", 179): "retail_sales",
        ("6.2%", 191): "retail_sales_growth",
        ("15.32亿元", 204): "general_budget_revenue",
        ("9.5%", 216): "general_budget_revenue_growth",
        ("11.04亿元", 227): "tax_revenue",
        ("13650元", 261): "urban_disposable_income",
        ("6120元", 268): "rural_disposable_income",
        ("4.9%", 278): "urban_disposable_income_growth",
        ("6.8%", 283): "rural_disposable_income_growth",
        ("6家", 485): "new_industrial_enterprises",
        ("135个", 690): "key_projects",
        ("42.7亿元", 730): "key_project_investment",
        ("61.8亿元", 839): "fixed_asset_investment",
        ("10.4%", 850): "fixed_asset_investment_growth",
        ("1862人", 1044): "urban_new_jobs",
        ("2.8%", 1070): "registered_unemployment_rate",
        ("3150个", 1179): "school_places",
    },
    FIXTURES / "s13_tallies_2022_h1_progress.txt": {
        ("68项", 341): "key_projects",
        ("39项", 360): "key_projects_started",
        ("42.6亿元", 370): "key_project_investment",
        ("27项", 419): "key_projects_started",
        ("3.6%", 468): "gdp_growth",
        ("58.4亿元", 506): "fixed_asset_investment",
        ("7.36亿元", 563): "general_budget_revenue",
        ("2.3%", 574): "general_budget_revenue_growth",
        ("1.35万亩", 921): "high_standard_farmland",
    },
}


@pytest.mark.parametrize("path", list(CATALOG_FIGURES), ids=lambda p: p.name)
def test_the_measure_of_every_figure_of_three_fixtures(path):
    bulletin = parse_bytes(path.read_bytes(), path.name)
    expected = CATALOG_FIGURES[path]
    seen = set()
    for pf, meaning in zip(bulletin.figures, bulletin.meanings, strict=True):
        key = (pf.figure.raw_text, pf.figure.char_start)
        if key in expected:
            assert meaning.measure_id == expected[key], key
            seen.add(key)
        else:
            assert meaning.measure_id == label_measure_id(meaning.subject, pf.figure.base_unit), key
    assert seen == set(expected)
