"""Decoding and normalising bulletin text."""

import pytest

from pipelines.lib.parsing.model import RejectedFile
from pipelines.lib.parsing.read.text import decode_bytes, normalize_text

SAMPLE = "2021年重点工作完成情况\n序号\n重点工作\n完成情况\n1\n新建基站3000个。\n累计建成2100个。\n"


def test_utf8_without_bom():
    decoded = decode_bytes(SAMPLE.encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert decoded.text == SAMPLE


def test_utf8_with_bom_is_stripped():
    decoded = decode_bytes(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"))
    assert decoded.encoding == "utf-8-sig"
    assert decoded.text == SAMPLE


def test_gbk_is_detected_not_assumed():
    decoded = decode_bytes((SAMPLE * 3).encode("gbk"))
    assert decoded.encoding == "gb18030"
    assert decoded.text == SAMPLE * 3


def test_windows_line_endings_become_newlines():
    assert decode_bytes(SAMPLE.replace("\n", "\r\n").encode()).text == SAMPLE


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Microsoft Office"),
        (b"PK\x03\x04" + b"\x00" * 50, "ZIP"),
        (b"abc\x00def" * 10, "binary"),
        ((SAMPLE * 4).encode("gbk").decode("latin-1").encode("utf-8"), "Latin-1"),
        (("完成情况" + "\ufffd" * 30).encode("utf-8"), "U+FFFD"),
        (("序号 ??? ??? ???? 12% ??? 30家 ????" * 5).encode(), "'?'"),
    ],
)
def test_unreadable_files_are_rejected_with_a_reason(data, reason):
    with pytest.raises(RejectedFile) as err:
        decode_bytes(data)
    assert reason in err.value.reason


def test_normalisation_is_one_character_for_one():
    raw = "２１家，增長４·２％（約）\u3000\xa0完成"
    out = normalize_text(raw)
    assert len(out) == len(raw)
    assert out == "21家,增长4.2%(约)  完成"


def test_middle_dot_is_a_decimal_point_only_between_digits():
    assert normalize_text("4·2%") == "4.2%"
    assert normalize_text("嘉兴·峰会") == "嘉兴·峰会"


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_an_invisible_character_never_splits_a_figure(invisible):
    from pipelines.lib.parsing import parse_bytes

    for written in (f"5.4{invisible}万个", f"5{invisible}.4万个", f"5.4万{invisible}个"):
        text = (
            "2020年重点工作完成情况\n序号\n重点工作\n完成情况\n1\n建设5G基站。\n"
            f"累计建成交付5G基站超过{written}。\n"
        )
        b = parse_bytes(text.encode())
        (figure,) = [f.figure for f in b.figures if f.section == "progress"]
        assert (figure.base_value, figure.base_unit, figure.qualifier) == (
            54000.0,
            "个",
            "more_than",
        )
        assert b.body_text[figure.char_start : figure.char_end] == figure.raw_text
        assert len(b.body_text) == len(text)  # every character keeps its place


# Format characters that show nothing, by kind; copied text carries them inside figures.
FORMAT_CHARACTERS = {
    "direction marks": ["\u200e", "\u200f"],
    "embeddings and overrides": ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e"],
    "isolates": ["\u2066", "\u2067", "\u2068", "\u2069"],
    "Arabic letter mark": ["\u061c"],
    "word joiner and invisible operators": ["\u2060", "\u2061", "\u2062", "\u2063", "\u2064"],
    "Mongolian vowel separator": ["\u180e"],
    "byte-order mark and soft hyphen": ["\ufeff", "\u00ad"],
}


@pytest.mark.parametrize(
    "mark",
    [
        pytest.param(mark, id=f"{kind} U+{ord(mark):04X}")
        for kind, marks in FORMAT_CHARACTERS.items()
        for mark in marks
    ],
)
def test_a_format_character_inside_a_number_is_read_through(mark):
    from pipelines.lib.parsing import parse_bytes

    text = (
        "2020年重点工作完成情况\n序号\n重点工作\n完成情况\n1\n推进项目建设。\n"
        f"完成投资15{mark}28亿元,出清企业7{mark}3家。\n"
    )
    b = parse_bytes(text.encode())
    figures = [f.figure for f in b.figures if f.section == "progress"]
    assert [(f.value, f.unit) for f in figures] == [(1528.0, "亿元"), (73.0, "家")]
    for f in figures:
        assert b.body_text[f.char_start : f.char_end] == f.raw_text
    # the body keeps every character in its place: the spans point at the figures as written
    assert len(b.body_text) == len(text)
    written = [text[f.char_start : f.char_end] for f in figures]
    assert written == [f"15{mark}28亿元", f"7{mark}3家"]


def test_a_number_broken_after_its_decimal_point_is_joined_one_character_for_one():
    """A PDF's text may write 增长 0. 5% or 收入 18. 08 亿元: one number, its space moved before it;
    an item's number after a sentence (。 2. 5个…) and a name (2. 5G) stay as they are."""
    assert normalize_text("增长 0. 5%;收入 18. 08 亿元") == "增长  0.5%;收入  18.08 亿元"
    # with nothing before it (a minus, a bracket, a list's mark), the space goes after it
    assert normalize_text("为-0. 5%,分别为5. 1%、6. 3%") == "为-0.5 %,分别为5.1 %、6.3 %"
    # an item's number: after a sentence, before a name or a count
    for text in ("完成。 2. 5个项目", "推进 2. 5G网络", "民生实事 1. 12件实事已开工"):
        assert normalize_text(text) == text


def test_a_line_of_buttons_is_chrome_and_an_image_caption_is_not():
    from pipelines.lib.parsing.read.lines import is_chrome

    for buttons in ("【打印】【关闭】", "【打印本页】", "【 打 印 】", "【字号:大 中 小】"):
        assert is_chrome(buttons), buttons
    for caption in ("【资料图】", "【重点工作落实】"):
        assert not is_chrome(caption), caption
