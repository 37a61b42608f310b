"""Whatever bytes a file holds, the parser either reads a bulletin whose every figure's span is its
raw text, or refuses the file with a reason: never another exception (property-based, Hypothesis)."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.lib.parsing import RejectedFile, parse_bytes

FIXTURES = Path(__file__).parent / "fixtures"
TEXT_FIXTURES = sorted(
    p.read_bytes()
    for p in list(FIXTURES.glob("s1*.txt")) + list(FIXTURES.glob("s1[1-6]*"))
    if p.suffix in (".txt", ".html")
)
INSERTS = [
    "\u200b",
    "\u00ad",
    "\ufeff",
    "。",
    "\n",
    "|",
    "1.",
    "(一)",
    "亿元",
    "%",
    "-",
    "<td>",
    "\x00",
]


def _holds_or_refuses(data: bytes) -> None:
    try:
        bulletin = parse_bytes(data)
    except RejectedFile as exc:
        assert exc.reason  # refused, and says why
        return
    for pf in bulletin.figures:
        assert bulletin.body_text[pf.figure.char_start : pf.figure.char_end] == pf.figure.raw_text


@settings(
    max_examples=300,
    deadline=None,
    database=None,  # no example database written into the repository
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.binary(max_size=4000))
def test_random_bytes_are_read_or_refused(data):
    _holds_or_refuses(data)


@settings(
    max_examples=300,
    deadline=None,
    database=None,  # no example database written into the repository
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    fixture=st.sampled_from(TEXT_FIXTURES),
    cut=st.floats(0, 1),
    repeat=st.integers(1, 3),
    insert_at=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(INSERTS)), max_size=8),
    encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]),
)
def test_mutated_bulletins_are_read_or_refused(fixture, cut, repeat, insert_at, encoding):
    """A fixture cut short, its start repeated, characters inserted, re-encoded."""
    text = fixture.decode("utf-8", errors="replace")
    text = text[: max(1, int(len(text) * cut))] * repeat
    for where, what in insert_at:
        i = int(len(text) * where)
        text = text[:i] + what + text[i:]
    _holds_or_refuses(text.encode(encoding, errors="replace"))
