"""Parsing a run's bulletins in batches, on every core.

A run's bulletins are parsed a batch at a time, so that memory holds one batch's rows per worker
rather than the whole run's, and the batches are spread over the machine's cores
(``BULLETINS_PARSE_WORKERS``, default: all of them). A run with fewer bulletins than a batch is
parsed in its own process, without starting workers.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from pipelines.lib.parsing.corpus import (
    CachedBulletin,
    CorpusResult,
    RawRecord,
    parse_corpus,
    record_parse_key,
    rejection,
)
from pipelines.lib.parsing.failures import internal_error
from pipelines.lib.settings import InputLimits, input_limits, parse_workers

BATCH_SIZE = 250  # bulletins: a few MB of rows, a second or two of parsing


def batches(records: list[RawRecord], size: int = BATCH_SIZE) -> list[list[RawRecord]]:
    """The records in batches of about ``size`` contents; the copies of one content (and so the
    choice of which copy is the bulletin) stay in one batch."""
    by_content: dict[str, list[RawRecord]] = {}
    for record in records:
        by_content.setdefault(record.content_sha256, []).append(record)
    groups = list(by_content.values())
    return [sum(groups[i : i + size], []) for i in range(0, len(groups), size)]


Job = tuple[list[RawRecord], dict[str, CachedBulletin], InputLimits]


def _parse_batch(job: Job) -> CorpusResult:
    """A batch's parse. parse_corpus turns a fault on one record into its rejection; should the
    batch fail all the same (in what it does across its records), each content is parsed alone,
    so that the fault is the rejection of the files it comes from, not of the batch."""
    records, cached, limits = job
    try:
        # task ids are assigned across the warehouse after the parse (pipelines/lib/changes.py)
        return parse_corpus(records, cached=cached, limits=limits)
    except Exception:  # noqa: BLE001 — narrowed down to the records below
        pass
    result = CorpusResult()
    for group in batches(records, size=1):
        try:
            result.merge(parse_corpus(group, cached=cached, limits=limits))
        except Exception as exc:  # noqa: BLE001 — these files' fault is their rejection
            for record in group:
                reason = internal_error(record.source_file, "parsing the bulletin", exc)
                result.rows["rejected_files"].append(rejection(record, "parse", reason))
    return result


def parse_in_batches(
    records: list[RawRecord], cached: dict[str, CachedBulletin]
) -> Iterator[tuple[CorpusResult, int]]:
    """Each batch's parse, with the number of records it held, as the batches finish in order."""
    limits = input_limits()  # read once here, for every worker
    jobs = [
        (batch, {k: cached[k] for r in batch if (k := record_parse_key(r)) in cached}, limits)
        for batch in batches(records)
    ]
    if len(jobs) <= 1 or parse_workers() == 1:
        for job in jobs:
            yield _parse_batch(job), len(job[0])
        return
    # fork: the workers need only the parser, already imported here (no module is imported
    # again, and the command line is not re-run)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=parse_workers(), mp_context=context) as pool:
        # at most two batches per worker in flight: parsed rows wait in memory only until they
        # are written, however many batches the run has
        pending: deque = deque()
        for job in jobs:
            pending.append((job, pool.submit(_parse_batch, job)))
            if len(pending) >= 2 * parse_workers():
                done, future = pending.popleft()
                yield future.result(), len(done[0])
        while pending:
            done, future = pending.popleft()
            yield future.result(), len(done[0])
