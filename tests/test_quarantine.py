"""The quarantine's rules without a run: which bulletins are held back, accepted or published, when
the breaker trips, how the exceptions file is read, and how a failing row is shown."""

import datetime as dt

import pandas as pd
import pytest

from pipelines.lib.quality_suites import CheckOutcome
from pipelines.lib.quarantine import (
    ACCEPTED,
    HELD_BACK,
    AcceptedException,
    ExceptionsFileError,
    Failure,
    Status,
    decide,
    load_exceptions,
)
from pipelines.lib.quarantine_run import (
    BLOCKING,
    MAX_SENTENCE_CHARS,
    failures_of,
    sentence_around,
)

NOW = dt.datetime(2026, 10, 1, 6, 0)
EARLIER = dt.datetime(2026, 7, 1, 6, 0)


def _failure(bulletin="b1", file="a.txt", check="identities_hold", sha="aa11"):
    return Failure(bulletin, file, sha, check, "1", "30亿元 ≠ 12亿元 + 8亿元 + 6亿元 = 26亿元", "…")


def _decide(failures, checked, previous=(), exceptions=(), n=10, share=0.25, unattributed=None):
    return decide(
        failures=list(failures),
        checked=set(checked),
        previous=list(previous),
        exceptions=list(exceptions),
        n_bulletins=n,
        max_share=share,
        now=NOW,
        unattributed=unattributed,
    )


def test_a_failing_bulletin_is_held_back_and_the_others_are_not():
    d = _decide([_failure("b1")], checked={"b1", "b2", "b3"})
    assert [(s.bulletin_id, s.status, s.since) for s in d.statuses] == [("b1", HELD_BACK, NOW)]
    assert d.breaker is None


def test_held_back_keeps_its_since_while_it_fails_and_leaves_when_it_passes():
    before = Status("b1", "a.txt", "aa11", HELD_BACK, EARLIER, (_failure(),), checked_at=EARLIER)
    again = _decide([_failure("b1")], checked={"b1"}, previous=[before])
    assert again.statuses[0].since == EARLIER
    fixed = _decide([], checked={"b1"}, previous=[before])
    assert fixed.statuses == []  # published


def test_a_bulletin_not_checked_this_run_keeps_its_status():
    before = Status("b1", "a.txt", "aa11", HELD_BACK, EARLIER, (_failure(),), checked_at=EARLIER)
    d = _decide([_failure("b2", "b.txt")], checked={"b2"}, previous=[before])
    assert {(s.bulletin_id, s.status) for s in d.statuses} == {("b1", HELD_BACK), ("b2", HELD_BACK)}
    # the one not checked keeps when it was last checked; the other is judged now
    assert {s.bulletin_id: s.checked_at for s in d.statuses} == {"b1": EARLIER, "b2": None}


def test_a_bulletin_no_longer_accepted_is_held_back_from_now():
    before = Status("b1", "a.txt", "aa11", ACCEPTED, EARLIER, (_failure(),), "a.txt …")
    (status,) = _decide([_failure("b1")], checked={"b1"}, previous=[before]).statuses
    assert (status.status, status.since) == (HELD_BACK, NOW)


def test_an_exception_for_a_bulletin_held_back_by_another_check_is_not_stale():
    entry = AcceptedException(check="identities_hold", reason="r", accepted_by="w", file="a.txt")
    failures = [_failure("b1"), _failure("b1", check="units_are_known")]
    d = _decide(failures, checked={"b1"}, exceptions=[entry])
    assert d.statuses[0].status == HELD_BACK and d.stale_exceptions == []


def test_an_exception_for_the_file_and_check_accepts_it():
    entry = AcceptedException(
        check="identities_hold", reason="the source", accepted_by="w", file="a.txt"
    )
    d = _decide([_failure("b1")], checked={"b1"}, exceptions=[entry])
    (status,) = d.statuses
    assert status.status == ACCEPTED and "accepted by w: the source" in status.exception
    assert d.stale_exceptions == []


def test_an_exception_for_another_check_does_not_accept_it():
    entry = AcceptedException(check="units_are_known", reason="r", accepted_by="w", file="a.txt")
    d = _decide([_failure("b1")], checked={"b1"}, exceptions=[entry])
    assert d.statuses[0].status == HELD_BACK
    assert d.stale_exceptions == [entry]


def test_an_exception_pinned_to_content_matches_that_content_only():
    entry = AcceptedException(
        check="identities_hold", reason="r", accepted_by="w", content_sha256="AA11"
    )
    assert (
        _decide([_failure(sha="aa11ff")], {"b1"}, exceptions=[entry]).statuses[0].status == ACCEPTED
    )
    assert (
        _decide([_failure(sha="bb22")], {"b1"}, exceptions=[entry]).statuses[0].status == HELD_BACK
    )


def test_an_exception_matching_no_failure_is_stale():
    entry = AcceptedException(check="identities_hold", reason="r", accepted_by="w", file="gone.txt")
    assert _decide([], checked={"b1"}, exceptions=[entry]).stale_exceptions == [entry]


def test_an_accepted_bulletin_not_checked_again_keeps_its_exception_from_being_stale():
    entry = AcceptedException(check="identities_hold", reason="r", accepted_by="w", file="a.txt")
    before = Status("b1", "a.txt", "aa11", ACCEPTED, EARLIER, (_failure(),), "a.txt …")
    assert _decide([], checked={"b2"}, previous=[before], exceptions=[entry]).stale_exceptions == []


def test_the_breaker_trips_when_too_many_are_held_back():
    failures = [_failure(f"b{i}", f"{i}.txt") for i in range(3)]
    d = _decide(failures, checked={f"b{i}" for i in range(4)}, n=4)
    assert d.breaker and "3 of 4 bulletins (75%)" in d.breaker and "25%" in d.breaker


def test_one_bulletin_alone_never_trips_the_breaker_on_share():
    assert _decide([_failure("b1")], checked={"b1"}, n=2).breaker is None


def test_a_blocking_check_failing_on_no_particular_bulletin_trips_the_breaker():
    d = _decide([], checked={"b1"}, unattributed=["units_are_known: 4 rows"])
    assert "no particular bulletin" in d.breaker and "units_are_known" in d.breaker


def _write(tmp_path, text: str):
    path = tmp_path / "accepted_exceptions.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_exceptions_file_is_read(tmp_path):
    path = _write(
        tmp_path,
        "exceptions:\n  - file: a.txt\n    check: identities_hold\n    reason: stated so\n"
        "    accepted_by: Wang\n    accepted_on: 2026-12-05\n",
    )
    (entry,) = load_exceptions(path, BLOCKING)
    assert (entry.file, entry.check, entry.accepted_by, entry.accepted_on) == (
        "a.txt",
        "identities_hold",
        "Wang",
        "2026-12-05",
    )
    assert load_exceptions(tmp_path / "missing.yaml", BLOCKING) == []


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "  - file: a.txt\n    check: identities_hold\n    accepted_by: W\n",
            "entry 1 has no reason",
        ),
        (
            "  - check: identities_hold\n    reason: r\n    accepted_by: W\n",
            "file or content_sha256",
        ),
        ("  - file: a.txt\n    check: holds\n    reason: r\n    accepted_by: W\n", "'holds'"),
        (
            "  - file: a.txt\n    check: identities_hold\n    reason: r\n    accepted_by: W\n    by: x\n",
            "unknown fields",
        ),
        ("  - just a string\n", "not a mapping"),
        (
            "  - file: a.txt\n    check: [identities_hold]\n    reason: r\n    accepted_by: W\n",
            "check must be text",
        ),
        (
            "  - content_sha256: abc\n    check: identities_hold\n    reason: r\n    accepted_by: W\n",
            "at least 16 hex digits",
        ),
    ],
)
def test_an_unusable_exceptions_entry_is_refused_naming_the_file_and_entry(
    tmp_path, entry, message
):
    path = _write(tmp_path, "exceptions:\n" + entry)
    with pytest.raises(ExceptionsFileError) as error:
        load_exceptions(path, BLOCKING)
    assert str(path) in str(error.value) and message in str(error.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- file: a.txt\n", "one key, 'exceptions:'"),
        ("exception:\n  - file: a.txt\n", "one key, 'exceptions:'"),
        ("exceptions: a.txt\n", "must be a list"),
        ("exceptions: [\n", "not valid YAML"),
    ],
)
def test_an_unusable_exceptions_file_is_refused_whole(tmp_path, text, message):
    with pytest.raises(ExceptionsFileError) as error:
        load_exceptions(_write(tmp_path, text), BLOCKING)
    assert message in str(error.value)


def test_an_exceptions_file_not_in_utf8_is_refused(tmp_path):
    path = tmp_path / "accepted_exceptions.yaml"
    path.write_bytes("exceptions:\n  - reason: 来源有误\n".encode("gbk"))
    with pytest.raises(ExceptionsFileError, match="not UTF-8"):
        load_exceptions(path, BLOCKING)
    assert load_exceptions(_write(tmp_path, "exceptions: []\n"), BLOCKING) == []


def test_the_sentence_of_a_figure_is_shown_whole():
    body = "一、整治企业。\n1.排查企业共156家,完成整改73家,剩余80家。2.检查12次。"
    start = body.index("156家")
    assert sentence_around(body, start, start + 4) == "1.排查企业共156家,完成整改73家,剩余80家。"
    endless = "共" + "很" * 5000 + "156家" + "长" * 5000
    cut = sentence_around(endless, 5001, 5005)
    assert "156家" in cut and len(cut) <= MAX_SENTENCE_CHARS + 2


def _outcome(rows: pd.DataFrame | None, failed: int) -> CheckOutcome:
    return CheckOutcome(
        passed=False,
        rows_checked=10,
        failed_rows=failed,
        failed_percent=10.0,
        failures=pd.DataFrame(),
        expectation="",
        by_bulletin=rows,
    )


class _NoBodies:
    """A connection with no bulletin texts (failures_of asks for the failing bulletins' texts)."""

    def execute(self, *args, **kwargs):
        return self

    def register(self, *args):
        pass

    def unregister(self, *args):
        pass

    def fetchall(self):
        return []


def test_failing_rows_without_a_bulletin_are_not_attributed_to_one():
    rows = pd.DataFrame(
        {
            "bulletin": ["a.txt"],
            "task": [1],
            "bulletin_id": ["b1"],
            "content_sha256": ["aa11"],
            "failure": ["30亿元 ≠ 26亿元"],
            "char_start": [0],
            "char_end": [4],
        }
    )
    failures, unattributed = failures_of(
        _NoBodies(),
        {
            "identities_hold": _outcome(rows, 1),
            "units_are_known": _outcome(None, 4),
        },
    )
    assert [(f.bulletin_id, f.check, f.task, f.failure) for f in failures] == [
        ("b1", "identities_hold", "1", "30亿元 ≠ 26亿元")
    ]
    assert unattributed == ["units_are_known: 4 rows"]


def test_every_blocking_check_names_the_bulletin_of_its_failing_rows():
    """A blocking check without the quarantine's columns would trip the breaker on any failure."""
    from pipelines.lib.quality_checks import CHECKS, QUARANTINE_COLUMNS

    for check in CHECKS:
        if check.blocking:
            for column in QUARANTINE_COLUMNS:
                assert column in check.sql, (check.name, column)


def test_statuses_are_kept_in_the_warehouse_and_read_back(tmp_path):
    import duckdb

    from pipelines.lib import quarantine_store

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    d = _decide([_failure("b1")], checked={"b1"})
    quarantine_store.write(con, d, NOW)
    (status,) = quarantine_store.statuses(con)
    assert (status.bulletin_id, status.status, status.since) == ("b1", HELD_BACK, NOW)
    assert status.failures[0].failure == "30亿元 ≠ 12亿元 + 8亿元 + 6亿元 = 26亿元"
    assert quarantine_store.held_back_now(con) == ["b1"]
    # a later run that judged only another bulletin: b1's rows are not this run's to remove
    later = NOW + dt.timedelta(days=90)
    carried = quarantine_store.statuses(con)
    d = _decide([_failure("b2", "b.txt")], checked={"b2"}, previous=carried)
    quarantine_store.write(con, d, later)
    assert quarantine_store.held_back_now(con) == ["b2"]
    assert {s.bulletin_id: s.checked_at for s in quarantine_store.statuses(con)} == {
        "b1": NOW,
        "b2": later,
    }


def test_statuses_are_read_on_a_read_only_connection(tmp_path):
    """The publish step and the run's summary read the statuses without writing."""
    import duckdb

    from pipelines.lib import quarantine_store

    path = str(tmp_path / "w.duckdb")
    with duckdb.connect(path) as con:
        quarantine_store.write(con, _decide([_failure("b1")], checked={"b1"}), NOW)
    with duckdb.connect(path, read_only=True) as con:
        assert [s.bulletin_id for s in quarantine_store.statuses(con)] == ["b1"]
