"""A small run of the benchmark: the synthetic corpus is parsed right and the three runs work."""

import pytest

from pipelines.devtools.bench import generate


def test_synthetic_corpus_is_reproducible_and_in_three_layouts():
    a, b = generate(6), generate(6)
    assert [x.data for x in a] == [x.data for x in b]
    assert {x.name.rsplit(".", 1)[1] for x in a} == {"txt", "html"}
    assert all(x.figures for x in a)


@pytest.mark.e2e
def test_small_benchmark(tmp_path, capsys):
    from pipelines.devtools.bench import bench, print_results

    results = bench(12, keep=tmp_path)
    assert results["precision"] == 1.0 and results["recall"] == 1.0
    assert results["parser_mb_per_s_one_core"] > 0
    assert results["nothing_new_run_s"] < results["one_new_run_s"]
    print_results(results)
    out = capsys.readouterr().out
    assert "parser throughput" in out and "rerun, nothing new" in out
