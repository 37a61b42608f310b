"""One request of the fetcher (plain Python, no Dagster): within the rules of
:mod:`pipelines.lib.fetch_rules`, made to the address those rules vetted
(:mod:`pipelines.lib.fetch_connection`) within a deadline (:mod:`pipelines.lib.fetch_deadline`),
retried with exponential backoff on timeouts, connection errors, 429 and 5xx, and never sooner than
``min_interval`` after the last request to the same host.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

import requests
import urllib3

from pipelines.lib import fetch_connection
from pipelines.lib.fetch_connection import TRANSPORT_ERRORS, Target, as_request_error
from pipelines.lib.fetch_deadline import Deadline
from pipelines.lib.fetch_results import Fetched, FetchRefused
from pipelines.lib.fetch_rules import (
    FetchSettings,
    RobotsRules,
    check_content_type,
    check_redirect,
    read_body,
    vetted_addresses,
)

RETRY_STATUSES = {429, 500, 502, 503, 504}
# what a browser-less client sends besides its User-Agent; urllib3 decodes gzip and deflate
REQUEST_HEADERS = {"Accept": "*/*", "Accept-Encoding": "gzip, deflate"}


@dataclass
class Redirect:
    """A response that sends the request on to ``location`` (relative to the address asked)."""

    location: str


class HttpClient:
    """The fetcher's requests: a clear User-Agent, polite to each host."""

    def __init__(
        self,
        settings: FetchSettings,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.settings = settings
        self.headers = {**REQUEST_HEADERS, "User-Agent": self.settings.user_agent}
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

    def _check_request(
        self, url: str, requested: str, hosts: Collection[str], check_robots: bool
    ) -> list[str]:
        """The addresses a request to ``url`` (``requested``, or a redirect from it) may connect
        to, once it is allowed."""
        addresses = vetted_addresses(url, self.settings.allow_private)
        check_redirect(requested, url, hosts)
        if check_robots and self.settings.obey_robots and not self._robots.allow(url):
            raise FetchRefused(f"robots.txt of {urlparse(url).netloc} disallows {url}")
        return addresses

    def read(
        self,
        url: str,
        headers: dict,
        hosts: Collection[str] = (),
        check_robots: bool = True,
    ) -> Fetched:
        """One request within the limits: its address checked (again at every redirect, which
        stays on the host asked or goes to one of ``hosts``) and connected to as checked,
        robots.txt obeyed, its body streamed and cut at max_bytes, all of it (connecting,
        redirects, headers and body) within max_seconds."""
        requested = url
        with Deadline(self.settings.max_seconds) as deadline:
            for _ in range(self.settings.max_redirects + 1):
                addresses = self._check_request(url, requested, hosts, check_robots)
                try:
                    fetched = self._exchange(url, addresses, headers, deadline)
                except TRANSPORT_ERRORS as exc:
                    deadline.check()  # a connection cut at the deadline is refused for its time
                    raise as_request_error(exc) from exc
                if isinstance(fetched, Redirect):
                    url = urljoin(url, fetched.location)
                    continue
                return fetched
        raise FetchRefused(f"more than {self.settings.max_redirects} redirects from {url}")

    def _exchange(
        self, url: str, addresses: list[str], headers: dict, deadline: Deadline
    ) -> Fetched | Redirect:
        """One request and its response on a connection of its own: the response read within
        the limits, or the address a redirect leads to."""
        deadline.check()  # a redirect after the deadline is not followed
        target = Target.of(url)
        # a connection attempt cannot be cut, so it may wait no longer than the time left
        sock = fetch_connection.connect(
            target, addresses, min(self.settings.timeout, deadline.left())
        )
        deadline.watch(sock)
        if target.scheme == "https":
            sock = fetch_connection.start_tls(sock, target)
            deadline.watch(sock)
        try:
            fetch_connection.handshake(sock)
            response = fetch_connection.send_request(
                sock, target, {**self.headers, **headers}, self.settings.timeout
            )
            deadline.check()
            return self._response(url, response, deadline)
        finally:
            sock.close()

    def _response(
        self, url: str, response: urllib3.HTTPResponse, deadline: Deadline
    ) -> Fetched | Redirect:
        location = response.headers.get("Location")
        if response.status in (301, 302, 303, 307, 308) and location:
            return Redirect(location)
        check_content_type(response.status, response.headers.get("Content-Type", ""))
        body = read_body(response, self.settings, deadline)
        return Fetched(url, response.status, response.reason or "", dict(response.headers), body)

    def get(self, url: str, headers: dict | None = None, hosts: Collection[str] = ()) -> Fetched:
        """A request retried with exponential backoff, after the polite wait for its host."""
        attempt = 0
        while True:
            self._polite_wait(url)
            try:
                response = self.read(url, headers or {}, hosts)
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
