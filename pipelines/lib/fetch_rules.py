"""What the fetcher may request and what it keeps (plain Python, no Dagster).

The rules protect the machine that fetches from the pages it fetches: only http and https, no
private, loopback or link-local address unless the sources file allows it, robots.txt obeyed, only
pages, text, PDF and Office files kept, and a response cut at a size and a time. The limits are the
sources file's settings.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib import robotparser
from urllib.parse import urlparse

import requests

from pipelines.lib.fetch_results import Fetched, FetchRefused

if TYPE_CHECKING:
    import urllib3

    from pipelines.lib.fetch_deadline import Deadline

USER_AGENT = (
    "bulletins-warehouse/0.1 (quarterly fetch of government work-report progress bulletins)"
)


@dataclass
class FetchSettings:
    # limits on what a page can make the fetcher do (sources file settings)
    max_bytes: int = 20_000_000  # a response is cut and refused past this size
    max_seconds: float = 60.0  # a request that takes longer in all is cut and refused
    max_redirects: int = 3  # each redirect checked again against the rules below
    max_links_per_index: int = 50  # pages taken from one index page per run
    # attachments fetched with one page: real bulletin pages link a handful, so a page linking
    # more is not a bulletin page, and its links could otherwise make thousands of requests
    max_attachments_per_page: int = 20
    allow_private: bool = False  # private, loopback and link-local addresses (a test server)
    obey_robots: bool = True  # robots.txt of each host, read once per run
    timeout: float = 15.0
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    min_interval: float = 1.0  # seconds between two requests to one host
    user_agent: str = USER_AGENT


KEPT_TYPES = (
    "text/",
    "application/xhtml",
    "application/pdf",
    "application/msword",
    "application/vnd.ms-",
    "application/vnd.openxmlformats",
    "application/wps",
    "application/octet-stream",  # servers send documents so; the reader checks what the bytes are
)


def host_of(url: str) -> str:
    """The host (and port, if the address names one) a URL is on, as the rules compare hosts."""
    return urlparse(url).netloc.rsplit("@", 1)[-1].lower()


def vetted_addresses(url: str, allow_private: bool) -> list[str]:
    """The IP addresses a request to ``url`` may connect to: its host name resolved once here,
    and the connection made to these very addresses (never to the name again, which could
    resolve elsewhere the second time). Only http and https, and no private, loopback or
    link-local address unless allowed."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise FetchRefused(f"only http and https addresses are fetched, not {url!r}")
    try:
        infos = socket.getaddrinfo(parsed.hostname, parsed.port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise FetchRefused(f"the host {parsed.hostname} cannot be resolved ({exc})") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if allow_private:
        return addresses
    for text in addresses:
        address = ipaddress.ip_address(text)
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_reserved
        ):
            raise FetchRefused(
                f"{parsed.hostname} is a private, loopback or link-local address ({address}); "
                "refused unless the sources file allows it (settings: allow_private)"
            )
    return addresses


def allowed_hosts(urls: Collection[str], hosts: Collection[str]) -> set[str]:
    """The hosts a source may lead the fetcher to: those of the addresses asked, and those the
    sources file lists for it (``hosts:``); a page is not to send the fetcher anywhere else."""
    return {*(host_of(url) for url in urls), *(host.lower() for host in hosts)}


def check_redirect(requested: str, location: str, hosts: Collection[str]) -> None:
    """A redirect stays on the host that was asked, or goes to one the source lists."""
    if host_of(location) not in allowed_hosts([requested], hosts):
        raise FetchRefused(
            f"a redirect from {host_of(requested)} to another host, {host_of(location)} "
            f"({location}): refused unless the source lists that host (hosts:)"
        )


def check_content_type(status_code: int, content_type: str) -> None:
    """A page, text, PDF or Office file is kept; a response of another type is refused."""
    kind = content_type.lower()
    if status_code == 200 and kind and not kind.startswith(KEPT_TYPES):
        raise FetchRefused(
            f"content type {kind.split(';')[0]} is not a page, text, PDF or Office file"
        )


BODY_CHUNK = 64 * 1024  # bytes read at a time; the deadline cuts a read however long it waits


def read_body(response: urllib3.HTTPResponse, settings: FetchSettings, deadline: Deadline) -> bytes:
    """A response's body streamed and cut at max_bytes, within the request's deadline."""
    body = bytearray()
    for chunk in response.stream(BODY_CHUNK):
        body.extend(chunk)
        if len(body) > settings.max_bytes:
            raise FetchRefused(
                f"the response is larger than {settings.max_bytes / 1e6:.0f} MB "
                "(settings: max_bytes): cut and not kept"
            )
        deadline.check()
    deadline.check()  # a body without a length ends quietly when the deadline cuts it
    return bytes(body)


class RobotsRules:
    """robots.txt of each host, read once per run (no file or no answer: allowed).

    ``read`` requests a robots.txt within the other rules (its own reading is not asked of robots.txt).
    """

    def __init__(self, user_agent: str, read: Callable[[str], Fetched]):
        self.user_agent = user_agent
        self._read = read
        self._by_root: dict[str, robotparser.RobotFileParser] = {}

    def allow(self, url: str) -> bool:
        parsed = urlparse(url)
        root = f"{parsed.scheme}://{parsed.netloc}"
        if root not in self._by_root:
            self._by_root[root] = self._rules_of(root)
        return self._by_root[root].can_fetch(self.user_agent, url)

    def _rules_of(self, root: str) -> robotparser.RobotFileParser:
        rules = robotparser.RobotFileParser()
        try:
            robots = self._read(f"{root}/robots.txt")
            rules.parse(robots.text.splitlines() if robots.status_code == 200 else [])
        except (requests.RequestException, FetchRefused):
            rules.parse([])
        return rules
