"""Stage 5, breakdowns: the wholes and parts each span of text states among its figures
(共156家…73家…剩余83家; 分类型看; 其中), and whether each holds: decided here, once, and stored."""

from __future__ import annotations

from ..model import FigureSpan, ParsedFigure, ParsedIdentity
from .identities import find_identities

__all__ = ["find_breakdowns", "find_identities"]


def find_breakdowns(
    body: str, figures: list[ParsedFigure], spans: list[FigureSpan]
) -> list[ParsedIdentity]:
    out: list[ParsedIdentity] = []
    for span in spans:
        found = [pf.figure for pf in figures[span.first : span.first + span.count]]
        for ident in find_identities(body, found, span.start, span.end):
            out.append(
                ParsedIdentity(
                    task_seq=span.task_seq,
                    section=figures[span.first + ident.whole].section,
                    whole=span.first + ident.whole,
                    parts=[span.first + p for p in ident.parts],
                    relation=ident.relation,
                    rule=ident.rule,
                    holds=ident.holds(found),
                )
            )
    return out
