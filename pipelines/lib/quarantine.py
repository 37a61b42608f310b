"""Which bulletins a run publishes, holds back or publishes as accepted: the quarantine's rules.

A blocking check whose failing rows belong to particular bulletins (a breakdown that does not add
up, a figure whose span does not match its text …) holds back those bulletins, not the whole
quarter: their parsed rows stay, the published marts do not show them, and every run checks them
again until they pass or a person accepts the error in the source (the exceptions file,
``data/accepted_exceptions.yaml``). What a code change would cause publishes nothing instead (the
circuit breaker): a failing blocking check that is not about particular bulletins, or more than a
set share of the warehouse's bulletins held back at once.

Nothing here reads the warehouse: :mod:`pipelines.lib.quarantine_store` keeps the statuses, the
check step hands in what failed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HELD_BACK = "held_back"
ACCEPTED = "accepted"


@dataclass(frozen=True)
class Failure:
    """One failing row of a blocking check, in words a person can act on."""

    bulletin_id: str
    source_file: str
    content_sha256: str
    check: str
    task: str  # the task's number in the bulletin, '' where the row is the bulletin's own
    failure: str  # 30亿元 ≠ 12亿元 + 8亿元 + 6亿元 = 26亿元
    sentence: str  # the source sentence, whole


@dataclass(frozen=True)
class AcceptedException:
    """A reviewed known error in a source: publish this bulletin although ``check`` fails on it."""

    check: str
    reason: str
    accepted_by: str
    file: str | None = None  # the file's path in the raw folder
    content_sha256: str | None = None  # or its content (pins the entry to one version)
    accepted_on: str | None = None

    def matches(self, failure: Failure) -> bool:
        if self.check != failure.check:
            return False
        if self.content_sha256:
            return failure.content_sha256.startswith(self.content_sha256.lower())
        return self.file == failure.source_file

    def describe(self) -> str:
        what = self.file or f"content {self.content_sha256}"
        return f"{what} ({self.check}), accepted by {self.accepted_by}: {self.reason}"


@dataclass(frozen=True)
class Status:
    """A bulletin that is not simply published: held back, or published as accepted."""

    bulletin_id: str
    source_file: str
    content_sha256: str
    status: str  # HELD_BACK | ACCEPTED
    since: dt.datetime  # first held back (or accepted), kept while it stays so
    failures: tuple[Failure, ...]
    exception: str = ""  # the accepted exception(s), in words
    checked_at: dt.datetime | None = None  # when the checks last judged it (None: now)


@dataclass
class Decision:
    """A run's quarantine: the statuses after the run, and whether it may publish."""

    statuses: list[Status]
    exceptions: list[AcceptedException] = field(default_factory=list)  # decided with these
    breaker: str | None = None  # why nothing is published (one line), if it must not be

    @property
    def held_back(self) -> list[Status]:
        return [s for s in self.statuses if s.status == HELD_BACK]

    @property
    def accepted(self) -> list[Status]:
        return [s for s in self.statuses if s.status == ACCEPTED]

    @property
    def stale_exceptions(self) -> list[AcceptedException]:
        return stale_exceptions(self.exceptions, self.statuses)


# One bulletin alone never trips the breaker on share: a single inconsistent source is the
# source's error, whatever the size of the warehouse (one of three bulletins is a third); a code
# change that breaks the parser breaks more than one.
MIN_HELD_BACK_TO_TRIP = 2


class ExceptionsFileError(ValueError):
    """The exceptions file cannot be used: the message names the file, the entry and the reason."""


_REQUIRED = ("check", "reason", "accepted_by")
# an entry pinned to content names it by enough of its hash to name one file (a bulletin id's 16)
MIN_SHA256_DIGITS = 16


def load_exceptions(path: Path, known_checks: set[str]) -> list[AcceptedException]:
    """The entries of the exceptions file (none if it does not exist). An entry without a reason,
    a reviewer, a file or content, or naming a check that does not exist, is refused whole: a
    half-read list would publish what nobody accepted or hold back what somebody did."""
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ExceptionsFileError(f"{path}: not UTF-8 text (save it as UTF-8)") from None
    except yaml.YAMLError as exc:
        raise ExceptionsFileError(f"{path}: not valid YAML: {exc}") from None
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) != {"exceptions"}:
        raise ExceptionsFileError(
            f"{path}: the file holds one key, 'exceptions:', a list of entries"
        )
    entries = data["exceptions"] or []
    if not isinstance(entries, list):
        raise ExceptionsFileError(f"{path}: 'exceptions' must be a list of entries")
    out = []
    for n, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise ExceptionsFileError(f"{path}: entry {n} is not a mapping of fields")
        not_text = [
            k for k, v in entry.items() if v is not None and not isinstance(v, str | int | dt.date)
        ]
        if not_text:
            raise ExceptionsFileError(f"{path}: entry {n}: {', '.join(not_text)} must be text")
        missing = [k for k in _REQUIRED if not str(entry.get(k) or "").strip()]
        if not (entry.get("file") or entry.get("content_sha256")):
            missing.append("file or content_sha256")
        if missing:
            raise ExceptionsFileError(f"{path}: entry {n} has no {', '.join(missing)}")
        if entry["check"] not in known_checks:
            raise ExceptionsFileError(
                f"{path}: entry {n} names the check {entry['check']!r}, which is not a blocking "
                f"check of the pipeline ({', '.join(sorted(known_checks))})"
            )
        sha = str(entry.get("content_sha256") or "")
        if sha and not re.fullmatch(f"[0-9a-fA-F]{{{MIN_SHA256_DIGITS},64}}", sha):
            raise ExceptionsFileError(
                f"{path}: entry {n}: content_sha256 must be at least {MIN_SHA256_DIGITS} hex "
                "digits of the file's SHA-256 (dim_bulletin.content_sha256)"
            )
        unknown = set(entry) - {f.name for f in AcceptedException.__dataclass_fields__.values()}
        if unknown:
            raise ExceptionsFileError(f"{path}: entry {n} has unknown fields {sorted(unknown)}")
        out.append(
            AcceptedException(**{k: str(v) if v is not None else None for k, v in entry.items()})
        )
    return out


def decide(
    failures: list[Failure],
    checked: set[str],
    previous: list[Status],
    exceptions: list[AcceptedException],
    n_bulletins: int,
    max_share: float,
    now: dt.datetime,
    unattributed: list[str] | None = None,
) -> Decision:
    """The statuses after a run.

    ``failures``: the failing rows of the blocking checks on the bulletins the run ``checked``;
    ``previous``: the statuses before the run; ``n_bulletins``: the bulletins in the warehouse
    after the run; ``unattributed``: the blocking checks that failed on rows of no particular
    bulletin, in one line each (any of them trips the breaker)."""
    by_bulletin: dict[str, list[Failure]] = {}
    for f in failures:
        by_bulletin.setdefault(f.bulletin_id, []).append(f)
    before = {s.bulletin_id: s for s in previous}
    statuses = [s for s in previous if s.bulletin_id not in checked]
    for bulletin_id, rows in sorted(by_bulletin.items()):
        matched = [next((e for e in exceptions if e.matches(f)), None) for f in rows]
        status = ACCEPTED if all(matched) else HELD_BACK
        earlier = before.get(bulletin_id)
        keeps_since = earlier is not None and earlier.status == status
        statuses.append(
            Status(
                bulletin_id=bulletin_id,
                source_file=rows[0].source_file,
                content_sha256=rows[0].content_sha256,
                status=status,
                since=earlier.since if keeps_since else now,
                failures=tuple(rows),
                exception="; ".join(sorted({e.describe() for e in matched if e})),
            )
        )
    decision = Decision(
        statuses=statuses,
        exceptions=exceptions,
    )
    decision.breaker = _breaker(decision, n_bulletins, max_share, unattributed or [])
    return decision


def stale_exceptions(
    exceptions: list[AcceptedException], statuses: list[Status]
) -> list[AcceptedException]:
    """The entries of the exceptions file that match no failure of any bulletin held back or
    accepted: the source was fixed, the parser reads it right now, or the file is gone."""
    failures = [f for s in statuses for f in s.failures]
    return [e for e in exceptions if not any(e.matches(f) for f in failures)]


def _breaker(decision: Decision, n_bulletins: int, max_share: float, unattributed: list[str]):
    if unattributed:
        return (
            f"a blocking check failed on rows of no particular bulletin, which a change of code "
            f"or models causes, not a source: {unattributed[0]}"
        )
    held = len(decision.held_back)
    if held >= MIN_HELD_BACK_TO_TRIP and n_bulletins and held / n_bulletins > max_share:
        return (
            f"{held} of {n_bulletins} bulletins ({held / n_bulletins:.0%}) would be held back, more "
            f"than the {max_share:.0%} a run may hold back (BULLETINS_MAX_HELD_BACK_SHARE): so many "
            "failing at once points to the parser, not the sources (if the sources really are "
            "inconsistent, accept them in the exceptions file, or raise the setting for this run)"
        )
    return None
