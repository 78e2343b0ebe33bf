"""The web page end to end in a real headless Chromium (Debian's, driven by Playwright).

Skipped when Chromium or Playwright is missing on a user's machine; under CI
(``CI`` set) a missing browser fails the run instead, so these never skip there.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from builders import body_page, cover, make_pdf
from conftest import build_reports

from index import IndexStore, IngestOptions, ingest

CHROMIUM = (
    os.environ.get("CASEREVIEWS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)
#: Where the README's screenshot is written when set (docs/ for a new one); a temp dir otherwise.
SCREENSHOTS = os.environ.get("CASEREVIEWS_SCREENSHOTS")
HOSTILE_TITLE = '<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">'

try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

if sync_playwright is None or CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must run the browser tests: install playwright and Debian's chromium")
    pytest.skip("needs Playwright and a Chromium binary", allow_module_level=True)

import web  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """The web page served on a free loopback port over a small index (one hostile title in it)."""
    folder = tmp_path_factory.mktemp("browser-corpus")
    build_reports(folder)
    make_pdf(
        folder / "rutland-child-z.pdf",
        [
            cover(
                "Rutland Safeguarding Children Board", "Serious Case Review: Child Z", "Published: May 2019"
            ),
            body_page("1.1 Child Z, aged 4, lived with her mother.", "There was neglect of her dental care."),
        ],
    )
    directory = tmp_path_factory.mktemp("browser-index")
    with IndexStore.open(directory, create=True) as store:
        ingest(store, [folder], IngestOptions(jobs=2))
        hostile = next(d for d in store.documents() if d.paths[0].endswith("rutland-child-z.pdf"))
        with store.writer() as writer:
            writer.correct(hostile.id, {"title": HOSTILE_TITLE})
    server = web.serve(directory, "127.0.0.1", 0)
    server.serve_in_thread()
    yield server.url.rstrip("/")
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module, with the flags a closed network needs."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser, tmp_path: Path):
    """A fresh browser page that records console errors and fails the test on one."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors


def _search(page: Page, site: str, text: str) -> None:
    page.goto(site + "/")
    page.fill("#q", text)
    page.press("#q", "Enter")
    page.wait_for_load_state()


def test_type_a_phrase_and_see_marked_snippets(page: Page, site: str) -> None:
    _search(page, site, '"information sharing"')
    assert "q=%22information+sharing%22" in page.url
    expect(page.locator("#total")).to_contain_text("reviews match")
    marks = page.locator(".snippet mark")
    assert marks.count() >= 2
    assert {m.lower() for m in marks.all_inner_texts()} == {"information sharing"}


def test_tick_a_facet_then_go_back(page: Page, site: str) -> None:
    _search(page, site, "review")
    before = page.locator(".hit").count()
    assert before >= 4
    box = page.locator('fieldset[data-facet="age_band"] input[value="under-1"]')
    count = int(box.locator("xpath=..").locator(".count").inner_text())
    with page.expect_navigation():
        box.check()
    assert re.search(r"age_band=under-1", page.url)
    assert page.locator(".hit").count() == count < before
    expect(page.locator(".chips")).to_contain_text("Age band: under-1")
    page.go_back()
    page.wait_for_load_state()
    assert "age_band" not in page.url
    assert page.locator(".hit").count() == before
    # removing the chip is the same as unticking
    page.go_forward()
    page.wait_for_load_state()
    page.click(".chips a[aria-label^='Remove']")
    page.wait_for_load_state()
    assert "age_band" not in page.url and page.locator(".hit").count() == before


def test_follow_a_snippets_page_link_and_its_text(page: Page, site: str) -> None:
    _search(page, site, '"unseen male"')
    link = page.locator(".snippet a.page").first
    href = link.get_attribute("href")
    match = re.fullmatch(r"/file/([0-9a-f]+)#page=(\d+)", href or "")
    assert match, href
    response = page.request.get(site + href.split("#")[0])
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    page.locator(".snippet a.page-text").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{site}/doc/{match.group(1)}/page/{match.group(2)}")
    expect(page.locator("pre.text")).to_contain_text("unseen male")


def test_open_a_document_page(page: Page, site: str) -> None:
    _search(page, site, "disguised compliance")
    title = page.locator(".hit h2 a").first
    name = title.inner_text()
    title.click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator("table.card")).to_contain_text("Board")
    expect(page.locator("h2", has_text="Similar reviews")).to_be_visible()


def test_download_the_csv_export_and_parse_it(page: Page, site: str, tmp_path: Path) -> None:
    _search(page, site, "neglect")
    shown = page.locator(".hit h2 a").all_inner_texts()
    with page.expect_download() as download_info:
        page.click(".exports a:text-is('CSV')")
    saved = tmp_path / "export.csv"
    download_info.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert [row["title"] for row in rows] == shown
    assert all(row["id"] for row in rows)


def test_hostile_title_and_query_are_text_not_script(page: Page, site: str) -> None:
    page.goto(site + "/")
    expect(page.locator(".hit h2 a", has_text="window.__pwned=1")).to_have_text(HOSTILE_TITLE)
    assert page.evaluate("window.__pwned") is None
    query = '"><script>window.__pwned=3</script><img src=x onerror="window.__pwned=4">'
    page.goto(site + "/?q=" + query.replace("#", "%23").replace("&", "%26"))
    assert page.evaluate("window.__pwned") is None
    assert page.input_value("#q") == query
    _search(page, site, "dental")
    hostile = page.locator(".hit h2 a").first
    hostile.click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(HOSTILE_TITLE)
    assert page.evaluate("window.__pwned") is None


def test_file_requests_outside_the_index_are_404(page: Page, site: str) -> None:
    for path in ("/file/..%2F..%2Fetc%2Fpasswd", "/file/%2e%2e/%2e%2e/etc/passwd", "/file/000000000000",
                 "/file/../../etc/passwd", "/static/../../cli.py"):  # fmt: skip
        assert page.request.get(site + path).status == 404, path


def test_screenshot_of_the_search_page_with_facets(page: Page, site: str, tmp_path: Path) -> None:
    page.goto(site + '/?q="information sharing"')
    expect(page.locator("fieldset.facet").first).to_be_visible()
    folder = Path(SCREENSHOTS) if SCREENSHOTS else tmp_path
    target = folder / "web-search.png"
    page.screenshot(path=str(target), full_page=False)
    assert target.read_bytes().startswith(b"\x89PNG")
