"""Fetching against a local HTTP server that this test starts and stops (127.0.0.1 only)."""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipelines.lib import fetch_connection
from pipelines.lib.fetch import USER_AGENT, Fetcher, FetchSettings, Source, load_sources

TRICKLE_BYTES = 100  # one every TRICKLE_PAUSE: 20 s in all, far past the 1 s the tests allow
TRICKLE_PAUSE = 0.2
# a public address (not private, loopback or reserved) the tests never connect to: a connection
# asked of it is made to the loopback test server instead
PUBLIC_ADDRESS = "93.184.215.14"
PAGE = "<html><body><table><tr><td>序号</td><td>重点工作</td><td>完成情况</td></tr></table></body></html>"


class Handler(BaseHTTPRequestHandler):
    files: dict[str, tuple[bytes, str]] = {}  # path -> (body, content type)
    hits: dict[str, int] = {}
    agents: list[str] = []
    hosts: list[str] = []  # the Host header of each request
    page_body = PAGE

    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, status: int, body: str = "", headers: dict | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _trickle(self, data: bytes) -> None:
        """``data`` a byte at a time, each a short pause after the last, until the client leaves."""
        for byte in data:
            try:
                self.wfile.write(bytes([byte]))
            except OSError:
                return
            time.sleep(TRICKLE_PAUSE)

    def do_GET(self):
        n = Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        Handler.agents.append(self.headers.get("User-Agent", ""))
        Handler.hosts.append(self.headers.get("Host", ""))
        if self.path == "/page.html":
            if self.headers.get("If-None-Match") == '"v1"':
                return self._send(304)
            return self._send(200, PAGE, {"ETag": '"v1"'})
        if self.path == "/changing.html":
            return self._send(200, PAGE.replace("完成情况", f"完成情况{n}"))
        if self.path == "/missing.html":
            return self._send(404, "not here")
        if self.path == "/slow.html":
            time.sleep(1.0)
            return self._send(200, PAGE)
        if self.path == "/trickle-body.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(TRICKLE_BYTES))
            self.end_headers()
            return self._trickle(b"x" * TRICKLE_BYTES)
        if self.path == "/trickle-headers.html":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            return self._trickle(b"x" * TRICKLE_BYTES)
        if self.path == "/to-other-host":
            port = self.server.server_address[1]
            return self._send(302, "", {"Location": f"http://other.example:{port}/page.html"})
        if self.path == "/moved":
            return self._send(302, "", {"Location": "/page.html"})
        if self.path == "/flaky.html":
            return self._send(503, "busy") if n == 1 else self._send(200, PAGE + "<!-- flaky -->")
        if self.path == "/bulletin.html":
            return self._send(200, Handler.page_body)
        if self.path == "/robots.txt":
            return self._send(200, "User-agent: *\nDisallow: /private/\n")
        if self.path == "/private/page.html":
            return self._send(200, PAGE)
        if self.path == "/huge.html":
            return self._send(200, PAGE + "x" * 5000)
        if self.path == "/image.png":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", "4")
            self.end_headers()
            self.wfile.write(b"\x89PNG")
            return None
        if self.path == "/to-ftp":
            return self._send(302, "", {"Location": "ftp://127.0.0.1/bulletin.html"})
        if self.path == "/many.html":
            links = "".join(f'<a href="/p{i}.html">重点工作完成情况{i}</a>' for i in range(10))
            links += '<a href="http://elsewhere.example/p.html">重点工作完成情况</a>'
            return self._send(200, f"<html><body>{links}</body></html>")
        if self.path in Handler.files:
            data, content_type = Handler.files[self.path]
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return None
        if self.path == "/list.html":
            links = (
                '<a href="/page.html">2020年重点工作完成情况</a><a href="/about.html">关于我们</a>'
            )
            return self._send(200, f"<html><body>{links}</body></html>")
        return self._send(404)


@pytest.fixture
def server():
    Handler.hits, Handler.agents, Handler.hosts = {}, [], []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def fetcher(tmp_path, **overrides):
    settings = FetchSettings(
        **{
            "timeout": 0.3,
            "retries": 2,
            "backoff": 0.01,
            "min_interval": 0.0,
            "allow_private": True,  # the loopback test server
            **overrides,
        }
    )
    return Fetcher(tmp_path, settings)


def test_page_is_saved_with_its_sidecar_and_refetched_conditionally(server, tmp_path):
    f = fetcher(tmp_path)
    first = f.fetch_page(f"{server}/page.html", issuer="示例市人民政府")
    assert first.status == "new"
    saved = tmp_path / first.path
    assert saved.read_text(encoding="utf-8") == PAGE
    meta = json.loads(saved.with_name(saved.name + ".meta.json").read_text(encoding="utf-8"))
    assert meta["url"] == f"{server}/page.html" and meta["issuer"] == "示例市人民政府"
    assert meta["status"] == 200 and meta["etag"] == '"v1"' and len(meta["sha256"]) == 64
    again = fetcher(tmp_path).fetch_page(f"{server}/page.html")
    assert (again.status, again.http_status) == ("not_modified", 304)
    assert Handler.agents[0] == USER_AGENT


def test_a_changed_page_is_kept_as_a_new_version(server, tmp_path):
    f = fetcher(tmp_path)
    one = f.fetch_page(f"{server}/changing.html")
    two = f.fetch_page(f"{server}/changing.html")
    assert one.status == two.status == "new" and one.path != two.path
    assert (tmp_path / one.path).exists() and (tmp_path / two.path).exists()


def test_failures_are_reported_and_do_not_stop_the_rest(server, tmp_path):
    sources = [
        Source(url=f"{server}/missing.html"),
        Source(url=f"{server}/slow.html"),
        Source(url=f"{server}/flaky.html"),
        Source(url=f"{server}/moved"),
    ]
    outcomes = {o.url.rsplit("/", 1)[1]: o for o in fetcher(tmp_path).fetch(sources)}
    assert outcomes["missing.html"].status == "failed" and "404" in outcomes["missing.html"].error
    assert outcomes["slow.html"].status == "failed" and "Timeout" in outcomes["slow.html"].error
    assert Handler.hits["/slow.html"] == 3  # tried, then retried twice
    assert outcomes["flaky.html"].status == "new" and Handler.hits["/flaky.html"] == 2
    assert outcomes["moved"].status == "new"  # the redirect was followed


def test_index_pages_lead_to_matching_links(server, tmp_path):
    outcomes = fetcher(tmp_path).fetch(
        [Source(index=f"{server}/list.html", link_pattern="重点工作.*情况", issuer="示例市")]
    )
    assert [(o.url.rsplit("/", 1)[1], o.status, o.issuer) for o in outcomes] == [
        ("page.html", "new", "示例市")
    ]


def test_requests_to_one_host_are_spaced_out(server, tmp_path):
    waits = []
    f = Fetcher(tmp_path, FetchSettings(min_interval=5.0, backoff=0.01), sleep=waits.append)
    f.fetch_page(f"{server}/page.html")
    f.fetch_page(f"{server}/changing.html")
    assert len(waits) == 1 and 4.0 < waits[0] <= 5.0


def test_sources_file(tmp_path):
    assert load_sources(tmp_path / "none.yaml").sources == []
    path = tmp_path / "sources.yaml"
    path.write_text(
        "settings:\n  min_interval: 3\n  max_attachments_per_page: 5\nsources:\n  - url: http://127.0.0.1/a.html\n    issuer: 市政府\n"
    )
    loaded = load_sources(path)
    assert loaded.settings.min_interval == 3 and loaded.sources[0].issuer == "市政府"
    assert loaded.settings.max_attachments_per_page == 5
    path.write_text("sources:\n  - issuer: 市政府\n")
    with pytest.raises(ValueError, match="exactly one of 'url' or 'index'"):
        load_sources(path)


@pytest.mark.e2e
def test_fetched_page_becomes_a_bulletin_of_its_issuer(server, tmp_path, monkeypatch):
    import dagster as dg
    import duckdb

    from pipelines.definitions import build_definitions

    from .conftest import FIXTURES, execute_bulletins_job

    Handler.page_body = (FIXTURES / "s2_county_2022_h1_progress.html").read_text(encoding="utf-8")
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        f"settings:\n  min_interval: 0\n  timeout: 5\n  allow_private: true\nsources:\n"
        f"  - url: {server}/bulletin.html\n    issuer: 青山县政府办公室\n",
        encoding="utf-8",
    )
    raw = tmp_path / "raw"
    raw.mkdir()
    monkeypatch.setenv("BULLETINS_SOURCES", str(sources))
    monkeypatch.setenv("BULLETINS_RAW_DIR", str(raw))
    monkeypatch.setenv("BULLETINS_WAREHOUSE", str(tmp_path / "w.duckdb"))
    defs = build_definitions()
    with dg.instance_for_test() as instance:
        # the quarterly schedule's fetch, then the run over what it brought in
        assert defs.resolve_job_def("fetch_job").execute_in_process(instance=instance).success
        assert execute_bulletins_job(instance).success
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        (source_file, issuer, n_tasks) = con.execute(
            "select source_file, issuer, n_tasks from dim_bulletin"
        ).fetchone()
        assert source_file.startswith("fetched/127.0.0.1_") and source_file.endswith(".html")
        assert (issuer, n_tasks) == ("青山县政府办公室", 3)
        assert (
            con.execute("select count(*) from raw.fetch_log where status = 'new'").fetchone()[0]
            == 1
        )


def test_fetch_log_keeps_failures_and_skips_a_cut_line(tmp_path):
    import duckdb

    from pipelines.defs.ingest.assets import FETCH_LOG_SCHEMA, _fetch_log
    from pipelines.lib.rawfolder import fetch_log_path
    from pipelines.lib.warehouse import replace_table

    log = fetch_log_path(tmp_path)
    log.parent.mkdir()
    rows = [
        {"url": "http://a/x", "status": "failed", "http_status": None, "error": "timed out"},
        {"url": "http://a/y", "status": "new", "http_status": 200, "path": "fetched/a/y.html"},
    ]
    lines = [json.dumps({**r, "fetched_at": "2026-10-01T06:00:00"}) for r in rows]
    log.write_text("\n".join(lines) + '\n{"url": "http://a/z", "sta', encoding="utf-8")
    with duckdb.connect() as con:
        replace_table(con, "raw", "fetch_log", _fetch_log(tmp_path), FETCH_LOG_SCHEMA)
        assert con.execute(
            "select url, status, http_status, error from raw.fetch_log order by url"
        ).fetchall() == [
            ("http://a/x", "failed", None, "timed out"),
            ("http://a/y", "new", 200, None),
        ]


ATTACHMENTS = Path(__file__).parent / "fixtures" / "attachments"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cover(*links: str) -> bytes:
    body = "".join(links)
    return (
        "<html><head><title>关于2023年重点工作推进情况的通报 - 青溪县人民政府</title></head><body>"
        "<h1>关于2023年重点工作推进情况的通报</h1><p>发布日期:2023-07-20</p>"
        f"<p>现将有关情况通报如下,详见附件。</p>{body}</body></html>"
    ).encode()


def _serve_attachments() -> None:
    docx = (ATTACHMENTS / "att_docx_2023_h1_progress.docx").read_bytes()
    xlsx = (ATTACHMENTS / "att_xlsx_2023_1_6_projects.xlsx").read_bytes()
    pdf = (ATTACHMENTS / "att_pdf_2022_q3_progress.pdf").read_bytes()
    html = "text/html; charset=utf-8"
    Handler.files = {
        "/word.html": (
            _cover(
                '<a href="/files/a1.docx">附件1:推进情况表</a>',
                '<a href="http://elsewhere.example/x.docx">附件2(another host)</a>',
            ),
            html,
        ),
        "/two.html": (
            _cover('<a href="/files/a2.xlsx">项目表.xlsx</a>', '<a href="/files/a3.pdf">附件</a>'),
            html,
        ),
        "/gone.html": (_cover('<a href="/files/gone.docx">附件:推进情况表</a>'), html),
        "/files/a1.docx": (docx, DOCX_TYPE),
        "/files/a2.xlsx": (xlsx, XLSX_TYPE),
        "/files/a3.pdf": (pdf, "application/pdf"),
    }


def _attachment_outcomes(server, tmp_path, page: str) -> tuple[str, dict]:
    outcomes = fetcher(tmp_path).fetch([Source(url=f"{server}/{page}")])
    by_url = {o.url.rsplit("/", 1)[-1]: o for o in outcomes}
    return by_url.pop(page).path, by_url


def _assert_saved_with_its_page(tmp_path, outcome, page: str, suffix: str) -> None:
    assert (outcome.status, outcome.page) == ("new", page)
    assert outcome.path.endswith(suffix)
    sidecar = json.loads((tmp_path / (outcome.path + ".meta.json")).read_text(encoding="utf-8"))
    assert sidecar["page"] == page


def test_a_page_s_docx_attachment_is_fetched_with_it_on_its_host_only(server, tmp_path):
    _serve_attachments()
    page, attachments = _attachment_outcomes(server, tmp_path, "word.html")
    assert set(attachments) == {"a1.docx"}
    _assert_saved_with_its_page(tmp_path, attachments["a1.docx"], page, ".docx")
    assert not any("elsewhere" in path for path in Handler.hits)


def test_a_page_with_an_xlsx_and_a_pdf_brings_both(server, tmp_path):
    _serve_attachments()
    page, attachments = _attachment_outcomes(server, tmp_path, "two.html")
    assert set(attachments) == {"a2.xlsx", "a3.pdf"}
    _assert_saved_with_its_page(tmp_path, attachments["a2.xlsx"], page, ".xlsx")
    _assert_saved_with_its_page(tmp_path, attachments["a3.pdf"], page, ".pdf")


def test_an_attachment_that_is_gone_is_a_failure_and_its_page_is_kept(server, tmp_path):
    _serve_attachments()
    page, attachments = _attachment_outcomes(server, tmp_path, "gone.html")
    gone = attachments["gone.docx"]
    assert (gone.status, gone.http_status, gone.page) == ("failed", 404, page)
    assert (tmp_path / page).exists()


def test_a_loopback_address_is_refused_unless_the_sources_allow_it(server, tmp_path):
    outcome = fetcher(tmp_path, allow_private=False).fetch_page(f"{server}/page.html")
    assert outcome.status == "refused"
    assert "private, loopback or link-local" in outcome.error and "allow_private" in outcome.error
    assert "/page.html" not in Handler.hits  # nothing was requested
    assert fetcher(tmp_path).fetch_page(f"{server}/page.html").status == "new"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/huge.html", "larger than"),
        ("/image.png", "content type image/png is not a page"),
        ("/private/page.html", "robots.txt of"),
        ("/to-ftp", "only http and https"),
    ],
)
def test_what_a_page_cannot_make_the_fetcher_do(server, tmp_path, path, reason):
    outcome = fetcher(tmp_path, max_bytes=2000).fetch_page(f"{server}{path}")
    assert outcome.status == "refused" and reason in outcome.error
    assert outcome.path is None and not list(tmp_path.rglob("*.html"))  # nothing saved


def test_an_index_page_leads_only_to_its_host_and_a_few_pages(server, tmp_path):
    urls, failure = fetcher(tmp_path, max_links_per_index=3).index_links(
        Source(index=f"{server}/many.html", link_pattern="重点工作")
    )
    assert failure is None
    assert urls == [f"{server}/p{i}.html" for i in range(3)]
    assert not any("elsewhere" in u for u in urls)


def test_only_http_and_https_are_fetched(tmp_path):
    outcome = fetcher(tmp_path).fetch_page("file:///etc/passwd")
    assert outcome.status == "refused" and "only http and https" in outcome.error


@pytest.mark.parametrize("path", ["/trickle-body.html", "/trickle-headers.html"])
def test_a_server_trickling_bytes_is_cut_at_max_seconds(server, tmp_path, path):
    # each byte comes well within the read timeout: only the request's deadline can stop it
    started = time.monotonic()
    outcome = fetcher(tmp_path, max_seconds=1, timeout=1).fetch_page(f"{server}{path}")
    assert time.monotonic() - started < 4.0  # 1 s and a loaded machine's margin, not 20 s
    assert outcome.status == "refused" and "max_seconds" in outcome.error
    assert outcome.path is None and not list(tmp_path.rglob("*.html"))


@pytest.fixture
def resolver(monkeypatch):
    """Host names answered by the test instead of DNS: ``answers[name]`` is the list of successive
    answers (the last one repeated); ``asked`` lists each name asked, in order."""
    answers: dict[str, list[list[str]]] = {}
    asked: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            return real(host, port, *args, **kwargs)
        asked.append(host)
        answer = answers[host].pop(0) if len(answers[host]) > 1 else answers[host][0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port or 80)) for a in answer]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers, asked


@pytest.fixture
def connections(monkeypatch, server):
    """The address of each connection the fetcher opens; each is made to the loopback test server,
    which stands in for that address."""
    made: list[str] = []
    port = int(server.rsplit(":", 1)[1])
    real = fetch_connection.open_socket

    def open_socket(address, _port, timeout):
        made.append(address)
        return real("127.0.0.1", port, timeout)

    monkeypatch.setattr(fetch_connection, "open_socket", open_socket)
    return made


def test_the_connection_goes_to_the_address_that_was_checked(resolver, connections, tmp_path):
    answers, asked = resolver
    # a public address first, so the check passes, then a loopback one (DNS rebinding)
    answers["bulletins.example"] = [[PUBLIC_ADDRESS], ["127.0.0.1"]]
    outcome = fetcher(tmp_path, allow_private=False, obey_robots=False).fetch_page(
        "http://bulletins.example/page.html"
    )
    assert outcome.status == "new"
    assert asked == ["bulletins.example"]  # resolved once, for the check; never again
    assert connections == [PUBLIC_ADDRESS]  # connected to the address checked
    assert Handler.hosts == ["bulletins.example"]  # and the request still names its host


def test_a_name_resolving_to_a_private_address_is_refused(resolver, connections, tmp_path):
    answers, _ = resolver
    answers["intranet.example"] = [["10.1.2.3"]]
    outcome = fetcher(tmp_path, allow_private=False).fetch_page("http://intranet.example/a.html")
    assert outcome.status == "refused" and "private, loopback or link-local" in outcome.error
    assert connections == []  # nothing was connected to


def test_a_redirect_to_another_host_is_refused_unless_the_source_lists_it(
    resolver, server, tmp_path
):
    answers, _ = resolver
    # two host names for the one loopback test server, told apart by the Host header
    answers["bulletins.example"], answers["other.example"] = [["127.0.0.1"]], [["127.0.0.1"]]
    port = server.rsplit(":", 1)[1]
    url = f"http://bulletins.example:{port}/to-other-host"
    [refused] = fetcher(tmp_path).fetch([Source(url=url)])
    assert refused.status == "refused" and "to another host" in refused.error
    assert f"other.example:{port}" in refused.error and "hosts:" in refused.error
    assert not any(host.startswith("other.example") for host in Handler.hosts)

    listed = Source(url=url, hosts=[f"other.example:{port}"])
    [followed] = fetcher(tmp_path).fetch([listed])
    assert followed.status == "new"
    # saved under the host it came from, named after the address asked
    assert followed.path.startswith(f"fetched/other.example_{port}/")
    sidecar = json.loads((tmp_path / (followed.path + ".meta.json")).read_text(encoding="utf-8"))
    assert (
        sidecar["url"] == url and sidecar["final_url"] == f"http://other.example:{port}/page.html"
    )
    [again] = fetcher(tmp_path).fetch([listed])  # the saved version is found for the next request
    assert (again.status, again.path) == ("not_modified", followed.path)


def test_a_page_s_attachments_are_capped(server, tmp_path):
    links = "".join(f'<a href="/files/n{i}.pdf">附件{i}</a>' for i in range(50))
    Handler.files = {"/crowded.html": (_cover(links), "text/html; charset=utf-8")}
    outcomes = fetcher(tmp_path, max_attachments_per_page=5).fetch(
        [Source(url=f"{server}/crowded.html")]
    )
    requested = [path for path in Handler.hits if path.startswith("/files/")]
    assert requested == [f"/files/n{i}.pdf" for i in range(5)]
    [capped] = [o for o in outcomes if o.status == "refused"]
    assert capped.url == f"{server}/crowded.html" and capped.page == outcomes[0].path
    assert "45 more attachment links" in capped.error and "max_attachments_per_page" in capped.error
    assert len(outcomes) == 1 + 5 + 1  # the page, five attachments, one row for the rest
