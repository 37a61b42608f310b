"""The data quality reports as a person sees them: the Dagster UI in headless Chromium.

A run over the seed, a bulletin with a wrong sum and a binary file is made with
``python -m pipelines run`` (as ``make run`` does) into a fresh DAGSTER_HOME; the UI is started on a
free loopback port and read in Chromium. Screenshots go to a temporary folder (or UI_ARTIFACTS).
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT, SEED, make_raw_folder, pipeline_env, run_pipeline

pytestmark = pytest.mark.e2e  # runs the pipeline (or a browser): not in make check

# screenshots go to a temporary folder (UI_ARTIFACTS names another, to keep them)
ARTIFACTS = Path(os.environ.get("UI_ARTIFACTS") or tempfile.mkdtemp(prefix="ui-artifacts-"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _start_webserver(tmp, env: dict) -> tuple[subprocess.Popen, int, object]:
    """The webserver on a port the system chose for it. The port is picked, freed, then taken by the
    server, so another process may take it in between: the server then exits, and another port is
    tried, rather than the tests failing or talking to another process."""
    for attempt in range(5):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        log = open(tmp / f"webserver-{attempt}.log", "w")
        server = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "dagster-webserver"),
                *("-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_for(f"http://127.0.0.1:{port}/server_info", 180, server)
            return server, port, log
        except ChildProcessError:
            log.close()
    raise RuntimeError(f"the webserver could not take a port: see {tmp}/webserver-*.log")


def _wait_for(url: str, seconds: float, server: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise ChildProcessError(f"the server exited ({server.returncode}) before answering")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {seconds}s")


@pytest.fixture(scope="module")
def ui(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ui")
    raw = make_raw_folder(
        tmp / "raw",
        SEED,
        FIXTURES / "s1_wrong_sum_2021_h1_progress.txt",
        FIXTURES / "rej_binary_word_document.txt",
    )
    home, warehouse = tmp / "dagster_home", tmp / "warehouse.duckdb"
    run = run_pipeline(raw, warehouse, home)
    # the wrong sum holds back its bulletin; the seed is published
    assert run.returncode == 3, run.stdout[-2000:] + run.stderr[-2000:]

    server, port, log = _start_webserver(tmp, pipeline_env(raw, warehouse, home))
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("chromium is not installed: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    page.goto(url, wait_until="networkidle", timeout=120000)
    _dismiss_community_dialog(page)
    return page


def _dismiss_community_dialog(page, seconds: float = 6) -> None:
    """The UI greets a new browser with a 'Join the Dagster community' dialog: skip it, as a person would."""
    skip = page.get_by_role("button", name="Skip")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if skip.count() and skip.first.is_visible():
            skip.first.click()
            return
        page.wait_for_timeout(250)


def test_failed_identity_check_shows_the_offending_row(ui, browser):
    page = _open(
        browser, f"{ui}/assets/fact_metric_identity?view=checks&checkDetail=identities_hold"
    )
    page.get_by_text("This is a blocking asset check").wait_for(timeout=60000)
    body = page.inner_text("body")
    assert "Failed" in body
    assert (
        "s1_wrong_sum_2021_h1_progress.txt" in body and "156家" in body and "difference=3.0" in body
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "identities_hold.png"))
    page.get_by_text("[Show Markdown]").first.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("73家 + 80家").wait_for(timeout=30000)
    table = dialog.inner_text()
    assert "s1_wrong_sum_2021_h1_progress.txt" in table and "153" in table
    page.wait_for_timeout(1000)  # let the dialog finish appearing before the screenshot
    page.screenshot(path=str(ARTIFACTS / "identities_hold_rows.png"))
    page.close()


def test_rejected_file_and_reason_are_visible(ui, browser):
    page = _open(browser, f"{ui}/assets/rejected_files?view=checks&checkDetail=no_rejected_files")
    page.get_by_text("rej_binary_word_document.txt").first.wait_for(timeout=60000)
    body = page.inner_text("body")
    assert "binary Microsoft Office file" in body
    page.screenshot(path=str(ARTIFACTS / "no_rejected_files.png"))
    page.close()


def test_quarterly_schedule_is_visible(ui, browser):
    page = _open(browser, f"{ui}/automation")
    page.get_by_text("quarterly_refresh_schedule").first.wait_for(timeout=60000)
    page.close()


def _graphql(ui: str, query: str) -> dict:
    request = urllib.request.Request(
        f"{ui}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        body = json.loads(response.read())
    assert "errors" not in body, body
    return body["data"]


METADATA = """metadataEntries { label
    ... on TextMetadataEntry { text } ... on MarkdownMetadataEntry { mdStr }
    ... on IntMetadataEntry { intValue } }"""


def test_the_held_back_bulletin_and_why_are_in_the_ui(ui):
    """Through the UI's GraphQL API: the check held back its bulletin (WARN, so the run published),
    the held-back asset lists the failing row in display units and its sentence whole, and the run
    says it published with one bulletin held back."""
    data = _graphql(
        ui,
        '{ assetCheckExecutions(assetKey: {path: ["fact_metric_identity"]}, '
        'checkName: "identities_hold", limit: 1) { evaluation { success severity '
        + METADATA
        + " } } }",
    )
    (execution,) = data["assetCheckExecutions"]
    evaluation = execution["evaluation"]
    assert evaluation["success"] is False and evaluation["severity"] == "WARN"
    entries = {e["label"]: e for e in evaluation["metadataEntries"]}
    assert entries["held_back"]["text"] == "s1_wrong_sum_2021_h1_progress.txt"
    assert "156家 ≠ 73家 + 80家 = 153家" in entries["quarantine"]["mdStr"]

    data = _graphql(
        ui,
        '{ assetOrError(assetKey: {path: ["warehouse", "held_back"]}) { '
        "... on Asset { assetMaterializations(limit: 1) { " + METADATA + " } } } }",
    )
    (materialization,) = data["assetOrError"]["assetMaterializations"]
    entries = {e["label"]: e for e in materialization["metadataEntries"]}
    assert entries["held_back"]["intValue"] == 1
    table = entries["bulletins"]["mdStr"]
    assert "156家 ≠ 73家 + 80家 = 153家" in table and "3000000000" not in table
    assert "1.排查安全隐患企业共156家,完成整改73家,剩余80家。" in table  # the sentence, whole

    data = _graphql(ui, "{ runsOrError { ... on Runs { results { tags { key value } } } } }")
    (run,) = data["runsOrError"]["results"]
    tags = {t["key"]: t["value"] for t in run["tags"]}
    assert tags["bulletins/published"] == "true" and tags["bulletins/held_back"] == "1"
    assert tags["bulletins/raw_dir"].endswith("/raw")
    assert tags["bulletins/warehouse"].endswith("warehouse.duckdb")


def test_the_first_visit_opens_on_no_sign_up_dialog(ui, browser):
    assert _graphql(ui, "{ shouldShowNux }")["shouldShowNux"] is False
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    page.goto(f"{ui}/assets", wait_until="networkidle", timeout=120000)
    page.get_by_text("fact_metric").first.wait_for(timeout=60000)
    assert page.get_by_role("button", name="Skip").count() == 0
    page.close()
