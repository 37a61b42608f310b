"""The real-page corpus scored through the whole pipeline (make eval-real).

The texts of a folder (REAL_DIR: ``<page_id>.txt``, kept out of the repository) whose gold is in
``tests/real_pages/gold`` are run through ``python -m pipelines run`` into a warehouse of their own;
the published marts are then read as an analyst would and held against each page's gold: figures
(precision, recall), metadata (title, year, period, issuer, where the page states them), task count
(within 10%), stated breakdowns (found, invented), and negatives (rejected, with a reason). A page
held back by the quarantine shows as such: its figures are not in the marts.

The split (dev / held-out) is the gold's, decided before any page of it was read (round 1: by the
page's address; round 2: every page found after round 1 was scored); the held-out pages are scored
only when asked for (``--split holdout``)."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines.lib import settings
from pipelines.lib.parsing.figures.vocabulary import SCALES
from pipelines.lib.parsing.metadata.places import places_at
from pipelines.lib.parsing.read.text import normalize_text, strip_readings

GOLD_DIR = settings.PROJECT_ROOT / "tests" / "real_pages" / "gold"
TASK_COUNT_TOLERANCE = 0.10  # a task count within 10% of the gold's is right
VALUE_DIGITS = 6  # base values compared to 6 significant digits (5.4万 = 54000 as written)
# the period is right when its end is (上半年 and 1-6月 are one period); where the gold gives no
# end, when its label is
METADATA_FIELDS = ("title", "year", "period_label", "issuer")


@dataclass
class PageScore:
    page_id: str
    negative: bool
    outcome: str  # 'published' | 'held back' | 'rejected' | 'missing'
    reason: str | None = None
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    metadata: dict[str, bool] = field(default_factory=dict)  # field -> right (stated fields only)
    tasks: tuple[int, int] | None = None  # (found, gold)
    breakdowns: tuple[int, int, int] = (0, 0, 0)  # (found, gold, invented)
    classes: Counter = field(default_factory=Counter)


def load_golds(split: str) -> dict[str, dict]:
    golds = {}
    for path in sorted(GOLD_DIR.glob("rp_*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if split == "all" or gold["page"]["split"] == split:
            golds[path.stem] = gold
    return golds


def run_pipeline(real_dir: Path, golds: dict[str, dict], work: Path) -> Path:
    """The pages with a gold, copied to a raw folder and run through the whole pipeline; returns
    the published warehouse."""
    raw = work / "raw"
    for earlier in (raw, work / "dagster_home"):  # a kept folder is scored afresh
        shutil.rmtree(earlier, ignore_errors=True)
    for earlier in work.glob("*warehouse*"):
        shutil.rmtree(earlier, ignore_errors=True) if earlier.is_dir() else earlier.unlink()
    raw.mkdir(parents=True)
    missing = [p for p in golds if not (real_dir / f"{p}.txt").exists()]
    if missing:
        print(
            f"{len(missing)} pages have a gold but no text in {real_dir}: {', '.join(missing[:5])}"
        )
    for page_id in golds:
        if (real_dir / f"{page_id}.txt").exists():
            shutil.copy(real_dir / f"{page_id}.txt", raw / f"{page_id}.txt")
    warehouse = work / "warehouse.duckdb"
    env = {
        **os.environ,
        "BULLETINS_RAW_DIR": str(raw),
        "BULLETINS_WAREHOUSE": str(warehouse),
        "DAGSTER_HOME": str(work / "dagster_home"),
        # every page is scored: the breaker, which would publish nothing, is set aside
        settings.MAX_HELD_BACK_ENV: "1",
    }
    done = subprocess.run([sys.executable, "-m", "pipelines", "run"], env=env, check=False)
    if done.returncode not in (0, 3, 4):  # 4: published, a later step (the report) failed
        raise SystemExit(f"the pipeline published nothing (exit {done.returncode}): see above")
    return warehouse


def _key(base_value: float, base_unit: str) -> tuple[float, str]:
    """A figure as compared: its base value to VALUE_DIGITS digits, and its base unit as the parser
    writes it (a gold's unit as written on a traditional-character page, 個, is the parser's 个)."""
    return float(f"{float(base_value):.{VALUE_DIGITS}g}"), normalize_text(base_unit or "")


_MONTH_END = re.compile(r"^截[至止](\d{1,2})月(?:底|末|份)?$")


def _gold_key(metric: dict) -> tuple[float, str] | None:
    """A gold figure as compared: its base value and unit (its value as written when the annotator
    gave no base value); None when it has neither."""
    value = metric.get("base_value")
    if value is None:
        value = metric.get("value")
    if value is None:
        return None
    unit = normalize_text(metric.get("base_unit") or metric.get("unit") or "")
    # a base left in a unit with its multiplier (億元, as written on a traditional-character page):
    # the multiplier applied, as the base is defined (亿 = 1e8, 万 = 1e4)
    for prefix in sorted(SCALES, key=len, reverse=True):  # (万亿 before 万)
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return _key(float(value) * SCALES[prefix], unit[len(prefix) :])
    return _key(value, unit)


# period labels that name one period (the parser writes 1-6月 where a page says only the months)
_SAME_PERIOD = {"一季度": "1-3月", "上半年": "1-6月", "前三季度": "1-9月", "全年": "1-12月"}


def _norm(value) -> str | None:
    """A metadata value as compared: simplified characters, no spaces, one kind of dash."""
    if value is None:
        return None
    text = normalize_text(strip_readings("".join(str(value).split())))
    text = _MONTH_END.sub(r"1-\1月", text)  # 截至8月底 is 1-8月 (README, Period)
    text = text.replace("—", "-").replace("－", "-").replace("至", "-")
    return _SAME_PERIOD.get(text, text)


# the place above a body a name may open with (上海市 of 上海市黄浦区人民政府): docs/ANNOTATION.md
_HIGHER_PLACE = re.compile(r"(?:\S{1,7}?(?:省|自治区|市|州|盟)){1,2}")


# one department by the names it goes by
_DEPARTMENT_NAMES = re.compile(r"发展和改革委员会|发展改革委员会|发展和改革委|发展改革委")
# what may follow a province's or a city's short name, its full name ending so (新疆自治区发改委)
_AFTER_SHORT_NAME = re.compile(r"自治区|自治州|地区|省|市|州|盟")


def _issuer_name(value) -> str | None:
    """An issuer as compared: 政府 as 人民政府, 发展改革委 as 发改委, a place by its full name (新疆
    自治区 and 湘西州 as 新疆维吾尔自治区 and 湘西土家族苗族自治州)."""
    text = _norm(value)
    if text is None:
        return None
    text = _DEPARTMENT_NAMES.sub("发改委", re.sub(r"(?<!人民)政府$", "人民政府", text))
    written, full = places_at(text)
    rest = text[len(written) :]
    if written and written != full and (m := _AFTER_SHORT_NAME.match(rest)):
        rest = rest[m.end() :] if full.endswith(m.group(0)) else rest
    return full + rest if written else text


def _same_issuer(found, expected) -> bool:
    """One body named two ways (docs/ANNOTATION.md, issuer): 政府 is 人民政府, a department and a
    place by any of their names, and a district or county may be written with or without the city
    or province above it."""
    a, b = _issuer_name(found), _issuer_name(expected)
    if a is None or b is None or a == b:
        return a == b
    short, long = sorted((a, b), key=len)
    higher = long[: len(long) - len(short)]
    return long.endswith(short) and len(short) > 5 and bool(_HIGHER_PLACE.fullmatch(higher))


def score_pages(warehouse: Path, golds: dict[str, dict]) -> list[PageScore]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        bulletins = {
            Path(r[0]).stem: r
            for r in con.execute(
                "select source_file, bulletin_id, title, year, period_label, issuer, n_tasks, "
                "period_end "
                "from dim_bulletin"
            ).fetchall()
        }
        rejected = {
            Path(s).stem: reason
            for s, reason in con.execute(
                "select source_file, reason from rejected_files"
            ).fetchall()
        }
        held = {
            Path(s).stem: failure
            for s, failure in con.execute(
                "select source_file, any_value(failure) from quarantined_bulletins group by 1"
            ).fetchall()
        }
        scores = []
        for page_id, gold in golds.items():
            scores.append(_score_page(con, page_id, gold, bulletins, rejected, held))
        return scores
    finally:
        con.close()


def _score_page(con, page_id, gold, bulletins, rejected, held) -> PageScore:
    negative = bool(gold["page"].get("negative"))
    if page_id in rejected:
        score = PageScore(page_id, negative, "rejected", rejected[page_id])
        if not negative:
            score.classes["page rejected"] += 1
            score.false_neg = sum(1 for m in gold["metrics"] if not m.get("uncertain"))
        return score
    if page_id in held:
        score = PageScore(page_id, negative, "held back", held[page_id])
        score.classes["page held back"] += 1
        score.false_neg = sum(1 for m in gold["metrics"] if not m.get("uncertain"))
        return score
    if page_id not in bulletins:
        return PageScore(page_id, negative, "missing", "not in the warehouse")
    _, bulletin_id, title, year, period, issuer, n_tasks, period_end = bulletins[page_id]
    score = PageScore(page_id, negative, "published")
    if negative:
        score.classes["negative published"] += 1
        return score
    _score_figures(con, bulletin_id, gold, score)
    expected = gold.get("bulletin") or {}
    found = {"title": title, "year": year, "period_label": period, "issuer": issuer}
    for name in METADATA_FIELDS:
        if expected.get(name) is not None:
            right = (
                _same_issuer(found[name], expected[name])
                if name == "issuer"
                else _norm(found[name]) == _norm(expected[name])
            )
            if name == "period_label" and expected.get("period_end"):
                right = str(period_end) == str(expected["period_end"])
            score.metadata[name] = right
            if not right:
                score.classes[f"{name} wrong"] += 1
    gold_tasks = len(gold.get("tasks") or [])
    if gold_tasks:
        score.tasks = (n_tasks, gold_tasks)
        if abs(n_tasks - gold_tasks) > TASK_COUNT_TOLERANCE * gold_tasks:
            score.classes["task count wrong"] += 1
    _score_breakdowns(con, bulletin_id, gold, score)
    return score


def _score_figures(con, bulletin_id: str, gold: dict, score: PageScore) -> None:
    found = Counter(
        _key(v, u)
        for v, u in con.execute(
            "select base_value, base_unit from fact_metric where bulletin_id = ?", [bulletin_id]
        ).fetchall()
    )
    certain, optional = Counter(), Counter()
    for m in gold["metrics"]:
        key = _gold_key(m)
        if key is None:
            score.classes["gold figure without a value"] += 1  # cannot be compared; not scored
            continue
        (optional if m.get("uncertain") else certain)[key] += 1
    matched_certain = found & certain
    rest = found - matched_certain
    matched_optional = rest & optional
    score.true_pos = sum(matched_certain.values()) + sum(matched_optional.values())
    score.false_pos = sum((rest - matched_optional).values())
    score.false_neg = sum((certain - matched_certain).values())
    if score.false_neg:
        score.classes["figures missed"] += score.false_neg
    if score.false_pos:
        score.classes["figures invented"] += score.false_pos


def _judgement_call(identity: dict) -> bool:
    """A gold breakdown that counts when found and is not held against the parser when missed: one
    its annotator marked uncertain, or one naming a single part (其中今年完成1171亿元: a subset, no
    breakdown into parts, docs/ANNOTATION.md)."""
    return bool(identity.get("uncertain")) or len(identity["parts"]) < 2


def _score_breakdowns(con, bulletin_id: str, gold: dict, score: PageScore) -> None:
    rows = con.execute(
        "select i.whole_raw_text, list(f.raw_text order by f.metric_id) "
        "from fact_metric_identity i, unnest(i.part_metric_ids) as u(metric_id) "
        "join fact_metric f on f.metric_id = u.metric_id where i.bulletin_id = ? "
        "group by i.identity_id, i.whole_raw_text",
        [bulletin_id],
    ).fetchall()
    found = {(_norm(w), tuple(sorted(map(_norm, p)))) for w, p in rows}
    expected, optional = set(), set()  # an uncertain breakdown, like a figure, counts when found
    for i in gold.get("identities") or []:
        key = (_norm(i["whole"]), tuple(sorted(map(_norm, i["parts"]))))
        (optional if _judgement_call(i) else expected).add(key)
    hit = len(found & expected)
    invented = len(found - expected - optional)
    score.breakdowns = (hit, len(expected), invented)
    if len(expected) - hit:
        score.classes["breakdown missed"] += len(expected) - hit
    if invented:
        score.classes["breakdown invented"] += invented


def report(scores: list[PageScore], split: str) -> str:
    lines = [f"real pages ({split}): {len(scores)}"]
    for s in scores:
        figures = f"tp {s.true_pos:3} fp {s.false_pos:2} fn {s.false_neg:3}"
        meta = " ".join(f"{k}{'✓' if v else '✗'}" for k, v in s.metadata.items())
        tasks = f"tasks {s.tasks[0]}/{s.tasks[1]}" if s.tasks else ""
        kind = "negative " if s.negative else ""
        why = f" ({s.reason[:70]})" if s.reason else ""
        lines.append(f"  {s.page_id} {kind}{s.outcome}{why}  {figures}  {meta}  {tasks}")
    pages = [s for s in scores if not s.negative]
    negatives = [s for s in scores if s.negative]
    tp = sum(s.true_pos for s in pages)
    fp = sum(s.false_pos for s in pages)
    fn = sum(s.false_neg for s in pages)
    lines.append("")
    lines.append(
        f"figures: precision {tp / (tp + fp) if tp + fp else 1:.3f}, "
        f"recall {tp / (tp + fn) if tp + fn else 1:.3f} ({tp} found, {fp} extra, {fn} missed)"
    )
    for name in METADATA_FIELDS:
        stated = [s.metadata[name] for s in pages if name in s.metadata]
        if stated:
            lines.append(
                f"{name}: right on {sum(stated)}/{len(stated)} ({sum(stated) / len(stated):.0%})"
            )
    counted = [s for s in pages if s.tasks]
    within = sum(1 for s in counted if "task count wrong" not in s.classes)
    if counted:
        lines.append(
            f"task count within 10%: {within}/{len(counted)} ({within / len(counted):.0%})"
        )
    with_breakdowns = [s for s in pages if s.breakdowns[1]]
    found_all = sum(1 for s in with_breakdowns if s.breakdowns[0] == s.breakdowns[1])
    invented = sum(s.breakdowns[2] for s in pages)
    lines.append(
        f"stated breakdowns all found: {found_all}/{len(with_breakdowns)} pages; invented: {invented}"
    )
    rejected_pages = sum(1 for s in pages if s.outcome == "rejected")
    rejected_negatives = sum(1 for s in negatives if s.outcome == "rejected")
    lines.append(
        f"pages of the genre rejected: {rejected_pages}/{len(pages)}; "
        f"negatives rejected: {rejected_negatives}/{len(negatives)}"
    )
    classes = Counter()
    pages_of = Counter()
    for s in scores:
        classes.update(s.classes)
        pages_of.update(set(s.classes))
    lines.append("by class of error (count, pages):")
    for name, n in classes.most_common():
        lines.append(f"  {name:22} {n:5}  on {pages_of[name]} pages")
    return "\n".join(lines)


def evaluate_real(real_dir: Path, split: str, keep: Path | None = None) -> int:
    golds = load_golds(split)
    if not golds:
        print(f"no gold files of split {split!r} in {GOLD_DIR}")
        return 1
    work = keep or Path(tempfile.mkdtemp(prefix="bulletins-real-"))
    warehouse = run_pipeline(real_dir, golds, work)
    print(report(score_pages(warehouse, golds), split))
    print(f"\nwarehouse: {warehouse}")
    return 0


MANIFEST = GOLD_DIR.parent / "manifest.csv"
MANIFEST_FIELDS = [
    "page_id",
    "url",
    "query",
    "sub_genre",
    "form",
    "province",
    "level",
    "split",
    "round",
]


def write_manifest(path: Path = MANIFEST) -> int:
    """The corpus' manifest (where to find each page again, what it is) from its gold files."""
    golds = load_golds("all")
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, MANIFEST_FIELDS + ["negative"])
        writer.writeheader()
        for page_id, gold in golds.items():
            page = gold["page"]
            row = {k: page.get(k) for k in MANIFEST_FIELDS[1:]}
            writer.writerow({"page_id": page_id, **row, "negative": bool(page.get("negative"))})
    return len(golds)


if __name__ == "__main__":
    print(f"{write_manifest()} pages in {MANIFEST}")
