"""The learner guide: sessions by intake, the time they take, the manual at a glance, and no link
to a coordinator's page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import TODAY
from tests.helpers.base_project import write_project
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.plan.urls import Urls
from trainops.render.environment import project_environment
from trainops.render.guide import INTAKE_GAP_DAYS, group_into_intakes, render_guide
from trainops.render.site import RenderContext


def _session(day: str, start: str = "09:30", cohort: str | None = None, **fields: str) -> str:
    lines = [f"  - program: onboarding\n    id: onb-{day}\n    title: Day at {start}\n    start: {day} {start}\n"]
    lines.append("    duration: 2h30m\n")
    if cohort:
        lines.append(f"    cohort: {cohort}\n")
    lines += [f"    {name}: {value}\n" for name, value in fields.items()]
    return "".join(lines)


def _load(tmp_path: Path, *sessions: str):
    schedule = "timezone: America/New_York\nsessions:\n" + "".join(sessions)
    root = write_project(tmp_path, {"programs/schedule.yaml": schedule})
    settings, problems = read_settings(root)
    project, diagnostics = load_project(root, settings, TODAY)
    assert not [d for d in problems + diagnostics if d.severity == "error"]
    return project


def _guide(project, manuals: bool = False) -> str:
    ctx = RenderContext(project, project_environment(project), Urls(True), manuals)
    return render_guide(ctx, project.programs["onboarding"])


def _section(page: str, heading: str) -> str:
    start = page.index(f"## {heading}\n")
    end = page.find("\n## ", start + 1)
    return page[start : end if end != -1 else None]


def _glance(page: str) -> str:
    return page[page.index('<section class="trainops-glance"') : page.index("</section>")]


def _groups(page: str) -> list[tuple[str, list[str]]]:
    """(heading, session ids) of each table of the Sessions section; '' for a table without one."""
    sessions = _section(page, "Sessions")
    found = []
    for part in re.split(r"(?=<h3 )|(?=<table )", sessions):
        heading = re.match(r'<h3 id="[^"]+">(.*?)</h3>', part)
        if heading:
            found.append((heading.group(1), []))
        elif part.startswith("<table"):
            if not found or found[-1][1]:
                found.append(("", []))
            found[-1][1].extend(re.findall(r'<tr id="session-onb-([^"]+)"', part))
    return found


def test_sessions_with_a_cohort_are_listed_under_it_even_when_intakes_overlap(tmp_path):
    project = _load(
        tmp_path,
        _session("2027-04-05", cohort="April 2027 intake, Tokyo"),
        _session("2027-04-06", cohort="April 2027 intake, Boston"),
        _session("2027-04-07", cohort="april 2027  intake, tokyo"),  # spaces and case aside
        _session("2027-04-08", cohort="April 2027 intake, Boston"),
    )
    assert _groups(_guide(project)) == [
        ("April 2027 intake, Tokyo", ["2027-04-05", "2027-04-07"]),
        ("April 2027 intake, Boston", ["2027-04-06", "2027-04-08"]),
    ]


def test_sessions_without_a_cohort_are_grouped_by_consecutive_days(tmp_path):
    # 1, 2 and 9 Dec: at most a week between them, one intake; 17 Dec is 8 days after the 9th.
    assert INTAKE_GAP_DAYS == 7
    project = _load(
        tmp_path,
        _session("2026-12-01"),
        _session("2026-12-02"),
        _session("2026-12-09"),
        _session("2026-12-17"),
        _session("2026-12-18", cohort="Winter intake"),  # a cohort does not join the days around it
    )
    page = _guide(project)
    assert _groups(page) == [
        ("Intake starting Tue 1 Dec 2026", ["2026-12-01", "2026-12-02", "2026-12-09"]),
        ("Intake starting Thu 17 Dec 2026", ["2026-12-17"]),
        ("Winter intake", ["2026-12-18"]),
    ]
    assert page.count('<tr id="session-') == 5  # every session once: none in two intakes


def test_the_only_intake_gets_a_heading_only_when_the_schedule_names_it(tmp_path):
    unnamed = _load(tmp_path / "a", _session("2026-12-01"), _session("2026-12-02"))
    assert _groups(_guide(unnamed)) == [("", ["2026-12-01", "2026-12-02"])]
    named = _load(tmp_path / "b", _session("2026-12-01", cohort="December intake"))
    assert _groups(_guide(named)) == [("December intake", ["2026-12-01"])]


def test_an_intake_under_way_keeps_its_first_day_and_counts_only_what_is_left(tmp_path):
    project = _load(
        tmp_path,
        _session("2026-11-20"),  # before TODAY (2026-11-23): not listed, but the intake started then
        _session("2026-11-24"),
        _session("2026-11-25", status="cancelled"),
        _session("2026-11-26", start="13:00"),
        _session("2026-10-01"),  # an intake wholly past: left out
    )
    [intake] = group_into_intakes(project.sessions_of("onboarding"), TODAY)
    assert intake.first_start.date().isoformat() == "2026-11-20"
    assert [s.id for s in intake.sessions] == ["onb-2026-11-24", "onb-2026-11-25", "onb-2026-11-26"]
    assert [p.part for p in intake.attended] == ["onb-2026-11-24", "onb-2026-11-26"]
    assert intake.total.minutes == 5 * 60


def test_the_glance_gives_the_next_intakes_time_and_links_its_heading(tmp_path):
    project = _load(
        tmp_path,
        _session("2026-12-01", cohort="December intake"),
        _session("2026-12-02", cohort="December intake", status="cancelled"),
        _session("2026-12-03", cohort="December intake"),
        _session("2027-02-01", cohort="February intake"),
    )
    page = _guide(project)
    glance = _glance(page)
    assert "<dt>Time in sessions</dt>" in glance
    # the cancelled session is not counted, and not passed over in silence
    assert (
        '2 sessions, 5 hours in total; Day at 09:30 is cancelled (<a href="#intake-onb-2026-12-01">December intake</a>)'
        in glance
    )
    assert '<h3 id="intake-onb-2026-12-01">December intake</h3>' in page
    sessions = _section(page, "Sessions")
    assert "2 sessions, 5 hours in total" in sessions  # under its heading too
    assert "1 session, 2 hours 30 minutes<" in sessions  # one session: no "in total"


def test_one_intake_alone_gives_its_time_without_naming_it(tmp_path):
    project = _load(tmp_path, _session("2026-12-01"), _session("2026-12-02", start="13:00"))
    glance = _glance(_guide(project))
    assert "<dd>2 sessions, 5 hours in total</dd>" in glance


def test_no_upcoming_session_no_time_in_the_glance(tmp_path):
    project = _load(tmp_path, _session("2026-12-01", status="cancelled"))
    page = _guide(project)
    assert "Time in sessions" not in _glance(page)
    assert "No session scheduled yet" in _glance(page)


def test_the_learner_manual_is_in_the_glance_when_manuals_are_built(tmp_path):
    project = _load(tmp_path, _session("2026-12-01"))
    with_manual = _guide(project, manuals=True)
    assert (
        '<dt>Manual</dt>\n<dd><a href="../../manuals/onboarding.pdf">Learner manual</a> '
        '<span class="trainops-manual-size" data-manual="manuals/onboarding.pdf">(PDF)</span></dd>'
        in _glance(with_manual)
    )
    # only there (the link and the marker the build fills with its page count), no instructor edition
    assert with_manual.count("manuals/") == 2 and "instructor" not in with_manual.split("<dt>Manual</dt>")[1][:200]
    assert "manuals/" not in _guide(project, manuals=False)


def _links(page: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', page)


@pytest.mark.parametrize("slug", ["compliance-refresher", "onboarding", "platform-rollout", "support-training"])
def test_a_guide_links_to_no_coordinator_page(example_project, slug):
    ctx = RenderContext(example_project, project_environment(example_project), Urls(True), manuals=True)
    page = render_guide(ctx, example_project.programs[slug])
    coordinator = [
        href
        for href in _links(page)
        if re.search(r"launch-checklist|reminders|handoff|-instructor\.pdf|send-schedule", href)
    ]
    assert coordinator == []
    assert "For coordinators" not in page and "instructor edition" not in page


@pytest.mark.parametrize("slug", ["compliance-refresher", "onboarding", "platform-rollout", "support-training"])
def test_the_summary_is_said_once(example_project, slug):
    ctx = RenderContext(example_project, project_environment(example_project), Urls(True))
    page = render_guide(ctx, example_project.programs[slug])
    summary = example_project.programs[slug].data.summary.replace("'", "&#39;")
    assert page.count(summary) == 1
    assert summary in _glance(page)


def test_the_example_onboarding_guide_has_one_table_per_intake(example_project):
    ctx = RenderContext(example_project, project_environment(example_project), Urls(True))
    page = render_guide(ctx, example_project.programs["onboarding"])
    assert [heading for heading, _ in _groups(page)] == [
        "Intake starting Tue 1 Dec 2026",
        "February 2027 intake",
        "April 2027 intake, Tokyo",
        "April 2027 intake, Boston",
    ]
    assert "3 sessions, 7 hours 30 minutes in total" in _glance(page)


# --- parts and runs: what do I take -------------------------------------------------------------

CANCELLED_LONDON = {"d1-ldn": {"status": "cancelled", "note": "The trainer is ill"}}


def _go_live_guide(tmp_path, statuses=None) -> str:
    from tests.helpers.go_live import load_go_live

    project = load_go_live(tmp_path, statuses)
    ctx = RenderContext(project, project_environment(project), Urls(True), False)
    return render_guide(ctx, project.programs["go-live"])


def _parts(page: str) -> list[tuple[str, list[str]]]:
    """(heading, run ids) of each part of the Sessions section, in order."""
    sessions = _section(page, "Sessions")
    return [
        (heading, re.findall(r'<tr id="session-([^"]+)"', table))
        for heading, table in re.findall(r'<h3 id="[^"]+">(Part [^<]*)</h3>(.*?)</table>', sessions, re.S)
    ]


def test_the_guide_lists_the_parts_in_order_with_their_runs_as_choices(tmp_path):
    page = _go_live_guide(tmp_path)
    assert _parts(page) == [("Part 1: Day 1", ["d1-nyc", "d1-ldn", "d1-tyo"]), ("Part 2: Day 2", ["d2-nyc"])]
    sessions = _section(page, "Sessions")
    assert "Choose one of 3 runs." in sessions and "One run." in sessions
    # one run per part: 2 sessions of 3 hours, not 4 sessions and 12 hours
    assert "<dd>2 sessions, 6 hours in total</dd>" in _glance(page)
    assert "Attend one run of each part: 2 sessions, 6 hours in total." in sessions
    # each run's time is the page's <time> element, which the script shows in the reader's own zone
    assert '<time class="trainops-when" datetime="2026-12-09T00:00:00Z"' in sessions  # 09:00 in Tokyo


def test_a_cancelled_run_says_why_and_which_runs_to_take_instead(tmp_path):
    page = _go_live_guide(tmp_path, CANCELLED_LONDON)
    row = re.search(r'<tr id="session-d1-ldn".*?</tr>', page, re.S).group(0)
    assert 'Cancelled</strong><br><span class="trainops-status-note">The trainer is ill</span>' in row
    # named by title and place, not by a date in the session's zone (Wed 9 Dec in Tokyo is the 8th in Los Angeles)
    instead = '<a href="#session-d1-nyc">Day 1 (New York)</a> or <a href="#session-d1-tyo">Day 1 (Tokyo)</a>'
    assert f"Instead: {instead}" in row
    assert "Choose one of 2 runs." in page
    assert "<dd>2 sessions, 6 hours in total</dd>" in _glance(page)  # Day 1 still has runs


def test_a_part_with_no_run_left_is_not_passed_over(tmp_path):
    page = _go_live_guide(tmp_path, {"d2-nyc": {"status": "cancelled"}})
    assert "<dd>1 session, 3 hours; Day 2 is cancelled</dd>" in _glance(page)
    sessions = _section(page, "Sessions")
    assert "No run of this part takes place: ask" in sessions
    row = re.search(r'<tr id="session-d2-nyc".*?</tr>', sessions, re.S).group(0)
    assert "No other run: ask" in row


def test_a_tentative_run_is_marked_with_its_reason(tmp_path):
    page = _go_live_guide(tmp_path, {"d1-tyo": {"status": "tentative", "note": "Waiting for the room"}})
    row = re.search(r'<tr id="session-d1-tyo".*?</tr>', page, re.S).group(0)
    assert 'Tentative</strong><br><span class="trainops-status-note">Waiting for the room</span>' in row
    assert "Add to calendar" in row  # it may still take place


def test_runs_offered_instead_are_told_apart(tmp_path):
    from trainops.render.guide import run_labels

    project = _load(
        tmp_path,
        _session("2026-12-01", room="HQ 4B"),
        _session("2026-12-02", room="HQ 4B"),
        _session("2026-12-03", link="https://example.com/meet"),
    )
    one, two, online = project.sessions_of("onboarding")[-3:]
    assert [label for _, label in run_labels([one, two, online], "Onboarding")] == [
        "Day at 09:30 (HQ 4B), Tue 1 Dec",
        "Day at 09:30 (HQ 4B), Wed 2 Dec",
        "Day at 09:30 (online)",
    ]


def test_the_glance_offers_the_next_parts_runs_not_the_first_run_alone(tmp_path):
    # Day 1 runs in New York, London and Tokyo: a learner in Tokyo does not attend New York's
    glance = _glance(_go_live_guide(tmp_path))
    assert "<strong>Day 1</strong>: choose one of 3 runs" in glance
    runs = re.findall(r'<a href="#session-([^"]+)">([^<]+)</a>', glance)
    assert runs == [("d1-nyc", "Day 1 (New York)"), ("d1-ldn", "Day 1 (London)"), ("d1-tyo", "Day 1 (Tokyo)")]
    assert 'The first: <time class="trainops-when" datetime="2026-12-07T14:00:00Z"' in glance
    assert "Room: New York 12" not in glance and "download" not in glance  # no one run's room or calendar file


def test_the_glance_names_the_one_run_left_as_the_next_session(tmp_path):
    glance = _glance(_go_live_guide(tmp_path, {"d1-ldn": {"status": "cancelled"}, "d1-tyo": {"status": "cancelled"}}))
    assert "choose one of" not in glance
    assert "<strong>Day 1 (New York)</strong>" in glance and "Room: New York 12" in glance
