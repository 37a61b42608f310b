"""Bodies by their names: what a body's name ends with, and a line that is one (a masthead or a
signature). Read by the issuer's rules, the title's (a masthead is no title) and the text's bounds."""

from __future__ import annotations

import re

BODY = (
    r"(?:人民政府|政府|厅|局|委员会|委|办公室|办|中心|院|会|署|所|队|站|公司|集团|管委会|开发区|园区|"
    r"街道|镇|乡|部)"
)
# A line that is a body's name, alone or before a date: a masthead or a signature. A name has no
# digits: 全年新建中小学校12所 ends with 所 and is a sentence.
SIGNATURE = re.compile(rf"^([^\s:：,，。;；\d]{{2,30}}(?:{BODY}|室|科))(\s+\S*\d{{4}}\s?年.*)?$")


def is_signature_line(text: str) -> bool:
    """A masthead or a signature: a body's name alone, or followed by a date."""
    return bool(SIGNATURE.match(text.strip()))
