"""A run's bulletins parsed in batches."""

from pipelines.lib.parse_batches import batches
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
