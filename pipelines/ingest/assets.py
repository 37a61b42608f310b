"""Raw bulletins: every file of the raw folder, as bytes, with its detected encoding and text."""

import hashlib
from datetime import UTC, datetime

import dagster as dg
import pandas as pd

from ..parsing.text import RejectedFile, decode_bytes
from ..resources import RawFolderResource, WarehouseResource
from ..warehouse import markdown_table, replace_table

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


@dg.asset(
    key=["raw", "bulletin_files"],
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
