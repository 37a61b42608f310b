"""Every SQL example of the README's "More examples" block, run on the seed plus the city's
bulletins: each statement's answer is exactly the rows shown under it."""

import re

import pytest

from .conftest import ROOT, shown_as

pytestmark = pytest.mark.e2e  # runs the pipeline: not in make check


def readme_examples() -> list[tuple[str, list[list[str]]]]:
    """(statement, rows shown under it) of the README's block after "More examples"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("More examples (`make sql`)", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    examples: list[tuple[str, list[list[str]]]] = []
    sql: list[str] = []
    answer = False  # the comment lines right after a statement are its rows
    for line in block.splitlines():
        if not line.strip():
            sql, answer = [], False
        elif line.startswith("--"):
            if answer:
                examples[-1][1].append(re.split(r"\s{2,}", line[2:].strip()))
        else:
            sql.append(line)
            if line.rstrip().endswith(";"):
                examples.append(("\n".join(sql), []))
                sql, answer = [], True
    return examples


def test_the_readme_has_its_examples():
    examples = readme_examples()
    assert len(examples) >= 7
    assert any("burden_reduction" in sql and rows == [["3252.0"]] for sql, rows in examples)


@pytest.mark.parametrize("index", range(len(readme_examples())))
def test_each_readme_example_answers_as_shown(quarters_run, index):
    warehouse, _ = quarters_run
    sql, shown = readme_examples()[index]
    rows = [[shown_as(v) for v in row] for row in warehouse.execute(sql).fetchall()]
    assert rows == shown, sql
