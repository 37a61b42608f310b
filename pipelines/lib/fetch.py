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

The parts live beside this module: the rules of what may be requested and kept (``fetch_rules``),
one request (``fetch_http``), the links of a page (``fetch_links``), the sources file
(``fetch_sources``) and the saved versions (``fetched_versions``); their names used elsewhere are
importable from here.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import requests

from pipelines.lib.fetch_http import RETRY_STATUSES, HttpClient
from pipelines.lib.fetch_links import ATTACHMENT_SUFFIXES, attachment_links, index_page_links
from pipelines.lib.fetch_results import Fetched, FetchRefused
from pipelines.lib.fetch_rules import USER_AGENT, FetchSettings, allowed_hosts
from pipelines.lib.fetch_sources import Source, SourcesFile, load_sources
from pipelines.lib.fetched_versions import conditional_headers, latest_version, save_version

__all__ = [
    "ATTACHMENT_SUFFIXES",
    "RETRY_STATUSES",
    "USER_AGENT",
    "FetchOutcome",
    "FetchRefused",
    "FetchSettings",
    "Fetched",
    "Fetcher",
    "Source",
    "SourcesFile",
    "attachment_links",
    "load_sources",
]


@dataclass
class FetchOutcome:
    url: str
    status: str  # 'new' | 'unchanged' | 'not_modified' | 'failed' | 'refused'
    http_status: int | None = None
    path: str | None = None  # saved file, relative to the raw folder
    error: str | None = None
    issuer: str | None = None
    page: str | None = None  # for an attachment: the saved page it was linked from
    final_url: str | None = None  # where it was read from, after any redirect


class Fetcher:
    def __init__(
        self,
        raw_dir: Path,
        settings: FetchSettings | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.raw_dir = raw_dir
        self.settings = settings or FetchSettings()
        self.http = HttpClient(self.settings, sleep)

    def fetch_page(
        self, url: str, issuer: str | None = None, hosts: Collection[str] = ()
    ) -> FetchOutcome:
        return self._fetch(url, issuer, hosts)

    def fetch_page_and_attachments(
        self, url: str, issuer: str | None = None, hosts: Collection[str] = ()
    ) -> list[FetchOutcome]:
        """A bulletin page, then the attachments it links to (each with a sidecar naming the page),
        at most max_attachments_per_page of them and one refused row naming how many more there
        were. Redirects may lead to ``hosts`` besides the page's own (the source's ``hosts:``)."""
        page = self._fetch(url, issuer, hosts)
        outcomes = [page]
        if page.path is None:
            return outcomes
        html = (self.raw_dir / page.path).read_text(encoding="utf-8", errors="replace")
        # the page's links are relative to where it was read from, after any redirect
        links = attachment_links(html, page.final_url or url)
        cap = self.settings.max_attachments_per_page
        for link in links[:cap]:
            outcomes.append(self._fetch(link, issuer, hosts, page=page.path))
        if len(links) > cap:
            outcomes.append(
                FetchOutcome(
                    url,
                    "refused",
                    error=(
                        f"{len(links) - cap} more attachment links than "
                        f"{cap} (settings: max_attachments_per_page): not requested"
                    ),
                    issuer=issuer,
                    page=page.path,
                )
            )
        return outcomes

    def _fetch(
        self,
        url: str,
        issuer: str | None = None,
        hosts: Collection[str] = (),
        page: str | None = None,
    ) -> FetchOutcome:
        """One page or attachment: a new version saved, or why none was."""
        latest = latest_version(self.raw_dir, url)
        try:
            response = self.http.get(url, conditional_headers(latest), hosts)
        except FetchRefused as exc:
            return FetchOutcome(url, "refused", error=exc.reason, issuer=issuer, page=page)
        except requests.RequestException as exc:
            return FetchOutcome(
                url, "failed", error=f"{type(exc).__name__}: {exc}", issuer=issuer, page=page
            )
        if response.status_code == 304 and latest:
            return _kept(url, "not_modified", 304, latest, issuer, page)
        if response.status_code != 200:
            return FetchOutcome(
                url,
                "failed",
                response.status_code,
                error=f"HTTP {response.status_code} {response.reason}",
                issuer=issuer,
                page=page,
            )
        digest = hashlib.sha256(response.content).hexdigest()
        if latest and latest.get("sha256") == digest:
            return _kept(url, "unchanged", 200, latest, issuer, page)
        relative = save_version(self.raw_dir, url, response, digest, issuer, page)
        return FetchOutcome(
            url, "new", 200, relative, issuer=issuer, page=page, final_url=response.url
        )

    def index_links(self, source: Source) -> tuple[list[str], FetchOutcome | None]:
        """The links of an index page to follow: those matching its pattern, on the index page's own
        host or a host the source lists, at most max_links_per_index of them."""
        try:
            response = self.http.get(source.index, hosts=source.hosts)
            response.raise_for_status()
        except FetchRefused as exc:
            return [], FetchOutcome(source.index, "refused", error=exc.reason, issuer=source.issuer)
        except requests.RequestException as exc:
            return [], FetchOutcome(
                source.index, "failed", error=f"{type(exc).__name__}: {exc}", issuer=source.issuer
            )
        hosts = allowed_hosts([source.index, response.url], source.hosts)
        urls = index_page_links(response.text, response.url, hosts, source.link_pattern)
        return urls[: self.settings.max_links_per_index], None

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
                for outcome in self.fetch_page_and_attachments(url, source.issuer, source.hosts):
                    add(outcome)
        return outcomes


def _kept(url: str, status: str, code: int, latest: dict, issuer, page) -> FetchOutcome:
    """The version saved before stands (not modified, or the same bytes again)."""
    return FetchOutcome(
        url,
        status,
        code,
        latest["path"],
        issuer=issuer,
        page=page,
        final_url=latest.get("final_url"),
    )
