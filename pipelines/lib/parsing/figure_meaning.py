"""What each figure of a bulletin means, beyond its words: its role (figure_roles.py), its subject
(figure_subjects.py) and its measure (measures.py). The one place the parsed rows ask."""

from __future__ import annotations

from dataclasses import dataclass

from .figure_roles import BENCHMARK, COMPLETION_RATIO, roles
from .figure_subjects import subjects
from .measures import label_measure_id, measure_id_of
from .model import ParsedBulletin


@dataclass(frozen=True)
class FigureMeaning:
    role: str
    subject: str
    measure_id: str


def figure_meanings(bulletin: ParsedBulletin) -> list[FigureMeaning]:
    """One per figure of the bulletin, in order."""
    found_roles = roles(bulletin)
    found_subjects = subjects(bulletin)
    return [
        FigureMeaning(role, subject, _measure_id(role, subject, pf.figure.base_unit))
        for pf, role, subject in zip(bulletin.figures, found_roles, found_subjects, strict=True)
    ]


def _measure_id(role: str, subject: str, base_unit: str) -> str:
    """A completion ratio or a benchmark is no quantity of the measure it speaks of: it keeps a
    measure of its own words, never a catalog entry's (measures.py, rule 0)."""
    if role in (COMPLETION_RATIO, BENCHMARK):
        return label_measure_id(subject, base_unit)
    return measure_id_of(subject, base_unit)
