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
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
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

    def _polite_wait(self, url: str) -> None:
        host = urlparse(url).netloc
        last = self._last_request.get(host)
        if last is not None:
            wait = self.settings.min_interval - (time.monotonic() - last)
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = time.monotonic()

    def _get(self, url: str, headers: dict | None = None) -> requests.Response:
        attempt = 0
        while True:
            self._polite_wait(url)
            try:
                response = self.session.get(
                    url, headers=headers or {}, timeout=self.settings.timeout
                )
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
        try:
            response = self._get(source.index)
            response.raise_for_status()
        except requests.RequestException as exc:
            return [], FetchOutcome(
                source.index, "failed", error=f"{type(exc).__name__}: {exc}", issuer=source.issuer
            )
        parser = _Links()
        parser.feed(response.text)
        pattern = re.compile(source.link_pattern) if source.link_pattern else None
        urls = []
        for href, text in parser.links:
            if pattern is None or pattern.search(text) or pattern.search(href):
                urls.append(urljoin(response.url, href))
        return list(dict.fromkeys(urls)), None

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
