"""A sensor on the raw folder: when files appear, change or go (or the pipeline's code changes)
since the warehouse was last published, it requests a run of the whole job."""

import hashlib
import json

import dagster as dg

from .. import settings
from ..schedules import bulletins_job
from . import inventory


@dg.sensor(
    name="raw_folder_sensor",
    job=bulletins_job,
    minimum_interval_seconds=300,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description=(
        "Every 5 minutes: compares the raw folder (names, sizes, modification times, sidecars) and the "
        "pipeline's code with what the published warehouse was built from, and requests a run when "
        "they differ. The run parses only the new or changed bulletins."
    ),
)
def raw_folder_sensor(context: dg.SensorEvaluationContext):
    raw_dir, published = settings.raw_dir(), settings.warehouse_path()
    if inventory.unchanged_since_publish(published, raw_dir) is not None:
        return dg.SkipReason(f"nothing new in {raw_dir} since {published} was published")
    current = inventory.inventory(raw_dir)
    key = hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()[:16]
    if context.cursor == key:
        return dg.SkipReason("a run for this state of the raw folder was already requested")
    context.update_cursor(key)
    return dg.RunRequest(run_key=key, tags={"bulletins/files": str(len(current["files"]))})
