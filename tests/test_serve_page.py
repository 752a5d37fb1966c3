"""The endpoint's query page works in a real browser with nothing but the server reachable."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from strategygraph.sparql import graph
from strategygraph.sparql.named import list_named
from strategygraph.sparql.serve import make_server

from .browser import ARTIFACTS, CHROMIUM, FLAGS

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and not shutil.which("chromium"),
                                reason="Debian chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def server():
    srv = make_server(graph(), port=0, timeout=10)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def in_browser(server, check) -> None:
    """Run *check(page)* in headless Chromium, every request outside the server aborted.

    Playwright's sync API runs in its own thread: the browser tests' session-wide instance may
    already own this thread's event loop.
    """
    failure: list[BaseException] = []

    def work():
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.errors, page.blocked = [], []
                page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: page.errors.append(str(e)))

                def route(r):
                    if r.request.url.startswith(server.url):
                        r.continue_()
                    else:
                        page.blocked.append(r.request.url)
                        r.abort()

                page.route("**/*", route)
                page.goto(server.url)
                try:
                    check(page)
                finally:
                    browser.close()
        except BaseException as exc:  # re-raised in the test's thread
            failure.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(120)
    assert not thread.is_alive(), "the browser check did not finish"
    if failure:
        raise failure[0]


def test_page_lists_named_queries_and_runs_one(server):
    def check(page):
        assert page.locator("#named button").count() == len(list_named())
        page.click("button[data-name='workstreams-per-group']")
        assert "SELECT" in page.input_value("#query")
        page.click("#run")
        page.wait_for_selector("#results table")
        assert page.locator("#results tbody tr").count() == 5
        assert page.text_content("#status") == "5 rows"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "sparql-page.png"))
        assert page.errors == [] and page.blocked == []

    in_browser(server, check)


def test_page_binds_parameters_and_shows_errors_as_text(server):
    def check(page):
        page.click("button[data-name='rag-history']")
        page.fill("#paramBox input[name='action']", "lga-r2-a1")
        page.click("#run")
        page.wait_for_selector("#results table")
        assert page.locator("#results tbody tr").count() == 2
        page.fill("#query", "SELECT ?x WHERE { ?x <b> }  # <img src=x onerror=alert(1)>")
        page.click("#run")
        page.wait_for_selector("#status.error")
        assert "query:1:" in page.text_content("#status")
        assert page.locator("img").count() == 0
        # the browser logs the 400 itself; the page's own script raised nothing
        assert [e for e in page.errors if "status of 400" not in e] == [] and page.blocked == []

    in_browser(server, check)


def test_page_shows_user_text_inertly(server):
    def check(page):
        page.fill("#query", "SELECT ?t WHERE { BIND (\"<b id='bold'>x</b>\" AS ?t) }")
        page.click("#run")
        page.wait_for_selector("#results table")
        assert page.locator("#bold").count() == 0
        assert page.text_content("#results td") == "<b id='bold'>x</b>"

    in_browser(server, check)
