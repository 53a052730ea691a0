"""A manager's report (``trainops report``'s managers/<id>.html), in Chromium with axe-core at a
desktop's and a phone's width: no serious violation, and on a phone each person's table scrolls
on its own, reachable by keyboard, while the page itself does not scroll sideways; the team at a
glance leads to each person's table. The example organisation's records, reported; the file is
opened through a route, not a server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_example
from tests.helpers.browser import axe_report, routed_tab, run_axe

HOST = "http://reports.test"
MANAGER = "E1001"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    from trainops.cli import main

    root = copy_example(tmp_path_factory.mktemp("manager-report") / "org", records=True)
    assert main(["report", "--project", str(root), "--today", TODAY.isoformat()]) == 0
    return root / "reports" / "managers" / f"{MANAGER}.html"


@pytest.fixture(params=["desktop", "phone"])
def page(request, browser, report):
    def serve(route):
        route.fulfill(path=str(report))

    with routed_tab(browser.chromium, request.param, HOST, serve, f"{MANAGER}.html") as tab:
        yield request.param, tab


def test_a_managers_report_passes_axe(page, axe_source):
    viewport, tab = page
    violations = run_axe(tab, axe_source)
    assert not violations, axe_report(f"reports/managers/{MANAGER}.html", viewport, violations)


def test_each_persons_table_is_named_and_scrolls_on_its_own(page):
    viewport, tab = page
    width = tab.viewport_size["width"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= width, viewport  # (the page: no sideways scroll)
    regions = tab.locator("div.person[role=region]")
    assert regions.count() == 4  # (E1001's four direct reports)
    for region in regions.all():
        label = tab.locator(f"#{region.get_attribute('aria-labelledby')}")
        assert label.evaluate("e => e.tagName") == "H2" and "(E1" in label.text_content()
        assert region.get_attribute("tabindex") == "0"
        box = region.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        if viewport == "phone":  # (the table is wider than the phone: its region scrolls)
            assert region.evaluate("e => e.scrollWidth > e.clientWidth")


def test_the_team_at_a_glance_has_a_row_a_person_each_leading_to_their_table(page):
    viewport, tab = page
    team = tab.locator("div.team[role=region]")
    assert team.get_attribute("aria-labelledby") == "team" and team.get_attribute("tabindex") == "0"
    links = team.locator("tbody th[scope=row] a")
    assert links.count() == 4
    for link in links.all():
        target = tab.locator(link.get_attribute("href"))
        assert target.evaluate("e => e.tagName") == "H2"
        assert target.text_content().startswith(link.text_content())
