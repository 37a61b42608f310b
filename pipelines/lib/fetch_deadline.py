"""The time one request may take in all, enforced while it runs (plain Python, no Dagster).

A socket's timeout bounds each wait for bytes, not a response: a server sending one byte every few
seconds never trips it and could hold a request for hours. So a request has a deadline
(``max_seconds``, the sources file's setting) for connecting, its redirects, headers and body
together, and a timer cuts the connection it is on the moment the deadline passes, wherever the
request is waiting. The request is then refused with the reason, like the other refusals.
"""

from __future__ import annotations

import socket
import threading
import time

from pipelines.lib.fetch_results import FetchRefused


class Deadline:
    """Use as a context manager around one request; ``watch`` each socket it opens."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._ends = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._passed = False
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True  # a pending timer never keeps the process alive

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._timer.cancel()

    def left(self) -> float:
        """Seconds left (bounds the wait for a connection, which no socket can be cut during)."""
        return max(0.0, self._ends - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        """The socket to cut when the deadline passes (at once if it has passed)."""
        with self._lock:
            self._sock = sock
            if self._passed:
                _shut(sock)

    def check(self) -> None:
        """Refused once the deadline has passed: whatever was read is not kept."""
        if self._passed or time.monotonic() >= self._ends:
            raise FetchRefused(
                f"the request took longer than {self.seconds:g} s in all (connecting, "
                "redirects, headers and body; settings: max_seconds): cut and not kept"
            )

    def _cut(self) -> None:
        with self._lock:
            self._passed = True
            if self._sock is not None:
                _shut(self._sock)


def _shut(sock: socket.socket) -> None:
    """Shut a socket down for both directions, which wakes a read blocked on it in another thread.
    The plain socket's method, also for a TLS socket: it acts on the connection beneath without
    touching the TLS state the reading thread is using."""
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass  # already closed, or its descriptor handed to the TLS socket watched next
