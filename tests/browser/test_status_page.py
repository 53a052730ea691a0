"""A program's completion status page with its charts, in Chromium with axe-core: the fixture of
tests/plan/status_fixture.py built with records (the example organisation's browser copy has
none), served to the browser from the built coordinator site through a route, not a server."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.helpers import TODAY
from tests.helpers.browser import axe_report, routed_tab, run_axe
from tests.plan.status_fixture import write_fixture

HOST = "http://status.test"
PAGE = "programs/go-live/status/"
MKDOCS_YML = "site_name: Go-Live Learning\ndocs_dir: content\ntheme: {name: material}\nplugins: [search, trainops]\n"


@pytest.fixture(scope="module")
def ops(tmp_path_factory) -> Path:
    from trainops.cli import main

    root = write_fixture(tmp_path_factory.mktemp("status-browser"))
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# Go-Live Learning\n", encoding="utf-8")
    assert main(["build", "--project", str(root), "--today", TODAY.isoformat(), "--no-pdf"]) == 0
    return root / "ops"


@pytest.fixture(params=["desktop", "phone"])
def page(request, browser, ops):
    def serve(route):
        path = unquote(urlsplit(route.request.url).path).lstrip("/")
        file = ops / path / "index.html" if path.endswith("/") or not path else ops / path
        if file.is_file():
            route.fulfill(path=str(file))
        else:
            route.fulfill(status=404, body="not found")

    with routed_tab(browser.chromium, request.param, HOST, serve, PAGE) as tab:
        yield request.param, tab


def test_the_status_page_with_its_charts_passes_axe(page, axe_source):
    viewport, tab = page
    assert tab.locator("svg[role=img]").count() == 4  # the score spread of 4 learners is words
    violations = run_axe(tab, axe_source)
    assert not violations, axe_report(PAGE, viewport, violations)


def test_each_chart_is_named_by_its_title_and_fits_the_screen(page):
    viewport, tab = page
    for svg in tab.locator("svg[role=img]").all():
        title = svg.locator("title").text_content()
        assert svg.evaluate("e => e.getAttribute('aria-labelledby').split(' ').length") == 2
        named_by = "e => document.getElementById(e.getAttribute('aria-labelledby').split(' ')[0]).textContent"
        assert title and svg.evaluate(named_by) == title
        box = svg.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= tab.viewport_size["width"], (viewport, title, box)
