"""One request of the fetcher (plain Python, no Dagster): within the rules of
:mod:`pipelines.lib.fetch_rules`, retried with exponential backoff on timeouts, connection errors,
429 and 5xx, and never sooner than ``min_interval`` after the last request to the same host.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

import requests

from pipelines.lib.fetch_rules import (
    FetchRefused,
    FetchSettings,
    RobotsRules,
    check_address,
    check_content_type,
    read_body,
)

RETRY_STATUSES = {429, 500, 502, 503, 504}


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


class HttpClient:
    """The fetcher's requests: one session with a clear User-Agent, polite to each host."""

    def __init__(
        self,
        settings: FetchSettings,
        session: requests.Session,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.settings = settings
        self.session = session
        self.session.headers["User-Agent"] = self.settings.user_agent
        self.sleep = sleep
        self._last_request: dict[str, float] = {}
        # robots.txt itself is read without asking robots.txt, and without retries
        self._robots = RobotsRules(
            self.settings.user_agent, lambda url: self.read(url, {}, check_robots=False)
        )

    def _polite_wait(self, url: str) -> None:
        host = urlparse(url).netloc
        last = self._last_request.get(host)
        if last is not None:
            wait = self.settings.min_interval - (time.monotonic() - last)
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = time.monotonic()

    def _check_request(self, url: str, check_robots: bool) -> None:
        check_address(url, self.settings.allow_private)
        if check_robots and self.settings.obey_robots and not self._robots.allow(url):
            raise FetchRefused(f"robots.txt of {urlparse(url).netloc} disallows {url}")

    def read(self, url: str, headers: dict, check_robots: bool = True) -> Fetched:
        """One request within the limits: its address checked (again at every redirect), robots.txt
        obeyed, its body streamed and cut at max_bytes, all of it within max_seconds."""
        started = time.monotonic()
        for _ in range(self.settings.max_redirects + 1):
            self._check_request(url, check_robots)
            with self.session.get(
                url,
                headers=headers,
                timeout=self.settings.timeout,
                stream=True,
                allow_redirects=False,
            ) as response:
                if response.is_redirect and response.headers.get("Location"):
                    url = urljoin(url, response.headers["Location"])
                    continue
                check_content_type(response.status_code, response.headers.get("Content-Type", ""))
                body = read_body(response, self.settings, started)
                return Fetched(
                    response.url,
                    response.status_code,
                    response.reason or "",
                    dict(response.headers),
                    body,
                )
        raise FetchRefused(f"more than {self.settings.max_redirects} redirects from {url}")

    def get(self, url: str, headers: dict | None = None) -> Fetched:
        """A request retried with exponential backoff, after the polite wait for its host."""
        attempt = 0
        while True:
            self._polite_wait(url)
            try:
                response = self.read(url, headers or {})
                if response.status_code not in RETRY_STATUSES or attempt >= self.settings.retries:
                    return response
                problem = f"HTTP {response.status_code}"
            except (requests.Timeout, requests.ConnectionError) as exc:
                if attempt >= self.settings.retries:
                    raise
                problem = type(exc).__name__
            delay = self.settings.backoff * 2**attempt
            attempt += 1
            self.sleep(delay)
            _ = problem  # retried: the last problem is raised or returned after the final attempt
