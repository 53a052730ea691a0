"""Send dates (across a month end and a DST change), overdue flags, cancellations, defaults."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.helpers import TODAY
from trainops.model.formats import ReminderRule
from trainops.model.project import Session
from trainops.model.values import localize, parse_duration
from trainops.plan.reminders import plan_reminders, send_date


def session_at(local: str, zone: str) -> Session:
    from trainops.model.formats import SessionEntry

    start = localize(datetime.fromisoformat(local), zone, None)
    entry = SessionEntry(program="p", start=local, duration="1h", timezone=zone)
    return Session("p-1", entry, zone, start, start, "programs/schedule.yaml", None)  # type: ignore[arg-type]


def rule(**kw) -> ReminderRule:
    return ReminderRule(**{k: parse_duration(v) if k in ("before", "after") else v for k, v in kw.items()})


def test_send_dates_across_a_month_end():
    s = session_at("2027-03-01 09:00", "Europe/Berlin")
    assert send_date(s, rule(template="invite", before="14d")) == date(2027, 2, 15)
    assert send_date(s, rule(template="reminder", before="1d")) == date(2027, 2, 28)
    assert send_date(s, rule(template="invite", before="1 month")) == date(2027, 2, 1)
    late = session_at("2026-12-31 16:00", "America/New_York")
    assert send_date(late, rule(template="follow-up", after="1d")) == date(2027, 1, 1)


def test_send_dates_use_the_sessions_own_local_date_on_a_dst_day():
    # 2027-03-14 is the US change day; 00:30 in Tokyo is still the 14th there, the 13th in New York.
    tokyo = session_at("2027-03-14 00:30", "Asia/Tokyo")
    assert send_date(tokyo, rule(template="reminder", before="1d")) == date(2027, 3, 13)
    ny = session_at("2027-03-14 03:30", "America/New_York")  # just after the gap
    assert send_date(ny, rule(template="reminder", before="2h")) == date(2027, 3, 14)
    assert send_date(ny, rule(template="reminder", before="4h")) == date(2027, 3, 13)


def test_example_plan(example_project):
    planned = plan_reminders(example_project)
    assert planned == sorted(
        planned, key=lambda r: (r.send_date, r.program, r.session.start_utc, r.session.id, r.template)
    )
    assert all(r.session.is_upcoming(example_project.today) for r in planned)
    overdue = [(r.session.id, r.template, r.send_date) for r in planned if r.overdue]
    assert overdue == [
        ("onb-2026-12-01", "invite", date(2026, 11, 17)),
        ("onb-2026-12-02", "invite", date(2026, 11, 18)),
        ("onb-2026-12-04", "invite", date(2026, 11, 20)),
    ]
    # The cancelled comp-2027-02-16 was never announced (its invite is due on 2 Feb): no message at all.
    assert [r for r in planned if r.session.status == "cancelled"] == []
    # support-training has no reminders: the default set (invite 14d, reminder 1d, follow-up 1d after).
    support = {r.template for r in planned if r.program == "support-training"}
    assert support == {"invite", "reminder", "follow-up"}


@pytest.mark.parametrize("today", [date(2026, 11, 23), date(2027, 2, 10), date(2027, 3, 1)])
def test_overdue_reminders_are_the_plans_overdue_ones(today):
    """The launch review plans only the overdue reminders: the same ones, in the same order."""
    from tests.helpers import REPO
    from trainops.load.loading import load_project
    from trainops.plan.reminders import overdue_reminders

    def key(r):
        return (r.program, r.session.id, r.template, r.send_date, r.overdue)

    alone, _ = load_project(REPO, today=today)
    planned, _ = load_project(REPO, today=today)
    expected = [key(r) for r in plan_reminders(planned) if r.overdue]
    assert [key(r) for r in overdue_reminders(alone)] == expected
    assert [key(r) for r in overdue_reminders(planned)] == expected  # from the full plan when there is one
    if today > date(2026, 11, 23):
        assert expected  # the case is not empty


def test_every_message_has_its_subject_on_a_line_of_its_own(example_project):
    """Once, a subject line ending in `{% endif %}` swallowed its line break: 'Day 1 - WelcomeHello,'."""
    from trainops.plan.urls import Urls
    from trainops.render.environment import project_environment
    from trainops.render.messages import render_messages

    messages = render_messages(
        project_environment(example_project), example_project, plan_reminders(example_project), Urls(True)
    )
    templates = {m.reminder.template for m in messages}
    assert {"invite", "reminder", "follow-up"} <= templates
    for m in messages:
        assert "\n" not in m.subject and not m.subject.endswith(("Hello,", "Hello")), m.subject
        assert m.body.startswith("\n") or m.body.startswith("Hello"), m.body[:80]


def test_each_run_and_each_cohort_is_sent_to_its_own_learners(tmp_path):
    """Three runs of Day 1 are not each sent to the whole audience: each to the learners booked on it."""
    from tests.helpers.go_live import load_go_live

    project = load_go_live(tmp_path)
    planned = plan_reminders(project)
    runs = {(r.session.id, r.template): r.audience for r in planned if r.program == "go-live"}
    assert runs[("d1-nyc", "invite")] == runs[("d1-tyo", "invite")] == "learners booked on this run"
    assert runs[("d2-nyc", "reminder")] == "learners booked on this run"
    assert runs[("d1-ldn", "follow-up")] == "attendees"
    # a cohort's session goes to its cohort; a session of neither, to the program's audience
    onboarding = {r.template: r.audience for r in planned if r.program == "onboarding"}
    assert onboarding["invite"] == "everyone in the program's audience"
    assert onboarding["reminder"] == "enrolled learners"


def test_a_cohorts_session_is_sent_to_that_cohort(example_project):
    planned = plan_reminders(example_project)
    (kickoff,) = [r for r in planned if r.session.id == "comp-2027-01-12" and r.template == "invite"]
    assert kickoff.audience == "learners of cohort Europe"


def test_without_history_a_cancellation_is_made_today_for_the_invited_only(tmp_path):
    from tests.helpers.go_live import load_go_live

    cancelled = {"d1-ldn": {"status": "cancelled"}}
    # On TODAY the London run (8 Dec) has its invite due tomorrow: nobody heard of it, no message.
    project = load_go_live(tmp_path / "ahead", cancelled)
    assert [r for r in plan_reminders(project) if r.template == "cancellation"] == []
    # Six days earlier, its invite was due on 18 Nov: the learners booked on it are told today.
    project = load_go_live(tmp_path / "invited", cancelled, shift=6)
    (notice,) = [r for r in plan_reminders(project) if r.template == "cancellation"]
    assert (notice.session.id, notice.send_date, notice.overdue) == ("d1-ldn", TODAY, False)
    assert notice.audience == "learners booked on this run who got the invite"
