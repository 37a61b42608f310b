"""The fetched pages and attachments in the raw folder (plain Python, no Dagster).

Each version is saved as ``fetched/<host>/<slug>.<sha12><suffix>`` beside the versions before it,
``<host>`` the host it was read from in the end (after a redirect, the host redirected to), ``<slug>``
from the address asked,
never over them, with a sidecar ``….meta.json`` (url, final_url, fetched_at, status, sha256, issuer,
etag, last_modified, path, and for an attachment the ``page`` it was linked from). The latest
version's etag and date make the next request conditional.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

from pipelines.lib.fetch_links import attachment_suffix
from pipelines.lib.fetch_results import Fetched
from pipelines.lib.rawfolder import SIDECAR_SUFFIX, fetched_dir, sidecar_path


def _slug(url: str) -> str:
    path = urlparse(url).path.rstrip("/") or "index"
    tail = re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_")[-50:] or "page"
    return f"{tail}-{hashlib.sha1(url.encode()).hexdigest()[:8]}"


def _folder(raw_dir: Path, url: str) -> Path:
    return fetched_dir(raw_dir) / (urlparse(url).netloc.replace(":", "_") or "local")


def latest_version(raw_dir: Path, url: str) -> dict | None:
    """The sidecar of the last version fetched from ``url``, if any, under whichever host's
    folder it was saved (a redirect may have led elsewhere)."""
    versions = []
    for sidecar in fetched_dir(raw_dir).glob(f"*/{_slug(url)}.*{SIDECAR_SUFFIX}"):
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if meta.get("url") == url:
            versions.append(meta)
    return max(versions, key=lambda m: m["fetched_at"]) if versions else None


def conditional_headers(latest: dict | None) -> dict:
    """If-None-Match / If-Modified-Since from the last version, so an unchanged page is not sent."""
    headers = {}
    if latest and latest.get("etag"):
        headers["If-None-Match"] = latest["etag"]
    if latest and latest.get("last_modified"):
        headers["If-Modified-Since"] = latest["last_modified"]
    return headers


def save_version(
    raw_dir: Path,
    url: str,
    response: Fetched,
    digest: str,
    issuer: str | None,
    page: str | None,
) -> str:
    """A new version (a page, or an attachment of ``page``) and its sidecar; its path relative to
    the raw folder. It is saved under the host it came from (``response.url``'s), so a folder holds
    only what that host sent; named after the address asked, so the next request finds it."""
    folder = _folder(raw_dir, response.url)
    folder.mkdir(parents=True, exist_ok=True)
    suffix = (
        ".html"
        if page is None
        else attachment_suffix(url, response.headers.get("Content-Type", ""))
    )
    target = folder / f"{_slug(url)}.{digest[:12]}{suffix}"
    target.write_bytes(response.content)
    relative = str(target.relative_to(raw_dir))
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
    return relative
