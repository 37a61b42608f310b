"""A run's quarantine: from the checks' outcomes to the statuses recorded in the build file.

The check step hands in what the blocking checks found; the failing rows become
:class:`~pipelines.lib.quarantine.Failure` values with their source sentence, the exceptions file
is read, and the decision (:func:`pipelines.lib.quarantine.decide`) is written to the build.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipelines.lib import quarantine, quarantine_store, settings
from pipelines.lib.quality_checks import CHECKS
from pipelines.lib.quality_suites import CheckOutcome
from pipelines.lib.warehouse import temp_table

BLOCKING = {c.name for c in CHECKS if c.blocking}
# A sentence is shown whole, but a hostile text of one endless "sentence" is not copied whole
# into the status table and the UI.
MAX_SENTENCE_CHARS = 600
_SENTENCE_ENDS = "。;；!！?？\n"


def sentence_around(body: str, start: int, end: int) -> str:
    """The sentence (or sentences) of ``body`` holding characters ``start``..``end``."""
    if not body or start is None or end is None:
        return ""
    left = max(body.rfind(ch, 0, max(start, 0)) for ch in _SENTENCE_ENDS) + 1
    ends = [i for i in (body.find(ch, max(end, 0)) for ch in _SENTENCE_ENDS) if i >= 0]
    right = min(ends) + 1 if ends else len(body)
    sentence = body[left:right].strip()
    if len(sentence) > MAX_SENTENCE_CHARS:
        middle = max(start - left, 0)
        half = MAX_SENTENCE_CHARS // 2
        sentence = "…" + sentence[max(middle - half, 0) : middle + half] + "…"
    return sentence


def failures_of(con, outcomes: dict[str, CheckOutcome]) -> tuple[list[quarantine.Failure], list]:
    """The failing rows of the blocking checks, each with its bulletin and sentence; and the
    blocking checks that failed on rows of no particular bulletin (a line each)."""
    frames, unattributed = [], []
    for name in sorted(BLOCKING):
        outcome = outcomes.get(name)
        if outcome is None or outcome.passed:
            continue
        rows = outcome.by_bulletin
        if rows is None or rows.empty or rows["bulletin_id"].isna().any():
            unattributed.append(f"{name}: {outcome.failed_rows} rows")
            continue
        frames.append(rows.assign(check=name))
    if not frames:
        return [], unattributed
    rows = pd.concat(frames, ignore_index=True)
    bodies = _bodies(con, sorted(set(rows["bulletin_id"])))
    failures = [
        quarantine.Failure(
            bulletin_id=r.bulletin_id,
            source_file=r.bulletin,
            content_sha256=r.content_sha256,
            check=r.check,
            task="" if pd.isna(r.task) else str(r.task),
            failure=r.failure or "",
            sentence=sentence_around(
                bodies.get(r.bulletin_id, ""),
                None if pd.isna(r.char_start) else int(r.char_start),
                None if pd.isna(r.char_end) else int(r.char_end),
            ),
        )
        for r in rows.itertuples(index=False)
    ]
    return failures, unattributed


def _bodies(con, bulletin_ids: list[str]) -> dict[str, str]:
    temp_table(con, "_failing", {"bulletin_id": "varchar"}, {"bulletin_id": bulletin_ids})
    return dict(
        con.execute(
            "select bulletin_id, body_text from parsed.bulletins "
            "where bulletin_id in (select bulletin_id from _failing)"
        ).fetchall()
    )


def project_exceptions() -> list[quarantine.AcceptedException]:
    """The project's exceptions file (BULLETINS_EXCEPTIONS), read against the blocking checks;
    ExceptionsFileError, naming the file and the entry, when it cannot be used."""
    return quarantine.load_exceptions(settings.exceptions_path(), BLOCKING)


def stale_now(statuses: list[quarantine.Status]) -> list[quarantine.AcceptedException]:
    """The entries of the project's exceptions file that match no failure of ``statuses``
    (ExceptionsFileError when the file cannot be used)."""
    return quarantine.stale_exceptions(project_exceptions(), statuses)


def judge(con, outcomes: dict[str, CheckOutcome], checked: list[str]) -> quarantine.Decision:
    """Decide the run's quarantine from its checks' outcomes and record it in the build file.
    An exceptions file that cannot be used publishes nothing (it says which entry and why)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    failures, unattributed = failures_of(con, outcomes)
    try:
        exceptions = project_exceptions()
        problem = None
    except quarantine.ExceptionsFileError as exc:
        exceptions, problem = [], str(exc)
    (n_bulletins,) = con.execute("select count(*) from parsed.bulletins").fetchone()
    decision = quarantine.decide(
        failures=failures,
        checked=set(checked),
        previous=quarantine_store.statuses(con),
        exceptions=exceptions,
        n_bulletins=n_bulletins,
        max_share=settings.max_held_back_share(),
        now=now,
        unattributed=unattributed,
    )
    if problem:
        decision.breaker = f"the exceptions file cannot be used: {problem}"
    quarantine_store.write(con, decision, now)
    return decision
