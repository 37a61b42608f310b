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
    from pipelines.devtools.bench import bench
    from pipelines.devtools.bench_results import previous_results, print_results, save_results

    results = bench(12, keep=tmp_path)
    assert results["precision"] == 1.0 and results["recall"] == 1.0
    assert results["parser_mb_per_s_one_core"] > 0
    assert results["nothing_new_run_s"] < results["one_new_run_s"]
    # what each step of the runs took, to show what dominates
    assert {"parsed__by_bulletin", "dbt_models"} <= set(results["one_new_run_steps"])
    saved = tmp_path / "results.json"
    assert previous_results(12, saved) is None
    save_results(results, saved)
    print_results(results, previous_results(12, saved))
    out = capsys.readouterr().out
    assert "parser throughput" in out and "rerun, nothing new" in out
    assert "compared with the previous bench of 12" in out and "(1.00×)" in out
    assert "one new run by step (s):" in out and "outside the steps" in out
