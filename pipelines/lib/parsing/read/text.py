"""Reading bulletin bytes into clean text.

Everything here is plain Python: detect the encoding, refuse what is not a readable bulletin, and
normalise characters so that the rest of the parser sees one spelling of each digit, punctuation mark
and Chinese character.

Normalisation is *length-preserving* (one character in, one character out) so that character offsets
computed on the normalised text also point at the same characters of the decoded source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import charset_normalizer
import opencc

from ..model import RejectedFile
from .documents import document_format, render_document
from .size_limits import check_text, check_text_bytes

if TYPE_CHECKING:
    from pipelines.lib.settings import InputLimits

# The one character every invisible character is normalised to (length-preserving).
INVISIBLE = "\u200b"

# Format characters a reader never sees but which sit between the digits of a copied figure
# (``15\u200e28亿元`` reads 1528亿元): each becomes INVISIBLE, which the figure reader skips, so a
# mark pasted from a right-to-left editor or a web page never splits a number or shifts a span.
# Unicode's default-ignorable format characters, by kind:
INVISIBLE_CHARACTERS = (
    *range(0x200B, 0x200E),  # zero-width space, non-joiner, joiner
    0x200E,  # left-to-right mark
    0x200F,  # right-to-left mark
    0x061C,  # Arabic letter mark
    *range(0x202A, 0x202F),  # direction embeddings and overrides, and their end (PDF)
    *range(0x2066, 0x206A),  # direction isolates and their end (PDI)
    *range(0x2060, 0x2065),  # word joiner and the invisible operators (function, times, ...)
    *range(0x206A, 0x2070),  # deprecated shaping and digit-shape controls
    0x180E,  # Mongolian vowel separator
    0xFEFF,  # a byte-order mark inside the text (zero-width no-break space)
    0x00AD,  # soft hyphen
)


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str | None
    source_format: str | None = None  # a document's format (docx, pdf …); None for text


def read_file(data: bytes, name: str, limits: InputLimits) -> DecodedText:
    """A raw file as text for the parser: a Word, Excel or PDF file rendered from its own structure
    (by what its bytes are, whatever its name), anything else decoded as text. Raise RejectedFile
    with the reason if it cannot be read, or if it is longer than ``limits`` allow."""
    fmt = document_format(data, name)
    if fmt is None:
        check_text_bytes(data, limits)
        decoded = decode_bytes(data)
    else:
        rendered = render_document(data, fmt, limits)
        decoded = DecodedText(rendered.text, None, rendered.source_format)
    check_text(decoded.text, limits)
    return decoded


# Magic numbers of binary office formats and archives that are sometimes saved with a .txt/.html name.
_BINARY_SIGNATURES = {
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "a binary Microsoft Office file (.doc/.xls), not text",
    b"PK\x03\x04": "a ZIP archive (e.g. .docx/.xlsx), not text",
    b"%PDF": "a PDF file, not text",
    b"\x89PNG": "a PNG image, not text",
    b"\xff\xd8\xff": "a JPEG image, not text",
}

# Characters that GBK text shows when its bytes are read as Latin-1/cp1252, and UTF-8 text read as GBK.
_LATIN1_MOJIBAKE = re.compile(r"[\u00c0-\u00ff\u00a1-\u00bf]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters typical of UTF-8 bytes decoded as GBK: rare CJK compatibility / private use / odd ideographs.
_GBK_FROM_UTF8 = re.compile(r"[锛銆鍙鎬鏈鐨勫鍦涓浜娴皝绗缁濂屼垚璇姹瀹炴傚樻紝湁捐]")


def decode_bytes(data: bytes) -> DecodedText:
    """Decode a bulletin's bytes, detecting the encoding; raise RejectedFile with a reason if unreadable."""
    if not data.strip():
        raise RejectedFile("the file is empty")
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise RejectedFile(f"the file is {what}")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RejectedFile("the file is binary (it contains NUL bytes), not text")

    text: str | None = None
    encoding = ""
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            best = charset_normalizer.from_bytes(
                data, cp_isolation=["gb18030", "gbk", "big5", "utf_16", "utf_8"]
            ).best()
            if best is None:
                best = charset_normalizer.from_bytes(data).best()
            if best is None:
                raise RejectedFile("the text encoding could not be detected") from None
            encoding = best.encoding
            if encoding in ("gbk", "gb2312"):
                encoding = (
                    "gb18030"  # superset: decodes every GBK file and the rarer characters too
                )
            text = data.decode(encoding, errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _reject_mojibake(text)
    return DecodedText(text=text, encoding=encoding)


def _reject_mojibake(text: str) -> None:
    sample = re.sub(r"\s+", "", text)
    if not sample:
        raise RejectedFile("the file holds only white space")
    n = len(sample)
    replacement = sample.count("\ufffd")
    if replacement >= 10 or replacement / n > 0.01:
        raise RejectedFile(
            f"the text is damaged: {replacement} undecodable characters (U+FFFD); "
            "it was probably saved in another encoding"
        )
    questions = len(re.findall(r"\?{3,}", sample))
    if questions >= 3 and sample.count("?") / n > 0.05:
        raise RejectedFile(
            "the text is damaged: Chinese characters were replaced by runs of '?' when it was saved"
        )
    latin = len(_LATIN1_MOJIBAKE.findall(sample))
    cjk = len(_CJK.findall(sample))
    if latin >= 20 and latin > cjk:
        raise RejectedFile(
            "the text is mojibake: Chinese (GBK) bytes shown as Latin-1 characters such as 'Äê'"
        )
    if cjk >= 50:
        odd = len(_GBK_FROM_UTF8.findall(sample))
        common = len(re.findall(r"[的年月日和在是了工作完成]", sample))
        if odd / cjk > 0.15 and common / cjk < 0.05:
            raise RejectedFile("the text is mojibake: UTF-8 bytes shown as GBK characters")


@lru_cache(maxsize=1)
def _translation_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Traditional -> simplified, character by character, from OpenCC's dictionary.
    dictionary = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        source, target = parts[0], parts[1].split(" ")[0]
        if len(source) == 1 and len(target) == 1:
            table[ord(source)] = target
    # Full-width ASCII forms -> ASCII.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    table.update(dict.fromkeys(INVISIBLE_CHARACTERS, INVISIBLE))
    table.update(
        {
            0x3000: " ",  # ideographic space
            0x00A0: " ",  # no-break space
            0x2002: " ",
            0x2003: " ",
            0x2009: " ",
            0x2014: "—",
            0xFF0E: ".",
            0x2215: "/",
            0xFE50: ",",
            0xFE51: "、",
            0xFE52: ".",
        }
    )
    return table


_READING = re.compile(
    r"(?<=[\u4e00-\u9fff])[(（](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]"
)


def strip_readings(text: str) -> str:
    """Drop pinyin readings that some mirrors add after characters: 關(guān)系 -> 關系."""
    return _READING.sub("", text)


_MIDDLE_DOT_DECIMAL = re.compile(r"(?<=\d)[·•‧∙](?=\d)")
# A PDF's text may break a number after its decimal point (增长 0. 5%, 收入 18. 08 亿元, 为-0. 5%,
# 分别为5. 1%、6. 3%): after a word, a list's mark, a bracket or a minus, and before a rate or an
# amount, that is one number; an item's number stands after a sentence (。 2. 5G…) or before a count
# (民生实事 1. 12件实事已开工)
_SPLIT_DECIMAL = re.compile(
    r"(?<=[\u4e00-\u9fff、(（\-A-Za-z])( ?)(\d{1,4})\. (\d{1,3})(?=( ?)(?:%|‰|万|亿|元|个百分点|百分点))"
)


def _joined_decimal(m: re.Match) -> str:
    """The number joined, its space moved before it, or after it when nothing stands between it and
    what comes before (a minus: -0.5 %); left as it is when spaces stand on both sides of it then."""
    before, whole, fraction, after = m.groups()
    if before:
        return f"  {whole}.{fraction}"
    if after:
        return m.group(0)  # -18. 08 亿元: no room for the space that would keep the unit
    return f"{whole}.{fraction} "


def normalize_text(text: str) -> str:
    """Normalise characters one for one: full-width to ASCII, traditional to simplified, odd spaces.

    A middle dot between digits is a decimal point (``4·2%`` -> ``4.2%``); a number broken after its
    decimal point is joined, the space moved before it (``增长 0. 5%`` -> ``增长  0.5%``). The result
    has exactly the length of the input.
    """
    out = text.translate(_translation_table())
    out = _MIDDLE_DOT_DECIMAL.sub(".", out)
    out = _SPLIT_DECIMAL.sub(_joined_decimal, out)
    return out
