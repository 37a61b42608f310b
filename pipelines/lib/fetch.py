"""Fetching bulletin pages over HTTP, politely, into the raw folder (plain Python, no Dagster).

Each page is saved as ``fetched/<host>/<slug>.<sha12>.html`` with a sidecar ``….meta.json`` (url,
final_url, fetched_at, status, sha256, issuer, etag, last_modified). The attachments a page links to
on its own host (a link whose text says 附件, or whose address ends in .docx, .doc, .xlsx, .xls,
.pdf, .wps or .et) are fetched with it, each saved with its own extension and a sidecar naming its
``page``: the attachment is the bulletin, the page gives what the attachment lacks. A page that changed is saved as a
new version beside the old one, never over it. Requests carry a clear User-Agent, time out, are
retried with exponential backoff on timeouts, connection errors, 429 and 5xx, are conditional
(If-None-Match / If-Modified-Since from the last version), and wait ``min_interval`` between two
requests to the same host. A failure is reported in the outcome and never stops the other sources.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib import robotparser
from urllib.parse import urljoin, urlparse

import requests
import yaml

from pipelines.lib.rawfolder import SIDECAR_SUFFIX, sidecar_path

USER_AGENT = (
    "bulletins-warehouse/0.1 (quarterly fetch of government work-report progress bulletins)"
)
RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass
class FetchSettings:
    # limits on what a page can make the fetcher do (sources file settings)
    max_bytes: int = 20_000_000  # a response is cut and refused past this size
    max_seconds: float = 60.0  # a response that takes longer in all is refused
    max_redirects: int = 3  # each redirect checked again against the rules below
    max_links_per_index: int = 50  # pages taken from one index page per run
    allow_private: bool = False  # private, loopback and link-local addresses (a test server)
    obey_robots: bool = True  # robots.txt of each host, read once per run
    timeout: float = 15.0
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    min_interval: float = 1.0  # seconds between two requests to one host
    user_agent: str = USER_AGENT


@dataclass
class Source:
    url: str | None = None  # a bulletin page
    index: str | None = None  # a listing page whose links lead to bulletins
    link_pattern: str | None = None  # regex on a link's text or address (for index pages)
    issuer: str | None = None
    hosts: list[str] = field(default_factory=list)  # other hosts an index page may lead to


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


_KEPT_TYPES = (
    "text/",
    "application/xhtml",
    "application/pdf",
    "application/msword",
    "application/vnd.ms-",
    "application/vnd.openxmlformats",
    "application/wps",
    "application/octet-stream",  # servers send documents so; the reader checks what the bytes are
)


@dataclass
class FetchOutcome:
    url: str
    status: str  # 'new' | 'unchanged' | 'not_modified' | 'failed'
    http_status: int | None = None
    path: str | None = None  # saved file, relative to the raw folder
    error: str | None = None
    issuer: str | None = None
    page: str | None = None  # for an attachment: the saved page it was linked from


ATTACHMENT_SUFFIXES = (".docx", ".doc", ".xlsx", ".xls", ".pdf", ".wps", ".et")


def attachment_links(html: str, page_url: str) -> list[str]:
    """The attachments a page links to on its own host: links whose text says 附件 or whose address
    ends in an Office or PDF extension."""
    parser = _Links()
    parser.feed(html)
    host = urlparse(page_url).netloc
    out = []
    for href, text in parser.links:
        url = urljoin(page_url, href)
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or parsed.netloc != host:
            continue
        if (
            "附件" in text
            or parsed.path.lower().endswith(ATTACHMENT_SUFFIXES)
            or any(text.lower().endswith(s) for s in ATTACHMENT_SUFFIXES)
        ):
            out.append(url)
    return list(dict.fromkeys(out))


def _suffix(url: str, content_type: str) -> str:
    path = urlparse(url).path.lower()
    for suffix in ATTACHMENT_SUFFIXES:
        if path.endswith(suffix):
            return suffix
    types = {
        "application/pdf": ".pdf",
        "application/msword": ".doc",
        "application/vnd.ms-excel": ".xls",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    }
    return types.get(content_type.split(";")[0].strip().lower(), ".bin")


@dataclass
class SourcesFile:
    sources: list[Source] = field(default_factory=list)
    settings: FetchSettings = field(default_factory=FetchSettings)


def load_sources(path: Path) -> SourcesFile:
    """The sources file (YAML). A missing file or an empty list means: work offline."""
    if not path.exists():
        return SourcesFile()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    settings = FetchSettings(**(data.get("settings") or {}))
    sources = [Source(**entry) for entry in data.get("sources") or []]
    for s in sources:
        if bool(s.url) == bool(s.index):
            raise ValueError(f"{path}: each source needs exactly one of 'url' or 'index': {s}")
    return SourcesFile(sources=sources, settings=settings)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._text = []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None


def _slug(url: str) -> str:
    path = urlparse(url).path.rstrip("/") or "index"
    tail = re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_")[-50:] or "page"
    return f"{tail}-{hashlib.sha1(url.encode()).hexdigest()[:8]}"


class Fetcher:
    def __init__(
        self,
        raw_dir: Path,
        settings: FetchSettings | None = None,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.raw_dir = raw_dir
        self.settings = settings or FetchSettings()
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = self.settings.user_agent
        self.sleep = sleep
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, robotparser.RobotFileParser] = {}

    def _polite_wait(self, url: str) -> None:
        host = urlparse(url).netloc
        last = self._last_request.get(host)
        if last is not None:
            wait = self.settings.min_interval - (time.monotonic() - last)
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = time.monotonic()

    def _check_address(self, url: str) -> None:
        """Only http and https, and no private, loopback or link-local address unless allowed."""
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise FetchRefused(f"only http and https addresses are fetched, not {url!r}")
        if self.settings.allow_private:
            return
        try:
            infos = socket.getaddrinfo(parsed.hostname, parsed.port or 80)
        except OSError as exc:
            raise FetchRefused(f"the host {parsed.hostname} cannot be resolved ({exc})") from None
        for info in infos:
            address = ipaddress.ip_address(info[4][0])
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

    def _allowed_by_robots(self, url: str) -> bool:
        """robots.txt of the URL's host, read once per run (no file or no answer: allowed)."""
        if not self.settings.obey_robots:
            return True
        parsed = urlparse(url)
        root = f"{parsed.scheme}://{parsed.netloc}"
        if root not in self._robots:
            rules = robotparser.RobotFileParser()
            try:
                robots = self._read(f"{root}/robots.txt", {}, check_robots=False)
                rules.parse(robots.text.splitlines() if robots.status_code == 200 else [])
            except (requests.RequestException, FetchRefused):
                rules.parse([])
            self._robots[root] = rules
        return self._robots[root].can_fetch(self.settings.user_agent, url)

    def _read(self, url: str, headers: dict, check_robots: bool = True) -> Fetched:
        """One request within the limits: its address checked (again at every redirect), robots.txt
        obeyed, its body streamed and cut at max_bytes, all of it within max_seconds."""
        started = time.monotonic()
        for _ in range(self.settings.max_redirects + 1):
            self._check_address(url)
            if check_robots and not self._allowed_by_robots(url):
                raise FetchRefused(f"robots.txt of {urlparse(url).netloc} disallows {url}")
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
                kind = response.headers.get("Content-Type", "").lower()
                if response.status_code == 200 and kind and not kind.startswith(_KEPT_TYPES):
                    raise FetchRefused(
                        f"content type {kind.split(';')[0]} is not a page, text, PDF or Office file"
                    )
                body = bytearray()
                for chunk in response.iter_content(64 * 1024):
                    body.extend(chunk)
                    if len(body) > self.settings.max_bytes:
                        raise FetchRefused(
                            f"the response is larger than {self.settings.max_bytes / 1e6:.0f} MB "
                            "(settings: max_bytes): cut and not kept"
                        )
                    if time.monotonic() - started > self.settings.max_seconds:
                        raise FetchRefused(
                            f"the response took longer than {self.settings.max_seconds:.0f} s "
                            "(settings: max_seconds): not kept"
                        )
                return Fetched(
                    response.url,
                    response.status_code,
                    response.reason or "",
                    dict(response.headers),
                    bytes(body),
                )
        raise FetchRefused(f"more than {self.settings.max_redirects} redirects from {url}")

    def _get(self, url: str, headers: dict | None = None) -> Fetched:
        attempt = 0
        while True:
            self._polite_wait(url)
            try:
                response = self._read(url, headers or {})
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

    def _folder(self, url: str) -> Path:
        return self.raw_dir / "fetched" / (urlparse(url).netloc.replace(":", "_") or "local")

    def _latest(self, url: str) -> dict | None:
        versions = []
        for sidecar in self._folder(url).glob(f"{_slug(url)}.*{SIDECAR_SUFFIX}"):
            try:
                meta = json.loads(sidecar.read_text(encoding="utf-8"))
            except ValueError:
                continue
            if meta.get("url") == url:
                versions.append(meta)
        return max(versions, key=lambda m: m["fetched_at"]) if versions else None

    def fetch_page(self, url: str, issuer: str | None = None) -> FetchOutcome:
        return self._fetch(url, issuer)

    def fetch_page_and_attachments(self, url: str, issuer: str | None = None) -> list[FetchOutcome]:
        """A bulletin page, then the attachments it links to (each with a sidecar naming the page)."""
        page = self._fetch(url, issuer)
        outcomes = [page]
        if page.path is None:
            return outcomes
        html = (self.raw_dir / page.path).read_text(encoding="utf-8", errors="replace")
        for link in attachment_links(html, url):
            outcomes.append(self._fetch(link, issuer, page=page.path))
        return outcomes

    def _fetch(self, url: str, issuer: str | None = None, page: str | None = None) -> FetchOutcome:
        latest = self._latest(url)
        headers = {}
        if latest and latest.get("etag"):
            headers["If-None-Match"] = latest["etag"]
        if latest and latest.get("last_modified"):
            headers["If-Modified-Since"] = latest["last_modified"]
        try:
            response = self._get(url, headers)
        except FetchRefused as exc:
            return FetchOutcome(url, "refused", error=exc.reason, issuer=issuer, page=page)
        except requests.RequestException as exc:
            return FetchOutcome(
                url, "failed", error=f"{type(exc).__name__}: {exc}", issuer=issuer, page=page
            )
        if response.status_code == 304 and latest:
            return FetchOutcome(url, "not_modified", 304, latest["path"], issuer=issuer, page=page)
        if response.status_code != 200:
            return FetchOutcome(
                url,
                "failed",
                response.status_code,
                error=f"HTTP {response.status_code} {response.reason}",
                issuer=issuer,
                page=page,
            )
        body = response.content
        digest = hashlib.sha256(body).hexdigest()
        if latest and latest.get("sha256") == digest:
            return FetchOutcome(url, "unchanged", 200, latest["path"], issuer=issuer, page=page)
        folder = self._folder(url)
        folder.mkdir(parents=True, exist_ok=True)
        suffix = ".html" if page is None else _suffix(url, response.headers.get("Content-Type", ""))
        target = folder / f"{_slug(url)}.{digest[:12]}{suffix}"
        target.write_bytes(body)
        relative = str(target.relative_to(self.raw_dir))
        meta = {
            "url": url,
            "final_url": response.url,
            "fetched_at": datetime.now(UTC).isoformat(timespec="microseconds"),
            "status": response.status_code,
            "sha256": digest,
            "issuer": issuer,
            "etag": response.headers.get("ETag"),
            "last_modified": response.headers.get("Last-Modified"),
            "path": relative,
        }
        if page is not None:
            meta["page"] = page
        sidecar_path(target).write_text(
            json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        return FetchOutcome(url, "new", 200, relative, issuer=issuer, page=page)

    def index_links(self, source: Source) -> tuple[list[str], FetchOutcome | None]:
        """The links of an index page to follow: those matching its pattern, on the index page's own
        host or a host the source lists, at most max_links_per_index of them."""
        try:
            response = self._get(source.index)
            response.raise_for_status()
        except FetchRefused as exc:
            return [], FetchOutcome(source.index, "refused", error=exc.reason, issuer=source.issuer)
        except requests.RequestException as exc:
            return [], FetchOutcome(
                source.index, "failed", error=f"{type(exc).__name__}: {exc}", issuer=source.issuer
            )
        parser = _Links()
        parser.feed(response.text)
        pattern = re.compile(source.link_pattern) if source.link_pattern else None
        hosts = {urlparse(source.index).netloc, urlparse(response.url).netloc, *source.hosts}
        urls = []
        for href, text in parser.links:
            url = urljoin(response.url, href)
            if urlparse(url).netloc not in hosts:
                continue  # an index page leads only to its own host, or those the source lists
            if pattern is None or pattern.search(text) or pattern.search(href):
                urls.append(url)
        return list(dict.fromkeys(urls))[: self.settings.max_links_per_index], None

    def fetch(
        self, sources: list[Source], on_outcome: Callable[[FetchOutcome], None] | None = None
    ) -> list[FetchOutcome]:
        outcomes: list[FetchOutcome] = []

        def add(outcome: FetchOutcome) -> None:
            outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)

        for source in sources:
            urls = [source.url]
            if not source.url:
                urls, failure = self.index_links(source)
                if failure:
                    add(failure)
            for url in urls:
                for outcome in self.fetch_page_and_attachments(url, source.issuer):
                    add(outcome)
        return outcomes
