"""Why a file is not a bulletin: the one exception every reader and stage raises for it.

At the bottom of the parser: it imports nothing of it, so any reader can refuse a file without
importing another reader (the text decoder, the document readers and the limits all raise it).
"""

from __future__ import annotations


class RejectedFile(Exception):
    """A file that cannot be read as a bulletin; ``reason`` is written for a person."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
