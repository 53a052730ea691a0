"""The learner site opened from the file system (file://), as from a USB stick or a shared drive:
with Material's offline plugin every link leads to a page and search works, and no page asks
another host for anything (the iframe-worker shim the plugin would load from unpkg.com is ours).

This suite builds its own copy of the example (the offline plugin changes every address)."""

from __future__ import annotations

import re

import pytest

from tests.helpers import TODAY, copy_example
from tests.helpers.browser import DESKTOP


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    from trainops.cli import main

    project = copy_example(tmp_path_factory.mktemp("offline"))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  - trainops\n", "  - trainops\n  - offline\n"))
    assert main(["build", "--project", str(project), "--today", TODAY.isoformat(), "--no-pdf"]) == 0
    return project / "site"


@pytest.fixture
def page(browser, offline_site):
    context = browser.chromium.new_context(**DESKTOP)
    context.set_default_timeout(10_000)
    outside: list[str] = []
    context.route(re.compile(r"^(?!file:)"), lambda route: (outside.append(route.request.url), route.abort()))
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    yield opened, offline_site, outside, errors
    context.close()


def test_search_works_from_the_file_system(page):
    opened, site, outside, errors = page
    opened.goto((site / "index.html").as_uri())
    opened.locator("label.md-search__icon[for=__search], input.md-search__input").first.click()
    box = opened.locator("input.md-search__input")
    box.fill("headset")
    box.press("End")
    opened.locator(".md-search-result__item").first.wait_for(state="visible")
    found = opened.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link", "ls => ls.map(a => a.href)"
    )
    assert any("sops/join-an-online-session.html" in href for href in found)
    assert outside == [] and errors == []


def test_links_lead_to_pages_from_the_file_system(page):
    opened, site, outside, errors = page
    opened.goto((site / "index.html").as_uri())
    opened.locator("article a", has_text="New Hire Onboarding").first.click()
    opened.wait_for_load_state()
    assert opened.url.endswith("/programs/onboarding/index.html")
    assert opened.title().startswith("New Hire Onboarding")
    opened.locator("article a", has_text="Full schedule").first.click()
    opened.wait_for_load_state()
    assert opened.url.endswith("/schedule/index.html") and opened.title().startswith("Schedule")
    assert outside == [] and errors == []


def test_every_link_of_the_offline_site_names_a_file(offline_site):
    """From file:// a link to a folder shows a directory listing: every relative link must name the
    file itself (``schedule/index.html``, never ``schedule/``)."""
    bad = []
    for html_path in offline_site.rglob("*.html"):
        if html_path.name == "404.html":
            continue
        for href in re.findall(r'(?:href|src)="([^"#?]+)', html_path.read_text(encoding="utf-8")):
            if re.match(r"^[a-z][a-z0-9+.-]*:|^//", href):
                continue
            target = (html_path.parent / href).resolve()
            if not target.is_file():
                bad.append(f"{html_path.relative_to(offline_site)} -> {href}")
    assert bad == []
