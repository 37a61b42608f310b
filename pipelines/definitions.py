"""The Dagster code location: every asset, check, job, schedule and resource of the project."""

from __future__ import annotations

import dagster as dg

from pipelines.defs.ingest.assets import fetched_pages, raw_bulletin_files
from pipelines.defs.ingest.sensors import after_fetch_sensor, raw_folder_sensor
from pipelines.defs.parse.assets import parsed_bulletins, parsed_tables
from pipelines.defs.publish.assets import exported_marts, published_warehouse
from pipelines.defs.quality.checks import quality_checks
from pipelines.defs.quality.held_back import held_back_bulletins
from pipelines.defs.report.assets import report_site
from pipelines.defs.resources import default_resources
from pipelines.defs.schedules import (
    bulletins_job,
    export_job,
    fetch_job,
    quarterly_refresh_schedule,
)
from pipelines.defs.transform.assets import dbt_models, dbt_resource
from pipelines.run_progress import progress_logger


def build_definitions() -> dg.Definitions:
    return dg.Definitions(
        assets=[
            fetched_pages,
            raw_bulletin_files,
            parsed_bulletins,
            parsed_tables,
            dbt_models,
            held_back_bulletins,
            published_warehouse,
            exported_marts,
            report_site,
        ],
        asset_checks=quality_checks,
        jobs=[fetch_job, bulletins_job, export_job],
        schedules=[quarterly_refresh_schedule],
        sensors=[raw_folder_sensor, after_fetch_sensor],
        loggers={"progress": progress_logger},
        resources={
            **default_resources(),
            "dbt": dbt_resource(),
        },
        # One process runs the steps one after another: DuckDB allows a single writer, and
        # starting a process per step costs more than the steps themselves.
        executor=dg.in_process_executor,
    )


defs = build_definitions()
