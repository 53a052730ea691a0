"""A reader in another time zone sees their own time first, with their zone named as people name
it (never an IANA id), and the session's own time after it: on the schedule (schedule.js) and
beside each session of a guide (trainops.js)."""

from __future__ import annotations

import pytest

from tests.helpers import REPO
from tests.helpers.browser import DESKTOP

from .pages import GUIDE

# onb-2026-12-01 is 09:30-12:00 in New York (14:30 UTC); onb-2027-04-05 is 10:00-12:30 in Tokyo.
# Per zone and session: (the reader's date, the reader's time, their zone's name); None where the
# reader's clock reads as the session's (then its time is said once).
CASES = {
    "Asia/Tokyo": {
        "onb-2026-12-01": ("2026-12-01", "23:30 – Wed 2 Dec 2026 02:00", "Japan Standard Time (UTC+09:00)"),
        "onb-2027-04-05": None,
    },
    "America/Los_Angeles": {
        "onb-2026-12-01": ("2026-12-01", "06:30–09:00", "Pacific Standard Time (UTC\u221208:00)"),
        "onb-2027-04-05": ("2027-04-04", "18:00–20:30", "Pacific Daylight Time (UTC\u221207:00)"),
    },
    # Chromium may call India's zone Asia/Calcutta: the page says its name, not the id.
    "Asia/Kolkata": {
        "onb-2026-12-01": ("2026-12-01", "20:00–22:30", "India Standard Time (UTC+05:30)"),
        "onb-2027-04-05": ("2027-04-05", "06:30–09:00", "India Standard Time (UTC+05:30)"),
    },
}
MONTH_OF = {"onb-2026-12-01": "schedule/2026-12/", "onb-2027-04-05": "schedule/2027-04/"}
OWN_TIME = {
    "onb-2026-12-01": "09:30–12:00 Eastern Standard Time (UTC−05:00)",
    "onb-2027-04-05": "10:00–12:30 Japan Standard Time (UTC+09:00)",
}


@pytest.fixture
def reader(browser, request):
    """A desktop browser context in the time zone the test names."""
    context = browser.new_context(**{**DESKTOP, "timezone_id": request.param})
    yield context
    context.close()


@pytest.mark.parametrize("reader", CASES, indirect=True)
def test_schedule_shows_the_readers_time_first_then_the_sessions(browser, reader):
    for session, path in MONTH_OF.items():
        opened = browser.open(reader, path)
        page = opened.page
        zone = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
        expected = CASES["Asia/Kolkata" if zone in ("Asia/Calcutta", "Asia/Kolkata") else zone][session]
        row = page.locator(f"#session-{session}")
        row.locator(".trainops-yours").wait_for()
        own = row.locator("time.trainops-slot")
        assert own.text_content() == OWN_TIME[session]
        yours = row.locator(".trainops-yours")
        if expected is None:
            assert yours.locator("strong").inner_text() == "10:00–12:30"
            assert not own.is_visible()  # the same time is not said twice
        else:
            day, time, name = expected
            assert yours.locator("strong").inner_text() == time
            assert yours.locator(".trainops-yours__zone").inner_text() == name
            assert own.is_visible()
            assert row.evaluate("r => r.closest('tbody').dataset.day") == day
        # The reader's time comes first in the cell.
        assert row.locator("td").first.evaluate("td => td.firstElementChild.className") == "trainops-yours"
        assert "/" not in yours.inner_text()  # never an IANA id (Asia/Calcutta)
        assert opened.errors == [], "\n".join(opened.errors)


@pytest.mark.parametrize("reader", ["Asia/Tokyo", "America/Los_Angeles", "Asia/Kolkata"], indirect=True)
def test_a_guide_shows_the_readers_time_beside_the_sessions(browser, reader):
    expected = {
        "Asia/Tokyo": "Your time: Tue 1 Dec 2026, 23:30 – Wed 2 Dec 2026 02:00 Japan Standard Time (UTC+09:00)",
        "America/Los_Angeles": "Your time: Tue 1 Dec 2026, 06:30–09:00 Pacific Standard Time (UTC\u221208:00)",
        "Asia/Kolkata": "Your time: Tue 1 Dec 2026, 20:00–22:30 India Standard Time (UTC+05:30)",
    }
    opened = browser.open(reader, GUIDE)
    page = opened.page
    zone = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    zone = "Asia/Kolkata" if zone == "Asia/Calcutta" else zone
    local = page.locator("#session-onb-2026-12-01 .trainops-local")
    local.wait_for()
    assert local.inner_text() == expected[zone]
    assert "(UTC" in page.locator("#session-onb-2026-12-01 time.trainops-when").inner_text()  # its own zone stays
    assert opened.errors == [], "\n".join(opened.errors)


def test_a_guide_adds_nothing_for_a_reader_on_the_sessions_clock(browser):
    context = browser.new_context(**{**DESKTOP, "timezone_id": "America/New_York"})
    try:
        opened = browser.open(context, GUIDE)
        opened.page.locator("time.trainops-when").first.wait_for()
        assert opened.page.locator("#session-onb-2026-12-01 .trainops-local").count() == 0
        assert opened.errors == [], "\n".join(opened.errors)
    finally:
        context.close()


# A change note as _changes.html writes it (onb-2026-12-01 moved from 09:30 to 10:00 New York time).
CHANGE_NOTE = """<!doctype html><html lang="en"><title>t</title><main><small class="trainops-change-note">Changed on
20 Nov: was <time class="trainops-when trainops-when--inline" datetime="2026-12-01T14:30:00Z"
data-end="2026-12-01T17:00:00Z" data-zone="America/New_York">09:30–12:00 Eastern Standard Time (UTC−05:00)</time>,
now <time class="trainops-when trainops-when--inline" datetime="2026-12-01T15:00:00Z"
data-end="2026-12-01T17:30:00Z" data-zone="America/New_York">10:00–12:30 Eastern Standard Time (UTC−05:00)</time>
</small>
</main></html>"""


@pytest.mark.parametrize("reader", ["America/Los_Angeles", "America/New_York"], indirect=True)
def test_a_change_note_gives_the_old_and_new_time_in_the_readers_time_too(reader):
    page = reader.new_page()
    page.set_content(CHANGE_NOTE)
    page.add_script_tag(path=str(REPO / "generator/trainops/templates/trainops/trainops.js"))
    note = page.locator(".trainops-change-note").inner_text().replace("\n", " ")
    if page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "America/New_York":
        assert "your time" not in note  # the reader's clock is the session's: said once
    else:
        assert note.endswith(
            "was 09:30–12:00 Eastern Standard Time (UTC−05:00) (your time: Tue 1 Dec 2026, 06:30–09:00), "
            "now 10:00–12:30 Eastern Standard Time (UTC−05:00) (your time: Tue 1 Dec 2026, 07:00–09:30)"
        ), note
