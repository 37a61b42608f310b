"""The report site of the published warehouse: the quarter at a glance and a review page per
bulletin (pipelines/lib/report)."""

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from pipelines.lib import settings
from pipelines.lib.report import site

PUBLISHED_KEY = dg.AssetKey(["warehouse", "published"])


@dg.asset(
    key=["report", "site"],
    deps=[PUBLISHED_KEY],
    group_name="report",
    kinds={"html"},
    description=(
        "The report of the published warehouse (never of a held-back build: it runs only after "
        "warehouse/published): per period and issuer the attainment of every target against the "
        "share of the year elapsed, tasks behind or not reported, the main measures across the "
        "quarters, stated breakdowns, bulletins held back or rejected; a review page per bulletin "
        "with every figure highlighted by role; a search over every figure. Static pages with "
        "ECharts bundled, written beside the warehouse (BULLETINS_REPORT_DIR to change); "
        "`make report` serves them."
    ),
)
def report_site(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    published = warehouse.published_path
    built = site.build(published, settings.report_dir(published))
    if not built.charts:
        context.log.warning(
            f"the report at {built.path} has no charts: ECharts is not installed "
            "(make report-deps installs it from package-lock.json)"
        )
    context.log.info(f"report written to {built.path} in {built.seconds:.1f}s")
    metadata = built.metadata()
    return dg.MaterializeResult(
        metadata={
            **metadata,
            "path": dg.MetadataValue.path(str(built.path)),
            "index": dg.MetadataValue.path(metadata["index"]),
        }
    )
