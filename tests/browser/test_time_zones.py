"""A reader in another time zone sees their local time beside each session's own (trainops.js)."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP
from .pages import SCHEDULE

# onb-2026-12-01 is 09:30-12:00 in New York (14:30 UTC); onb-2027-04-05 is 10:00-12:30 in Tokyo.
CASES = {
    "Asia/Tokyo": {
        "onb-2026-12-01": "Your time: Tue, 1 Dec 2026, 23:30–Wed, 2 Dec 2026, 02:00 (Asia/Tokyo)",
        "onb-2027-04-05": None,  # the reader is in the session's own zone: nothing to add
    },
    "America/Los_Angeles": {
        "onb-2026-12-01": "Your time: Tue, 1 Dec 2026, 06:30–09:00 (America/Los_Angeles)",
        "onb-2027-04-05": "Your time: Sun, 4 Apr 2027, 18:00–20:30 (America/Los_Angeles)",
    },
}


@pytest.mark.parametrize("zone", CASES)
def test_schedule_shows_the_readers_local_time(browser, zone):
    context = browser.new_context(**{**DESKTOP, "timezone_id": zone})
    try:
        opened = browser.open(context, SCHEDULE)
        page = opened.page
        assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == zone
        page.locator(".trainops-local").first.wait_for()
        for session, expected in CASES[zone].items():
            row = page.locator(f"#session-{session}")
            assert "(UTC" in row.locator("time.trainops-when").inner_text()  # its own zone stays
            local = row.locator(".trainops-local")
            if expected is None:
                assert local.count() == 0
            else:
                assert local.inner_text() == expected
        assert opened.errors == [], "\n".join(opened.errors)
    finally:
        context.close()
