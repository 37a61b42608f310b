"""Where the parser's time goes: its throughput beside the floor, and each stage's share.

The floor is one regular expression for a number and its unit (the figure stage's own) scanned over
the same decoded text: the least any parser that finds figures must do. Each stage's share is the
cumulative CPU time of its entry point (bulletin.py runs each once per bulletin), measured with
cProfile; the structure stage's includes the figures its readers ask for (a task states figures)."""

from __future__ import annotations

import cProfile
import pstats
import time

from pipelines.lib.parsing import parse_bytes
from pipelines.lib.parsing.figures.finder import FIGURE_PATTERN
from pipelines.lib.parsing.read import read_file
from pipelines.lib.settings import input_limits

# (stage, module of its entry point, entry point), in the order bulletin.py runs them
STAGES = [
    ("read", "read/__init__.py", "read_document"),
    ("metadata", "metadata/reader.py", "read_metadata"),
    ("structure", "structure/__init__.py", "read_structure"),
    ("figures", "figures/__init__.py", "read_figures"),
    ("breakdowns", "breakdowns/__init__.py", "find_breakdowns"),
    ("targets", "targets/__init__.py", "link_bulletin_targets"),
    ("meaning", "meaning/__init__.py", "figure_meanings"),
]


def floor_mb_per_s(files: list[bytes]) -> float:
    """Decoding each file and scanning it once for number-and-unit, on one core."""
    limits = input_limits()
    started = time.process_time()
    for data in files:
        FIGURE_PATTERN.findall(read_file(data, "", limits).text)
    return sum(map(len, files)) / 1e6 / (time.process_time() - started)


def stage_shares(files: list[bytes]) -> dict[str, float]:
    """Each stage's share of the parse's CPU time (profiled: the profiler slows every call alike)."""
    profile = cProfile.Profile()
    profile.enable()
    for data in files:
        parse_bytes(data)
    profile.disable()
    stats = pstats.Stats(profile).stats  # {(file, line, name): (cc, nc, tt, ct, callers)}
    total = sum(tt for _, _, tt, _, _ in stats.values())
    shares = {}
    for stage, module, entry in STAGES:
        shares[stage] = (
            sum(
                ct
                for (path, _, name), (_, _, _, ct, _) in stats.items()
                if name == entry and path.endswith("parsing/" + module)
            )
            / total
        )
    return shares
