"""A damaged published warehouse is found, moved aside and replaced by the generation before it
(or rebuilt from the raw folder); publishing keeps that generation."""

import os

import duckdb
import pytest

from pipelines.lib import inventory
from pipelines.lib.warehouse_generations import damage, keep_previous, previous_path, restore

from .conftest import FIXTURES, SEED, make_raw_folder, run_pipeline


def _warehouse(path, n: int):
    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select range as i from range(?)", [n])
    return path


def _truncate(path, keep: int = 5000):
    data = path.read_bytes()
    path.write_bytes(data[:keep])


def test_a_sound_warehouse_reads_and_a_truncated_one_does_not(tmp_path):
    w = _warehouse(tmp_path / "w.duckdb", 10)
    assert damage(w) is None
    _truncate(w)
    assert damage(w)


def test_publishing_keeps_the_previous_generation(tmp_path):
    w = _warehouse(tmp_path / "w.duckdb", 10)
    before = w.read_bytes()
    keep_previous(w)
    assert previous_path(w).read_bytes() == before


def _publish(w, n: int):
    """As publishing does: keep the generation, then rename a new file over it."""
    new = _warehouse(w.with_name("build.duckdb"), n)
    keep_previous(w)
    os.replace(new, w)


def test_a_damaged_warehouse_is_moved_aside_and_the_previous_restored(tmp_path):
    w = _warehouse(tmp_path / "w.duckdb", 10)
    _publish(w, 20)
    inventory.inventory_path(w).write_text("{}")
    _truncate(w)
    said = restore(w)
    assert "is damaged" in said and "previous generation restored" in said
    with duckdb.connect(str(w), read_only=True) as con:
        assert con.execute("select count(*) from t").fetchone()[0] == 10
    (aside,) = tmp_path.glob("w.damaged-*.duckdb")
    assert damage(aside)  # kept, as it was, for inspection
    assert not inventory.inventory_path(w).exists()  # the next run compares the folder anew
    assert previous_path(w).exists()


def test_without_a_sound_generation_the_warehouse_is_rebuilt(tmp_path):
    w = _warehouse(tmp_path / "w.duckdb", 10)
    _truncate(w)
    assert "rebuilt from the raw folder" in restore(w)
    assert not w.exists()
    assert restore(w) is None  # nothing to restore: the run builds it


@pytest.mark.e2e
def test_make_run_restores_a_truncated_warehouse(tmp_path):
    raw = make_raw_folder(tmp_path / "raw", SEED)
    warehouse, home = tmp_path / "w.duckdb", tmp_path / "home"
    assert run_pipeline(raw, warehouse, home).returncode == 0
    make_raw_folder(raw, FIXTURES / "s1_city_2021_q1_progress.txt")
    assert run_pipeline(raw, warehouse, home).returncode == 0  # a second generation
    _truncate(warehouse, keep=warehouse.stat().st_size // 3)

    run = run_pipeline(raw, warehouse, home)
    out = run.stdout
    assert run.returncode == 0, out[-3000:] + run.stderr[-2000:]
    assert "nothing new" not in out
    assert f"the published warehouse {warehouse} does not read" in out
    assert "previous generation restored in its place" in out
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from dim_bulletin").fetchone()[0] == 2
    assert list(tmp_path.glob("w.damaged-*.duckdb"))
    again = run_pipeline(raw, warehouse, home)
    assert again.returncode == 0 and "nothing new" in again.stdout
