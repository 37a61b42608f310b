"""Writing a document's paragraphs and tables as the small HTML page the parser reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass
class HtmlCell:
    paragraphs: list[str]
    rowspan: int = 1
    colspan: int = 1


@dataclass
class HtmlPage:
    """A document as blocks in reading order: paragraphs (str) and tables (rows of cells)."""

    title: str = ""
    blocks: list[str | list[list[HtmlCell]]] = field(default_factory=list)

    def paragraph(self, text: str) -> None:
        if text.strip():
            self.blocks.append(text.strip())

    def table(self, rows: list[list[HtmlCell]]) -> None:
        if any(any(c.paragraphs for c in row) for row in rows):
            self.blocks.append(rows)

    def html(self) -> str:
        out = ["<html><head>"]
        if self.title:
            out.append(f"<title>{escape(self.title)}</title>")
        out.append("</head><body>")
        for block in self.blocks:
            if isinstance(block, str):
                out.append(f"<p>{escape(block)}</p>")
                continue
            out.append("<table>")
            for row in block:
                out.append("<tr>")
                for cell in row:
                    spans = ""
                    if cell.rowspan > 1:
                        spans += f' rowspan="{cell.rowspan}"'
                    if cell.colspan > 1:
                        spans += f' colspan="{cell.colspan}"'
                    body = "".join(f"<p>{escape(p)}</p>" for p in cell.paragraphs if p.strip())
                    out.append(f"<td{spans}>{body}</td>")
                out.append("</tr>")
            out.append("</table>")
        out.append("</body></html>")
        return "\n".join(out)
