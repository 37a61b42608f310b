"""Symbolic links in the raw folder: which ones are read, and why the others are not.

Whatever the pipeline reads from the raw folder ends in the warehouse that analysts are given; a
link out of the folder would put what it points at (a system file, another user's folder) there.
A link is judged by where it resolves, the whole chain of links followed, not by how it is
written: ``a -> b -> /etc`` is a link out of the folder even if ``b`` sits inside it.
"""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

OUTSIDE = "symbolic link to a path outside the raw folder: not read"
LOOP = "symbolic link that leads back to itself (a loop of links): not read"
DANGLING = "symbolic link to a file that does not exist: not read"


def is_inside(path: str, real_root: str) -> bool:
    """Whether a resolved path is the raw folder (resolved too) or lies under it."""
    return os.path.commonpath([path, real_root]) == real_root


def resolves_inside(path: Path, raw_dir: Path) -> bool:
    """Whether a path the pipeline reads by name in the raw folder (the fetch log) stays in it
    once its links are followed."""
    return is_inside(os.path.realpath(path), os.path.realpath(raw_dir))


def link_refusal(path: str, real_root: str) -> str | None:
    """Why the link at ``path`` is not read, or None: it resolves to a file or folder inside
    the raw folder, which is read as it would be through its own name."""
    if not is_inside(os.path.realpath(path), real_root):
        return OUTSIDE
    try:
        os.stat(path)
    except OSError as exc:  # a loop is never followed: the resolution stops, with its reason
        return LOOP if exc.errno == errno.ELOOP else DANGLING
    return None


def refused_sha256(source_file: str, reason: str) -> str:
    """The content hash a refused link is recorded under. Its target is never read, so its row
    is keyed by what is known without reading: where the link is and why it was refused."""
    return hashlib.sha256(f"{reason}\0{source_file}".encode()).hexdigest()
