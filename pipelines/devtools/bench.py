"""Benchmark: a synthetic corpus with known figures, the parser's speed and accuracy on it, and the
wall time of the real pipeline runs (full, one new bulletin, nothing new).

``python -m pipelines bench --n 1000`` (``make bench``) prints the figures; it is a script, not a test.
"""

from __future__ import annotations

import collections
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.devtools import parser_profile
from pipelines.lib import settings
from pipelines.lib.rawfolder import sidecar_path

THINGS = [
    ("5G基站", "个"),
    ("公办幼儿园", "所"),
    ("农贸市场", "家"),
    ("城市绿道", "公里"),
    ("停车泊位", "个"),
    ("保障性租赁住房", "套"),
    ("养老床位", "张"),
    ("污水管网", "公里"),
]
METRICS = [
    "地区生产总值",
    "一般公共预算收入",
    "规上工业增加值",
    "固定资产投资",
    "社会消费品零售总额",
]
PERIODS = [("一季度", 3), ("上半年", 6), ("前三季度", 9), ("全年", 12)]
# six years of quarterly bulletins per issuer (the corpus' issuers are n / 24, at least 50)
QUARTERLY_BULLETINS_PER_ISSUER = 24
# the parser's speed and accuracy are measured on at most this many bulletins (its speed does not
# depend on the corpus' size; at 100,000 the whole corpus would take 10 min on one core)
PARSER_SAMPLE = 10_000
# bulletins the stages are profiled on (cProfile is slow; its shares settle well before this)
PROFILE_SAMPLE = 300


@dataclass
class Synthetic:
    name: str
    data: bytes
    figures: list[dict] = field(
        default_factory=list
    )  # gold: task_seq, part, raw, base_value, base_unit
    issuer: str | None = None  # written to a <file>.meta.json sidecar, as the fetch step does


def _task(rng: random.Random, seq: int, months: int) -> tuple[str, list[str], list[dict]]:
    """A task text, its progress items and the figures written in them."""
    figures: list[dict] = []

    def fig(part: str, raw: str, base: float, unit: str) -> str:
        figures.append(
            {"task_seq": seq, "part": part, "raw": raw, "base_value": base, "base_unit": unit}
        )
        return raw

    thing, unit = rng.choice(THINGS)
    target = rng.randint(20, 900)
    metric = rng.choice(METRICS)
    rate = rng.randint(3, 12)
    task = (
        f"新建{thing}{fig('task', f'{target}{unit}', target, unit)},"
        f"{metric}增长{fig('task', f'{rate}%', rate, '%')}左右。"
    )
    done = max(1, target * months // 12 + rng.randint(-10, 10))
    invest = round(rng.uniform(1, 90), 1)
    ratio = round(rng.uniform(10, 99), 1)
    found = rng.randint(30, 300)
    fixed = rng.randint(1, found - 1)
    items = [
        f"累计建成{thing}{fig('progress', f'{done}{unit}', done, unit)}。",
        f"{metric}同比增长{fig('progress', f'{rate + 1}.{rng.randint(0, 9)}%', float(f'{rate + 1}.0'), '%')}。",
        f"完成投资{fig('progress', f'{invest}亿元', round(invest * 1e8), '元')},"
        f"完成年度目标的{fig('progress', f'{ratio}%', ratio, '%')}。",
        f"排查企业共{fig('progress', f'{found}家', found, '家')},已整改{fig('progress', f'{fixed}家', fixed, '家')},"
        f"剩余{fig('progress', f'{found - fixed}家', found - fixed, '家')}。",
    ]
    # the growth figure's exact value
    figures[3]["base_value"] = float(figures[3]["raw"].rstrip("%"))
    return task, items, figures


def generate(n: int, seed: int = 7) -> list[Synthetic]:
    """The first n synthetic bulletins, in a list."""
    return list(synthetic_bulletins(n, seed))


def synthetic_bulletins(n: int, seed: int = 7) -> Iterator[Synthetic]:
    """n bulletins in three layouts (S1 text dump, S2 HTML page, S4 pipe rows), with their gold.

    As real issuers do, each publishes one bulletin a quarter (一季度, 上半年, 前三季度, 全年),
    year after year: the number of issuers grows with n (at least 50), so an issuer's year holds
    at most four bulletins at any n. (One function over 60 lines, by choice: the three layouts'
    templates read best side by side.)"""
    rng = random.Random(seed)
    issuers = max(50, -(-n // QUARTERLY_BULLETINS_PER_ISSUER))
    for i in range(n):
        k, issuer = divmod(i, issuers)  # the issuer's k-th bulletin
        city = f"示例{issuer:04d}市"
        year = 2018 + k // 4
        label, months = PERIODS[k % 4]
        title = f"{year}年{city}政府工作报告重点工作{label}完成情况"
        tasks = [_task(rng, seq, months) for seq in range(1, rng.randint(8, 16) + 1)]
        layout = i % 3
        if layout == 0:
            body = [
                title,
                "",
                f"发布日期:{year + (months == 12)}-{months % 12 + 1:02d}-15",
                "",
                "序号",
                "",
                "重点工作",
                "",
                "完成情况",
                "",
            ]
            for seq, (task, items, _) in enumerate(tasks, 1):
                body += (
                    [str(seq), "", task, ""] + [f"{k}.{t}" for k, t in enumerate(items, 1)] + [""]
                )
            data, ext = "\n".join(body).encode("utf-8"), "txt"
        elif layout == 1:
            rows = "".join(
                f"<tr><td><p>{seq}</p></td><td><p>{task}</p></td><td>"
                + "".join(f"<p>({k}){t}</p>" for k, t in enumerate(items, 1))
                + "</td></tr>"
                for seq, (task, items, _) in enumerate(tasks, 1)
            )
            html = (
                f"<html><head><title>{title} - {city}人民政府</title></head><body>"
                f"<div>当前位置:首页 &gt; 政务公开</div><h1>{title}</h1>"
                f"<table><tr><td>序号</td><td>重点工作</td><td>进展情况</td></tr>{rows}</table>"
                f"<div>网站标识码:33000{i:05d} 浙ICP备05012345号</div></body></html>"
            )
            data, ext = html.encode("gb18030" if i % 2 else "utf-8"), "html"
        else:
            lines = [
                title,
                "",
                "| 分管市长 | 序号 | 主要工作任务 | 工作进展情况 |",
                "|---|---|---|---|",
            ]
            for seq, (task, items, _) in enumerate(tasks, 1):
                lead = "| 张三 " if seq == 1 else ""
                lines.append(
                    f"{lead}| {seq} | {task} | "
                    + "".join(f"{k}.{t}" for k, t in enumerate(items, 1))
                    + " |"
                )
            data, ext = "\n".join(lines).encode("utf-8"), "txt"
        figures = [f for _, _, figs in tasks for f in figs]
        yield Synthetic(f"synthetic_{i:06d}.{ext}", data, figures, issuer=f"{city}人民政府")


def _write(raw: Path, item: Synthetic) -> None:
    (raw / item.name).write_bytes(item.data)
    if item.issuer:
        sidecar_path(raw / item.name).write_text(
            json.dumps({"issuer": item.issuer}, ensure_ascii=False), encoding="utf-8"
        )


def _progress(message: str) -> None:
    print(f"\r{message:<78}", end="", flush=True)


def _run_pipeline(
    raw: Path, warehouse: Path, home: Path, label: str
) -> tuple[float, dict[str, float]]:
    """One `python -m pipelines run`: its wall time, and the seconds of each step of its run. Its
    step and parse progress is shown on the progress line as it goes."""
    env = {
        **os.environ,
        "BULLETINS_RAW_DIR": str(raw),
        "BULLETINS_WAREHOUSE": str(warehouse),
        "DAGSTER_HOME": str(home),
    }
    started = time.perf_counter()
    tail: collections.deque[str] = collections.deque(maxlen=60)
    with subprocess.Popen(
        [sys.executable, "-m", "pipelines", "run"],
        cwd=settings.PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as proc:
        for line in proc.stdout or ():
            tail.append(line)
            step = _STEP_LOG.search(line)
            model = _DBT_MODEL.match(line)
            if step or model:
                news = f"{step[1]} {step[2]}" if step else f"dbt_models {model[1]}"
                _progress(f"{label} ({time.perf_counter() - started:.0f}s): {news}"[:78])
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        print("".join(tail), file=sys.stderr)
        raise SystemExit(f"pipeline run failed (exit {proc.returncode})")
    return elapsed, _latest_run_steps(home)


# what a run's log says of its progress: a step's own lines, and dbt's model counter
_STEP_LOG = re.compile(r" - INFO - \w+ - [0-9a-f-]+ - (\w+) - (.*)")
_DBT_MODEL = re.compile(r"(\d+ of \d+) (?:START|OK)")


def _latest_run_steps(home: Path) -> dict[str, float]:
    """Seconds per step of the latest run in ``home``; what the run spent outside its steps
    (starting Python, loading the code location, planning) is the wall time minus their sum."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs(limit=1)
        if not runs:
            return {}
        return {
            s.step_key: round((s.end_time or 0) - (s.start_time or 0), 2)
            for s in instance.get_run_step_stats(runs[0].run_id)
        }


def bench(n: int, keep: Path | None = None) -> dict:
    """The corpus of ``n`` bulletins written to a folder, the parser measured on it, then the
    pipeline's three runs (full, one new bulletin, nothing new) on that folder."""
    work = keep or Path(tempfile.mkdtemp(prefix="bulletins-bench-"))
    raw, home = work / "raw", work / "dagster_home"
    shutil.rmtree(raw, ignore_errors=True)
    raw.mkdir(parents=True)
    home.mkdir(exist_ok=True)
    settings.write_dagster_home(home)
    sample, corpus_bytes = [], 0  # the bulletins the parser is measured on; the corpus' size
    for k, item in enumerate(synthetic_bulletins(n + 1), 1):
        if k > n:
            extra = item  # the one new bulletin of the second run
            break
        _write(raw, item)
        corpus_bytes += len(item.data)
        if k <= PARSER_SAMPLE:
            sample.append(item)
        if k % 100 == 0 or k == n:
            _progress(f"generated {k}/{n} bulletins")
    results = {"bulletins": n, "corpus_mb": corpus_bytes / 1e6, **_measure_parser(sample)}
    warehouse = work / "warehouse.duckdb"
    results["full_run_s"], results["full_run_steps"] = _run_pipeline(
        raw, warehouse, home, f"full run of {n} bulletins"
    )
    _write(raw, extra)
    results["one_new_run_s"], results["one_new_run_steps"] = _run_pipeline(
        raw, warehouse, home, "run with one new bulletin"
    )
    results["nothing_new_run_s"], _ = _run_pipeline(raw, warehouse, home, "rerun, nothing new")
    results["peak_memory_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    results["warehouse_mb"] = warehouse.stat().st_size / 1e6
    results["warehouse_to_raw_text"] = results["warehouse_mb"] / results["corpus_mb"]
    results["work_dir"] = str(work)
    print()
    return results


def _measure_parser(corpus: list[Synthetic]) -> dict:
    """The parser's throughput on one core (CPU time) and its accuracy against the gold of
    ``corpus`` (the first bulletins of the bench's corpus, at most PARSER_SAMPLE)."""
    from pipelines.devtools.evaluation import predicted_figures, score_figures
    from pipelines.lib.parsing import parse_bytes

    started = time.process_time()
    tp = fp = fn = 0
    for k, item in enumerate(corpus, 1):
        b = parse_bytes(item.data)
        score = score_figures(
            predicted_figures(b),
            {"metrics": item.figures, "tasks": [{"task_seq": t.seq} for t in b.tasks]},
        )
        tp, fp, fn = (
            tp + score.true_positives,
            fp + score.false_positives,
            fn + score.false_negatives,
        )
        if k % 100 == 0 or k == len(corpus):
            _progress(f"parsed {k}/{len(corpus)} bulletins")
    cpu = time.process_time() - started
    print()
    total_mb = sum(len(c.data) for c in corpus) / 1e6
    files = [c.data for c in corpus[:PROFILE_SAMPLE]]
    return {
        "parser_sample": len(corpus),
        "parser_mb_per_s_one_core": total_mb / cpu,
        "floor_mb_per_s_one_core": parser_profile.floor_mb_per_s([c.data for c in corpus]),
        "stage_shares": parser_profile.stage_shares(files),
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
    }
