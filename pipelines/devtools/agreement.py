"""How far two independent readings of the same real pages agree (make agreement).

A second annotator, who had seen neither the parser nor the first gold, read a sample of dev pages
(``tests/real_pages/second_reading``). Each reading is scored against the other exactly as the
parser's output is scored against the gold (:mod:`pipelines.devtools.real_pages`): figures
(precision, recall), title, year, period and issuer where the reference states them, task count
within 10%, stated breakdowns. What two careful readers do not agree on is a ceiling no parser can
be measured above."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pipelines.devtools.real_pages import (
    GOLD_DIR,
    METADATA_FIELDS,
    TASK_COUNT_TOLERANCE,
    _gold_key,
    _judgement_call,
    _norm,
    _same_issuer,
)

SECOND_READING = GOLD_DIR.parent / "second_reading"


def _figures(gold: dict) -> tuple[Counter, Counter]:
    certain, optional = Counter(), Counter()
    for m in gold["metrics"]:
        if (key := _gold_key(m)) is not None:
            (optional if m.get("uncertain") else certain)[key] += 1
    return certain, optional


def _breakdowns(gold: dict) -> tuple[set, set]:
    certain, optional = set(), set()
    for i in gold.get("identities") or []:
        key = (_norm(i["whole"]), tuple(sorted(map(_norm, i["parts"]))))
        (optional if _judgement_call(i) else certain).add(key)
    return certain, optional


def _same(name: str, found: dict, expected: dict) -> bool:
    if name == "issuer":
        return _same_issuer(found.get(name), expected[name])
    if name == "period_label" and expected.get("period_end"):
        return str(found.get("period_end")) == str(expected["period_end"])
    return _norm(found.get(name)) == _norm(expected[name])


def agreement(reference: dict[str, dict], other: dict[str, dict]) -> dict[str, tuple[int, int]]:
    """``other`` scored against ``reference``, page by page: each measure as (agreeing, counted);
    figures as (true positives, found) for precision and (true positives, expected) for recall."""
    tally: dict[str, list[int]] = {
        k: [0, 0]
        for k in ("precision", "recall", *METADATA_FIELDS, "tasks", "breakdowns", "invented")
    }
    for page_id, ref in reference.items():
        read = other[page_id]
        certain, optional = _figures(ref)
        found = sum(_figures(read), Counter())
        matched = found & certain
        matched += (found - matched) & optional
        tp = sum(matched.values())
        tally["precision"][0] += tp
        tally["precision"][1] += sum(found.values())
        tally["recall"][0] += sum((found & certain).values())
        tally["recall"][1] += sum(certain.values())
        expected, found_meta = ref.get("bulletin") or {}, read.get("bulletin") or {}
        for name in METADATA_FIELDS:
            if expected.get(name) is not None:
                tally[name][0] += _same(name, found_meta, expected)
                tally[name][1] += 1
        if n_ref := len(ref.get("tasks") or []):
            n_read = len(read.get("tasks") or [])
            tally["tasks"][0] += abs(n_read - n_ref) <= TASK_COUNT_TOLERANCE * n_ref
            tally["tasks"][1] += 1
        ref_certain, ref_optional = _breakdowns(ref)
        read_certain, read_optional = _breakdowns(read)
        if ref_certain:
            tally["breakdowns"][0] += ref_certain <= read_certain | read_optional
            tally["breakdowns"][1] += 1
        tally["invented"][0] += len(read_certain - ref_certain - ref_optional)
    return {k: (a, b) for k, (a, b) in tally.items()}


def load_readings(folder: Path = SECOND_READING) -> tuple[dict[str, dict], dict[str, dict]]:
    """The second readings and the corpus gold of the same pages."""
    second = {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))
    }
    first = {
        page_id: json.loads((GOLD_DIR / f"{page_id}.json").read_text(encoding="utf-8"))
        for page_id in second
    }
    return first, second


def report(tally: dict[str, tuple[int, int]]) -> str:
    lines = []
    for name, (a, b) in tally.items():
        if name == "invented":
            lines.append(f"  breakdowns stated by one reading only: {a}")
        else:
            lines.append(f"  {name:14} {a}/{b} ({a / b:.1%})" if b else f"  {name:14} -")
    return "\n".join(lines)


def main() -> int:
    first, second = load_readings()
    print(f"{len(second)} pages read twice")
    print("the second reading against the corpus gold:")
    print(report(agreement(first, second)))
    print("the corpus gold against the second reading:")
    print(report(agreement(second, first)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
