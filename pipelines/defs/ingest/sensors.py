"""Sensors that start the processing run: one on the raw folder (files copied in by hand, or the
pipeline's code changed), one after each successful fetch. Both register the folder's bulletins as
partitions and request one run over the partitions that are new or changed."""

import dagster as dg

from pipelines.defs.partitions import FULL_CHECKS_TAG, plan_run
from pipelines.defs.schedules import bulletins_job, fetch_job
from pipelines.lib import inventory, settings


def _request(
    instance: dg.DagsterInstance, reason: str, full_checks: bool = False
) -> dg.RunRequest | dg.SkipReason:
    plan = plan_run(instance, settings.raw_dir(), settings.warehouse_path())
    tags = plan.tags()
    if not tags:
        return dg.SkipReason(f"nothing new ({plan.summary()})")
    # one request per state of the folder: the same state is not requested twice
    run_key = f"{plan.run_keys[0]}..{plan.run_keys[-1]}:{inventory.fingerprint(settings.raw_dir())}"
    return dg.RunRequest(
        run_key=run_key,
        tags={
            **tags,
            **({FULL_CHECKS_TAG: "true"} if full_checks else {}),
            "bulletins/reason": reason,
            "bulletins/to_process": str(len(plan.pending)),
        },
    )


@dg.sensor(
    name="raw_folder_sensor",
    job=bulletins_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description=(
        "Every minute: registers new bulletins of the raw folder as partitions (one per content "
        "hash), drops those whose files are gone, and requests one run over the partitions whose "
        "bulletins are not yet in the published warehouse. Nothing is requested when the folder and "
        "the pipeline's code are as the published warehouse was built from."
    ),
)
def raw_folder_sensor(context: dg.SensorEvaluationContext):
    raw_dir, published = settings.raw_dir(), settings.warehouse_path()
    if inventory.unchanged_since_publish(published, raw_dir) is not None:
        return dg.SkipReason(f"nothing new in {raw_dir} since {published} was published")
    return _request(context.instance, "raw folder changed")


@dg.run_status_sensor(
    name="after_fetch_sensor",
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[fetch_job],
    request_job=bulletins_job,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description=(
        "When a fetch run succeeds (the quarterly schedule), requests the run over whatever it "
        "brought in that is new, with the checks on every row of the marts (the quarterly "
        "full-scan)."
    ),
)
def after_fetch_sensor(context: dg.RunStatusSensorContext):
    return _request(
        context.instance, f"after fetch run {context.dagster_run.run_id[:8]}", full_checks=True
    )
