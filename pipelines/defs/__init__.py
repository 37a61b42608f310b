"""Everything Dagster loads: assets by stage, checks, partitions, jobs, schedules, sensors and
resources. pipelines/definitions.py gathers them into the one code location."""
