"""How the parsed rows differ from the snapshot, in a few readable lines per table.

A table that differs is named with how many of its rows differ, the key of the first differing
rows (and the file of their bulletin), and the columns in which they differ, each with the
snapshot's value and today's: where a long text differs, the words around the first difference.
Not a dump of every row: a change of the parser that touches every row still reads in a screen.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipelines.devtools.parsed_snapshot import KEYS, row_key, row_order

SHOWN_CHARS = 60  # of a value, or each side of the first difference of a long text


def differences(expected: dict, actual: dict) -> list[str]:
    """A paragraph per way ``actual`` differs from ``expected`` (both snapshots); none if equal."""
    out = []
    added = sorted(set(actual["files"]) - set(expected["files"]))
    gone = sorted(set(expected["files"]) - set(actual["files"]))
    if added or gone:
        out.append(f"files: new {added or 'none'}; no longer there {gone or 'none'}")
    files = _files_by_bulletin(expected, actual)
    for table in KEYS:
        old = expected["tables"].get(table, [])
        new = actual["tables"].get(table, [])
        if old != new:
            out.append(_table_difference(table, old, new, files))
    return out


def _files_by_bulletin(*snapshots: dict) -> dict[str, str]:
    """Each bulletin's file, to name the bulletin of a differing row."""
    return {
        row["bulletin_id"]: row["source_file"]
        for snapshot in snapshots
        for row in snapshot["tables"].get("bulletins", [])
    }


def _by_key(table: str, rows: Iterable[dict]) -> dict[tuple, list[dict]]:
    grouped: dict[tuple, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row_key(table, row), []).append(row)
    return grouped


def _table_difference(table: str, old: list[dict], new: list[dict], files: dict[str, str]) -> str:
    before, after = _by_key(table, old), _by_key(table, new)
    keys = sorted(
        set(before) | set(after),
        key=lambda k: row_order(table, dict(zip(KEYS[table], k, strict=True)))[0],
    )
    differing = [k for k in keys if before.get(k) != after.get(k)]
    only_old = sum(1 for k in differing if k not in after)
    only_new = sum(1 for k in differing if k not in before)
    lines = [
        f"{table}: {len(old)} rows in the snapshot, {len(new)} now; rows of {len(differing)} keys "
        f"differ ({only_old} only in the snapshot, {only_new} only now)"
    ]
    first = differing[0]
    lines.append(f"  first: {_name(table, first, files)}")
    lines.extend(_row_difference(before.get(first, []), after.get(first, [])))
    return "\n".join(lines)


def _name(table: str, key: tuple, files: dict[str, str]) -> str:
    named = ", ".join(f"{c}={v!r}" for c, v in zip(KEYS[table], key, strict=True))
    bulletin = key[0] if KEYS[table][0] == "bulletin_id" else None
    return f"{named} ({files[bulletin]})" if bulletin in files else named


def _row_difference(old: list[dict], new: list[dict]) -> list[str]:
    """The differing columns of the rows of one key, row by row (a key may hold several)."""
    lines = []
    for n in range(max(len(old), len(new))):
        if n >= len(new):
            lines.append(f"    only in the snapshot: {_show(old[n])}")
        elif n >= len(old):
            lines.append(f"    only now: {_show(new[n])}")
        else:
            for column in sorted(set(old[n]) | set(new[n])):
                a, b = old[n].get(column, "<no column>"), new[n].get(column, "<no column>")
                if a != b:
                    lines.append(f"    {column}: snapshot {_contrast(a, b)}")
    return lines


def _contrast(a, b) -> str:
    """Both values; of two long texts, the words around their first difference."""
    if isinstance(a, str) and isinstance(b, str) and max(len(a), len(b)) > SHOWN_CHARS:
        at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
        at = min(at, len(a), len(b))
        start = max(0, at - SHOWN_CHARS)

        def around(s: str) -> str:
            return repr(s[start : at + SHOWN_CHARS])

        return (
            f"…{around(a)}… / now …{around(b)}… (first difference at character {at}; "
            f"lengths {len(a)} and {len(b)})"
        )
    return f"{_show(a)} / now {_show(b)}"


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 2 * SHOWN_CHARS else text[: 2 * SHOWN_CHARS] + "…"
