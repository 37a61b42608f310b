"""The jobs and the quarterly schedule: fetch first, then process whatever is new."""

from __future__ import annotations

import dagster as dg

FETCH = dg.AssetKey(["raw", "fetched_pages"])
EXPORTS = dg.AssetKey(["warehouse", "exports"])

fetch_job = dg.define_asset_job(
    name="fetch_job",
    selection=dg.AssetSelection.assets(FETCH),
    description="Fetch the bulletin pages listed in the sources file into the raw folder.",
)

bulletins_job = dg.define_asset_job(
    name="bulletins_job",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(FETCH, EXPORTS),
    description=(
        "Read the raw folder, parse the run's bulletin partitions (new or changed bulletins), build "
        "the dbt marts, run every check and publish the warehouse."
    ),
)

export_job = dg.define_asset_job(
    name="export_job",
    selection=dg.AssetSelection.assets(EXPORTS),
    description=(
        "Write the published marts as Parquet, CSV and an Excel workbook beside the warehouse "
        "(what `make export` does without Dagster)."
    ),
)

quarterly_refresh_schedule = dg.ScheduleDefinition(
    name="quarterly_refresh_schedule",
    job=fetch_job,
    cron_schedule="0 6 1 1,4,7,10 *",
    execution_timezone="Asia/Shanghai",
    description=(
        "06:00 Beijing time on 1 January, 1 April, 1 July and 1 October: fetch the sources; when the "
        "fetch succeeds, after_fetch_sensor runs bulletins_job over whatever is new."
    ),
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
