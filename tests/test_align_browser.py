"""The alignment report's HTML opens offline in headless Chromium and keeps document text inert."""

from __future__ import annotations

from strategygraph.cli import cli

from .browser import open_page, screenshot
from .conftest import FIXTURES

EVIL = ["Keep parks clean <script>alert('x')</script> and safe",
        "Plant trees <img src=x onerror=alert('y')> in every ward",
        'Cut carbon emissions "><iframe src="https://example.org/"></iframe>']


def test_issue_8_html_report_offline_and_escaped(browser, runner, tmp_path):
    draft = tmp_path / "evil.md"
    draft.write_text("# Evil <b>strategy</b>\n\n" + "".join(f"- {line}\n" for line in EVIL))
    out = tmp_path / "alignment.html"
    result = runner.invoke(cli, ["align", str(draft), "-o", str(out)])
    assert result.exit_code == 0, result.output

    visit = open_page(browser, out, ready="#summary")
    page = visit.page
    assert visit.console_errors == [] and visit.blocked_requests == [] and visit.dialogs == []
    texts = page.eval_on_selector_all(".objective h2 .text", "els => els.map(e => e.textContent)")
    assert texts == EVIL
    assert page.title() == "Alignment of Evil <b>strategy</b>"
    counts = page.evaluate("() => [document.scripts.length, document.images.length, "
                           "document.querySelectorAll('iframe, b').length]")
    assert counts == [0, 0, 0]
    assert "Uncovered" in page.inner_text("#coverage") and page.inner_text("#summary").startswith("The 3 objectives")
    screenshot(visit, "align-evil")
    page.close()


def test_parks_report_renders(browser, runner, tmp_path):
    out = tmp_path / "parks.html"
    assert runner.invoke(cli, ["align", str(FIXTURES / "align" / "parks-and-litter.md"), "-o", str(out)]).exit_code == 0
    visit = open_page(browser, out, ready="#summary")
    assert visit.console_errors == [] and visit.blocked_requests == []
    assert visit.page.locator("section.objective").count() == 6
    assert "Uncovered: An Inclusive and Prosperous Local Economy" in visit.page.inner_text("#coverage")
    screenshot(visit, "align-parks")
    visit.page.close()
