"""Regression against the hand-checked annotation of seed tasks 1-10."""

import re
from pathlib import Path

import pytest

from pipelines.cli import main
from pipelines.evaluation import load_gold, predicted_figures, score_figures
from pipelines.parsing import parse_bytes

from .conftest import FIXTURES, SEED, gold_path


def test_parser_precision_and_recall_on_seed_tasks_1_to_10(seed_bytes, gold):
    score = score_figures(predicted_figures(parse_bytes(seed_bytes)), gold)
    assert score.precision >= 0.98, score.report()
    assert score.recall >= 0.98, score.report()


def test_scoring_counts_misses_and_extras(seed_bytes, gold):
    predicted = predicted_figures(parse_bytes(seed_bytes))
    dropped = [p for p in predicted if p["raw"] != "1528家"]
    dropped.append(
        {"task_seq": 1, "part": "progress", "raw": "99家", "base_value": 99, "base_unit": "家"}
    )
    score = score_figures(dropped, gold)
    assert [m["raw"] for m in score.misses] == ["1528家"]
    assert [e["raw"] for e in score.extras] == ["99家"]


def test_eval_command_prints_the_scores(capsys, gold):
    code = main(["eval", "--bulletin", str(SEED), "--gold", str(gold_path()), "--min-f1", "0.98"])
    out = capsys.readouterr().out
    assert code == 0
    precision, recall = re.search(r"precision ([0-9.]+)  recall ([0-9.]+)", out).groups()
    assert float(precision) >= 0.98 and float(recall) >= 0.98


@pytest.mark.parametrize(
    ("fixture", "gold_file"),
    [
        ("s2_county_2022_h1_progress.html", "s2_county_2022_h1_progress.json"),
        ("s4_pipe_merged_2022_q1_progress.txt", "s4_pipe_merged_2022_q1_progress.json"),
    ],
)
def test_fixture_gold_files(fixture, gold_file):
    bulletin = parse_bytes((FIXTURES / fixture).read_bytes())
    gold = load_gold(Path(__file__).parent / "gold" / gold_file)
    score = score_figures(predicted_figures(bulletin), gold)
    assert score.precision == 1.0 and score.recall == 1.0, score.report()
    by_raw = {(f.task_seq, f.figure.raw_text): f.figure for f in bulletin.figures}
    for m in gold["metrics"]:
        found = by_raw[(m["task_seq"], m["raw"])]
        assert (found.unit, found.qualifier, found.metric_kind) == (
            m["unit"],
            m["qualifier"],
            m["kind"],
        )
