"""The dbt project as Dagster assets: staging views and marts, with dbt tests as asset checks."""

import contextlib
import importlib.metadata
import shutil
import tempfile
import threading
import warnings
from functools import cached_property
from pathlib import Path

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets
from packaging import version

from pipelines.defs.partitions import FULL_REFRESH_TAG
from pipelines.defs.resources import WarehouseResource
from pipelines.lib import changes, dbt_manifest, settings
from pipelines.lib.quality_suites import warm_up_great_expectations
from pipelines.lib.run_record import dbt_in_own_group
from pipelines.lib.warehouse import relation_kinds, row_count

dbt_project = DbtProject(project_dir=settings.DBT_PROJECT_DIR)


class ProjectDbtCliResource(DbtCliResource):
    """dbt from this environment, without two costs dagster-dbt pays on every run: it learns dbt's
    version from the installed package instead of running `dbt --version` (about 4 s), and it opens
    no in-process dbt adapter (used only by dagster-dbt's row-count helpers; this project reads row
    counts and column schemas from the warehouse itself)."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):
        return None


def dbt_resource() -> ProjectDbtCliResource:
    # dbt in a process group of its own, which the next run stops if this run dies meanwhile
    return ProjectDbtCliResource(project_dir=dbt_project, dbt_executable=dbt_in_own_group())


def _manifest() -> Path:
    """The manifest `make setup` prepared. Loading the code location writes nothing into the
    repository: if the manifest is missing or older than the dbt project (models edited since), the
    project is parsed into a temporary folder instead, with a warning."""
    prepared = dbt_manifest.PREPARED / "manifest.json"
    if not dbt_manifest.is_stale(prepared):
        return prepared
    warnings.warn(
        f"{prepared} is missing or older than the dbt project: parsing it into a temporary folder "
        "(`make setup` prepares it once)",
        stacklevel=2,
    )
    return dbt_manifest.parse_into(Path(tempfile.mkdtemp(prefix="bulletins-dbt-")))


MANIFEST = _manifest()


_TEST_DESCRIPTIONS = {
    "unique": "No two rows of {model} share the same {column} (its key).",
    "not_null": "{column} of {model} is never null.",
    "relationships": "Every {column} of {model} exists in {to}.{field}.",
    "accepted_values": "{column} of {model} takes only the values {values}.",
    "not_empty_string": "{column} of {model} is never empty or only white space.",
    "unique_combination_of_columns": "No two rows of {model} share the same ({columns}): the table's grain.",
}


class ProjectDbtTranslator(DagsterDbtTranslator):
    """dbt tests appear as asset checks with a sentence saying the property they hold, not only
    their generated names."""

    def get_asset_check_spec(self, asset_spec, manifest, unique_id, project):
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        test = manifest.get("nodes", {}).get(unique_id, {})
        if spec is None or spec.description:
            return spec
        meta = test.get("test_metadata") or {}
        template = _TEST_DESCRIPTIONS.get(meta.get("name"))
        if template is None:
            return spec
        kwargs = meta.get("kwargs") or {}
        arguments = kwargs.get("arguments") or {}
        values = {
            "model": asset_spec.key.to_user_string(),
            "column": kwargs.get("column_name") or "",
            "to": str(arguments.get("to") or kwargs.get("to") or "")
            .replace("ref('", "")
            .replace("')", ""),
            "field": arguments.get("field") or kwargs.get("field") or "",
            "values": ", ".join(map(str, arguments.get("values") or kwargs.get("values") or [])),
            "columns": ", ".join(
                arguments.get("combination_of_columns")
                or kwargs.get("combination_of_columns")
                or []
            ),
        }
        severity = "blocking" if spec.blocking else "warning"
        return spec._replace(description=f"{template.format(**values)} (dbt test, {severity})")


@dbt_assets(
    manifest=MANIFEST,
    project=dbt_project,
    dagster_dbt_translator=ProjectDbtTranslator(),
)
def dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
):
    """Build (run + test) the dbt models: staging views over the parsed tables, then the marts."""
    project = dbt_manifest.project_hash()
    with warehouse.connect() as con:  # the run's build file exists before dbt opens it
        reasons = changes.full_refresh_reasons(con, project)
    if context.run.tags.get(FULL_REFRESH_TAG) == "true":
        reasons.append("the run asked for it")
    if reasons:
        context.log.info(f"every mart rebuilt in full: {'; '.join(reasons)}")
    else:
        context.log.info(
            "the incremental marts' rows of what this run changed rebuilt; the other marts are views or small"
        )
    # dbt holds the build file while it runs: collect its events, then add each model's row count
    # and column schema (read from the file dbt just wrote) before handing them to Dagster.
    # Great Expectations is slow to import; the checks after this step need it, and this process
    # only waits while dbt works in its own: import it meanwhile.
    threading.Thread(target=warm_up_great_expectations, daemon=True).start()
    args = ["build", *settings.dbt_vars(warehouse.build_path)]
    if reasons:
        args.append("--full-refresh")
    invocation = dbt.cli(
        args,
        context=context,
        # the invocation's artifacts and logs outside the repository (removed after the run)
        target_path=Path(tempfile.mkdtemp(prefix="bulletins-dbt-run-")),
        # the events of a failed build are handed to Dagster too (each test's result), then the
        # failure is told in words (DbtBuildFailed)
        raise_on_error=False,
    )
    warehouse.started_process_group(invocation.process.pid)
    log = settings.run_log_path(warehouse.published_path, context.run_id, "dbt")
    try:
        events = _collect(context, invocation, log)
    finally:
        warehouse.finished_process_group(invocation.process.pid)
    succeeded = invocation.is_successful()
    if succeeded:
        with warehouse.connect() as con:
            changes.record_build(con, project)
    failed_tests = [
        e.check_name for e in events if isinstance(e, dg.AssetCheckResult) and not e.passed
    ]
    error = None if succeeded else invocation.get_error()
    _keep_parse_state(invocation.target_path)
    with warehouse.connect(read_only=True) as con:
        columns = _columns_by_table(con)
        kinds = relation_kinds(con)
        for event in events:
            key = getattr(event, "asset_key", None)
            if key is None and isinstance(event, dg.Output):
                key = context.asset_key_for_output(event.output_name)
            if isinstance(event, dg.Output | dg.AssetMaterialization) and key is not None:
                event = event.with_metadata(
                    {**(event.metadata or {}), **_table_metadata(con, key, columns, kinds)}
                )
            yield event
    if not succeeded:
        raise DbtBuildFailed(_build_failure(failed_tests, error, log))


class DbtBuildFailed(dg.Failure):
    """dbt's build failed: a test of the marts' shape (a key, a relationship, accepted values),
    which holds for the whole mart, or a model that did not build. Nothing is published."""


def _build_failure(failed_tests: list[str], error, log: Path) -> str:
    if failed_tests:
        shown = ", ".join(sorted(failed_tests)[:5]) + (" …" if len(failed_tests) > 5 else "")
        return (
            f"{len(failed_tests)} dbt tests of the marts' shape failed ({shown}), which a change "
            f"of code or models causes; their rows: {log}"
        )
    return f"dbt's build failed: {error or 'see its log'} ({log})"


DBT_PROGRESS_EVERY = 10  # events between two progress messages


def _collect(context, invocation, log: Path) -> list:
    """dbt's events, its line per model and test written to ``log`` (dagster-dbt echoes them to
    standard output, which would bury the run's progress), and its progress reported as it goes."""
    events = []
    with open(log, "a", encoding="utf-8") as out, contextlib.redirect_stdout(out):
        for event in invocation.stream():
            events.append(event)
            if len(events) % DBT_PROGRESS_EVERY == 0:
                context.log.debug(f"dbt: {len(events)} models and tests done")
    context.log.debug(f"dbt: {len(events)} models and tests done")
    context.log.info(f"dbt's line per model and test: {log}")
    return events


def _keep_parse_state(invocation_target: Path) -> None:
    """Keep this invocation's parse state for the next run (dbt re-parses everything when the
    profile, here the warehouse path, differs from the saved state's), then drop its folder."""
    state = invocation_target / "partial_parse.msgpack"
    if state.exists():
        shutil.copy2(state, dbt_manifest.PREPARED / "partial_parse.msgpack")
    shutil.rmtree(invocation_target, ignore_errors=True)


def _columns_by_table(con) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Every table's and view's columns, in one query (a catalog query per model costs more)."""
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for schema, table, name, type_ in con.execute(
        "select schema_name, table_name, column_name, data_type from duckdb_columns() "
        "where database_name = current_database() order by schema_name, table_name, column_index"
    ).fetchall():
        out.setdefault((schema, table), []).append((name, type_))
    return out


def _table_metadata(con, key: dg.AssetKey, columns_by_table: dict, kinds: dict) -> dict:
    """A model's columns, and its row count if it is a table (``row_count``)."""
    schema, table = (key.path[0], key.path[-1]) if len(key.path) > 1 else ("main", key.path[0])
    columns = columns_by_table.get((schema, table))
    if not columns:
        return {}
    metadata: dict = {
        "dagster/column_schema": dg.TableSchema(
            columns=[dg.TableColumn(name=name, type=type_) for name, type_ in columns]
        )
    }
    rows = row_count(con, schema, table, kinds)
    if rows is not None:
        metadata["dagster/row_count"] = rows
    return metadata
