"""The quarterly run: every asset and every check, on the first day of each quarter."""

from __future__ import annotations

import dagster as dg

bulletins_job = dg.define_asset_job(
    name="bulletins_job",
    selection=dg.AssetSelection.all(),
    description="Ingest the raw bulletins, parse them, build the dbt marts and run every check.",
)

quarterly_refresh_schedule = dg.ScheduleDefinition(
    name="quarterly_refresh_schedule",
    job=bulletins_job,
    cron_schedule="0 6 1 1,4,7,10 *",
    execution_timezone="Asia/Shanghai",
    description="06:00 Beijing time on 1 January, 1 April, 1 July and 1 October.",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
