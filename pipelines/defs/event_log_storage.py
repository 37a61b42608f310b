"""Dagster's SQLite event log, writing a run's partition materializations in batches.

A run over N bulletin partitions records N materialization events. Dagster's SQLite storage writes
each one on its own: two new database connections and two committed transactions (the run's shard
and the cross-run index), about 9 ms an event on this machine, 90 s of a 10,000-bulletin backfill.
Dagster hands the events of one step's partitions over together when ``DAGSTER_EVENT_BATCH_SIZE``
is set (the Makefile and ``python -m pipelines run`` set it); the SQLite storage then still stores
them one by one. This storage writes such a batch in one transaction per database, with the same
rows as the one-by-one path (``tests/test_event_log_storage.py`` compares the two).

The instance uses it through ``dagster.yaml`` (``pipelines.lib.settings.write_dagster_home``);
the Postgres storage a production deployment would use writes batches itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from dagster._core.events import ASSET_EVENTS
from dagster._core.events.log import EventLogEntry
from dagster._core.storage.event_log.schema import SqlEventLogStorageTable
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage
from dagster._core.storage.sqlalchemy_compat import db_result


class BatchedSqliteEventLogStorage(SqliteEventLogStorage):
    @classmethod
    def from_config_value(cls, inst_data, config_value) -> BatchedSqliteEventLogStorage:  # type: ignore[override]
        return cls(inst_data=inst_data, **config_value)

    def store_event_batch(self, events: Sequence[EventLogEntry]) -> None:
        # Only a batch of asset events of one run (the partitions of a step) is written together;
        # anything else (run status, checks) goes the one-by-one way, with its extra bookkeeping.
        if not events or not all(_is_asset_event_of(event, events[0].run_id) for event in events):
            super().store_event_batch(events)
            return
        rows = [self._event_to_row(event) for event in events]
        with self.run_connection(events[0].run_id) as conn:
            conn.execute(SqlEventLogStorageTable.insert(), rows)
        with self.index_transaction() as conn:  # mirrored in the cross-run index, as one by one
            ids = []
            for row in rows:
                with db_result(conn, SqlEventLogStorageTable.insert().values(**row)) as result:
                    ids.append(result.inserted_primary_key[0])
            self._store_asset_event_tags(conn, events, ids)
            for event, event_id in zip(events, ids, strict=True):
                self._store_asset_event(conn, event, event_id)


def _is_asset_event_of(event: EventLogEntry, run_id: str) -> bool:
    dagster_event = event.dagster_event
    return (
        event.run_id == run_id
        and dagster_event is not None
        and dagster_event.event_type in ASSET_EVENTS
        and dagster_event.asset_key is not None
    )
