"""ZIP-based documents (.docx, .xlsx) opened within limits: the check every such reader makes
before it reads a member."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from ...model import RejectedFile

if TYPE_CHECKING:
    from pipelines.lib.settings import InputLimits


def check_zip(data: bytes, limits: InputLimits) -> zipfile.ZipFile:
    """Open a ZIP-based document, refusing a corrupt archive or one that unpacks out of proportion
    (a ZIP bomb)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise RejectedFile(f"the file is a corrupt archive ({exc})") from None
    if size > limits.max_uncompressed_bytes or size > limits.max_compression_ratio * max(
        len(data), 1
    ):
        raise RejectedFile(
            f"the archive unpacks to {size / 1e6:.1f} MB from {len(data) / 1e3:.1f} KB: out of "
            f"proportion (limits: {limits.max_uncompressed_bytes / 1e6:.0f} MB, "
            f"{limits.max_compression_ratio:.0f}× its size), refused as a ZIP bomb"
        )
    return archive
