"""The Great Expectations suites judge small frames the way the UI will show them."""

import pandas as pd
import pytest

from pipelines.lib.quality_suites import CHECKS, failure_summary, run_check

BY_NAME = {c.name: c for c in CHECKS}


def test_every_check_has_a_description_and_a_known_severity():
    for check in CHECKS:
        assert check.description and check.severity in ("error", "warn")
        assert not (check.blocking and check.severity == "warn")


def test_a_wrong_sum_fails_identities_hold_with_the_row_shown():
    df = pd.DataFrame(
        {
            "bulletin": ["a.txt", "b.txt"],
            "task": [1, 1],
            "whole": ["156家", "83家"],
            "parts": ["73家 + 80家", "23家 + 60家"],
            "relation": ["equals", "at_most"],
            "expected": [156.0, 83.0],
            "found": [153.0, 83.0],
            "difference": [3.0, 0.0],
            "source_text": ["…共156家,出清73家,剩余80家…", "…"],
            "holds": [False, True],
        }
    )
    outcome = run_check(BY_NAME["identities_hold"], df)
    assert not outcome.passed
    assert (outcome.rows_checked, outcome.failed_rows, outcome.failed_percent) == (2, 1, 50.0)
    assert outcome.failures["bulletin"].tolist() == ["a.txt"]
    assert "difference=3.0" in failure_summary(outcome.failures, outcome.failed_rows)


@pytest.mark.parametrize(
    ("check", "column", "good", "bad"),
    [
        ("units_are_known", "base_unit", "家", "块钱"),
        ("base_values_are_value_times_scale", "relative_error", 0.0, 0.5),
        ("percentages_are_plausible", "share_of_ceiling", 0.2, 3.0),
        ("cumulative_figures_do_not_fall", "change_since_previous", 950.0, -200.0),
        ("text_months_within_title_period", "months_beyond", 0, 2),
        ("tasks_have_figures", "n_figures", 3, 0),
        ("bulletins_have_tasks", "n_tasks", 19, 0),
    ],
)
def test_each_check_passes_good_rows_and_fails_bad_ones(check, column, good, bad):
    spec = BY_NAME[check]
    assert run_check(spec, pd.DataFrame({column: [good, good]})).passed
    outcome = run_check(spec, pd.DataFrame({column: [good, bad]}))
    assert not outcome.passed and outcome.failed_rows == 1


def test_figure_spans_must_match_the_text():
    spec = BY_NAME["figure_spans_match_body_text"]
    ok = pd.DataFrame({"raw_text": ["5.4万个"], "text_at_span": ["5.4万个"]})
    bad = pd.DataFrame({"raw_text": ["5.4万个"], "text_at_span": [".4万个超"]})
    assert run_check(spec, ok).passed
    assert not run_check(spec, bad).passed


def test_rejected_files_are_listed():
    spec = BY_NAME["no_rejected_files"]
    assert run_check(spec, pd.DataFrame({"source_file": [], "stage": [], "reason": []})).passed
    outcome = run_check(
        spec, pd.DataFrame({"source_file": ["x.txt"], "stage": ["read"], "reason": ["empty"]})
    )
    assert not outcome.passed
    assert outcome.failures["source_file"].tolist() == ["x.txt"]
