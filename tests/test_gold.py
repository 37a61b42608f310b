"""Regression against the hand-checked annotation of seed tasks 1-10."""

import re
from pathlib import Path

import pytest

from pipelines.cli import main
from pipelines.devtools.evaluation import (
    compare,
    load_gold,
    predicted_figures,
    score_figures,
)
from pipelines.lib.parsing import parse_bytes

from .conftest import FIXTURES, SEED, gold_path


def test_parser_precision_and_recall_on_seed_tasks_1_to_10(seed_bytes, gold):
    """The seed at the score it has (every figure, nothing else), and each figure read as the gold
    reads it: same span, qualifier and kind, the gold's period where it states one, and a label that
    names the same measure (label bigrams shared) for at least 80% of them (50 of 61 today; the gold's
    labels are an annotator's paraphrases, such as 千亿技术改造投资工程项目 for 项目)."""
    from pipelines.lib.parsing.targets.links import label_similarity

    bulletin = parse_bytes(seed_bytes)
    score = score_figures(predicted_figures(bulletin), gold)
    assert score.precision == 1.0 and score.recall == 1.0, score.report()
    by_span = {f.figure.char_start: f.figure for f in bulletin.figures}
    same_label = 0
    certain = [m for m in gold["metrics"] if not m["uncertain"] or m["char_start"] in by_span]
    for m in certain:
        found = by_span[m["char_start"]]
        assert (found.raw_text, found.qualifier, found.metric_kind) == (
            m["raw"],
            m["qualifier"],
            m["kind"],
        ), m
        if m["period"]:
            assert found.period_label == m["period"], m
        same_label += label_similarity(found.label, m["label"]) >= 0.3
    assert same_label >= 0.8 * len(certain)


def test_scoring_counts_misses_and_extras(seed_bytes, gold):
    predicted = predicted_figures(parse_bytes(seed_bytes))
    dropped = [p for p in predicted if p["raw"] != "1528家"]
    dropped.append(
        {"task_seq": 1, "part": "progress", "raw": "99家", "base_value": 99, "base_unit": "家"}
    )
    score = score_figures(dropped, gold)
    assert [m["raw"] for m in score.misses] == ["1528家"]
    assert [e["raw"] for e in score.extras] == ["99家"]


@pytest.mark.e2e
def test_eval_command_prints_the_scores(capsys, gold):
    code = main(["eval", "--bulletin", str(SEED), "--gold", str(gold_path()), "--min-f1", "0.98"])
    out = capsys.readouterr().out
    assert code == 0
    precision, recall = re.search(r"precision ([0-9.]+)  recall ([0-9.]+)", out).groups()
    assert float(precision) >= 0.98 and float(recall) >= 0.98


GOLD_DIR = Path(__file__).parent / "gold"
FIXTURE_GOLD = sorted(p.name for p in GOLD_DIR.glob("*.json") if load_gold(p).get("fixture"))


def test_every_form_of_bulletin_has_a_gold_file():
    assert len(FIXTURE_GOLD) >= 16, FIXTURE_GOLD


@pytest.mark.parametrize("gold_file", FIXTURE_GOLD)
def test_fixture_gold_files(gold_file):
    """Every fixture with a hand-annotated gold file: its figures (task, section, value, unit) all
    found and nothing else, each with the unit, qualifier and kind the gold gives, its metadata,
    tasks, groups and statuses, the identities its text states, and at least 90% of the target
    links it annotates."""
    gold = load_gold(GOLD_DIR / gold_file)
    path = FIXTURES / gold["fixture"]
    comparison = compare(parse_bytes(path.read_bytes(), path.name), gold)
    assert comparison.holds(min_link_accuracy=0.9), comparison.report()


def test_comparison_names_what_differs():
    """The comparison reports a wrong qualifier, a wrong issuer and a missed identity."""
    import copy

    gold = copy.deepcopy(load_gold(GOLD_DIR / FIXTURE_GOLD[0]))
    path = FIXTURES / gold["fixture"]
    bulletin = parse_bytes(path.read_bytes(), path.name)
    gold["metrics"][0]["qualifier"] = "about"
    gold.setdefault("bulletin", {})["issuer"] = "某某县人民政府"
    gold["identities"] = [
        {
            "task_seq": gold["metrics"][0]["task_seq"],
            "whole": "1个",
            "parts": ["2个"],
            "relation": "sum",
        }
    ]
    comparison = compare(bulletin, gold)
    assert not comparison.holds()
    text = "\n".join(comparison.problems)
    assert "qualifier expected 'about'" in text
    assert "metadata issuer: expected '某某县人民政府'" in text
    assert "missed identity" in text
