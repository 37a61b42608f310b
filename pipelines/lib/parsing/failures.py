"""A fault of the pipeline while reading or parsing one file (a bug, or memory running out) is
that file's rejection, never the run's failure: the other files are read and parsed as usual. It
stays visible: the rejection's reason names the exception, and the log says which file it hit,
with the traceback, at error level."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

# How every such reason begins: such a rejection is not kept from one run to the next (the file is
# read and parsed again, as the fault may be fixed, or memory may suffice then).
INTERNAL_ERROR = "internal error while "


def is_internal_error(reason: str | None) -> bool:
    return bool(reason) and reason.startswith(INTERNAL_ERROR)


def internal_error(source_file: str, stage: str, exc: BaseException) -> str:
    """Log ``exc``, raised while ``stage`` (e.g. "parsing the bulletin") of ``source_file``, and
    return the reason of the file's rejection."""
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    log.error("internal error while parsing %s (%s): %s", source_file, stage, what, exc_info=exc)
    return (
        f"{INTERNAL_ERROR}{stage}: {what} (a fault of the pipeline on this file, "
        "not a judgement of the file: report it)"
    )
