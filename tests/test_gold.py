"""Regression against the hand-checked annotation of seed tasks 1-10."""

import re

from pipelines.cli import main
from pipelines.evaluation import predicted_figures, score_figures
from pipelines.parsing import parse_bytes

from .conftest import SEED, gold_path


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
