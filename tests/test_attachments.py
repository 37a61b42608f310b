"""Word, Excel and PDF bulletins: read from their own structure, or refused with the reason."""

import zipfile

import pytest

from pipelines.lib.parsing import RejectedFile, parse_bytes
from pipelines.lib.parsing.read.documents import document_format

from .conftest import FIXTURES

ATTACHMENTS = FIXTURES / "attachments"


def parse(name: str):
    path = ATTACHMENTS / name
    return parse_bytes(path.read_bytes(), path.name)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("att_docx_2023_h1_progress.docx", "docx"),
        ("att_doc_2023_h1_progress.doc", "doc"),
        ("att_xlsx_2023_1_6_projects.xlsx", "xlsx"),
        ("att_xls_2022_q1_progress.xls", "xls"),
        ("att_pdf_2022_q3_progress.pdf", "pdf"),
        ("rej_encrypted.xlsx", "encrypted"),
    ],
)
def test_the_format_is_what_the_bytes_are(name, fmt):
    assert document_format((ATTACHMENTS / name).read_bytes(), name) == fmt
    # whatever the file is called
    assert document_format((ATTACHMENTS / name).read_bytes(), "bulletin.txt") == fmt


def test_merged_cells_of_a_word_table_belong_to_every_row_and_a_cell_keeps_its_paragraphs():
    b = parse("att_docx_2023_h1_progress.docx")
    assert (b.source_format, b.layout) == ("docx", "table")
    assert [t.seq for t in b.tasks] == [1, 2, 3, 4]  # the title row and the note row are not tasks
    assert [t.status for t in b.tasks] == ["顺利推进", "序时推进", "顺利推进", "滞后"]
    assert b.tasks[1].progress_text == "已开工学校2所。\n新增学位1350个,完成年度目标的50%。"
    for pf in b.figures:  # provenance works as for a page: spans point into body_text
        assert b.body_text[pf.figure.char_start : pf.figure.char_end] == pf.figure.raw_text


def test_a_spreadsheet_shows_its_numbers_as_the_sheet_does_with_the_header_s_unit():
    b = parse("att_xlsx_2023_1_6_projects.xlsx")
    first = [(f.figure.raw_text, f.figure.base_value, f.figure.base_unit) for f in b.figures][:4]
    assert first == [
        ("12000", 120000000.0, "元"),
        ("6600", 66000000.0, "元"),
        ("55.0%", 55.0, "%"),
        ("40", 40.0, "人"),
    ]
    assert [t.text for t in b.tasks][-1] == "合计"
    assert "1" not in [f.figure.raw_text for f in b.figures]  # a row number is not a figure


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("rej_scan_only.pdf", "no text layer — a scan"),
        ("rej_encrypted.xlsx", "password-protected or encrypted"),
        ("rej_corrupt.docx", "corrupt archive"),
        ("rej_zip_bomb.docx", "refused as a ZIP bomb"),
    ],
)
def test_unreadable_documents_are_refused_with_the_reason(name, reason):
    with pytest.raises(RejectedFile) as err:
        parse(name)
    assert reason in err.value.reason


def test_the_zip_limit_is_a_setting(monkeypatch):
    monkeypatch.setenv("BULLETINS_MAX_COMPRESSION_RATIO", "2")
    with pytest.raises(RejectedFile) as err:
        parse("att_xlsx_2023_1_6_projects.xlsx")
    assert "2× its size" in err.value.reason


def test_a_zip_that_is_not_an_office_file_is_refused(tmp_path):
    path = tmp_path / "bulletin.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "重点工作")
    with pytest.raises(RejectedFile) as err:
        parse_bytes(path.read_bytes(), path.name)
    assert "a ZIP archive that is not a Word or Excel file" in err.value.reason


def test_a_doc_without_its_reader_is_refused_with_how_to_install_it(monkeypatch):
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(RejectedFile) as err:
        parse("att_doc_2023_h1_progress.doc")
    assert "antiword is not installed" in err.value.reason


@pytest.mark.e2e
def test_attachments_and_refused_files_end_to_end(tmp_path):
    """A folder as the fetch leaves it (a cover page, its .docx and .xlsx naming it) beside a .doc, a
    PDF and the files that cannot be read: the attachments load into the same marts, taking from
    their page what they lack; every other file is a rejected row with its reason."""
    import json

    import duckdb

    from .conftest import make_raw_folder, run_in_process

    cover = (
        "<html><head><title>关于2023年重点工作推进情况的通报 - 青溪县人民政府</title></head><body>"
        "<h1>关于2023年重点工作推进情况的通报</h1><p>发布日期:2023-07-20</p>"
        "<p>详见附件。</p></body></html>"
    ).encode()
    files = {"fetched/notice.html": cover}
    for name in (
        "att_docx_2023_h1_progress.docx",
        "att_xlsx_2023_1_6_projects.xlsx",
    ):
        files[f"fetched/{name}"] = (ATTACHMENTS / name).read_bytes()
        files[f"fetched/{name}.meta.json"] = json.dumps({"page": "fetched/notice.html"}).encode()
    for name in (
        "att_doc_2023_h1_progress.doc",
        "att_pdf_2022_q3_progress.pdf",
        "rej_scan_only.pdf",
        "rej_encrypted.xlsx",
        "rej_corrupt.docx",
        "rej_zip_bomb.docx",
    ):
        files[name] = (ATTACHMENTS / name).read_bytes()
    raw = make_raw_folder(tmp_path / "raw", extra=files)
    warehouse = tmp_path / "w.duckdb"
    assert run_in_process(raw, warehouse).success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        bulletins = con.execute(
            "select source_file, source_format, page_file, issuer, n_tasks from dim_bulletin "
            "order by source_file"
        ).fetchall()
        rejected = dict(con.execute("select source_file, reason from rejected_files").fetchall())
        figures = con.execute(
            "select count(*) from fact_metric m join dim_bulletin b using (bulletin_id) "
            "where b.source_format = 'xlsx'"
        ).fetchone()[0]
    assert bulletins == [
        ("att_doc_2023_h1_progress.doc", "doc", None, "青溪县人民政府", 4),
        # the PDF names no issuer but its title begins with its place: 青溪县2022年…
        ("att_pdf_2022_q3_progress.pdf", "pdf", None, "青溪县人民政府", 3),
        (
            "fetched/att_docx_2023_h1_progress.docx",
            "docx",
            "fetched/notice.html",
            "青溪县人民政府",
            4,
        ),
        # the workbook names no issuer: its page does
        (
            "fetched/att_xlsx_2023_1_6_projects.xlsx",
            "xlsx",
            "fetched/notice.html",
            "青溪县人民政府",
            4,
        ),
    ]
    assert figures == 15
    assert set(rejected) == {
        "rej_scan_only.pdf",
        "rej_encrypted.xlsx",
        "rej_corrupt.docx",
        "rej_zip_bomb.docx",
    }  # the cover page is neither: it is read with its attachments
    assert "no text layer — a scan" in rejected["rej_scan_only.pdf"]


def test_a_bulletin_that_takes_too_long_to_parse_is_refused_and_the_rest_go_on(monkeypatch):
    import hashlib
    import time

    from pipelines.lib.parsing import corpus
    from pipelines.lib.parsing.corpus import RawRecord, parse_corpus

    real = corpus.parse_document

    def slow(text, *args, **kwargs):
        if "慢" in text:
            time.sleep(2)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(corpus, "parse_document", slow)
    monkeypatch.setenv("BULLETINS_PARSE_TIMEOUT", "0.3")
    good = (FIXTURES / "s1_city_2021_q1_progress.txt").read_text(encoding="utf-8")
    records = [
        RawRecord(name, hashlib.sha256(text.encode()).hexdigest(), "utf-8", text, None)
        for name, text in (("good.txt", good), ("slow.txt", good + "\n慢"))
    ]
    result = parse_corpus(records)
    (rejected,) = result.rows["rejected_files"]
    assert rejected["source_file"] == "slow.txt"
    assert "took longer than 0.3 s (setting BULLETINS_PARSE_TIMEOUT)" in rejected["reason"]
    assert result.parsed == 1
