"""Places as titles and sources name them."""

from __future__ import annotations

import csv
import functools
import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

# The country's provinces, cities and counties by name (3,500 of them), from the administrative
# division codes shipped with cpca: a title or a text names a place by its full name (福州市,
# 官渡区) or, for a province or a city, by its short name (福州, 大连). Read from cpca's data file
# alone: the package's matcher (pandas, an automaton) is not needed to look up a name.
_CODES = "resources/adcodes.csv"
_NATIONS = "resources/56_nations.csv"
# Rows of the codes that name no one place: placeholders (市辖区, 省直辖县级行政区划) and districts
# named by a direction or a kind (城区, 郊区, 矿区, 东区), words any text uses
_GENERIC = re.compile(r"^(市辖区|县|城区|郊区|矿区|[东西南北]区|新区)$|直辖")
# Suffixes dropped for a province's or a city's short name, longest first
_SUFFIXES = ("特别行政区", "自治区", "自治州", "地区", "省", "市", "盟")


@dataclass(frozen=True)
class Place:
    name: str  # its full name: 福州市
    level: str  # province | city | county
    code: str = ""  # its division code: 130500… for 邢台市

    @property
    def province(self) -> str:
        """The first two digits of its division code: 13 for 河北省 and 邢台市."""
        return self.code[:2]


def _data_file(name: str) -> str:
    spec = importlib.util.find_spec("cpca")  # finds the package without running its __init__
    assert spec is not None and spec.submodule_search_locations, "cpca is a locked dependency"
    return str(Path(next(iter(spec.submodule_search_locations))) / name)


def _short_name(name: str, nations: list[str]) -> str | None:
    """A province's or a city's name without its suffix and, for an autonomous one, its
    nationalities (甘南藏族自治州 -> 甘南, 新疆维吾尔自治区 -> 新疆), if two characters or more
    remain."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            short = name[: -len(suffix)]
            while suffix.startswith("自治") and (
                nation := next((n for n in nations if short.endswith(n)), None)
            ):
                if len(short) - len(nation) < 2:
                    break
                short = short[: -len(nation)]
            return short if len(short) >= 2 else None
    return None


@functools.cache
def gazetteer() -> dict[str, Place]:
    """Every name a place is written by — full names of all, short names of provinces and cities
    that name one place only — to the place."""
    with open(_data_file(_NATIONS), encoding="utf-8") as f:
        named = [ln.strip() for ln in f if ln.strip()]
    # a nationality as an autonomous place's name writes it, with 族 or without (维吾尔自治区)
    nations = sorted({*named, *(n.removesuffix("族") for n in named)}, key=len, reverse=True)
    places: dict[str, Place] = {}
    shorts: dict[str, list[Place]] = {}
    with open(_data_file(_CODES), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code, name = row["adcode"], row["name"]
            if len(name) < 2 or _GENERIC.search(name):
                continue  # 县, 市辖区, 城区, 郊区: the codes' placeholders, words of any text
            level = "province" if code[2:6] == "0000" else "city" if code[4:6] == "00" else "county"
            place = Place(name, level, code)
            places[name] = place
            if level != "county" and (short := _short_name(name, nations)):
                shorts.setdefault(short, []).append(place)
    for short, named in shorts.items():
        provinces = [p for p in named if p.level == "province"]
        if short not in places and (len(named) == 1 or len(provinces) == 1):
            places[short] = provinces[0] if provinces else named[0]  # 吉林: the province
    return places


@functools.cache
def _longest_first() -> tuple[int, ...]:
    return tuple(sorted({len(n) for n in gazetteer()}, reverse=True))


def place_at(text: str, start: int = 0) -> tuple[str, Place] | None:
    """The longest place name written at ``start`` of ``text``, and the place it names."""
    places = gazetteer()
    for size in _longest_first():
        written = text[start : start + size]
        if len(written) == size and written in places:
            return written, places[written]
    return None


@functools.cache
def _automaton() -> ahocorasick.Automaton:
    """Every written name of the gazetteer in one automaton: a text is scanned for all of them in
    one pass, however long it is."""
    automaton = ahocorasick.Automaton()
    for written, place in gazetteer().items():
        automaton.add_word(written, (written, place))
    automaton.make_automaton()
    return automaton


def places_named(text: str) -> Iterator[tuple[int, str, Place]]:
    """The place names written in ``text``, in reading order (of two starting at one place, the
    longer first): where each starts, what is written, and the place it names."""
    found = [
        (end - len(written) + 1, -len(written), written, place)
        for end, (written, place) in _automaton().iter(text)
    ]
    for start, _, written, place in sorted(found):
        yield start, written, place


def first_place_named(text: str, suffix: str, short_in: str = "") -> str | None:
    """The full name of the first place with ``suffix`` (区, 市…) that ``text`` names in full; else
    of the first province ``short_in`` (a title) names by its short name (湖北 for 湖北省, 宁夏 for
    宁夏回族自治区: a short name in a text is as often one in passing, 接轨上海, 与浙江合作)."""
    for _, written, place in places_named(text):
        if place.name.endswith(suffix) and written.endswith(suffix):
            return place.name
    for _, _, place in places_named(short_in):
        if place.name.endswith(suffix) and place.level == "province":
            return place.name
    return None


def places_at(text: str, start: int = 0) -> tuple[str, str]:
    """The places written one after another at ``start`` (昆明市官渡区, 福州): what is written,
    and the same in full names (福州 -> 福州市); empty strings when no place is written there."""
    chain = place_chain(text, start)
    return "".join(w for w, _ in chain), "".join(p.name for _, p in chain)


def place_chain(text: str, start: int = 0) -> list[tuple[str, Place]]:
    """The places written one after another at ``start``, each as written and the place it names.
    A place after the first is one of a lower level written in full (北京朝阳… is 北京, 上海市中山公园
    is 上海市: a short name after a place is a word), or a city of the province before it by its
    short name (河北邢台 is 河北省邢台市; 北京朝阳 is no 朝阳市, a city of 辽宁)."""
    chain: list[tuple[str, Place]] = []
    pos, before = start, None
    while (found := place_at(text, pos)) is not None:
        name, place = found
        if before is not None and _LEVELS[place.level] <= _LEVELS[before.level]:
            break
        if (
            before is not None
            and name != place.name
            and not (
                before.level == "province"
                and place.level == "city"
                and place.province == before.province
            )
        ):
            break
        chain.append((name, place))
        pos, before = pos + len(name), place
    return chain


_LEVELS = {"province": 0, "city": 1, "county": 2}


@functools.cache
def _by_code() -> dict[str, Place]:
    return {place.code: place for place in gazetteer().values()}


def parent_of(place: Place) -> Place | None:
    """The place one level above: a county's city (融安县 -> 柳州市; a district of a city governed
    by the province directly, 朝阳区, has its province, 北京市), a city's province."""
    city, province = (place.code[:n].ljust(len(place.code), "0") for n in (4, 2))
    codes = {"county": (city, province), "city": (province,)}.get(place.level, ())
    return next((_by_code()[c] for c in codes if c in _by_code()), None)


# Provinces and the like by the short names titles give them (河北:…, 宁夏…), to their full names
PROVINCES = {
    written: place.name
    for written, place in gazetteer().items()
    if place.level == "province" and written != place.name
}

# A place at the start of a headline: a name with its suffix (鄂尔多斯市, 渝中区), or a province by
# its short name (河北, 宁夏)
PLACE_PREFIX = (
    r"(?:[\u4e00-\u9fff]{1,8}?(?:自治区|自治州|省|市|县|区|州|盟|旗)|"
    + "|".join(sorted(PROVINCES, key=len, reverse=True))
    + ")"
)
