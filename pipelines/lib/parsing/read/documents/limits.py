"""The time limit of reading and parsing one file.

The limits themselves (sizes, pages, cells, seconds) are settings, read once in
pipelines/lib/settings.py (:class:`~pipelines.lib.settings.InputLimits`) and passed in."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from pipelines.lib.settings import PARSE_TIMEOUT_ENV

from ...model import RejectedFile


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Refuse ``what`` (a RejectedFile with the reason) if it takes longer than ``seconds``. The limit
    is a timer signal, so it holds only in the main thread; elsewhere the work runs unlimited."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise RejectedFile(
            f"{what} took longer than {seconds:g} s (setting {PARSE_TIMEOUT_ENV}): refused"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
