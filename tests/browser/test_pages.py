"""Every generated page kind renders in Chromium: right title, no console errors, no sideways
scrolling on a phone, and no serious or critical axe-core finding."""

from __future__ import annotations

import pytest

from tests.helpers.browser import DESKTOP, axe_report, run_axe

from .pages import GUIDE, OPS, PAGE_KINDS, expected_title

KINDS = pytest.mark.parametrize("path", PAGE_KINDS.values(), ids=PAGE_KINDS.keys())
VIEWPORTS = pytest.mark.parametrize("viewport", ["desktop", "phone"])


@KINDS
def test_page_renders_with_its_title_and_no_console_errors(browser, example_project, path):
    opened = browser.page(path)
    title = expected_title(example_project, path)
    assert opened.page.title() == title
    assert opened.page.locator("article h1").first.inner_text().replace("¶", "").strip() == title.rsplit(" - ", 1)[0]
    assert opened.errors == [], f"{path} logged errors:\n" + "\n".join(opened.errors)


@pytest.mark.parametrize("slug", ["compliance-refresher", "onboarding", "platform-rollout", "support-training"])
def test_every_guide_is_titled_with_the_canonical_program_name(browser, example_project, slug):
    opened = browser.page(f"programs/{slug}/")
    name = example_project.programs[slug].name
    assert opened.page.title() == f"{name} - {example_project.settings.site_name}"
    assert opened.errors == [], "\n".join(opened.errors)


@KINDS
def test_no_page_scrolls_sideways_on_a_phone(browser, path):
    opened = browser.page(path, "phone")
    page = opened.page
    assert opened.errors == [], f"{path} logged errors on a phone:\n" + "\n".join(opened.errors)
    scroll_width, client_width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert client_width == 375
    if scroll_width > client_width:
        culprits = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 5).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))""")
        pytest.fail(f"{path} is {scroll_width}px wide at 375px; wider than the screen: {culprits}")


def every_page(site) -> list[str]:
    """Every page of both sites (the organisation's hand-written ones too), as served: the
    learner site at ``/``, the coordinator site under ``ops/``."""
    paths = []
    for root, prefix in ((site.root, ""), (site.ops, "ops/")):
        for html in sorted(root.rglob("index.html")):
            folder = html.parent.relative_to(root).as_posix()
            paths.append(prefix + ("" if folder == "." else folder + "/"))
    return paths


def test_the_overviews_launches_are_cards_on_a_phone(browser):
    """Material scrolls a wide table inside its own box, so the page does not scroll sideways while
    the launches table's checklist and messages columns sit off the screen: each must be on it."""
    page = browser.page(OPS, "phone").page
    rights = page.eval_on_selector_all(
        "table.trainops-launches td", "cells => cells.map(td => td.getBoundingClientRect().right)"
    )
    assert rights and max(rights) <= 375, rights


@VIEWPORTS
def test_axe_finds_no_serious_or_critical_violation_on_any_page(browser, axe_source, viewport):
    """Every page of either site, not one of each kind: a hand-written page (the reference, with
    its wide tables) meets the same bar as a generated one."""
    paths = every_page(browser.site)
    assert len(paths) > len(PAGE_KINDS)
    context = browser.context(viewport)
    reports = []
    for path in paths:
        page = context.new_page()
        try:
            page.goto(browser.site.address(path), wait_until="load")
            violations = run_axe(page, axe_source)
        finally:
            page.close()
        if violations:
            reports.append(axe_report(path, viewport, violations))
    assert not reports, "\n".join(reports)


@pytest.mark.parametrize("state", ["focus", "hover"])
def test_a_focused_or_hovered_link_keeps_its_contrast(browser, axe_source, state):
    """Keyboard focus and the mouse change a link's colour; it must stay readable."""
    context = browser.new_context(**DESKTOP)
    try:
        page = browser.open(context, GUIDE).page
        link = page.locator(".trainops-glance a[href='#before-you-start']")
        link.focus() if state == "focus" else link.hover()
        violations = run_axe(page, axe_source, "article", runOnly=["color-contrast"])
        assert not violations, axe_report(GUIDE, f"desktop, a link in {state}", violations)
    finally:
        context.close()


def test_pages_ask_for_nothing_outside(browser):
    """No page asks another host for anything (Google Fonts included): every request outside
    127.0.0.1 is blocked and recorded, and none was made."""
    for path in PAGE_KINDS.values():
        browser.page(path)
    assert not browser.site.blocked, f"the site asked for outside addresses: {sorted(set(browser.site.blocked))}"


def test_axe_check_reports_a_violation_it_should(browser, axe_source):
    """The harness itself: an image without alt text (critical) is caught and named."""
    page = browser.context("desktop").new_page()
    try:
        page.set_content('<!doctype html><html lang="en"><title>t</title><main><img src="data:,"></main></html>')
        violations = run_axe(page, axe_source)
        report = axe_report("self-test", "desktop", violations)
        assert "image-alt (critical)" in report and "    - img" in report
    finally:
        page.close()
