"""Raw bulletins: every file of the raw folder, as bytes, with its detected encoding and text."""

import json
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import pandas as pd

from pipelines.defs.resources import RawFolderResource, WarehouseResource
from pipelines.lib import inventory, settings
from pipelines.lib.fetch import Fetcher, FetchOutcome, load_sources
from pipelines.lib.raw_links import resolves_inside
from pipelines.lib.raw_table import update_raw_table
from pipelines.lib.rawfolder import fetch_log_path
from pipelines.lib.warehouse import markdown_table, replace_table


def _fetch_log(raw_dir: Path) -> pd.DataFrame:
    path = fetch_log_path(raw_dir)
    rows = []
    # a log linked from outside the folder is not read (the folder scan reports the link)
    if path.is_file() and resolves_inside(path, raw_dir):
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


@dg.asset(
    key=["raw", "bulletin_files"],
    deps=[dg.AssetKey(["raw", "fetched_pages"])],
    group_name="ingest",
    kinds={"python", "duckdb"},
    description=(
        "Every bulletin file (.txt, .html, .htm) under the raw folder, read as bytes: path relative to "
        "the folder, size, SHA-256 and bulletin partition key, detected encoding and decoded text, and "
        "its optional metadata sidecar <file>.meta.json (issuer, url). A file that cannot be decoded "
        "keeps its row, with the reason in read_error; so does a symbolic link resolving outside the "
        "raw folder (or looping), which is never read. Only files new or changed since the last run "
        "(path, size, modification time, sidecar) are read; the others' rows stay."
    ),
)
def raw_bulletin_files(
    context: dg.AssetExecutionContext, raw_folder: RawFolderResource, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    root = Path(raw_folder.path)
    snapshot = inventory.inventory(root)

    def progress(n: int, total: int) -> None:
        context.log.info(f"read {n}/{total} new or changed files")

    with warehouse.connect() as con:
        update = update_raw_table(con, root, on_progress=progress)
        replace_table(con, "raw", "fetch_log", _fetch_log(root), FETCH_LOG_SCHEMA)
        # what this run read, recorded beside the warehouse when it is published
        con.execute("create or replace table raw.folder_inventory (inventory json)")
        con.execute("insert into raw.folder_inventory values (?)", [json.dumps(snapshot)])
        (bulletins, total_bytes, unreadable) = con.execute(
            "select count(distinct partition_key), coalesce(sum(size_bytes), 0), "
            "count(read_error) from raw.bulletin_files"
        ).fetchone()
        preview = con.execute(
            "select source_file, partition_key, size_bytes, encoding, read_error "
            "from raw.bulletin_files order by loaded_at desc, source_file limit 10"
        ).df()
    for source_file, reason in update.errors:
        context.log.warning(f"{source_file}: {reason}")
    for source_file in update.vanished:
        context.log.warning(
            f"{source_file}: removed from the raw folder after it was listed: skipped, not read"
        )
    context.log.info(
        f"{update.files} files in {root}: {update.read} new or changed read ({update.decoded} "
        f"decoded), {update.files - update.read} unchanged since the last run, "
        f"{update.removed} rows of files gone or changed removed"
    )
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": update.files,
            "raw_folder": str(root),
            "bulletins": bulletins,
            "read_this_run": update.read,
            "decoded_this_run": update.decoded,
            "total_bytes": int(total_bytes),
            "unreadable_files": unreadable,
            "preview": dg.MetadataValue.md(markdown_table(preview)),
        }
    )
