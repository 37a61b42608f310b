"""Raw bulletins: every file of the raw folder, as bytes, with its detected encoding and text."""

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import pandas as pd

from pipelines.defs.partitions import key_of
from pipelines.defs.resources import RawFolderResource, WarehouseResource
from pipelines.lib import inventory, settings
from pipelines.lib.fetch import Fetcher, FetchOutcome, load_sources
from pipelines.lib.parsing.corpus import PARSER_VERSION
from pipelines.lib.parsing.documents.limits import document_limits, time_limit
from pipelines.lib.parsing.text import RejectedFile, read_file
from pipelines.lib.rawfolder import bulletin_files, fetch_log_path, page_of, read_sidecar
from pipelines.lib.warehouse import markdown_table, replace_table

RAW_SCHEMA = {
    "source_file": "varchar",
    "file_name": "varchar",
    "size_bytes": "bigint",
    "content_sha256": "varchar",
    "partition_key": "varchar",
    "encoding": "varchar",
    "source_format": "varchar",
    "decoded_text": "varchar",
    "read_error": "varchar",
    "sidecar": "varchar",
    "page_file": "varchar",
    "is_page": "boolean",
    "decoder_version": "varchar",
    "loaded_at": "timestamp",
}


def _fetch_log(raw_dir: Path) -> pd.DataFrame:
    path = fetch_log_path(raw_dir)
    rows = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                rows.append(json.loads(line))
            except ValueError:
                continue  # a line cut short by an interrupted fetch
    df = pd.DataFrame(rows, columns=list(FETCH_LOG_SCHEMA))
    df["fetched_at"] = pd.to_datetime(df["fetched_at"])
    return df


FETCH_LOG_SCHEMA = {
    "url": "varchar",
    "status": "varchar",
    "http_status": "integer",
    "path": "varchar",
    "issuer": "varchar",
    "error": "varchar",
    "page": "varchar",
    "fetched_at": "timestamp",
}


@dg.asset(
    key=["raw", "fetched_pages"],
    group_name="ingest",
    kinds={"python"},
    description=(
        "Bulletin pages listed in the sources file (BULLETINS_SOURCES, default pipelines/sources.yaml), "
        "fetched over HTTP into the raw folder with a .meta.json sidecar each; a changed page is kept as "
        "a new version. Every fetch is logged in <raw folder>/fetched/fetch_log.jsonl (loaded into "
        "raw.fetch_log by the next processing run); failed fetches never stop the run. With no "
        "sources configured this makes no network call."
    ),
)
def fetched_pages(
    context: dg.AssetExecutionContext, raw_folder: RawFolderResource
) -> dg.MaterializeResult:
    sources_file = settings.sources_path()
    config = load_sources(sources_file)
    if not config.sources:
        context.log.info(f"no sources in {sources_file}: nothing fetched (offline)")
        return dg.MaterializeResult(metadata={"sources": 0, "sources_file": str(sources_file)})
    fetcher = Fetcher(Path(raw_folder.path), config.settings)

    def report(outcome: FetchOutcome) -> None:
        if outcome.status in ("failed", "refused"):
            context.log.warning(f"fetch {outcome.status}: {outcome.url}: {outcome.error}")
        else:
            context.log.info(f"{outcome.status}: {outcome.url}")

    outcomes = fetcher.fetch(config.sources, on_outcome=report)
    now = datetime.now(UTC).replace(tzinfo=None)
    log = pd.DataFrame(
        [{**vars(o), "fetched_at": now} for o in outcomes], columns=list(FETCH_LOG_SCHEMA)
    )
    # the log lives beside the pages it describes; the next processing run loads it (raw.fetch_log)
    log_file = fetch_log_path(Path(raw_folder.path))
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("a", encoding="utf-8") as out:
        for outcome in outcomes:
            row = {name: getattr(outcome, name, None) for name in FETCH_LOG_SCHEMA}
            row["fetched_at"] = now.isoformat()
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    context.log.info(f"fetch log appended to {log_file}")
    counts = log["status"].value_counts().to_dict()
    failed = log[log["status"].isin(["failed", "refused"])][
        ["url", "status", "http_status", "error"]
    ]
    return dg.MaterializeResult(
        metadata={
            "sources": len(config.sources),
            "new_versions": counts.get("new", 0),
            "unchanged": counts.get("unchanged", 0) + counts.get("not_modified", 0),
            "failed": counts.get("failed", 0),
            "refused": counts.get("refused", 0),
            "failures": dg.MetadataValue.md(markdown_table(failed, max_chars=200)),
        }
    )


def _file_row(root: Path, path: Path, pages: set, previous: dict, loaded_at) -> dict:
    """One file's row: its bytes' digest and partition key, its sidecar and page, and its decoded
    text (reused from an earlier run's decode of the same bytes, else read now: ``_decoded``)."""
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    row = {
        "source_file": str(path.relative_to(root)),
        "file_name": path.name,
        "size_bytes": len(data),
        "content_sha256": sha,
        "partition_key": key_of(sha),
        "encoding": None,
        "source_format": None,
        "decoded_text": None,
        "read_error": None,
        "sidecar": read_sidecar(path),
        "page_file": page_of(path),
        "is_page": str(path.relative_to(root)) in pages,
        "decoder_version": PARSER_VERSION,
        "loaded_at": loaded_at,
        "_decoded": sha not in previous,
    }
    if sha in previous:
        row["encoding"], row["source_format"], row["decoded_text"], row["read_error"] = previous[
            sha
        ]
        return row
    try:
        with time_limit(document_limits().parse_seconds, "reading the file"):
            decoded = read_file(data, path.name)
        row["encoding"], row["decoded_text"] = decoded.encoding, decoded.text
        row["source_format"] = decoded.source_format
    except RejectedFile as exc:
        row["read_error"] = exc.reason
    return row


@dg.asset(
    key=["raw", "bulletin_files"],
    deps=[dg.AssetKey(["raw", "fetched_pages"])],
    group_name="ingest",
    kinds={"python", "duckdb"},
    description=(
        "Every bulletin file (.txt, .html, .htm) under the raw folder, read as bytes: path relative to "
        "the folder, size, SHA-256 and bulletin partition key, detected encoding and decoded text, and "
        "its optional metadata sidecar <file>.meta.json (issuer, url). A file that cannot be decoded "
        "keeps its row, with the reason in read_error. Files decoded by an earlier run with the same "
        "code are not decoded again."
    ),
)
def raw_bulletin_files(
    context: dg.AssetExecutionContext, raw_folder: RawFolderResource, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    root = Path(raw_folder.path)
    snapshot = inventory.inventory(root)
    files = bulletin_files(root)
    # a page whose attachment holds the bulletin: the attachment's companion, not a bulletin itself
    pages = {page for path in files if (page := page_of(path))}
    previous = _previous_decodes(warehouse)
    loaded_at = datetime.now(UTC).replace(tzinfo=None)
    rows, decoded_now = [], 0
    for n, path in enumerate(files, start=1):
        row = _file_row(root, path, pages, previous, loaded_at)
        decoded_now += row.pop("_decoded")
        if row["read_error"]:
            context.log.warning(f"{row['source_file']}: {row['read_error']}")
        rows.append(row)
        if n % 200 == 0:
            context.log.info(f"read {n}/{len(files)} files")
    df = pd.DataFrame(rows, columns=list(RAW_SCHEMA))
    with warehouse.connect() as con:
        replace_table(con, "raw", "bulletin_files", df, RAW_SCHEMA)
        replace_table(con, "raw", "fetch_log", _fetch_log(root), FETCH_LOG_SCHEMA)
        # what this run read, recorded beside the warehouse when it is published
        con.execute("create or replace table raw.folder_inventory (inventory json)")
        con.execute("insert into raw.folder_inventory values (?)", [json.dumps(snapshot)])
    context.log.info(
        f"read {len(files)} files from {root} ({decoded_now} decoded, "
        f"{len(files) - decoded_now} unchanged since the last run)"
    )
    preview = df[["source_file", "partition_key", "size_bytes", "encoding", "read_error"]]
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": len(df),
            "raw_folder": str(root),
            "bulletins": int(df["partition_key"].nunique()) if len(df) else 0,
            "decoded_this_run": decoded_now,
            "total_bytes": int(df["size_bytes"].sum()) if len(df) else 0,
            "unreadable_files": int(df["read_error"].notna().sum()) if len(df) else 0,
            "preview": dg.MetadataValue.md(markdown_table(preview)),
        }
    )


def _previous_decodes(warehouse: WarehouseResource) -> dict[str, tuple]:
    """Decoded text of the files an earlier run read with the same code, by content hash."""
    with warehouse.connect() as con:
        (has_table,) = con.execute(
            "select count(*) from information_schema.columns where table_schema = 'raw' "
            "and table_name = 'bulletin_files' and column_name = 'source_format'"
        ).fetchone()
        if not has_table:
            return {}
        rows = con.execute(
            "select content_sha256, any_value(encoding), any_value(source_format), "
            "any_value(decoded_text), "
            "any_value(read_error) from raw.bulletin_files where decoder_version = ? group by 1",
            [PARSER_VERSION],
        ).fetchall()
    return {sha: (encoding, fmt, text, error) for sha, encoding, fmt, text, error in rows}
