"""Word, Excel and PDF bulletins rendered for the parser: each reader turns a file's own structure
(Word table cells with their merges, spreadsheet cells with their merged ranges, PDF tables and the
text around them) into a small HTML page, so that the table and prose readers, the metadata and the
spans of ``body_text`` work on an attachment exactly as on a web page. ``.doc`` files are read by
antiword into text whose tables are pipe-delimited rows.

Every file is opened within limits (settings: uncompressed size and its ratio to the file's size,
pages, sheets, cells); what cannot be read is a :class:`~pipelines.lib.parsing.model.RejectedFile` with
the reason, never a crash.
"""

from .render import RenderedDocument, document_format, render_document

__all__ = ["RenderedDocument", "document_format", "render_document"]
