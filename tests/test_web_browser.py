"""The page of `newsevents serve` in headless Chromium (Debian's package, driven by Playwright's Python API):
filters, events table, charts, the article view with its highlighted spans, coding a pasted text, and
articles full of markup shown as text with no script run."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_web_api import CORPUS, TEXTS, build_store, start_server, stop_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's chromium at "
                                "/usr/bin/chromium: `apt-get install -y chromium` (.ci/run installs it)")
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is in the test extra")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = build_store(tmp_path_factory.mktemp("web-browser"))
    proc, url = start_server(db)
    yield url
    stop_server(proc)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.problems = []  # uncaught errors, console errors, dialogs (alert() from an injected script)
    pg.on("pageerror", lambda exc: pg.problems.append(f"page error: {exc}"))
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    requests = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.requests = requests
    yield pg
    context.close()


def ready(page):
    page.wait_for_selector("body[data-ready]", timeout=30_000)


def test_page_loads_filters_and_opens_an_article(page, server, tmp_path):
    page.goto(server + "/")
    ready(page)
    assert "events from 4 coded documents" in page.text_content("#summary")
    rows = page.locator("#events tbody tr")
    assert rows.count() >= 6
    assert page.locator("#timeline svg rect.quad").count() >= 3
    assert page.locator("#network svg g.node").count() >= 4

    page.fill("input[name=actor]", "NATO")
    page.click("#apply")
    ready(page)
    assert "actor=NATO" in page.url
    texts = page.locator("#events tbody tr").all_text_contents()
    assert texts and all("NATO" in t for t in texts)
    assert page.text_content("#events-count") == f"{len(texts)} matching"

    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#article .hl.ev")
    article = page.text_content("#article")
    assert article.strip() == TEXTS["doc-nato"].strip()
    triggers = page.locator("#article .hl.ev").all_text_contents()
    assert "meet" in triggers
    actors = page.locator("#article .hl.actor").all_text_contents()
    assert "NATO" in actors and any("Libyan rebels" in a or "representatives" in a for a in actors)
    assert page.locator("#article .hl.focus").count() >= 1  # the clicked event is marked

    page.hover("#article .hl.ev >> nth=0")
    tip = page.locator("#tooltip")
    tip.wait_for(state="visible")
    shown = tip.text_content()
    for part in ("036", "modality: planned", "date: 2011-07-1", "place: Brussels", "rule: 040.meet#intent"):
        assert part in shown, (part, shown)
    page.hover("#article .hl.actor >> nth=0")
    assert "identified by:" in tip.text_content()

    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    assert not page.problems, page.problems
    assert all(u.startswith(server) for u in page.requests), "the page fetched something from elsewhere"


def test_timeline_and_network_clicks_filter(page, server):
    page.goto(server + "/?interval=day")
    ready(page)
    page.locator("#timeline g.bucket[data-period='2012-03-09']").click()
    ready(page)
    assert page.input_value("input[name=since]") == "2012-03-09" == page.input_value("input[name=until]")
    assert page.locator("#events tbody tr").count() == 1
    page.goto(server + "/")
    ready(page)
    page.locator("#network g.node[data-code='SYRMIL']").click()
    ready(page)
    assert page.input_value("input[name=actor]") == "SYRMIL"
    assert all("SYRMIL" in t for t in page.locator("#events tbody tr").all_text_contents())
    assert not page.problems, page.problems


def test_markup_in_articles_is_shown_as_text_and_never_runs(page, server):
    doc = next(d for d in CORPUS if d["id"] == "doc-xss")
    page.goto(server + "/?text=spying")
    ready(page)
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#article .hl.ev")
    article = page.text_content("#article")
    assert article.strip() == doc["text"]
    for markup in ("<script>window.__xss='script'</script>", "<img src=x onerror=\"window.__xss='img'\">",
                   "<a href=\"javascript:window.__xss='link'\">"):
        assert markup in article
    assert doc["title"] in page.text_content("#article-meta")  # the title, markup and all, as text
    assert page.locator("#article script, #article img, #article a, #article-meta img").count() == 0
    assert page.locator("#article-meta a").count() == 0  # a javascript: URL is not made a link
    assert "javascript:window.__xss='url'" in page.text_content("#article-meta")
    page.hover("#article .hl.ev >> nth=0")  # tooltips are text too
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img").count() == 0
    assert not page.problems, page.problems


def test_paste_and_code(page, server):
    page.goto(server + "/")
    ready(page)
    text = CORPUS[2]["text"] + " Russian President Dmitry Medvedev held talks on Monday with Jacob Zuma."
    page.fill("#code-text", text)
    page.fill("#code-date", "2011-08-01")
    page.click("#code-run")
    page.wait_for_selector("#code-events li", timeout=120_000)
    assert "event(s); report date 2011-08-01" in page.text_content("#code-status")
    assert page.text_content("#code-article") == text
    assert "held" in page.locator("#code-article .hl.ev").all_text_contents()
    assert "046" in page.text_content("#code-events")
    assert page.locator("#code-article script, #code-article img, #code-article a").count() == 0
    page.hover("#code-article .hl.ev >> nth=0")
    assert "rule:" in page.locator("#tooltip").text_content()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert not page.problems, page.problems


def test_non_bmp_characters_keep_spans_aligned(page, server):
    page.goto(server + "/?actor=IRN")
    ready(page)
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#article .hl.ev")
    assert page.locator("#article .hl.ev").all_text_contents() == ["condemned"]
    assert "Iranian officials" in page.locator("#article .hl.actor").all_text_contents()
