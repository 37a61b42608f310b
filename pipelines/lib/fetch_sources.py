"""The sources file (YAML): the pages and index pages to fetch, and the fetcher's settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipelines.lib.fetch_rules import FetchSettings


@dataclass
class Source:
    url: str | None = None  # a bulletin page
    index: str | None = None  # a listing page whose links lead to bulletins
    link_pattern: str | None = None  # regex on a link's text or address (for index pages)
    issuer: str | None = None
    hosts: list[str] = field(default_factory=list)  # other hosts an index page may lead to


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
