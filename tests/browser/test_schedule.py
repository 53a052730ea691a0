"""The schedule in a browser: each session under the reader's own date, "Today" and "This week" by
the reader's clock, the filter (kept in the address, so the back button brings it back), month
pages reached from the index, and the same sessions without JavaScript."""

from __future__ import annotations

import re

import pytest

from tests.helpers.browser import DESKTOP

from .pages import SCHEDULE, SCHEDULE_MONTH

LOS_ANGELES = {**DESKTOP, "timezone_id": "America/Los_Angeles"}
TOKYO_MORNING = "#session-onb-2027-04-05"  # 10:00 in Tokyo on Mon 5 Apr 2027: Sun 4 Apr, 18:00 in LA


@pytest.fixture
def context(browser):
    context = browser.new_context(**LOS_ANGELES)
    yield context
    context.close()


def open_at(browser, context, path: str, now: str | None = None):
    """``path`` in a new tab, the reader's clock at ``now`` (an ISO instant) when given."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    if now:
        page.clock.set_fixed_time(now)
    page.goto(browser.site.address(path), wait_until="load")
    page.locator("table.trainops-schedule--local").first.wait_for()
    return page, errors


def day_heading(page, selector: str) -> str:
    return page.locator(selector).evaluate("r => r.closest('tbody').querySelector('th').textContent")


def test_a_reader_in_los_angeles_sees_the_tokyo_morning_under_the_day_before(browser, context):
    page, errors = open_at(browser, context, SCHEDULE_MONTH)
    row = page.locator(TOKYO_MORNING)
    assert row.evaluate("r => r.closest('tbody').dataset.day") == "2027-04-04"
    assert day_heading(page, TOKYO_MORNING).startswith("Sun 4 Apr 2027")
    assert row.locator(".trainops-yours strong").inner_text() == "18:00–20:30"
    assert row.locator("time.trainops-slot").inner_text() == "10:00–12:30 Japan Standard Time (UTC+09:00)"
    # Days stay in order, each once.
    days = page.eval_on_selector_all("table.trainops-schedule tbody", "bs => bs.map(b => b.dataset.day)")
    assert days == sorted(set(days))
    assert errors == []


def test_without_javascript_sessions_are_under_their_own_date_and_there_is_no_filter(browser):
    context = browser.new_context(**LOS_ANGELES, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(browser.site.address(SCHEDULE_MONTH))
        assert page.locator(TOKYO_MORNING).evaluate("r => r.closest('tbody').dataset.day") == "2027-04-05"
        assert day_heading(page, TOKYO_MORNING) == "Mon 5 Apr 2027"
        assert page.locator(f"{TOKYO_MORNING} time").inner_text() == "10:00–12:30 Japan Standard Time (UTC+09:00)"
        assert page.locator(".trainops-filter").count() == 0
        assert page.locator(".trainops-yours").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize(
    ("now", "mark"),
    [
        ("2027-04-05T02:00:00Z", "Today"),  # Sun 4 Apr, 19:00 in Los Angeles
        ("2027-04-03T18:00:00Z", "This week"),  # Sat 3 Apr: Sunday is this week's last day
        ("2027-03-28T18:00:00Z", None),  # a week earlier
    ],
)
def test_days_are_marked_today_and_this_week_by_the_readers_clock(browser, context, now, mark):
    page, errors = open_at(browser, context, SCHEDULE_MONTH, now)
    heading = day_heading(page, TOKYO_MORNING)
    assert heading == "Sun 4 Apr 2027" + (f" {mark}" if mark else "")
    # Mon 12 Apr is next week, never "this week".
    assert day_heading(page, "#session-sup-2027-04-12") == "Mon 12 Apr 2027"
    assert errors == []


def visible_sessions(page) -> list[str]:
    return page.eval_on_selector_all(
        "tr[id^='session-']", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.id.slice(8))"
    )


def test_the_filter_hides_other_programs_and_survives_going_back(browser, context):
    page, errors = open_at(browser, context, SCHEDULE_MONTH)
    assert visible_sessions(page) == ["onb-2027-04-05", "sup-2027-04-12", "sup-2027-04-14", "onb-2027-04-26"]
    page.select_option("#trainops-filter-program", "support-training")
    assert visible_sessions(page) == ["sup-2027-04-12", "sup-2027-04-14"]
    assert page.locator(".trainops-filter__status").inner_text() == "Showing 2 of 4 sessions."
    assert re.search(r"\?program=support-training$", page.url)
    page.select_option("#trainops-filter-mode", "in-person")
    assert visible_sessions(page) == ["sup-2027-04-12"]
    assert "program=support-training&mode=in-person" in page.url
    # Away to the month before (its link carries the filter), then back.
    page.get_by_role("link", name="Previous: March 2027").click()
    page.wait_for_url(re.compile(r"/schedule/2027-03/\?program=support-training&mode=in-person$"))
    page.locator("table.trainops-schedule--local").wait_for()
    assert page.locator("#trainops-filter-program").input_value() == "support-training"
    assert page.locator(".trainops-filter__status").inner_text().startswith("No session on this page matches")
    page.go_back()
    page.wait_for_url(re.compile(r"/schedule/2027-04/\?program=support-training&mode=in-person$"))
    page.locator("table.trainops-schedule--local").wait_for()
    assert page.locator("#trainops-filter-program").input_value() == "support-training"
    assert page.locator("#trainops-filter-mode").input_value() == "in-person"
    assert visible_sessions(page) == ["sup-2027-04-12"]
    page.select_option("#trainops-filter-program", "")
    page.select_option("#trainops-filter-mode", "online")
    assert visible_sessions(page) == ["sup-2027-04-12", "sup-2027-04-14"]
    assert errors == []


def test_month_pages_are_reached_from_the_index(browser, context, example_project):
    page, errors = open_at(browser, context, SCHEDULE)
    months = page.locator("ul.trainops-months a")
    assert months.all_inner_texts() == ["December 2026", "January 2027", "February 2027", "March 2027", "April 2027"]
    page.get_by_role("link", name="April 2027").click()
    page.wait_for_url(re.compile(r"/schedule/2027-04/$"))
    assert page.title() == f"Schedule: April 2027 - {example_project.settings.site_name}"
    assert page.locator(TOKYO_MORNING).count() == 1
    page.get_by_role("link", name="Schedule: every month").click()
    page.wait_for_url(re.compile(r"/schedule/$"))
    assert errors == []


def test_a_filter_chosen_on_the_index_follows_into_the_month_pages(browser, context):
    page, errors = open_at(browser, context, SCHEDULE)
    page.select_option("#trainops-filter-program", "onboarding")
    assert (
        page.locator("ul.trainops-months a", has_text="April 2027")
        .get_attribute("href")
        .endswith("2027-04/?program=onboarding")
    )
    page.get_by_role("link", name="April 2027").click()
    page.locator("table.trainops-schedule--local").wait_for()
    assert visible_sessions(page) == ["onb-2027-04-05", "onb-2027-04-26"]
    assert errors == []


def test_a_cancelled_session_says_so_without_a_join_link(browser, context):
    page, errors = open_at(browser, context, "schedule/2027-02/")
    row = page.locator("#session-comp-2027-02-16")
    assert "Cancelled" in row.inner_text()
    assert row.locator("a.trainops-join").count() == 0 and "Join online" not in row.inner_text()
    assert errors == []


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_readers_view_passes_axe_and_fits_a_phone(browser, axe_source, viewport):
    from tests.helpers.browser import PHONE, axe_report, run_axe

    options = {**(DESKTOP if viewport == "desktop" else PHONE), "timezone_id": "Asia/Kolkata"}
    context = browser.new_context(**options)
    try:
        page, errors = open_at(browser, context, SCHEDULE_MONTH, "2027-04-05T02:00:00Z")
        page.select_option("#trainops-filter-mode", "in-person")
        assert page.locator(".trainops-mark").count() > 0  # "Today" is on the page, and checked
        violations = run_axe(page, axe_source)
        assert not violations, axe_report(SCHEDULE_MONTH, viewport, violations)
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1]
        assert errors == []
    finally:
        context.close()
