"""A run's bulletins parsed in batches."""

import hashlib
import logging

from pipelines.lib import parse_batches
from pipelines.lib.parse_batches import batches, parse_in_batches
from pipelines.lib.parsing import corpus
from pipelines.lib.parsing.corpus import RawRecord


def _record(name: str, sha: str) -> RawRecord:
    return RawRecord(name, sha, "utf-8", "text", None, None, "text", None, False, None)


def test_batches_keep_the_copies_of_a_content_together():
    records = [_record(f"f{i}.txt", f"sha{i % 7}") for i in range(40)]
    out = batches(records, size=3)
    assert sum(len(b) for b in out) == 40
    for batch in out:
        shas = {r.content_sha256 for r in batch}
        assert len(shas) <= 3
        for other in out:
            if other is not batch:
                assert not shas & {r.content_sha256 for r in other}


def _bulletin(name: str, n: int) -> RawRecord:
    text = f"2020年重点工作完成情况\n序号\n重点工作\n完成情况\n1\n建设5G基站。\n累计建成交付5G基站{n}个。\n"
    return RawRecord(name, hashlib.sha256(text.encode()).hexdigest(), "utf-8", text, None)


def test_a_parser_running_out_of_memory_on_one_file_rejects_that_file_only(monkeypatch, caplog):
    real = corpus.parse_document

    def out_of_memory(text, *args, **kwargs):
        if "基站2个" in text:
            raise MemoryError("laying out the grid")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(corpus, "parse_document", out_of_memory)
    records = [_bulletin(f"{n}.txt", n) for n in (1, 2, 3)]
    with caplog.at_level(logging.WARNING):
        results = [result for result, _ in parse_in_batches(records, {})]
    rejected = [r for result in results for r in result.rows["rejected_files"]]
    assert [(r["source_file"], r["stage"]) for r in rejected] == [("2.txt", "parse")]
    assert rejected[0]["reason"].startswith(
        "internal error while parsing the bulletin: MemoryError: laying out the grid"
    )
    assert sum(result.parsed for result in results) == 2
    parsed = {row["source_file"] for result in results for row in result.rows["bulletins"]}
    assert parsed == {"1.txt", "3.txt"}
    assert any(
        "internal error while parsing 2.txt" in r.getMessage() and r.levelno >= logging.WARNING
        for r in caplog.records
    )


def test_a_batch_failing_as_a_whole_is_parsed_file_by_file(monkeypatch):
    real = parse_batches.parse_corpus

    def fails_with_2(records, **kwargs):
        if any(r.source_file == "2.txt" for r in records):
            raise RuntimeError("a fault across the batch")
        return real(records, **kwargs)

    monkeypatch.setattr(parse_batches, "parse_corpus", fails_with_2)
    records = [_bulletin(f"{n}.txt", n) for n in (1, 2, 3)]
    ((result, count),) = list(parse_in_batches(records, {}))
    assert count == 3 and result.parsed == 2
    (rejected,) = result.rows["rejected_files"]
    assert rejected["source_file"] == "2.txt"
    assert "RuntimeError: a fault across the batch" in rejected["reason"]
    assert {row["source_file"] for row in result.rows["bulletins"]} == {"1.txt", "3.txt"}
