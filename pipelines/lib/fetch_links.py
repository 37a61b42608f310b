"""The links of a fetched page (plain Python, no Dagster): the attachments a bulletin page links to,
and the pages an index page leads to."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

from pipelines.lib.fetch_rules import host_of

ATTACHMENT_SUFFIXES = (".docx", ".doc", ".xlsx", ".xls", ".pdf", ".wps", ".et")


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


def _links_of(html: str) -> list[tuple[str, str]]:
    """The (href, text) of each link of a page, in order."""
    parser = _Links()
    parser.feed(html)
    return parser.links


def attachment_links(html: str, page_url: str) -> list[str]:
    """The attachments a page links to on its own host: links whose text says 附件 or whose address
    ends in an Office or PDF extension."""
    links = _links_of(html)
    host = host_of(page_url)
    out = []
    for href, text in links:
        url = urljoin(page_url, href)
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or host_of(url) != host:
            continue
        if (
            "附件" in text
            or parsed.path.lower().endswith(ATTACHMENT_SUFFIXES)
            or any(text.lower().endswith(s) for s in ATTACHMENT_SUFFIXES)
        ):
            out.append(url)
    return list(dict.fromkeys(out))


def attachment_suffix(url: str, content_type: str) -> str:
    """The extension an attachment is saved with: its address's, else its content type's."""
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


def index_page_links(
    html: str, page_url: str, hosts: set[str], link_pattern: str | None
) -> list[str]:
    """The links of an index page (read from ``page_url``) on one of ``hosts`` whose text or
    address matches ``link_pattern`` (all of them without one), each once, in order."""
    links = _links_of(html)
    pattern = re.compile(link_pattern) if link_pattern else None
    urls = []
    for href, text in links:
        url = urljoin(page_url, href)
        if host_of(url) not in hosts:
            continue  # an index page leads only to its own host, or those the source lists
        if pattern is None or pattern.search(text) or pattern.search(href):
            urls.append(url)
    return list(dict.fromkeys(urls))
