"""Chinese numerals as numbers (一 -> 1, 二十三 -> 23), as sections and periods number themselves."""

from __future__ import annotations

import re


def chinese_number(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十三 -> 23 (up to 99); None for anything else."""
    digits = "一二三四五六七八九"
    if text in digits:
        return digits.index(text) + 1
    m = re.fullmatch(r"([二三四五六七八九])?十([一二三四五六七八九])?", text)
    if not m:
        return None
    tens = digits.index(m.group(1)) + 1 if m.group(1) else 1
    return tens * 10 + (digits.index(m.group(2)) + 1 if m.group(2) else 0)
