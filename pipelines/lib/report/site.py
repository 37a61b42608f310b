"""The report site of a published warehouse: static pages from Jinja2 templates, charts drawn by
ECharts in the browser, everything (scripts, styles, data) in the site's own folder.

    index.html                 the quarter at a glance, per period and issuer
    review/index.html          the bulletins, each with its review page
    review/<bulletin_id>.html  a bulletin's text with every figure highlighted by role
    search.html                every figure of the warehouse, searched by measure, issuer, period, words
    assets/                    echarts.min.js (from node_modules), report.css, report.js, figures.js

Nothing is fetched from outside at view time: no CDN, no web font (the system's Chinese fonts).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb
import jinja2
from markupsafe import Markup, escape

from pipelines.lib.report import display, queries
from pipelines.lib.settings import ECHARTS_JS, duckdb_memory_limit

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
# at most this many measure charts (of measures reported in two periods or more); every value is
# in the table below them
MAX_SERIES_CHARTS = 24


@dataclass
class BuiltSite:
    path: Path
    pages: int
    bulletins: int
    figures: int
    charts: bool
    seconds: float

    def metadata(self) -> dict:
        return {
            "path": str(self.path),
            "index": str(self.path / "index.html"),
            "pages": self.pages,
            "bulletins": self.bulletins,
            "figures": self.figures,
            "charts": "ECharts"
            if self.charts
            else "none: ECharts is not installed (make report-deps)",
            "seconds": round(self.seconds, 2),
        }


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        figure=display.figure,
        amount=display.amount,
        percent=display.percent,
        issuer=display.issuer,
        role_name=lambda r: display.ROLE_NAMES.get(r, r),
        status_name=lambda s: display.STATUS_NAMES.get(s, s),
        tojson_attr=lambda v: json.dumps(v, ensure_ascii=False, default=str),
    )
    env.globals.update(
        STATUS_ORDER=display.STATUS_ORDER,
        STATUS_NAMES=display.STATUS_NAMES,
        ROLE_NAMES=display.ROLE_NAMES,
        ROLES=queries.ROLES,
    )
    return env


def build(warehouse: Path, out: Path, echarts: Path = ECHARTS_JS) -> BuiltSite:
    """Write the report of ``warehouse`` (read-only) into ``out``, replacing what was there: the
    site is written into a folder beside it and swapped in whole."""
    started = time.perf_counter()
    config = {"memory_limit": duckdb_memory_limit()}
    with duckdb.connect(str(warehouse), read_only=True, config=config) as con:
        data = {
            "bulletins": queries.bulletins(con),
            "periods": queries.periods(con),
            "figures": queries.figures(con),
            "identities": queries.identities(con),
            "attainment": queries.attainment(con),
            "tasks": queries.tasks(con),
            "series": queries.measure_series(con),
            "quarantined": queries.quarantined(con),
            "rejected": queries.rejected(con),
        }
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_name(f".{out.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "assets").mkdir(parents=True)
    (staging / "review").mkdir()
    charts = echarts.exists()
    for asset in STATIC.iterdir():
        shutil.copy(asset, staging / "assets" / asset.name)
    if charts:
        shutil.copy(echarts, staging / "assets" / "echarts.min.js")

    env = _environment()
    context = {
        "generated_at": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "warehouse": str(warehouse),
        "charts": charts,
    }
    pages = 0
    index = _overview(data)
    _write(staging / "index.html", env, "index.html.j2", root="", **context, **index)
    pages += 1
    by_bulletin = defaultdict(list)
    for f in data["figures"]:
        by_bulletin[f["bulletin_id"]].append(f)
    listing = []
    for b in data["bulletins"]:
        figs = by_bulletin.get(b["bulletin_id"], [])
        listing.append({**b, "n_figures": len(figs), "roles": Counter(f["role"] for f in figs)})
        _write(
            staging / "review" / f"{b['bulletin_id']}.html",
            env,
            "review.html.j2",
            root="../",
            bulletin=b,
            text=_highlighted(b["body_text"] or "", figs),
            figures=[_figure_card(f, b) for f in figs],
            roles=Counter(f["role"] for f in figs),
            **context,
        )
        pages += 1
    _write(
        staging / "review" / "index.html",
        env,
        "review_index.html.j2",
        root="../",
        bulletins=listing,
        **context,
    )
    _write(staging / "search.html", env, "search.html.j2", root="", **context)
    pages += 2
    bulletin_by_id = {b["bulletin_id"]: b for b in data["bulletins"]}
    search_rows = [_search_row(f, bulletin_by_id[f["bulletin_id"]]) for f in data["figures"]]
    (staging / "assets" / "figures.js").write_text(
        "window.REPORT_FIGURES = "
        + json.dumps(search_rows, ensure_ascii=False, separators=(",", ":"), default=str)
        + ";\n",
        encoding="utf-8",
    )
    _swap_in(staging, out)
    return BuiltSite(
        path=out,
        pages=pages,
        bulletins=len(data["bulletins"]),
        figures=len(data["figures"]),
        charts=charts,
        seconds=time.perf_counter() - started,
    )


def _write(path: Path, env: jinja2.Environment, template: str, **context) -> None:
    path.write_text(env.get_template(template).render(**context), encoding="utf-8")


def _swap_in(staging: Path, out: Path) -> None:
    """Put the new site in place of the old one: the old is renamed aside, the new renamed in."""
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------- the overview (index.html)


def _task_status(statuses: list[str]) -> str:
    """A task's status from its targets': behind if any is behind, else not_reported if any has
    nothing reporting on it, else on_track if any is on track, else met (every target met)."""
    for status in ("behind", "not_reported", "on_track"):
        if status in statuses:
            return status
    return "met"


def _overview(data: dict) -> dict:
    share = {p["period_end"]: p["share_of_year_elapsed"] for p in data["periods"]}
    bulletins = {b["bulletin_id"]: b for b in data["bulletins"]}
    targets_by_group: dict[tuple, list[dict]] = defaultdict(list)
    for a in data["attainment"]:
        b = bulletins[a["bulletin_id"]]
        targets_by_group[(b["period_end"], b["issuer"] or "")].append(a)
    tasks_by_group: dict[tuple, list[dict]] = defaultdict(list)
    for t in data["tasks"]:
        tasks_by_group[(t["period_end"], t["issuer"] or "")].append(t)

    groups = []
    keys = sorted(
        {(b["period_end"], b["issuer"] or "") for b in data["bulletins"]},
        key=lambda k: (k[0] or dt.date.min, k[1]),
        reverse=True,
    )
    for period_end, issuer in keys:
        members = [
            b
            for b in data["bulletins"]
            if (b["period_end"], b["issuer"] or "") == (period_end, issuer)
        ]
        targets = targets_by_group.get((period_end, issuer), [])
        by_task: dict[tuple, list[dict]] = defaultdict(list)
        for a in targets:
            by_task[(a["bulletin_id"], a["task_seq"])].append(a)
        task_rows = []
        for t in tasks_by_group.get((period_end, issuer), []):
            ts = by_task.get((t["bulletin_id"], t["task_seq"]), [])
            status = _task_status([a["status"] for a in ts]) if ts else "no_target"
            task_rows.append({**t, "status": status, "targets": ts})
        counts = Counter(t["status"] for t in task_rows)
        first = members[0]
        groups.append(
            {
                "anchor": f"p-{period_end}-{abs(hash(issuer)) % 10**8}",
                "title": f"{display.period(first['year'], first['period_label'])} · "
                f"{display.issuer(issuer or None)}",
                "bulletins": members,
                "share": share.get(period_end),
                "targets": [_target_row(a) for a in targets],
                "counts": [(s, counts.get(s, 0)) for s in display.STATUS_ORDER],
                "no_target": counts.get("no_target", 0),
                "behind": [t for t in task_rows if t["status"] == "behind"],
                "not_reported": [t for t in task_rows if t["status"] == "not_reported"],
                "chart": _attainment_chart(targets, share.get(period_end)),
            }
        )
    series, series_table = _series(data["series"])
    return {
        "groups": groups,
        "series_charts": series,
        "series_table": series_table,
        "identities": [_identity_row(i) for i in data["identities"]],
        "quarantined": data["quarantined"],
        "rejected": data["rejected"],
        "n_bulletins": len(data["bulletins"]),
        "n_figures": len(data["figures"]),
        "n_targets": len(data["attainment"]),
    }


def _target_row(a: dict) -> dict:
    evidence = a["evidence_raw_text"]
    return {
        **a,
        "target_display": display.figure(a["target_raw_text"], a["target_qualifier"]),
        "evidence_display": display.figure(evidence, a["evidence_qualifier"]) if evidence else "",
        "attainment_display": display.percent(a["attainment"]),
        "review": f"review/{a['bulletin_id']}.html#f-{a['target_metric_id']}",
    }


def _attainment_chart(targets: list[dict], share: float | None) -> dict:
    rows = [
        {
            "name": f"{a['task_seq']}. {a['target_label'] or ''} "
            f"{display.figure(a['target_raw_text'], a['target_qualifier'])}",
            "value": None if a["attainment"] is None else round(a["attainment"] * 100, 1),
            "status": a["status"],
            "status_name": display.STATUS_NAMES[a["status"]],
            "target": display.figure(a["target_raw_text"], a["target_qualifier"]),
            "actual": display.figure(a["evidence_raw_text"], a["evidence_qualifier"])
            if a["evidence_raw_text"]
            else "",
            "colour": display.STATUS_COLOURS[a["status"]],
        }
        for a in targets
    ]
    return {
        "type": "attainment",
        "share": None if share is None else round(share * 100, 1),
        "rows": rows,
    }


def _series(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Measure charts and a table of every point: first the measures reported in more than one
    period, of the catalog before the others, then those reported once; within each, the
    measures reported in most periods first."""
    by_measure: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        if r["base_value"] is None:
            continue  # a period stating several rates of a measure has no one value (see the view)
        by_measure[(r["issuer"] or "", r["measure_id"], r["base_unit"])].append(r)
    ordered = sorted(
        by_measure.items(),
        key=lambda kv: (
            -min(len(kv[1]), 2),
            not kv[1][0]["is_catalog"],
            -len(kv[1]),
            kv[0][0],
            kv[1][0]["measure"] or "",
        ),
    )
    charts, table = [], []
    for (issuer, _, unit), points in ordered:
        # a bulletin that states no year has no place on the time line: in the table, last
        points.sort(key=lambda p: (p["period_end"] is None, p["period_end"] or dt.date.min))
        dated = [p for p in points if p["period_end"] is not None]
        divisor, display_unit = display.scale_for(max(abs(p["base_value"]) for p in points), unit)
        name = points[0]["measure"] or ""
        if len(dated) > 1 and len(charts) < MAX_SERIES_CHARTS:
            charts.append(
                {
                    "type": "series",
                    "title": name,
                    "issuer": display.issuer(issuer or None),
                    "unit": display_unit,
                    "task": points[0]["task_title"],
                    "points": [
                        {
                            "period": display.period(p["year"], p["period_label"]),
                            "value": round(p["base_value"] / divisor, 4),
                            "text": display.amount(p["base_value"], unit),
                        }
                        for p in dated
                    ],
                }
            )
        for p in points:
            table.append(
                {
                    "issuer": display.issuer(issuer or None),
                    "measure": name,
                    "period": display.period(p["year"], p["period_label"]),
                    "value": display.amount(p["base_value"], unit),
                    "change": display.amount(p["change_since_previous"], unit)
                    if p["change_since_previous"] is not None
                    else "",
                    "review": f"review/{p['bulletin_id']}.html",
                }
            )
    return charts, table


def _identity_row(i: dict) -> dict:
    parts = [display.figure(t, None) for t in i["part_raw_texts"] if t]
    return {
        **i,
        "whole_display": display.figure(i["whole_raw_text"], i["whole_qualifier"]),
        "parts_display": " + ".join(parts),
        "sum_display": display.amount(i["parts_sum"], i["base_unit"]),
        "relation_sign": "=" if i["relation"] == "equals" else "≥",
        "review": f"review/{i['bulletin_id']}.html#f-{i['whole_metric_id']}",
    }


# ---------------------------------------------------------------- the review page of a bulletin


def _highlighted(text: str, figures: list[dict]) -> Markup:
    """The bulletin's text, escaped, with each figure wrapped in a <mark> naming its id and role.
    Figures are taken in text order; one overlapping an earlier one is left unmarked."""
    out, at = [], 0
    for f in sorted(figures, key=lambda f: (f["char_start"], f["char_end"])):
        start, end = f["char_start"], f["char_end"]
        if start < at or end > len(text):
            continue
        out.append(escape(text[at:start]))
        out.append(
            Markup(
                '<mark class="fig role-{role}" id="f-{id}" data-id="{id}" data-role="{role}" '
                'tabindex="0" title="{title}">{text}</mark>'
            ).format(
                role=f["role"],
                id=f["metric_id"],
                title=f"{display.ROLE_NAMES.get(f['role'], f['role'])} · {f['label'] or ''}",
                text=text[start:end],
            )
        )
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


def _breakdown_text(f: dict) -> list[str]:
    lines = []
    for b in f["breakdowns"]:
        sign = "=" if b["relation"] == "equals" else "≥"
        state = "成立" if b["holds"] else "不成立"
        lines.append(f"{b['whole']} {sign} {' + '.join(b['parts'])}（{state}）")
    return lines


def _figure_card(f: dict, bulletin: dict) -> dict:
    return {
        "id": f["metric_id"],
        "role": f["role"],
        "role_name": display.ROLE_NAMES.get(f["role"], f["role"]),
        "text": display.figure(f["raw_text"], f["qualifier"]),
        "raw_text": f["raw_text"],
        "label": f["label"] or "",
        "subject": f["subject"] if f["subject"] != f["label"] else "",
        "measure": f["measure"] or "",
        "value": display.amount(f["base_value"], f["base_unit"], f["qualifier"]),
        "base": f"{display.number(f['base_value'], 4)} {f['base_unit'] or ''}".strip(),
        "section": f["section"],
        "task_seq": f["task_seq"],
        "period": f["period_label"] or "",
        "direction": {"increase": "增长", "decrease": "下降"}.get(f["direction"] or "", ""),
        "breakdowns": _breakdown_text(f),
        "related": sorted(
            (
                {b["whole_metric_id"] for b in f["breakdowns"]}
                | {p for b in f["breakdowns"] for p in b["part_metric_ids"]}
            )
            - {f["metric_id"]}
        ),
        "sentence": f["sentence"],
    }


def _search_row(f: dict, bulletin: dict) -> dict:
    card = _figure_card(f, bulletin)
    return {
        "id": f["metric_id"],
        "b": f["bulletin_id"],
        "text": card["text"],
        "role": f["role"],
        "role_name": card["role_name"],
        "label": card["label"],
        "measure": card["measure"],
        "value": card["value"],
        "issuer": display.issuer(f["issuer"]),
        "period": display.period(f["year"], f["bulletin_period"]),
        "period_end": f["period_end"],
        "file": f["source_file"],
        "sentence": card["sentence"],
    }
