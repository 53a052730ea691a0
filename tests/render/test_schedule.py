"""The schedule's pages: an index, a page a month (split into weeks, then days, when a month would
be too big), sessions under their own local date, cancelled sessions without a join link."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from trainops.plan.urls import Urls
from trainops.render import schedule
from trainops.render.environment import project_environment
from trainops.render.schedule import ScheduleNode, render_schedule, schedule_tree
from trainops.render.site import RenderContext


def pages_of(project) -> dict:
    files = render_schedule(RenderContext(project, project_environment(project), Urls(True)))
    return {f.docs_path: f for f in files}


@pytest.fixture(scope="module")
def example(example_project):
    return pages_of(example_project)


def row(page: str, session_id: str) -> str:
    match = re.search(rf'<tr id="session-{re.escape(session_id)}"[^>]*>.*?</tr>', page, re.S)
    assert match, f"no row for {session_id}"
    return match.group(0)


def day_of(page: str, session_id: str) -> str:
    """The date of the row group a session is listed under."""
    before = page[: page.index(f'id="session-{session_id}"')]
    return re.findall(r'<tbody data-day="([\d-]+)">', before)[-1]


def test_the_index_comes_first_in_the_navigation_then_a_page_a_month(example):
    files = list(example.values())
    assert (files[0].docs_path, files[0].in_nav, files[0].title) == ("schedule/index.md", True, "Schedule")
    months = [(f.docs_path, f.in_nav, f.title) for f in files[1:]]
    assert months == [
        ("schedule/2026-12.md", False, "Schedule: December 2026"),
        ("schedule/2027-01.md", False, "Schedule: January 2027"),
        ("schedule/2027-02.md", False, "Schedule: February 2027"),
        ("schedule/2027-03.md", False, "Schedule: March 2027"),
        ("schedule/2027-04.md", False, "Schedule: April 2027"),
    ]


def test_the_index_lists_each_month_with_its_count_and_links_it(example, example_project):
    index = example["schedule/index.md"].content
    listed = re.findall(r'<a class="trainops-schedule-link" href="([^"]+)">(\w+ \d{4})</a> \((\d+) sessions?\)', index)
    counts = {}
    for s in example_project.upcoming_sessions():
        counts[f"{s.start:%Y-%m}"] = counts.get(f"{s.start:%Y-%m}", 0) + 1
    assert [(href, int(n)) for href, _, n in listed] == [(f"{m}/", n) for m, n in sorted(counts.items())]
    assert listed[0][1] == "December 2026"
    # Every month page lists exactly its sessions.
    for month, n in counts.items():
        assert example[f"schedule/{month}.md"].content.count('<tr id="session-') == n


def test_the_index_shows_the_next_sessions_only(example, example_project):
    index = example["schedule/index.md"].content
    upcoming = sorted(example_project.upcoming_sessions(), key=lambda s: (s.start.date(), s.start_utc, s.id))
    shown = re.findall(r'<tr id="session-([^"]+)"', index)
    assert shown == [s.id for s in upcoming[: schedule.COMING_UP]]
    if len(upcoming) > schedule.COMING_UP:
        assert f"The next {schedule.COMING_UP} of {len(upcoming)} upcoming sessions." in index


def test_a_session_is_under_its_own_zones_date(example):
    # 10:00 in Tokyo on Mon 5 Apr is 01:00 UTC and Sun 4 Apr in the Americas: the page says the 5th.
    april = example["schedule/2027-04.md"].content
    assert day_of(april, "onb-2027-04-05") == "2027-04-05"
    assert "10:00–12:30 Japan Standard Time (UTC+09:00)" in row(april, "onb-2027-04-05")
    assert '<tr class="trainops-day"><th colspan="3" scope="rowgroup">Mon 5 Apr 2027</th></tr>' in april


def test_a_cancelled_session_says_so_and_has_no_join_link(example, example_project):
    cancelled = example_project.upcoming_sessions()
    cancelled = [s for s in cancelled if s.status == "cancelled"]
    assert cancelled, "the example has a cancelled session"
    for s in cancelled:
        html = row(example[f"schedule/{s.start:%Y-%m}.md"].content, s.id)
        assert "Cancelled" in html and "trainops-row--cancelled" in html
        assert s.entry.link and s.entry.link not in html and "Join online" not in html


def test_rows_link_to_the_programs_guide_from_a_month_page(example):
    april = example["schedule/2027-04.md"].content
    assert '<a href="../../programs/onboarding/">New Hire Onboarding</a> — Day 1 - Welcome (Tokyo)' in april
    assert '<a class="trainops-schedule-link" rel="prev" href="../2027-03/">Previous: March 2027</a>' in april


# --- A big month: weeks, then days -------------------------------------------------------------


def crowded(example_project, per_day: int, days: int):
    """The example organisation with ``per_day`` sessions a day from Tue 1 Dec 2026, in Tokyo and
    Los Angeles by turns (a Los Angeles evening is the next day in UTC)."""
    template = next(s for s in example_project.sessions if s.id == "onb-2026-12-01")
    sessions = []
    for d in range(days):
        for i in range(per_day):
            zone = ZoneInfo("Asia/Tokyo" if i % 2 else "America/Los_Angeles")
            start = datetime(2026, 12, 1, 8, 0, tzinfo=zone) + timedelta(days=d, minutes=20 * i)
            sessions.append(
                replace(template, id=f"s-{d:03d}-{i:03d}", zone=zone.key, start=start, end=start + timedelta(hours=1))
            )
    return replace(example_project, sessions=sessions)


def test_a_month_too_big_for_a_page_lists_its_weeks_and_a_week_too_big_its_days(example_project, monkeypatch):
    monkeypatch.setattr(schedule, "PAGE_BUDGET", 60_000)
    pages = pages_of(crowded(example_project, per_day=30, days=31))
    paths = list(pages)
    assert paths[:3] == ["schedule/index.md", "schedule/2026-12.md", "schedule/2026-12-w1.md"]
    month = pages["schedule/2026-12.md"].content
    assert "930 sessions in December 2026, too many for one page: here they are by week." in month
    # Weeks from Monday, cut at the month's ends: Tue 1 Dec 2026 starts the first.
    weeks = re.findall(r'href="\.\./(2026-12-w\d)/">([^<]+)</a>', month)
    assert weeks == [
        ("2026-12-w1", "1–6 December 2026"),
        ("2026-12-w2", "7–13 December 2026"),
        ("2026-12-w3", "14–20 December 2026"),
        ("2026-12-w4", "21–27 December 2026"),
        ("2026-12-w5", "28–31 December 2026"),
    ]
    assert pages["schedule/2026-12-w2.md"].title == "Schedule: 7–13 December 2026"
    # 30 sessions a day at ~400 bytes is 84 KB a week: over 60 KB, so the week is split by day.
    assert (
        "schedule/2026-12-07.md" in pages and pages["schedule/2026-12-07.md"].title == "Schedule: Mon 7 December 2026"
    )
    every = [p.content for path, p in pages.items() if path != "schedule/index.md"]
    assert sum(c.count('<tr id="session-') for c in every) == 930  # each session on exactly one page
    assert all(len(c.encode()) <= schedule.PAGE_BUDGET for c in every)
    # The day pages link to the days around them, across weeks.
    sunday = pages["schedule/2026-12-06.md"].content
    assert 'rel="next" href="../2026-12-07/">Next: Mon 7 December 2026</a>' in sunday
    assert 'href="../2026-12-w1/">1–6 December 2026</a>' in sunday  # its week


def test_sessions_stay_under_their_own_date_on_split_pages(example_project, monkeypatch):
    monkeypatch.setattr(schedule, "PAGE_BUDGET", 60_000)
    pages = pages_of(crowded(example_project, per_day=30, days=10))
    # s-000-028 is 17:20 in Los Angeles on Tue 1 Dec: 01:20 UTC on the 2nd.
    day = pages["schedule/2026-12-01.md"].content
    assert day_of(day, "s-000-028") == "2026-12-01"
    assert "17:20–18:20 Pacific Standard Time (UTC−08:00)" in row(day, "s-000-028")


def test_every_page_stays_under_the_budget_at_scale(example_project):
    # 150 sessions a day for a month (4,650: a month of the 20,000-session benchmark).
    pages = pages_of(crowded(example_project, per_day=150, days=31))
    sizes = {path: len(f.content.encode()) for path, f in pages.items()}
    assert max(sizes.values()) <= schedule.PAGE_BUDGET, max(sizes.items(), key=lambda kv: kv[1])
    assert sizes["schedule/index.md"] < 30_000


def test_schedule_tree_splits_only_what_does_not_fit():
    def day(d: date):
        return (d, [object()])

    days = [day(date(2027, 3, d)) for d in (1, 2, 9, 31)] + [day(date(2027, 4, 1))]
    tree = schedule_tree(days, lambda node: node.kind != "month" or node.label != "March 2027")
    assert [(n.docs_path, n.count, [c.docs_path for c in n.children]) for n in tree] == [
        ("schedule/2027-03.md", 4, ["schedule/2027-03-w1.md", "schedule/2027-03-w2.md", "schedule/2027-03-w5.md"]),
        ("schedule/2027-04.md", 1, []),
    ]
    assert [leaf.label for leaf in tree[0].leaves()] == ["1–7 March 2027", "8–14 March 2027", "29–31 March 2027"]
    assert isinstance(tree[0].children[0], ScheduleNode)


def test_runs_of_a_part_say_they_are_one_of_several_to_choose_from(tmp_path):
    from tests.helpers.go_live import load_go_live

    pages = pages_of(load_go_live(tmp_path, {"d1-tyo": {"status": "cancelled"}}))
    december = pages["schedule/2026-12.md"].content
    choice = '<span class="trainops-meta">one of 2 runs to choose from</span>'
    assert choice in row(december, "d1-nyc") and choice in row(december, "d1-ldn")
    assert "to choose from" not in row(december, "d1-tyo")  # cancelled: not a choice
    assert "to choose from" not in row(december, "d2-nyc")  # the one run of Day 2
    assert "to choose from" not in row(december, "onb-2026-12-15")  # a program without parts
    assert choice in row(pages["schedule/index.md"].content, "d1-nyc")  # "Coming up" too


def _kept_pages(project, rows, env=None) -> dict:
    ctx = RenderContext(project, env or project_environment(project), Urls(True), schedule_rows=rows)
    return {f.docs_path: f.content for f in render_schedule(ctx)}


def test_a_previews_schedule_pages_are_put_together_again_only_where_they_changed(example_project, monkeypatch):
    """A preview keeps the schedule's pages by their place and their days' rows: the same pages as
    made afresh, and after a session moves, the pages that show it (and the hubs whose counts
    change) are made again, no other."""
    from trainops.render.schedule_rows import ScheduleRows

    monkeypatch.setattr(schedule, "PAGE_BUDGET", 60_000)  # (months split into weeks and days)
    crowd = crowded(example_project, per_day=30, days=31)
    rows = ScheduleRows()
    first = _kept_pages(crowd, rows)
    assert first == {path: f.content for path, f in pages_of(crowd).items()}
    assert _kept_pages(crowd, rows) == first and rows.pages.rendered == 0 and rows.pages.reused == len(first) - 1
    moved = crowd.sessions[len(crowd.sessions) // 2]
    later = replace(moved, start=moved.start + timedelta(minutes=5), end=moved.end + timedelta(minutes=5))
    edited = replace(crowd, sessions=[later if s is moved else s for s in crowd.sessions])
    again = _kept_pages(edited, rows)
    assert again == {path: f.content for path, f in pages_of(edited).items()}
    changed = {path for path in again if again[path] != first.get(path)} - {"schedule/index.md"}
    assert changed and rows.pages.rendered == len(changed), (rows.pages.rendered, changed)


def test_a_theme_folders_schedule_page_is_put_together_at_every_render(example_project, tmp_path):
    from trainops.render.environment import make_environment
    from trainops.render.schedule_rows import ScheduleRows, own_template

    folder = tmp_path / "theme" / "trainops"
    folder.mkdir(parents=True)
    source = (Path(schedule.__file__).parent.parent / "templates" / "trainops" / "schedule-page.html").read_text()
    shown = source.replace("# {{ node.title }}", "# {{ node.title }} at {{ today }}")
    (folder / "schedule-page.html").write_text(shown)
    env = make_environment(tmp_path, "theme")
    page = schedule.PAGE_TEMPLATE
    assert not own_template(env, page) and own_template(project_environment(example_project), page)
    rows = ScheduleRows()
    _kept_pages(example_project, rows, env)
    pages = _kept_pages(example_project, rows, env)
    assert rows.pages.reused == 0 and rows.pages.rendered == len(pages) - 1


def test_a_programs_new_name_makes_its_sessions_rows_again_and_no_other(example_project):
    from trainops.render.schedule_rows import ScheduleRows

    crowd = crowded(example_project, per_day=6, days=10)
    slug = crowd.sessions[0].program
    other = next(program for program in crowd.programs if program != slug)
    shared = [replace(s, entry=s.entry.model_copy(update={"program": other})) for s in crowd.sessions]
    crowd = replace(crowd, sessions=[s if n % 2 else shared[n] for n, s in enumerate(crowd.sessions)])
    rows = ScheduleRows()
    _kept_pages(crowd, rows)
    record = crowd.programs[slug]
    program = replace(record, data=record.data.model_copy(update={"name": "Renamed"}))
    renamed = replace(crowd, programs={**crowd.programs, slug: program})
    pages = _kept_pages(renamed, rows)
    assert pages == {path: f.content for path, f in pages_of(renamed).items()}
    theirs = [s for s in renamed.upcoming_sessions() if s.program == slug]
    others = [s for s in renamed.upcoming_sessions() if s.program != slug]
    assert theirs and others
    assert rows.sessions.rendered == len(theirs) and rows.sessions.reused >= 1
