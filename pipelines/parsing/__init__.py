"""Plain-Python parsing of bulletins: no Dagster here, so every function is unit-testable."""

from .bulletin import ParsedBulletin, parse_bytes, parse_document, parse_text
from .text import RejectedFile

__all__ = ["ParsedBulletin", "RejectedFile", "parse_bytes", "parse_document", "parse_text"]
