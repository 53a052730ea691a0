"""Full-page screenshots of the guide, schedule and checklist at desktop and phone sizes, for a
person to look at: tests/screenshots/ (ignored by git)."""

from __future__ import annotations

import pytest

from tests.helpers.browser import SCREENSHOTS

from .pages import CHECKLIST, GUIDE, SCHEDULE

SHOTS = {"guide": GUIDE, "schedule": SCHEDULE, "launch-checklist": CHECKLIST}


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("name", SHOTS)
def test_screenshot(browser, name, viewport):
    page = browser.page(SHOTS[name], viewport).page
    page.wait_for_load_state("networkidle")  # web font blocked, search index loaded: a settled page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    target = SCREENSHOTS / f"{name}-{viewport}-{width}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
