"""The raw folder's listing and reading: symbolic links out of the folder and link loops are
never followed, and a file removed while a run reads the folder never fails it."""

import logging
import os
from pathlib import Path

import duckdb
import pytest

from pipelines.lib import raw_table
from pipelines.lib.folder_scan import content_of, stat_files
from pipelines.lib.parsing.corpus import RawRecord, parse_corpus
from pipelines.lib.raw_links import DANGLING, LOOP, OUTSIDE
from pipelines.lib.raw_table import update_raw_table

SECRET = "root:x:0:0:secret-outside-the-folder"


def _bulletin(n: int) -> bytes:
    return (
        f"2020年重点工作完成情况\n序号\n重点工作\n完成情况\n1\n建设5G基站。\n"
        f"累计建成交付5G基站{n}个。\n"
    ).encode()


@pytest.fixture
def folders(tmp_path):
    """A raw folder with two bulletins, and a folder beside it holding what must stay out."""
    raw, outside = tmp_path / "raw", tmp_path / "outside"
    raw.mkdir()
    outside.mkdir()
    (raw / "a.txt").write_bytes(_bulletin(1))
    (raw / "b.txt").write_bytes(_bulletin(2))
    (outside / "passwd").write_text(SECRET)
    (outside / "meta.json").write_text('{"issuer": "' + SECRET + '"}')
    return raw, outside


def _links(raw, outside):
    os.symlink(outside, raw / "etc")  # a folder outside
    os.symlink(outside / "passwd", raw / "passwd.txt")  # a file outside
    os.symlink(raw / "hop", raw / "via.txt")  # through a link inside, then out
    os.symlink(outside / "passwd", raw / "hop")
    os.symlink(raw / "loop_b", raw / "loop_a")  # a loop a -> b -> a
    os.symlink(raw / "loop_a", raw / "loop_b")
    (raw / "sub").mkdir()
    os.symlink(raw, raw / "sub" / "up")  # a folder loop: sub/up/sub/up/…
    os.symlink(raw / "a.txt", raw / "sub" / "copy.txt")  # a file inside: read as usual
    os.symlink(raw / "gone.txt", raw / "dangling.txt")
    os.symlink(outside / "meta.json", raw / "a.txt.meta.json")  # a sidecar outside


def test_the_scan_lists_links_out_of_the_folder_with_their_reason_and_never_loops(folders):
    raw, outside = folders
    _links(raw, outside)
    listed = {stat.source_file: stat.refused for _, stat in stat_files(raw)}
    assert listed == {
        "a.txt": None,
        "b.txt": None,
        "sub/copy.txt": None,
        "etc": OUTSIDE,
        "passwd.txt": OUTSIDE,
        "via.txt": OUTSIDE,
        "hop": OUTSIDE,
        "a.txt.meta.json": OUTSIDE,
        "loop_a": LOOP,
        "loop_b": LOOP,
        "dangling.txt": DANGLING,
    }
    by_name = {stat.source_file: stat for _, stat in stat_files(raw)}
    assert by_name["a.txt"].sidecar_modified_ns is None  # its sidecar is a link out: not read


def test_a_link_out_of_the_folder_is_recorded_unread_and_rejected_with_its_reason(folders):
    raw, outside = folders
    _links(raw, outside)
    con = duckdb.connect()
    update = update_raw_table(con, raw)
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "select source_file, decoded_text, sidecar, read_error from raw.bulletin_files"
        ).fetchall()
    }
    assert rows["passwd.txt"] == (None, None, OUTSIDE)
    assert rows["etc"][2] == OUTSIDE and rows["loop_a"][2] == LOOP
    assert rows["a.txt"][1] is None  # the sidecar linked from outside is not read
    assert rows["sub/copy.txt"][0] == rows["a.txt"][0] != None  # noqa: E711 — a link inside
    dumped = str(con.execute("select * from raw.bulletin_files").fetchall())
    assert SECRET not in dumped
    assert ("passwd.txt", OUTSIDE) in update.errors  # the raw step logs each of them

    # the parse step's rejected_files rows (the rejected_files mart), as for an unreadable file
    records = [
        RawRecord(*r)
        for r in con.execute(
            "select source_file, content_sha256, encoding, decoded_text, read_error, sidecar, "
            "source_format, page_file, is_page from raw.bulletin_files"
        ).fetchall()
    ]
    rejected = {
        r["source_file"]: (r["stage"], r["reason"])
        for r in parse_corpus(records).rows["rejected_files"]
    }
    assert rejected["passwd.txt"] == ("read", OUTSIDE)
    assert rejected["etc"] == ("read", OUTSIDE)
    assert rejected["loop_b"] == ("read", LOOP)
    assert "a.txt" not in rejected and "sub/copy.txt" not in rejected

    # a second run finds the same: the links are judged again, never read
    update_raw_table(con, raw)
    assert SECRET not in str(con.execute("select * from raw.bulletin_files").fetchall())


def test_the_run_plan_hashes_a_link_out_of_the_folder_without_reading_it(folders, monkeypatch):
    raw, outside = folders
    os.symlink(outside / "passwd", raw / "passwd.txt")
    read = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: read.append(p.name) or real_read_bytes(p))
    contents = {stat.source_file: content_of(path, stat, {}) for path, stat in stat_files(raw)}
    assert sorted(read) == ["a.txt", "b.txt"]
    assert contents["passwd.txt"] is not None and contents["passwd.txt"].sidecar is None


def test_a_file_removed_after_the_listing_is_skipped_and_reported(folders, monkeypatch):
    raw, _ = folders
    (raw / "c.txt").write_bytes(_bulletin(3))
    listing = stat_files(raw)

    def list_then_remove(folder):
        (raw / "b.txt").unlink()  # removed between the listing and the reading
        return listing

    monkeypatch.setattr(raw_table, "stat_files", list_then_remove)
    con = duckdb.connect()
    update = update_raw_table(con, raw)
    assert update.vanished == ["b.txt"]
    assert update.files == 2 and update.read == 2
    read = dict(con.execute("select source_file, decoded_text from raw.bulletin_files").fetchall())
    assert set(read) == {"a.txt", "c.txt"} and all(read.values())


def test_the_run_plan_skips_a_file_removed_after_the_listing_and_says_which(
    folders, monkeypatch, caplog
):
    from pipelines.defs import partitions

    raw, _ = folders
    listing = stat_files(raw)

    def list_then_remove(folder):
        (raw / "a.txt").unlink()
        return listing

    monkeypatch.setattr(partitions, "stat_files", list_then_remove)
    with caplog.at_level(logging.WARNING):
        files = partitions.scan(raw)
    assert [f.source_file for f in files] == ["b.txt"]
    assert "a.txt: removed from the raw folder" in caplog.text


def test_the_raw_step_reads_the_folder_in_batches_and_records_every_file(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    for n in range(5):
        (raw / f"{n}.txt").write_bytes(_bulletin(n))
    monkeypatch.setattr(raw_table, "READ_BATCH_FILES", 2)
    read_at_once = []
    real = raw_table._read_changed

    def counting(batch):
        read_at_once.append(len(batch))
        return real(batch)

    monkeypatch.setattr(raw_table, "_read_changed", counting)
    con = duckdb.connect()
    update = update_raw_table(con, raw)
    assert read_at_once == [2, 2, 1]
    assert update.files == update.read == update.decoded == 5 and not update.errors
    read = dict(con.execute("select source_file, decoded_text from raw.bulletin_files").fetchall())
    assert set(read) == {f"{n}.txt" for n in range(5)} and all(read.values())
    # by bytes too: a batch closes before it passes READ_BATCH_BYTES
    monkeypatch.setattr(raw_table, "READ_BATCH_FILES", 100)
    monkeypatch.setattr(raw_table, "READ_BATCH_BYTES", 2 * len(_bulletin(1)))
    assert [len(b) for b in raw_table.read_batches(stat_files(raw))] == [2, 2, 1]


def test_a_reader_failing_on_one_file_rejects_it_and_reads_the_others(folders, monkeypatch, caplog):
    raw, _ = folders
    real = raw_table.read_file

    def out_of_memory(data, name, limits):
        if name == "b.txt":
            raise MemoryError("decoding")
        return real(data, name, limits)

    monkeypatch.setattr(raw_table, "read_file", out_of_memory)
    con = duckdb.connect()
    with caplog.at_level(logging.WARNING):
        update = update_raw_table(con, raw)
    assert update.read == 2
    ((file, reason),) = update.errors
    assert file == "b.txt"
    assert reason.startswith("internal error while reading the file: MemoryError: decoding")
    assert any("internal error while parsing b.txt" in r.getMessage() for r in caplog.records)
    # the fault is not kept: the next run reads the file again
    monkeypatch.setattr(raw_table, "read_file", real)
    again = update_raw_table(con, raw)
    assert again.read == 1 and not again.errors


def test_a_text_over_a_limit_is_recorded_with_its_reason_not_stored(folders, monkeypatch):
    raw, _ = folders
    (raw / "long.txt").write_text("".join(f"{n}.建成基站{n}个。\n" for n in range(1, 300)))
    monkeypatch.setenv("BULLETINS_MAX_LINES", "100")
    con = duckdb.connect()
    update = update_raw_table(con, raw)
    assert [file for file, _ in update.errors] == ["long.txt"]
    assert "setting BULLETINS_MAX_LINES" in update.errors[0][1]
    (text,) = con.execute(
        "select decoded_text from raw.bulletin_files where source_file = 'long.txt'"
    ).fetchone()
    assert text is None
