"""The report site as a person sees it: headless Chromium on `python -m pipelines report --serve`
(what `make report` runs), every request outside the local server blocked.

A run over the seed, the quarterly fixtures (a city's 上半年 and 前三季度), a bulletin with a wrong sum
(held back) and a binary file (rejected) writes the report (asset report/site); the test serves it
on a free loopback port. Screenshots go to a temporary folder (or UI_ARTIFACTS).
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from urllib.parse import urlparse

import duckdb
import pytest

from .conftest import FIXTURES, ROOT, SEED, make_raw_folder, pipeline_env, run_pipeline
from .test_ui import ARTIFACTS, CHROMIUM_ARGS, _wait_for

pytestmark = pytest.mark.e2e  # runs the pipeline and a browser: not in make check

QUARTERS = sorted((FIXTURES / "quarters").iterdir())
UNDATED = (
    "重点工作推进情况\n序号\n重点工作\n进展情况\n"
    "1\n加快新型基础设施建设。\n累计建成5G基站6300个。\n"
)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    raw = make_raw_folder(
        tmp / "raw",
        SEED,
        *QUARTERS,
        FIXTURES / "s1_wrong_sum_2021_h1_progress.txt",
        FIXTURES / "rej_binary_word_document.txt",
        # a bulletin that states neither its year nor its period: no place on the time line
        extra={"undated_progress.txt": UNDATED.encode("utf-8")},
    )
    home, warehouse = tmp / "dagster_home", tmp / "warehouse.duckdb"
    run = run_pipeline(raw, warehouse, home)
    assert run.returncode == 3, run.stdout[-2000:] + run.stderr[-2000:]  # one held back
    assert "write the report               done" in run.stdout
    site = tmp / "warehouse.report"
    assert f"report written: {site / 'index.html'}" in run.stdout
    return tmp, raw, warehouse, home, site


@pytest.fixture(scope="module")
def server(published):
    """`python -m pipelines report --serve` on a port the system chose (tried again if another
    process took it in between)."""
    tmp, raw, warehouse, home, site = published
    for attempt in range(5):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        log = open(tmp / f"report-server-{attempt}.log", "w")
        process = subprocess.Popen(
            [sys.executable, "-m", "pipelines", "report", "--serve", "--port", str(port)],
            cwd=ROOT,
            env=pipeline_env(raw, warehouse, home),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_for(f"http://127.0.0.1:{port}/index.html", 60, process)
            break
        except ChildProcessError:
            log.close()
    else:
        raise RuntimeError(f"the report server could not take a port: see {tmp}")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("chromium is not installed: `make test` installs it (apt-get install chromium)")
    # no name resolves but the loopback address: nothing could leave the machine even unrouted
    args = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=args)
        yield b
        b.close()


class Watched:
    """A page whose requests outside the local server are blocked and recorded, with its console
    errors, page errors and failed requests."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []
        local = urlparse(base).netloc

        def route(r):
            url = urlparse(r.request.url)
            if url.scheme in ("http", "https") and url.netloc != local:
                self.outside.append(r.request.url)
                return r.abort()
            return r.continue_()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on(
            "response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}")
        )

    def open(self, path: str):
        self.page.goto(self.base + path, wait_until="networkidle", timeout=60000)
        return self.page

    def assert_clean(self) -> None:
        assert not self.outside, f"requests outside the local server: {self.outside}"
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.failed, f"failed requests: {self.failed}"

    def close(self) -> None:
        self.context.close()


def test_the_report_draws_every_target_against_the_year_elapsed(published, server, browser):
    _, _, warehouse, _, _ = published
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (n_targets,) = con.execute("select count(*) from fact_target_attainment").fetchone()
        (n_groups,) = con.execute(
            "select count(distinct (period_end, coalesce(issuer, ''))) from dim_bulletin"
        ).fetchone()
    watched = Watched(browser, server)
    page = watched.open("/index.html")
    page.wait_for_selector(".chart.attainment[data-drawn='true'] svg", timeout=30000)
    page.wait_for_timeout(1000)  # let the charts' entrance animation end

    # one attainment chart per period and issuer, drawn as SVG holding its targets' bars and labels
    charts = page.locator(".chart.attainment[data-drawn='true']")
    assert n_groups == 4 and charts.count() == 3  # the undated bulletin states no target
    for i in range(charts.count()):
        svg = charts.nth(i).locator("svg")
        assert svg.locator("path").count() > 5
        assert "时间进度" in svg.text_content()
    city_h1 = page.locator("section.group", has_text="2023年上半年 · 示例市人民政府")
    svg_text = city_h1.locator(".chart.attainment svg").text_content()
    assert "建成5G基站" in svg_text and "70%" in svg_text and "时间进度 50%" in svg_text
    # every target of the warehouse is a row, linked to its figure in the review page
    assert page.locator("table.targets tbody tr").count() == n_targets
    # the counts of tasks and the tasks behind, with their text
    assert city_h1.locator(".count.status-behind .n").inner_text() == "1"
    assert "改造老旧小区60个" in city_h1.locator("table.tasks").first.inner_text()
    # the measures across the quarters: the city's 5G base stations, 2100个 then 3050个
    series = page.locator("figure.series-card", has_text="5G基站").filter(has_text="示例市人民政府")
    assert series.locator(".chart[data-drawn='true'] svg path").count() > 2
    assert "3050个" in series.inner_text() and "2100个" in series.inner_text()
    body = page.inner_text("body")
    # display units with qualifiers, breakdowns, held back and rejected with their reasons
    assert "超过5.4万个" in body and "3252亿元" in body and "4000多万台" in body
    assert "156家" in body and "= 73家 + 83家" in body
    assert "s1_wrong_sum_2021_h1_progress.txt" in body and "156家 ≠ 73家 + 80家 = 153家" in body
    assert "rej_binary_word_document.txt" in body and "binary Microsoft Office file" in body
    # the undated bulletin: its own group, and its 5G base stations in the table, not on the line
    assert "期间未注明 · 未注明发布机关" in body
    undated_row = page.locator("table.series-table tr", has_text="6300个")
    assert undated_row.count() == 1 and "期间未注明" in undated_row.text_content()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=False)
    city_h1.screenshot(path=str(ARTIFACTS / "report_period.png"))
    watched.assert_clean()
    watched.close()


def test_the_review_page_highlights_every_figure_by_role(published, server, browser):
    _, _, warehouse, _, site = published
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (bulletin_id, n_figures) = con.execute(
            "select b.bulletin_id, count(*) from dim_bulletin b join fact_metric m "
            "using (bulletin_id) where b.source_file = ? group by 1",
            [SEED.name],
        ).fetchone()
    watched = Watched(browser, server)
    page = watched.open(f"/review/{bulletin_id}.html")
    assert page.locator("#text mark.fig").count() == n_figures
    assert page.locator("#figure-list li").count() == n_figures

    mark = page.locator("#text mark.fig", has_text="5.4万个")
    assert mark.count() == 1
    assert mark.get_attribute("data-role") == "actual" and "role-actual" in mark.get_attribute(
        "class"
    )
    colour = mark.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    mark.hover()  # its label, role, value and measure on hover
    tip = page.locator(".tooltip")
    tip.wait_for(state="visible", timeout=5000)
    assert "建成交付5G基站" in tip.inner_text() and "实际完成" in tip.inner_text()
    mark.click()  # on click: the details, and the figure selected in the list
    detail = page.locator("#detail").inner_text()
    assert "建成交付5G基站" in detail and "实际完成" in detail and "超过5.4万个" in detail
    metric_id = mark.get_attribute("data-id")
    assert "selected" in page.locator(f"#li-{metric_id}").get_attribute("class")
    page.screenshot(path=str(ARTIFACTS / "review.png"))

    # from the list to the text: the task's target 5万个, then a part of a breakdown
    exact = page.locator(".fig", has_text=re.compile(r"^5万个$"))
    page.locator("#figure-list li", has=exact).first.click()
    target = page.locator("#text mark.selected")
    assert target.inner_text() == "5万个" and target.get_attribute("data-role") == "target"
    page.locator("#figure-list li", has_text="1740亿元").first.click()
    assert page.locator("#text mark.selected").get_attribute("data-role") == "breakdown_part"
    assert "3252亿元 = 1740亿元 + 1183亿元 + 100亿元 + 229亿元" in page.inner_text("#detail")
    assert page.locator("#text mark.related", has_text="3252亿元").count() == 1
    watched.assert_clean()
    watched.close()

    # every link of the report to a figure names a figure of that review page
    index = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="review/([0-9a-f]{16})\.html#f-([^"]+)"', index)
    assert links
    for bulletin, figure in set(links):
        assert f'id="f-{figure}"' in (site / "review" / f"{bulletin}.html").read_text("utf-8")


def test_the_search_finds_figures_by_measure_issuer_period_and_words(server, browser):
    watched = Watched(browser, server)
    page = watched.open("/search.html")
    page.fill("#q-words", "5G基站")
    rows = page.locator("#results tbody tr")
    assert rows.count() >= 4
    assert "5.4万个" in page.inner_text("#results")
    page.select_option("#q-issuer", "示例市人民政府")
    page.select_option("#q-period", "2023年前三季度")
    text = page.inner_text("#results")
    assert "3050个" in text and "5.4万个" not in text and "2100个" not in text
    page.screenshot(path=str(ARTIFACTS / "search.png"))
    page.locator("#results a", has_text="3050个").click()  # to the figure in its bulletin's text
    page.wait_for_load_state("networkidle")
    assert page.locator("#text mark.selected").inner_text() == "3050个"
    watched.assert_clean()
    watched.close()


def test_a_report_that_cannot_be_written_fails_the_run_s_exit_status_not_its_publication(tmp_path):
    """The warehouse is published; the report's folder cannot be made (it would be inside a file),
    so its step fails: the run says so and exits 4, not 0 as if all went well."""
    raw = make_raw_folder(tmp_path / "raw", SEED)
    warehouse, home = tmp_path / "warehouse.duckdb", tmp_path / "dagster_home"
    (tmp_path / "a_file").write_text("not a folder")
    run = run_pipeline(
        raw, warehouse, home, BULLETINS_REPORT_DIR=str(tmp_path / "a_file" / "report")
    )
    assert run.returncode == 4, run.stdout[-2000:] + run.stderr[-2000:]
    assert "step failed: report__site" in run.stdout
    assert "published, but a step after publishing failed" in run.stdout
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from fact_metric").fetchone()[0] > 100
