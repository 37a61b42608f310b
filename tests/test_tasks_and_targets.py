"""Task identity across bulletins and target links (plain Python)."""

from pipelines.lib.parsing import parse_bytes
from pipelines.lib.parsing.figures.finder import extract_figures
from pipelines.lib.parsing.targets.links import label_similarity, link_targets
from pipelines.lib.parsing.task_ids import TaskRef, assign_task_ids


def _ids(bulletins):
    return assign_task_ids(
        [
            (issuer, year, [TaskRef(bid, seq, text) for seq, text in tasks])
            for bid, issuer, year, tasks in bulletins
        ]
    )


def test_same_task_keeps_its_id_across_quarters_despite_order_and_small_edits():
    ids = _ids(
        [
            (
                "h1",
                "市政府",
                2023,
                [
                    (1, "建成5G基站3000个。"),
                    (2, "新增城镇就业4万人,城镇调查失业率控制在5.5%以内。"),
                ],
            ),
            (
                "q3",
                "市政府",
                2023,
                [
                    (1, "新增城镇就业4万人,城镇调查失业率控制在5.5%以内。"),
                    (2, "建成5G基站3000个。"),
                ],
            ),
            (
                "q4",
                "市政府",
                2023,
                [
                    (1, "全年新增城镇就业4万人,城镇调查失业率控制在5.5%以内。"),
                    (2, "建成5G基站3000个"),
                ],
            ),
        ]
    )
    assert ids[("h1", 1)] == ids[("q3", 2)] == ids[("q4", 2)]
    assert ids[("h1", 2)] == ids[("q3", 1)] == ids[("q4", 1)]
    assert ids[("h1", 1)] != ids[("h1", 2)]


def test_different_year_or_issuer_or_task_gets_a_different_id():
    ids = _ids(
        [
            ("a", "市政府", 2022, [(1, "建成5G基站3000个。")]),
            ("b", "市政府", 2023, [(1, "建成5G基站3000个。")]),
            ("c", "县政府", 2023, [(1, "建成5G基站3000个。")]),
            ("d", "市政府", 2023, [(1, "建成5G基站5000个,实现乡镇以上全覆盖。")]),
        ]
    )
    assert len({ids[("a", 1)], ids[("b", 1)], ids[("c", 1)], ids[("d", 1)]}) == 4


def test_two_near_identical_tasks_in_one_bulletin_stay_apart():
    ids = _ids([("a", None, 2023, [(1, "新建幼儿园8所。"), (2, "新建幼儿园9所。")])])
    assert ids[("a", 1)] != ids[("a", 2)]


def test_label_similarity():
    assert label_similarity("在役工业机器人累计", "在役工业机器人累计") == 1.0
    assert label_similarity("新增小微企业园", "全省在建小微园") < 0.3
    assert label_similarity("数字经济核心产业增加值增长", "规上电子制造业增加值增长") < 0.3


def test_seed_target_links_against_gold(seed_bytes, gold):
    b = parse_bytes(seed_bytes)
    found = {}
    for seq in {f.task_seq for f in b.figures}:
        figs = [(f.section, f.figure) for f in b.figures if f.task_seq == seq]
        for link in link_targets(figs):
            target = figs[link.target][1]
            actual = figs[link.actual][1].raw_text if link.evidence == "actual" else None
            found[(seq, target.raw_text)] = actual
    certain = [g for g in gold["target_links"] if not g["uncertain"]]
    expected = {(g["task_seq"], g["target_raw"]): g["actual_raw"] for g in certain}
    linked = {k: v for k, v in found.items() if k in expected and v is not None}
    true_links = {k for k, v in expected.items() if v is not None}
    correct = {k for k, v in linked.items() if expected[k] == v}
    precision = len(correct) / len(linked)
    recall = len(correct) / len(true_links)
    assert precision >= 0.9 and recall >= 0.9, (found, expected)
    assert all(found.get(k) is None for k, v in expected.items() if v is None)


def test_a_stated_completion_ratio_is_evidence_when_nothing_else_reports():
    task = extract_figures("培育市场主体,新增市场主体6000户。")
    progress = extract_figures("市场主体培育进展顺利,完成年度目标的58.5%。")
    (link,) = link_targets([("task", f) for f in task] + [("progress", f) for f in progress])
    assert (link.evidence, link.actual) == ("completion_ratio", 1)


def test_unchanged_bulletins_are_not_parsed_again(seed_bytes):
    import hashlib

    from pipelines.lib.parsing.corpus import CachedBulletin, RawRecord, parse_corpus

    text = seed_bytes.decode("utf-8")
    record = RawRecord("seed.txt", hashlib.sha256(seed_bytes).hexdigest(), "utf-8", text, None)
    first = parse_corpus([record])
    assert (first.parsed, first.reused) == (1, 0)
    (bulletin,) = first.rows["bulletins"]
    cache = {
        bulletin["parse_key"]: CachedBulletin(
            rows={
                name: [r for r in rows if r.get("bulletin_id") == bulletin["bulletin_id"]]
                for name, rows in first.rows.items()
                if name != "rejected_files"
            }
        )
    }
    renamed = RawRecord("renamed.txt", record.content_sha256, "utf-8", text, None)
    second = parse_corpus([renamed], cached=cache)
    assert (second.parsed, second.reused) == (0, 1)
    assert second.rows["bulletins"][0]["source_file"] == "renamed.txt"
    assert second.rows["figures"] == first.rows["figures"]
    assert second.rows["tasks"] == first.rows["tasks"]


def test_the_parser_version_covers_every_parsing_module(tmp_path, monkeypatch):
    """A change to any parsing module, however deep, parses the bulletins again."""
    import shutil
    from pathlib import Path

    import pipelines.lib.parsing.corpus as corpus

    package = Path(corpus.__file__).parent
    copy = tmp_path / "parsing"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(corpus, "__file__", str(copy / "corpus.py"))
    before = corpus._parser_version()
    modules = sorted(copy.rglob("*.py"))
    assert any(p.parent != copy for p in modules)  # the readers' subpackage is there
    for module in modules:
        original = module.read_text(encoding="utf-8")
        module.write_text(original + "\n# changed\n", encoding="utf-8")
        assert corpus._parser_version() != before, module
        module.write_text(original, encoding="utf-8")
    assert corpus._parser_version() == before
