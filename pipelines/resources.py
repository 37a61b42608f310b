"""Dagster resources: the warehouse and the raw folder, configured from :mod:`pipelines.settings`."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd

from . import settings


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse file. One writer at a time: assets run in one process, one after another."""

    path: str

    @contextmanager
    def connect(self, read_only: bool = False):
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(self.path, read_only=read_only)
        try:
            yield con
        finally:
            con.close()

    def query_df(self, sql: str) -> pd.DataFrame:
        with self.connect(read_only=True) as con:
            return con.execute(sql).df()


class RawFolderResource(dg.ConfigurableResource):
    """The folder the raw bulletins are read from."""

    path: str

    def files(self) -> list[Path]:
        root = Path(self.path)
        if not root.is_dir():
            raise FileNotFoundError(
                f"raw bulletin folder {root} does not exist (set BULLETINS_RAW_DIR)"
            )
        return sorted(
            p
            for p in root.rglob("*")
            if p.is_file() and p.suffix.lower() in settings.BULLETIN_SUFFIXES
        )


def default_resources() -> dict:
    return {
        "warehouse": WarehouseResource(path=str(settings.warehouse_path())),
        "raw_folder": RawFolderResource(path=str(settings.raw_dir())),
    }
