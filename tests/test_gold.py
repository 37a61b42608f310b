"""Regression against the hand-checked annotation of seed tasks 1-10."""

import re
from pathlib import Path

import pytest

from pipelines.cli import main
from pipelines.devtools.evaluation import (
    differences,
    gold_identities,
    gold_links,
    load_gold,
    metadata_mismatches,
    predicted_figures,
    predicted_identities,
    predicted_links,
    score_figures,
)
from pipelines.lib.parsing import parse_bytes
from pipelines.lib.parsing.text import normalize_text

from .conftest import FIXTURES, SEED, gold_path


def test_parser_precision_and_recall_on_seed_tasks_1_to_10(seed_bytes, gold):
    """The seed at the score it has (every figure, nothing else), and each figure read as the gold
    reads it: same span, qualifier and kind, the gold's period where it states one, and a label that
    names the same measure (label bigrams shared) for at least 80% of them (50 of 61 today; the gold's
    labels are an annotator's paraphrases, such as 千亿技术改造投资工程项目 for 项目)."""
    from pipelines.lib.parsing.targets import label_similarity

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
    the identities its text states and the target links it annotates."""
    gold = load_gold(GOLD_DIR / gold_file)
    path = FIXTURES / gold["fixture"]
    bulletin = parse_bytes(path.read_bytes(), path.name)
    score = score_figures(predicted_figures(bulletin), gold)
    assert score.precision == 1.0 and score.recall == 1.0, score.report()
    by_raw = {(f.task_seq, f.figure.raw_text): f.figure for f in bulletin.figures}
    for m in gold["metrics"]:
        found = by_raw[(m["task_seq"], m["raw"])]
        assert (found.unit, found.qualifier, found.metric_kind) == (
            m["unit"],
            m["qualifier"],
            m["kind"],
        ), m
    assert metadata_mismatches(bulletin, gold) == []
    tasks = {t.seq: t for t in bulletin.tasks}
    assert sorted(tasks) == sorted(t["task_seq"] for t in gold["tasks"])
    for expected in gold["tasks"]:
        task = tasks[expected["task_seq"]]
        if "group_label" in expected:
            label = expected["group_label"]
            assert task.group_label == (normalize_text(label) if label else None), expected
        if "status" in expected:
            assert task.status == expected["status"], expected
    if gold.get("identities") is not None:
        assert differences(predicted_identities(bulletin), gold_identities(gold)) == (set(), set())
    expected = gold_links(gold)
    if expected:
        found = predicted_links(bulletin)
        linked = {(t, a) for t, a, b in found if b is not None}
        true = {(t, a) for t, a, b in expected if b is not None}
        correct = found & expected
        assert len(correct) / len(expected) >= 0.9, (
            sorted(expected - found),
            sorted(found - expected),
        )
        assert linked and len({(t, a) for t, a, b in correct if b}) / len(true) >= 0.9
