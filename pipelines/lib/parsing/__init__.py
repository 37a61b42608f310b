"""Plain-Python parsing of bulletins: no Dagster here, so every function is unit-testable."""

from .bulletin import parse_bytes, parse_document
from .model import ParsedBulletin, RejectedFile

__all__ = ["ParsedBulletin", "RejectedFile", "parse_bytes", "parse_document"]
