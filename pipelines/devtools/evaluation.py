"""Scoring extracted figures against a hand-checked gold file.

A gold file (format of ``seed_tasks_1_10.json``) lists every figure of some tasks of one bulletin. A
figure matches a gold figure with the same task, section, base value and base unit; each gold figure
matches at most once. Gold figures marked ``uncertain`` are judgment calls: finding one counts as a
true positive, missing one is not counted against recall. Only the tasks the gold file covers are
scored.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.lib.parsing import ParsedBulletin

Key = tuple[int, str, float, str]


@dataclass
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int
    misses: list[dict] = field(default_factory=list)
    extras: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def report(self) -> str:
        lines = [
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  f1 {self.f1:.3f}  "
            f"(tp {self.true_positives}, fp {self.false_positives}, fn {self.false_negatives})"
        ]
        for m in self.misses:
            lines.append(
                f"  missed  task {m['task_seq']} {m['part']}: {m['raw']} ({m.get('label', '')})"
            )
        for e in self.extras:
            lines.append(
                f"  extra   task {e['task_seq']} {e['part']}: {e['raw']} ({e.get('label', '')})"
            )
        return "\n".join(lines)


def _key(task_seq: int, part: str, base_value: float, base_unit: str) -> Key:
    return (int(task_seq), part, round(float(base_value), 6), base_unit)


def load_gold(path: str | Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def predicted_figures(bulletin: ParsedBulletin) -> list[dict]:
    return [
        {
            "task_seq": f.task_seq,
            "part": f.section,
            "raw": f.figure.raw_text,
            "base_value": f.figure.base_value,
            "base_unit": f.figure.base_unit,
            "label": f.figure.label,
        }
        for f in bulletin.figures
    ]


def score_figures(predicted: list[dict], gold: dict) -> Score:
    """Compare predicted figures (dicts with task_seq, part, base_value, base_unit) with a gold file."""
    tasks = gold_tasks(gold)
    predicted = [p for p in predicted if p["task_seq"] in tasks]
    certain = Counter()
    optional = Counter()
    by_key: dict[Key, list[dict]] = {}
    for m in gold["metrics"]:
        key = _key(m["task_seq"], m["part"], m["base_value"], m["base_unit"])
        (optional if m.get("uncertain") else certain)[key] += 1
        by_key.setdefault(key, []).append(m)
    tp = fp = 0
    extras = []
    for p in predicted:
        key = _key(p["task_seq"], p["part"], p["base_value"], p["base_unit"])
        if certain[key] > 0:
            certain[key] -= 1
            tp += 1
        elif optional[key] > 0:
            optional[key] -= 1
            tp += 1
        else:
            fp += 1
            extras.append(p)
    misses = []
    for key, n in certain.items():
        misses.extend(by_key[key][-n:] if n else [])
    return Score(tp, fp, sum(certain.values()), misses=misses, extras=extras)


METADATA_FIELDS = (
    "title",
    "year",
    "period_label",
    "period_end",
    "published_at",
    "issuer",
    "kind",
    "layout",
)


def metadata_mismatches(bulletin: ParsedBulletin, gold: dict) -> list[str]:
    """The metadata fields a gold file states (its ``bulletin``) that the parse got wrong."""
    expected = gold.get("bulletin") or {}
    out = []
    for name in METADATA_FIELDS:
        if name not in expected:
            continue
        found = getattr(bulletin, name)
        found = found.isoformat() if hasattr(found, "isoformat") else found
        if found != expected[name]:
            out.append(f"{name}: expected {expected[name]!r}, found {found!r}")
    return out


def _raw(entry: dict, name: str):
    """A gold entry's raw text for ``name`` (gold files write it as ``name`` or ``name_raw``)."""
    value = entry.get(name)
    if isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    ):
        return value
    return entry.get(f"{name}_raw")


def predicted_identities(bulletin: ParsedBulletin) -> set[tuple]:
    raw = [f.figure.raw_text for f in bulletin.figures]
    return {
        (i.task_seq, raw[i.whole], tuple(raw[p] for p in i.parts), i.relation)
        for i in bulletin.identities
    }


def gold_identities(gold: dict) -> set[tuple]:
    out = set()
    for i in gold.get("identities") or []:
        whole, parts = _raw(i, "whole"), _raw(i, "parts")
        if whole and parts:
            out.add((int(i["task_seq"]), whole, tuple(parts), i.get("relation")))
    return out


def differences(found: set[tuple], expected: set[tuple]) -> tuple[set[tuple], set[tuple]]:
    """(missed, extra) between predicted and gold items; a gold item's None (an identity whose
    relation the gold file does not state) matches anything."""

    def matches(item: tuple, gold: tuple) -> bool:
        return len(item) == len(gold) and all(
            g is None or g == v for v, g in zip(item, gold, strict=True)
        )

    missed = {g for g in expected if not any(matches(f, g) for f in found)}
    extra = {f for f in found if not any(matches(f, g) for g in expected)}
    return missed, extra


def predicted_links(bulletin: ParsedBulletin) -> set[tuple]:
    """(task, target, actual) of every target: the progress figure reporting on it, or None."""
    raw = [pf.figure.raw_text for pf in bulletin.figures]
    return {
        (link.task_seq, raw[link.target], None if link.actual is None else raw[link.actual])
        for link in bulletin.target_links
    }


def gold_tasks(gold: dict) -> set[int]:
    """The tasks a gold file covers (all its figures' tasks when it does not list them)."""
    return {int(t["task_seq"]) for t in gold.get("tasks", [])} or {
        int(m["task_seq"]) for m in gold["metrics"]
    }


def restrict_to_gold(found: set[tuple], gold: dict) -> set[tuple]:
    """Predicted identities or links of the tasks the gold file covers, without the targets whose
    link the gold marks as a judgment call."""
    uncertain = {
        (int(link["task_seq"]), _raw(link, "target"))
        for link in gold.get("target_links") or []
        if link.get("uncertain")
    }
    tasks = gold_tasks(gold)
    return {item for item in found if item[0] in tasks and item[:2] not in uncertain}


def gold_links(gold: dict) -> set[tuple]:
    out = set()
    for link in gold.get("target_links") or []:
        if link.get("uncertain"):
            continue
        target, actual = _raw(link, "target"), _raw(link, "actual")
        if target:
            out.add((int(link["task_seq"]), target, actual))
    return out


@dataclass
class Comparison:
    """A bulletin read against its gold file: the figures' score, every other way the reading
    differs from the gold (a figure's unit, qualifier or kind; metadata; tasks; identities), and
    the target links missed or added, of which a few may differ (which figure reports on a target
    is sometimes a judgment the gold and the reading make differently)."""

    score: Score
    problems: list[str]
    link_differences: list[str]
    link_accuracy: float

    def report(self) -> str:
        lines = [self.score.report(), *self.problems, *self.link_differences]
        if self.link_differences:
            lines.append(f"target links right: {self.link_accuracy:.0%}")
        return "\n  ".join(lines)

    def holds(self, min_link_accuracy: float = 0.9) -> bool:
        return (
            self.score.precision == 1.0
            and self.score.recall == 1.0
            and not self.problems
            and self.link_accuracy >= min_link_accuracy
        )


def compare(bulletin: ParsedBulletin, gold: dict) -> Comparison:
    """The one comparison of a reading with its gold file, used by ``make eval`` and the tests."""
    problems = _figure_problems(bulletin, gold)
    problems += [f"metadata {line}" for line in metadata_mismatches(bulletin, gold)]
    problems += _task_problems(bulletin, gold)
    if gold.get("identities") is not None:
        missed, extra = differences(
            restrict_to_gold(predicted_identities(bulletin), gold), gold_identities(gold)
        )
        problems += [f"missed identity {item}" for item in sorted(missed, key=str)]
        problems += [f"extra identity {item}" for item in sorted(extra, key=str)]
    expected = gold_links(gold)
    missed, extra = differences(restrict_to_gold(predicted_links(bulletin), gold), expected)
    links = [f"missed target link {item}" for item in sorted(missed, key=str)]
    links += [f"extra target link {item}" for item in sorted(extra, key=str)]
    accuracy = 1 - len(missed) / len(expected) if expected else 1.0
    return Comparison(score_figures(predicted_figures(bulletin), gold), problems, links, accuracy)


def _figure_problems(bulletin: ParsedBulletin, gold: dict) -> list[str]:
    by_raw = {(f.task_seq, f.figure.raw_text): f.figure for f in bulletin.figures}
    out = []
    for m in gold["metrics"]:
        found = by_raw.get((m["task_seq"], m["raw"]))
        if found is None:
            continue  # a miss, counted in the score
        for name, value in (
            ("unit", found.unit),
            ("qualifier", found.qualifier),
            ("kind", found.metric_kind),
        ):
            if name in m and value != m[name]:
                out.append(
                    f"figure task {m['task_seq']} {m['raw']}: {name} expected {m[name]!r}, "
                    f"found {value!r}"
                )
    return out


def _task_problems(bulletin: ParsedBulletin, gold: dict) -> list[str]:
    from pipelines.lib.parsing.read.text import normalize_text

    tasks = {t.seq: t for t in bulletin.tasks}
    out = []
    expected_seqs = sorted(int(t["task_seq"]) for t in gold.get("tasks", []))
    if expected_seqs and sorted(tasks) != expected_seqs:
        out.append(f"tasks: expected {expected_seqs}, found {sorted(tasks)}")
    for expected in gold.get("tasks", []):
        task = tasks.get(int(expected["task_seq"]))
        if task is None:
            continue
        if "group_label" in expected:
            label = expected["group_label"]
            want = normalize_text(label) if label else None
            if task.group_label != want:
                out.append(f"task {task.seq} group: expected {want!r}, found {task.group_label!r}")
        if "status" in expected and task.status != expected["status"]:
            out.append(
                f"task {task.seq} status: expected {expected['status']!r}, found {task.status!r}"
            )
    return out
