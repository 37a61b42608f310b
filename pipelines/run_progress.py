"""What ``python -m pipelines run`` shows while it works: one line per step, with its progress.

A Dagster logger (``progress``) that prints a step when it starts and when it ends, and the
progress the steps report (``parsed 400/1000 files``, ``dbt: 40 models and tests``) on the step's
line, and the run's own warnings (a dead run it recovered). Everything else a run logs (dbt's lines, each check's warning, stack traces) stays in the
run's event log (``make ui``) and its log files; the summary after the run says what matters.
On a terminal the step's line is rewritten in place; elsewhere (CI, a log file) each step prints
one line when it ends.
"""

from __future__ import annotations

import logging
import sys
import time

import dagster as dg

# The steps of bulletins_job as a person names them.
STEP_NAMES = {
    "raw__bulletin_files": "read the raw folder",
    "parsed__by_bulletin": "parse the bulletins",
    "parsed_tables": "stage the parsed rows",
    "dbt_models": "build the marts (dbt)",
    "great_expectations_suites": "check the marts",
    "warehouse__held_back": "hold back failing bulletins",
    "warehouse__published": "publish the warehouse",
    "warehouse__exports": "export the marts",
    "report__site": "write the report",
    "raw__fetched_pages": "fetch the sources",
}
# A message that reports a step's progress (or what the run waits for) starts with one of these.
PROGRESS_PREFIXES = ("parsed ", "dbt: ", "waiting for run ")


class StepLines(logging.Handler):
    """Turns a run's log records into a line per step."""

    def __init__(self, stream=None) -> None:
        super().__init__(level=logging.DEBUG)
        self.stream = stream or sys.stdout
        self.live = self.stream.isatty()
        self.started: dict[str, float] = {}
        self.last: dict[str, str] = {}  # a step's latest progress, shown on its closing line

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        step = meta.get("step_key")
        message = str(meta.get("orig_message", ""))
        if step is None:
            # the run's own news (what it waits for, a dead run it recovered): not a step's,
            # which the summary tells
            if event is None and (
                message.startswith(PROGRESS_PREFIXES) or record.levelno >= logging.WARNING
            ):
                self._show(f"  {message}", final=True)
            return
        name = STEP_NAMES.get(step, step)
        kind = event.event_type_value if event is not None else None
        if kind == "STEP_START":
            self.started[step] = time.monotonic()
            self._show(f"  {name} …", final=False)
        elif kind in ("STEP_SUCCESS", "STEP_FAILURE"):
            took = time.monotonic() - self.started.get(step, time.monotonic())
            mark = "done" if kind == "STEP_SUCCESS" else "FAILED"
            last = f": {self.last[step]}" if step in self.last else ""
            self._show(f"  {name:30} {mark} ({took:.1f}s){last}", final=True)
        elif kind == "STEP_SKIPPED":
            self._show(f"  {name:30} skipped", final=True)
        elif event is None and message.startswith(PROGRESS_PREFIXES):
            self.last[step] = message
            self._show(f"  {name} … {message}", final=False)

    def _show(self, line: str, final: bool) -> None:
        if self.live:
            self.stream.write("\r\033[K" + line + ("\n" if final else ""))
        elif final:
            self.stream.write(line + "\n")
        self.stream.flush()


@dg.logger(description="One line per step with its progress (python -m pipelines run).")
def progress_logger(init_context) -> logging.Logger:
    logger = logging.Logger("bulletins_progress", level=logging.DEBUG)
    logger.addHandler(StepLines())
    return logger


RUN_CONFIG = {"loggers": {"progress": {}}}
