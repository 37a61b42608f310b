"""Raw bulletins: every file of the raw folder, as bytes, with its detected encoding and text."""

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import pandas as pd

from .. import settings
from ..parsing.text import RejectedFile, decode_bytes
from ..resources import RawFolderResource, WarehouseResource
from ..warehouse import markdown_table, replace_table
from .fetch import Fetcher, FetchOutcome, load_sources

RAW_SCHEMA = {
    "source_file": "varchar",
    "file_name": "varchar",
    "size_bytes": "bigint",
    "content_sha256": "varchar",
    "encoding": "varchar",
    "decoded_text": "varchar",
    "read_error": "varchar",
    "sidecar": "varchar",
    "loaded_at": "timestamp",
}


SIDECAR_SUFFIX = ".meta.json"


def _read_sidecar(path) -> str | None:
    """The bulletin's metadata sidecar (<file>.meta.json: issuer, url, …), as JSON text, if any."""
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return None
    return sidecar.read_text(encoding="utf-8", errors="replace")


FETCH_LOG_SCHEMA = {
    "url": "varchar",
    "status": "varchar",
    "http_status": "integer",
    "path": "varchar",
    "issuer": "varchar",
    "error": "varchar",
    "fetched_at": "timestamp",
}


@dg.asset(
    key=["raw", "fetched_pages"],
    group_name="ingest",
    kinds={"python"},
    description=(
        "Bulletin pages listed in the sources file (BULLETINS_SOURCES, default pipelines/sources.yaml), "
        "fetched over HTTP into the raw folder with a .meta.json sidecar each; a changed page is kept as "
        "a new version. Failed fetches are listed (raw.fetch_log) and never stop the run. With no "
        "sources configured this makes no network call."
    ),
)
def fetched_pages(
    context: dg.AssetExecutionContext, raw_folder: RawFolderResource, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    sources_file = settings.sources_path()
    config = load_sources(sources_file)
    if not config.sources:
        context.log.info(f"no sources in {sources_file}: nothing fetched (offline)")
        return dg.MaterializeResult(metadata={"sources": 0, "sources_file": str(sources_file)})
    fetcher = Fetcher(Path(raw_folder.path), config.settings)

    def report(outcome: FetchOutcome) -> None:
        if outcome.status == "failed":
            context.log.warning(f"fetch failed: {outcome.url}: {outcome.error}")
        else:
            context.log.info(f"{outcome.status}: {outcome.url}")

    outcomes = fetcher.fetch(config.sources, on_outcome=report)
    now = datetime.now(UTC).replace(tzinfo=None)
    log = pd.DataFrame(
        [{**vars(o), "fetched_at": now} for o in outcomes], columns=list(FETCH_LOG_SCHEMA)
    )
    with warehouse.connect() as con:
        replace_table(con, "raw", "fetch_log", log, FETCH_LOG_SCHEMA)
    counts = log["status"].value_counts().to_dict()
    failed = log[log["status"] == "failed"][["url", "http_status", "error"]]
    return dg.MaterializeResult(
        metadata={
            "sources": len(config.sources),
            "new_versions": counts.get("new", 0),
            "unchanged": counts.get("unchanged", 0) + counts.get("not_modified", 0),
            "failed": counts.get("failed", 0),
            "failures": dg.MetadataValue.md(markdown_table(failed, max_chars=200)),
        }
    )


@dg.asset(
    key=["raw", "bulletin_files"],
    deps=[dg.AssetKey(["raw", "fetched_pages"])],
    group_name="ingest",
    kinds={"python", "duckdb"},
    description=(
        "Every bulletin file (.txt, .html, .htm) under the raw folder, read as bytes: path relative to "
        "the folder, size, SHA-256, detected encoding and decoded text, and its optional metadata "
        "sidecar <file>.meta.json (issuer, url). A file that cannot be decoded keeps its row, with the "
        "reason in read_error."
    ),
)
def raw_bulletin_files(
    context: dg.AssetExecutionContext, raw_folder: RawFolderResource, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    root = raw_folder.path
    files = raw_folder.files()
    loaded_at = datetime.now(UTC).replace(tzinfo=None)
    rows = []
    for n, path in enumerate(files, start=1):
        data = path.read_bytes()
        row = {
            "source_file": str(path.relative_to(root)),
            "file_name": path.name,
            "size_bytes": len(data),
            "content_sha256": hashlib.sha256(data).hexdigest(),
            "encoding": None,
            "decoded_text": None,
            "read_error": None,
            "sidecar": _read_sidecar(path),
            "loaded_at": loaded_at,
        }
        try:
            decoded = decode_bytes(data)
            row["encoding"], row["decoded_text"] = decoded.encoding, decoded.text
        except RejectedFile as exc:
            row["read_error"] = exc.reason
            context.log.warning(f"{row['source_file']}: {exc.reason}")
        rows.append(row)
        if n % 100 == 0:
            context.log.info(f"read {n}/{len(files)} files")
    df = pd.DataFrame(rows, columns=list(RAW_SCHEMA))
    with warehouse.connect() as con:
        replace_table(con, "raw", "bulletin_files", df, RAW_SCHEMA)
    context.log.info(f"read {len(files)} files from {root}")
    preview = df[["source_file", "size_bytes", "encoding", "read_error"]]
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": len(df),
            "raw_folder": root,
            "total_bytes": int(df["size_bytes"].sum()) if len(df) else 0,
            "unreadable_files": int(df["read_error"].notna().sum()) if len(df) else 0,
            "preview": dg.MetadataValue.md(markdown_table(preview)),
        }
    )
