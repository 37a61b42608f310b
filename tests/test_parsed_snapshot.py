"""The parser's rows for the seed and every fixture are those of tests/snapshots/parsed_rows.json.

A change meant to change no row (moving the parser's stages, making it faster) must leave this
test passing; a change meant to change rows refreshes the snapshot (README, "Tests").
"""

import copy
import shutil

import pytest

from pipelines.devtools.parsed_snapshot import SNAPSHOT, load, parsed_rows
from pipelines.devtools.snapshot_diff import differences

REFRESH = (
    "\nIf the change of rows is intended: .venv/bin/python -m pipelines snapshot --write "
    "tests/snapshots/parsed_rows.json, and say in the commit which rows changed and why."
)


@pytest.fixture(scope="module")
def parsed() -> dict:
    # the snapshot reads the .doc fixture with antiword, as `make setup` installs it; without it
    # that file would be a rejection, and the rows of its issuer's year would differ with it
    if shutil.which("antiword") is None:
        pytest.skip("antiword is not installed (make readers): the .doc fixture cannot be read")
    return parsed_rows()


def test_the_parsed_rows_are_those_of_the_snapshot(parsed):
    found = differences(load(SNAPSHOT), parsed)
    if found:
        pytest.fail("\n".join(found) + REFRESH, pytrace=False)


def test_a_changed_value_is_reported_by_table_key_and_column(parsed):
    changed = copy.deepcopy(parsed)
    figure = changed["tables"]["figures"][5]
    figure["value"] = (figure["value"] or 0) + 1
    (report,) = differences(parsed, changed)
    assert report.startswith("figures: ") and "rows of 1 keys differ" in report
    assert f"figure_no={figure['figure_no']!r}" in report
    assert "    value: snapshot " in report
    assert len(report.splitlines()) == 3  # the table, the key, the column: not the rows


def test_a_row_gone_is_reported(parsed):
    changed = copy.deepcopy(parsed)
    gone = changed["tables"]["rejected_files"].pop(0)
    (report,) = differences(parsed, changed)
    assert "1 only in the snapshot" in report and repr(gone["source_file"]) in report
