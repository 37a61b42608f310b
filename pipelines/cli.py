"""Command line: ``python -m pipelines run`` (the whole pipeline), ``eval``, ``bench``, ``prepare``,
``snapshot`` (the parsed rows of the seed and the fixtures, written or compared) and ``report`` (the
report site of the published warehouse, written and served).

``run`` executes the Dagster job in the instance under ``DAGSTER_HOME`` (so the run, its
materializations and its check results show in the UI), prints what was loaded and what the checks
found, and exits 1 if the run failed.

Each command imports what it needs inside its own function: ``run`` on an unchanged folder answers
"nothing new" without importing Dagster, dbt or Great Expectations (about 4 s), and ``eval`` or
``snapshot`` never pay for them either.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from pipelines.run_progress import RUN_CONFIG
from pipelines.run_report import EXIT_CANNOT_START, Findings, published_status, report


def _job():
    from pipelines.definitions import defs

    return defs.resolve_job_def("bulletins_job")


def _fetch_job():
    from pipelines.definitions import defs

    return defs.resolve_job_def("fetch_job")


def run(args: argparse.Namespace) -> int:
    from pipelines.lib import settings
    from pipelines.lib.fetch import load_sources

    started = time.perf_counter()
    problem = _cannot_start(args.force)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_CANNOT_START
    sources = load_sources(settings.sources_path()).sources
    if not args.force and not sources and _unchanged_since_publish(started):
        return _published_status()

    os.environ.setdefault(*settings.PLANNED_EVENTS_AS_SUBSET)
    os.environ.setdefault(*settings.EVENTS_IN_BATCHES)
    # the run history of this warehouse (another warehouse's runs never show on this one's assets),
    # with the instance settings of this version (event log, no sign-up dialog)
    home = settings.dagster_home()
    os.environ["DAGSTER_HOME"] = str(home)
    settings.write_dagster_home(home)
    import dagster as dg

    from pipelines.defs.partitions import FULL_CHECKS_TAG, plan_run

    print(f"raw bulletins: {settings.raw_dir()}")
    print(f"warehouse:     {settings.warehouse_path()}")
    ui = (
        "make ui"
        if settings.warehouse_path() == settings.DEFAULT_WAREHOUSE
        else ("make ui with the same BULLETINS_WAREHOUSE")
    )
    print(f"run history:   {os.environ['DAGSTER_HOME']} ({ui})")
    with dg.DagsterInstance.get() as instance:
        if sources:
            _fetch(instance, len(sources))
        try:
            plan = plan_run(instance, force=args.force)
        except FileNotFoundError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_CANNOT_START
        print(f"bulletins:     {plan.summary()}")
        if _nothing_to_run(plan, started):
            return _published_status()
        result = dg.execute_job(
            dg.reconstructable(_job),
            instance=instance,
            run_config=RUN_CONFIG,
            tags={**plan.tags(), **({FULL_CHECKS_TAG: "true"} if args.full_checks else {})},
            raise_on_error=False,
        )
        findings = Findings.of(result)
    elapsed = time.perf_counter() - started
    return report(result, findings, elapsed)


def _cannot_start(force: bool) -> str | None:
    """What stops a run before it starts, not half-way: a setting or an exceptions file that
    cannot be used, or a raw folder other than the one the warehouse was built from."""
    from pipelines.lib import quarantine, quarantine_run, settings

    try:
        settings.max_held_back_share()
        quarantine_run.project_exceptions()
    except (ValueError, quarantine.ExceptionsFileError) as exc:
        return str(exc)
    warehouse, raw = settings.warehouse_path(), settings.raw_dir()
    recorded = settings.recorded_raw_dir(warehouse)
    if not force and warehouse.exists() and recorded is not None and recorded != raw:
        return (
            f"{warehouse} was built from the raw folder {recorded}; this run reads {raw}, and "
            f"would remove {recorded}'s bulletins from it. Set BULLETINS_RAW_DIR={recorded}, or "
            f"another BULLETINS_WAREHOUSE, or run with FORCE=1 to rebuild it from {raw}"
        )
    return None


def _unchanged_since_publish(started: float) -> bool:
    """Whether the raw folder and the pipeline are as they were when the warehouse was published
    (and if so, says so)."""
    from pipelines.lib import inventory, settings, warehouse_generations

    damage = warehouse_generations.damage(settings.warehouse_path())
    if settings.warehouse_path().exists() and damage:
        print(
            f"the published warehouse {settings.warehouse_path()} does not read ({damage}): "
            "this run restores it"
        )
        return False
    n = inventory.unchanged_since_publish(settings.warehouse_path(), settings.raw_dir())
    if n is None:
        return False
    print(
        f"nothing new: the {n} files in {settings.raw_dir()} and the pipeline are as they "
        f"were when {settings.warehouse_path()} was published; it is unchanged "
        f"({time.perf_counter() - started:.1f}s). To run anyway: make run FORCE=1 "
        "(python -m pipelines run --force)."
    )
    return True


def _published_status() -> int:
    """Nothing to run: the exit status of the warehouse as it is published (3 while bulletins
    are held back in it, as the run that published it said)."""
    from pipelines.lib import settings

    return published_status(settings.warehouse_path())


def _fetch(instance, n_sources: int) -> None:
    """The fetch job; a failed fetch leaves the raw folder to be processed as it is."""
    import dagster as dg

    fetched = dg.execute_job(
        dg.reconstructable(_fetch_job),
        instance=instance,
        run_config=RUN_CONFIG,
        raise_on_error=False,
    )
    status = "succeeded" if fetched.success else "FAILED (the folder is processed as it is)"
    print(f"fetch of {n_sources} sources: run {fetched.run_id} {status}")


def _nothing_to_run(plan, started: float) -> bool:
    """Whether the plan leaves nothing to run: no bulletins at all, or none new (said so)."""
    from pipelines.lib import settings

    if not plan.keys:
        print(
            f"no files (bulletins: {', '.join(settings.BULLETIN_SUFFIXES)}) in "
            f"{settings.raw_dir()}: nothing to do; "
            f"{settings.warehouse_path()} is unchanged."
        )
        return True
    if not plan.run_keys:
        print(
            f"nothing new: {settings.warehouse_path()} is unchanged "
            f"({time.perf_counter() - started:.1f}s)."
        )
        return True
    return False


def evaluate(args: argparse.Namespace) -> int:
    """Score one bulletin against a gold file, or every gold file naming its fixture."""
    from pipelines.devtools.evaluation import load_gold

    if args.bulletin and args.gold:
        pairs = [(Path(args.bulletin), Path(args.gold))]
    elif args.bulletin or args.gold:
        print("give both --bulletin and --gold, or neither (every gold file)", file=sys.stderr)
        return 2
    else:
        pairs = []
        for gold in sorted(Path(args.gold_dir).glob("*.json")):
            fixture = load_gold(gold).get("fixture")
            if fixture:
                pairs.append((Path(args.fixtures_dir) / fixture, gold))
    worst = 0
    for bulletin, gold in pairs:
        worst = max(worst, _evaluate_one(bulletin, gold, args.min_f1))
    return worst


def _evaluate_one(path: Path, gold_path: Path, min_f1: float | None) -> int:
    from pipelines.devtools.evaluation import compare, load_gold
    from pipelines.lib.parsing import RejectedFile, parse_bytes

    try:
        bulletin = parse_bytes(path.read_bytes(), path.name)
    except RejectedFile as exc:
        print(f"{path}: rejected: {exc.reason}", file=sys.stderr)
        return 2
    comparison = compare(bulletin, load_gold(gold_path))
    print(f"{path} against {gold_path}")
    print(comparison.report())
    if min_f1 is not None and comparison.score.f1 < min_f1:
        return 1
    return 0


def run_bench(args: argparse.Namespace) -> int:
    from pipelines.devtools.bench import bench
    from pipelines.devtools.bench_results import previous_results, print_results, save_results

    results = bench(args.n, Path(args.keep) if args.keep else None)
    print_results(results, previous_results(args.n))
    save_results(results)
    return 0


def prepare(args: argparse.Namespace) -> int:
    from pipelines.lib import dbt_manifest
    from pipelines.lib.run_record import dbt_in_own_group

    print(f"dbt manifest: {dbt_manifest.prepare()}")
    print(f"dbt runs as: {dbt_in_own_group()}")
    return 0


def snapshot(args: argparse.Namespace) -> int:
    """Write the parsed rows of the seed and the fixtures, or compare them with a snapshot."""
    from pipelines.devtools.parsed_snapshot import counts, load, parsed_rows, write
    from pipelines.devtools.snapshot_diff import differences

    rows = parsed_rows()
    summary = ", ".join(f"{name} {n}" for name, n in counts(rows).items())
    if args.write:
        write(rows, Path(args.write))
        print(f"wrote {args.write}: {len(rows['files'])} files; rows: {summary}")
        return 0
    found = differences(load(Path(args.check)), rows)
    if found:
        print("\n".join(found))
        return 1
    print(f"the same rows as {args.check}: {summary}")
    return 0


def eval_real(args: argparse.Namespace) -> int:
    """The real-page corpus through the whole pipeline, scored against its gold."""
    from pipelines.devtools.real_pages import evaluate_real

    real_dir = Path(args.real_dir)
    if not real_dir.is_dir():
        print(f"no folder {real_dir}: the real pages' texts (see tests/real_pages/README.md)")
        return 2
    return evaluate_real(real_dir, args.split, Path(args.keep) if args.keep else None)


def export(args: argparse.Namespace) -> int:
    """Write the published marts as Parquet, CSV and an Excel workbook."""
    from pipelines.lib import dbt_manifest, settings
    from pipelines.lib.exports import export_marts

    warehouse = settings.warehouse_path()
    if not warehouse.exists():
        print(f"no warehouse at {warehouse}: run 'make run' first", file=sys.stderr)
        return 2
    folder = Path(args.out) if args.out else settings.exports_path(warehouse)
    result = export_marts(warehouse, folder, dbt_manifest.PREPARED / "manifest.json")
    rows = ", ".join(f"{mart} {n}" for mart, n in result.rows.items())
    print(f"exported {warehouse} to {folder}: parquet/, csv/ and {result.files[-1].name} ({rows})")
    return 0


def report_site(args: argparse.Namespace) -> int:
    """Write the report of the published warehouse and, with --serve, serve it on a loopback port."""
    from pipelines.lib import settings
    from pipelines.lib.report import serve, site

    warehouse = settings.warehouse_path()
    if not warehouse.exists():
        print(f"error: no warehouse at {warehouse}: run 'make run' first", file=sys.stderr)
        return EXIT_CANNOT_START
    built = site.build(warehouse, settings.report_dir(warehouse))
    print(
        f"report of {warehouse}: {built.pages} pages, {built.bulletins} bulletins, "
        f"{built.figures} figures, in {built.seconds:.1f}s"
    )
    print(f"written to {built.path}")
    if not built.charts:
        print("no charts: ECharts is not installed (make report-deps)", file=sys.stderr)
    if not args.serve:
        return 0
    httpd = serve.server(built.path, args.port)
    host, port = httpd.server_address[:2]
    print(f"serving on http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    runner = sub.add_parser("run", help="materialize every asset and run every check")
    runner.add_argument(
        "--force",
        action="store_true",
        help="run even if nothing changed since the last publish: every bulletin parsed again, "
        "every mart rebuilt and checked in full",
    )
    runner.add_argument(
        "--full-checks",
        action="store_true",
        help="check every row of the marts, not only the rows of the bulletins this run changed",
    )
    runner.set_defaults(func=run)
    ev = sub.add_parser("eval", help="score the figures of a bulletin against a gold file")
    ev.add_argument("--bulletin", help="the bulletin file (default: every gold file's fixture)")
    ev.add_argument("--gold", help="gold file (format of seed_tasks_1_10.json)")
    ev.add_argument("--gold-dir", default="tests/gold", help="gold files naming their fixture")
    ev.add_argument("--fixtures-dir", default="tests/fixtures", help="where those fixtures are")
    ev.add_argument("--min-f1", type=float, default=None, help="exit 1 if F1 is below this")
    ev.set_defaults(func=evaluate)
    b = sub.add_parser("bench", help="benchmark on a synthetic corpus (prints figures)")
    b.add_argument("--n", type=int, default=1000, help="number of bulletins (default 1000)")
    b.add_argument(
        "--keep", default=None, help="folder for the corpus and warehouse (default: a temp dir)"
    )
    b.set_defaults(func=run_bench)
    real = sub.add_parser(
        "eval-real", help="the real-page corpus through the whole pipeline, against its gold"
    )
    real.add_argument("--real-dir", default=".real_pages", help="folder of <page_id>.txt texts")
    real.add_argument(
        "--split",
        choices=["dev", "holdout", "all"],
        default="dev",
        help="which pages (the held-out third is scored once, at the end of a piece of work)",
    )
    real.add_argument("--keep", default=None, help="folder for the raw copy and the warehouse")
    real.set_defaults(func=eval_real)
    prep = sub.add_parser("prepare", help="parse the dbt project's manifest if it is stale")
    prep.set_defaults(func=prepare)
    snap = sub.add_parser(
        "snapshot", help="the parsed rows of the seed and the fixtures: write or compare them"
    )
    what = snap.add_mutually_exclusive_group(required=True)
    what.add_argument("--write", metavar="PATH", help="write them as the snapshot PATH")
    what.add_argument("--check", metavar="PATH", help="compare them with the snapshot PATH")
    snap.set_defaults(func=snapshot)
    exp = sub.add_parser("export", help="the published marts as Parquet, CSV and an Excel workbook")
    exp.add_argument("--out", help="folder to write (default: exports/ beside the warehouse)")
    exp.set_defaults(func=export)
    rep = sub.add_parser("report", help="write the report of the published warehouse")
    rep.add_argument("--serve", action="store_true", help="then serve it on a loopback port")
    rep.add_argument("--port", type=int, default=8000, help="port to serve on (default 8000)")
    rep.set_defaults(func=report_site)
    args = parser.parse_args(argv)
    return args.func(args)
