"""The .ics links download a calendar file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.browser import DESKTOP

from .pages import GUIDE, REMINDERS, SCHEDULE

LINKS = {
    "guide-session": (GUIDE, "a.trainops-ics"),
}


@pytest.fixture(scope="module")
def downloads(browser):
    """A context of its own: clicking leaves focus on a link, and the shared pages stay untouched."""
    context = browser.new_context(**DESKTOP, accept_downloads=True)
    yield context
    context.close()


@pytest.mark.parametrize("path, selector", LINKS.values(), ids=LINKS.keys())
def test_ics_link_downloads_a_calendar_file(browser, downloads, path, selector):
    opened = browser.open(downloads, path)
    page = opened.page
    link = page.locator(selector).first
    assert link.get_attribute("download") is not None
    with page.expect_download(timeout=10_000) as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"BEGIN:VEVENT" in content and content.rstrip().endswith(b"END:VCALENDAR")
    assert page.url.endswith("/" + path)
    assert opened.errors == [], "\n".join(opened.errors)
    page.close()


def test_the_coordinator_sites_calendar_links_lead_to_the_learner_site(browser, example_project):
    """The calendar files are the learner site's: a reminder page on the coordinator site links
    them at the learner site's address, which is what a message to learners must carry."""
    opened = browser.page(REMINDERS)
    href = opened.page.locator("a[href$='.ics']").first.get_attribute("href")
    assert href.startswith(example_project.settings.site_url + "programs/onboarding/sessions/")
    assert opened.errors == [], "\n".join(opened.errors)


@pytest.mark.parametrize("path", [GUIDE, SCHEDULE])
def test_feeds_are_subscriptions_not_snapshots(browser, example_project, path):
    """A feed offered for download is imported once and never updates: the program's and the
    schedule's feeds are a webcal:// subscription and the plain address, with no "download"."""
    opened = browser.page(path)
    links = opened.page.locator(".trainops-subscribe a[href$='.ics']")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    host = example_project.settings.site_url.split("://", 1)[1]
    assert [h.split("://")[0] for h in hrefs] == ["webcal", "https"] and all(host in h for h in hrefs)
    assert all(links.nth(i).get_attribute("download") is None for i in range(links.count()))
