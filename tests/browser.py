"""Open pages in a real headless Chromium with the network blocked (shared by browser tests)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]


@dataclass
class Visit:
    """What happened while a page was open."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by playwright (skipped only where it is not installed)."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


def open_page(browser, path: Path, ready: str | None = "body[data-ready='1']") -> Visit:
    """Open *path* over file://, aborting every request that would leave the file."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    visit = Visit(page)
    page.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.console_errors.append(str(e)))

    def on_dialog(dialog):
        visit.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)

    def route(r):
        url = r.request.url
        if url.startswith(("file://", "data:", "about:")):
            r.continue_()
        else:
            visit.blocked_requests.append(url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.resolve().as_uri())
    if ready:
        page.wait_for_selector(ready, state="attached", timeout=30_000)
    return visit


def screenshot(visit: Visit, name: str) -> Path:
    """Keep a screenshot of the page as a test artefact."""
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / f"{name}.png"
    visit.page.screenshot(path=str(out))
    return out
