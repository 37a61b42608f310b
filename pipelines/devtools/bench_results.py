"""The benchmark's figures: printed, compared with the previous bench of the same size, and kept
for the next one in ``.bench/results.json``."""

from __future__ import annotations

import json
import time
from pathlib import Path

from pipelines.lib import settings

RESULTS_FILE = settings.PROJECT_ROOT / ".bench" / "results.json"

# (key, label, format, unit); lower is better for all but throughput and accuracy
FIGURES = [
    ("parser_mb_per_s_one_core", "parser throughput", "{:.2f}", "MB/s"),
    ("floor_mb_per_s_one_core", "floor: one number-and-unit scan", "{:.1f}", "MB/s"),
    ("precision", "precision", "{:.4f}", ""),
    ("recall", "recall", "{:.4f}", ""),
    ("full_run_s", "full run", "{:.1f}", "s"),
    ("one_new_run_s", "one new bulletin", "{:.1f}", "s"),
    ("nothing_new_run_s", "rerun, nothing new", "{:.2f}", "s"),
    ("peak_memory_mb", "peak memory (a run)", "{:.0f}", "MB"),
    ("warehouse_mb", "warehouse size", "{:.1f}", "MB"),
    ("warehouse_to_raw_text", "warehouse / raw text", "{:.1f}", "×"),
]


def previous_results(n: int, path: Path = RESULTS_FILE) -> dict | None:
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8")).get(str(n))


def save_results(r: dict, path: Path = RESULTS_FILE) -> None:
    """Keep the figures by corpus size, for the next bench to compare with."""
    path.parent.mkdir(parents=True, exist_ok=True)
    saved = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    saved[str(r["bulletins"])] = {**r, "measured_at": time.strftime("%Y-%m-%d %H:%M")}
    path.write_text(json.dumps(saved, indent=2, ensure_ascii=False), encoding="utf-8")


def print_results(r: dict, previous: dict | None = None) -> None:
    print(
        f"corpus: {r['bulletins']} bulletins, {r['corpus_mb']:.1f} MB (S1 text, S2 HTML, S4 pipe); "
        f"files in {r['work_dir']}"
    )
    if r.get("parser_sample", r["bulletins"]) < r["bulletins"]:
        print(f"parser measured on the first {r['parser_sample']} bulletins")
    if previous:
        print(f"compared with the previous bench of {r['bulletins']} ({previous['measured_at']})")
    for key, label, fmt, unit in FIGURES:
        if key not in r:
            continue
        line = f"  {label + ':':34}{fmt.format(r[key]):>10} {unit:5}"
        if previous and key in previous:
            line += f"  previous {fmt.format(previous[key]):>10}"
            if previous[key]:
                line += f"  ({r[key] / previous[key]:.2f}×)"
        print(line)
    if shares := r.get("stage_shares"):
        parts = ", ".join(f"{stage} {share:.0%}" for stage, share in shares.items())
        print(f"  parser's time by stage: {parts} (cProfile, first bulletins)")
    for run in ("full_run", "one_new_run"):
        steps = r.get(f"{run}_steps") or {}
        outside = r[f"{run}_s"] - sum(steps.values())
        parts = [f"{k} {v:.1f}" for k, v in sorted(steps.items(), key=lambda kv: -kv[1])]
        print(
            f"  {run.replace('_', ' ')} by step (s): {', '.join(parts)}, outside the steps {outside:.1f}"
        )
