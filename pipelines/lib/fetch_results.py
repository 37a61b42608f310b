"""What one request gives: a response read within the limits, or a refusal with its reason.

At the bottom of the fetcher: the rules, the deadline and the HTTP client all speak of these, and
import nothing of each other through them.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests


class FetchRefused(Exception):
    """A request the fetcher will not make or a response it will not keep; ``reason`` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Fetched:
    """A response read within the limits."""

    url: str
    status_code: int
    reason: str
    headers: dict
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise requests.HTTPError(f"HTTP {self.status_code} {self.reason}")
