"""The document model: what parsing a bulletin produces, whatever its format or layout."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

SECTION_TASK = "task"  # the task as set out for the year: its targets
SECTION_PROGRESS = "progress"  # what was done: reported figures

# The role of a table's column, read from its header or from what its cells hold
ROLE_SEQ, ROLE_TASK, ROLE_PROGRESS, ROLE_UNIT, ROLE_OTHER = (
    "seq",
    "task",
    "progress",
    "unit",
    "other",
)
ROLE_STATUS = "status"  # short status words: 顺利推进, 已完成, 序时推进, 滞后
ROLE_SCHEDULE = "schedule"  # the plan's milestones: 6月底前完成…
ROLE_MEASURE = "measure"  # numbers under a header that names their unit; one role per column
# 单位 / 计量单位 in an indicator table: each row's unit of measurement (万人, 公里), the unit of the
# bare numbers in that row's target and done columns
ROLE_ROW_UNIT = "row_unit"
# A measure column's unit given by each row's unit cell rather than by its header
ROW_UNIT = ""


class RejectedFile(Exception):
    """A file that cannot be read as a bulletin; ``reason`` is written for a person."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Document:
    """A bulletin as the read stage gives it to the others, whatever its format: the normalised body
    text (every span of every later stage points into it), the grids of its tables (HTML and
    rendered documents), its page's meta tags, and the format it came in."""

    body: str
    grids: list
    tags: dict[str, str]
    source_format: str


@dataclass(frozen=True)
class Figure:
    """A figure as stated: its text, value and unit, and what the words around it say."""

    raw_text: str
    value: float
    unit: str
    scale: float
    base_value: float
    base_unit: str
    qualifier: str | None
    direction: str | None
    metric_kind: str
    label: str
    period_label: str | None
    char_start: int
    char_end: int
    in_quote: bool = False
    is_cumulative: bool = False  # 累计… : a running total since the start of the year (or ever)
    is_quoted_target: bool = False  # “全年减负3150亿元”的目标: a target quoted in progress text


@dataclass
class Item:
    """A numbered item of a task's progress (1. / (1) / ① / 一是 …), or its unnumbered lead."""

    item_no: int | None
    text: str
    char_start: int
    char_end: int


@dataclass
class Span:
    """A stretch of the body text and what it states: the task (targets) or its progress."""

    section: str
    start: int
    end: int


@dataclass
class Task:
    seq: int
    text: str
    title: str
    char_start: int
    char_end: int
    progress_text: str
    progress_start: int | None
    progress_end: int | None
    group_label: str | None = None
    responsible_units: str | None = None
    status: str | None = None  # a status column's words (顺利推进, 已完成, 滞后 …)
    items: list[Item] = field(default_factory=list)
    # Where figures are read, and as what: a table's task cell, then its progress cell; a prose
    # task's paragraphs as one span, read as progress but for the sentences in target_ranges.
    spans: list[Span] = field(default_factory=list)
    # Sentences that state the year's goal (目标:增长8%左右): their figures are targets.
    target_ranges: list[tuple[int, int]] = field(default_factory=list)
    # Figures written as bare numbers under a column header naming the unit (完成投资(亿元) 12.5).
    column_figures: list[ColumnFigure] = field(default_factory=list)


@dataclass
class ColumnFigure:
    """A bare number in an indicator table cell, with the measure and unit its column header gives."""

    section: str
    start: int
    end: int
    measure: str
    unit: str
    cell_start: int  # where its cell begins: the words that bound it (约5) are in the cell


@dataclass(frozen=True)
class ParsedFigure:
    task_seq: int
    section: str  # 'task' | 'progress'
    item_no: int | None
    figure: Figure


@dataclass(frozen=True)
class ParsedIdentity:
    task_seq: int
    section: str
    whole: int  # index into ParsedBulletin.figures
    parts: list[int]
    relation: str
    rule: str
    holds: bool


@dataclass(frozen=True)
class FigureSpan:
    """The figures one span of a task's text holds: ParsedBulletin.figures[first:first + count]."""

    task_seq: int
    start: int
    end: int
    first: int
    count: int


@dataclass(frozen=True)
class ParsedTargetLink:
    """A task's target and the progress figure that reports on it (or the completion ratio that
    stands for it, or nothing)."""

    task_seq: int
    target: int  # index into ParsedBulletin.figures
    actual: int | None  # index into ParsedBulletin.figures
    evidence: str | None  # 'actual' | 'completion_ratio' | None
    label_similarity: float | None


@dataclass(frozen=True)
class FigureMeaning:
    """What a figure is beyond its words (the meaning stage): its role, its subject and measure."""

    role: str  # target | quoted_target | actual | breakdown_whole | breakdown_part | …
    subject: str
    measure_id: str


@dataclass(frozen=True)
class Metadata:
    title: str
    year: int | None
    period_label: str | None
    period_end: date | None
    published_at: date | None
    issuer: str | None


@dataclass
class ParsedBulletin:
    bulletin_id: str
    content_sha256: str
    encoding: str
    title: str
    year: int | None
    period_label: str | None
    period_end: date | None
    published_at: date | None
    kind: str  # 'progress' | 'plan'
    issuer: str | None
    body_text: str
    tasks: list[Task]
    figures: list[ParsedFigure]
    identities: list[ParsedIdentity]
    target_links: list[ParsedTargetLink] = field(default_factory=list)
    meanings: list[FigureMeaning] = field(default_factory=list)  # one per figure
    layout: str = "table"  # 'table' | 'prose'
    source_format: str = "text"  # 'text' | 'html' | 'docx' | …


# --- tables: rows of cells, each cell with its span in the body text ---------------------------


@dataclass
class Cell:
    text: str
    start: int
    end: int


@dataclass
class Row:
    seq: int | None
    cells: dict[str, list[Cell]] = field(default_factory=dict)
    group_label: str | None = None

    def role_cells(self, role: str) -> list[Cell]:
        return self.cells.get(role, [])


@dataclass
class Table:
    roles: list[str]
    rows: list[Row]
    # measure columns' role keys (measure:<column>) -> (measure, unit) from their headers
    measures: dict[str, tuple[str, str]] = field(default_factory=dict)
    start: int | None = None  # where the header row begins in the body text

    @property
    def has_progress(self) -> bool:
        """Whether the table reports progress (text, a status or measured figures), not only tasks."""
        return (
            ROLE_PROGRESS in self.roles
            or ROLE_STATUS in self.roles
            or any(section_of_measure(m) == "progress" for m, _ in self.measures.values())
        )


_TARGET_MEASURE = re.compile(r"(计划|目标|年度|预期|任务|预算)")


def section_of_measure(measure: str) -> str:
    """A measure column holds targets (年度计划投资, 目标) or progress (完成投资, 完成率, and a
    share of the year's task, 占年任务之比)."""
    if _TARGET_MEASURE.search(measure) and not re.search(r"(完成|实际|累计|已|占)", measure):
        return SECTION_TASK
    return SECTION_PROGRESS
