"""The reminders page: the messages due now in full first, the later ones folded by send week."""

from __future__ import annotations

from datetime import date

from trainops.plan.reminders import plan_reminders, send_week
from trainops.plan.urls import Urls
from trainops.render.after_markdown import lift, unmarked
from trainops.render.environment import project_environment
from trainops.render.messages import render_messages
from trainops.render.reminder_pages import plan_reminder_page, render_reminder_page
from trainops.render.site import RenderContext


def messages(project, slug):
    env = project_environment(project)
    return [m for m in render_messages(env, project, plan_reminders(project), Urls()) if m.reminder.program == slug]


def test_due_now_is_today_or_overdue_and_the_rest_goes_by_week(example_project):
    mine = messages(example_project, "onboarding")
    plan = plan_reminder_page(mine, example_project.today)
    assert [(m.reminder.session.id, m.reminder.template, m.reminder.overdue) for m in plan.due] == [
        ("onb-2026-12-01", "invite", True),
        ("onb-2026-12-02", "invite", True),
        ("onb-2026-12-04", "invite", True),
    ]
    assert plan.overdue == 3 and plan.later == len(mine) - 3
    sends = [m.reminder.send_date for _week, ms in plan.weeks for m in ms]
    assert sends == sorted(sends) and min(sends) > example_project.today
    for week, ms in plan.weeks:
        assert week.weekday() == 0 and {send_week(m.reminder.send_date) for m in ms} == {week}


def test_a_message_due_today_is_due_now_but_not_overdue(example_project):
    mine = messages(example_project, "onboarding")
    first_later = min(m.reminder.send_date for m in mine if m.reminder.send_date > example_project.today)
    plan = plan_reminder_page(mine, first_later)
    due_today = [m for m in plan.due if m.reminder.send_date == first_later]
    assert due_today and not any(m.reminder.send_date > first_later for m in plan.due)
    assert send_week(date(2026, 11, 29)) == date(2026, 11, 23)  # a Sunday belongs to the Monday before


def test_page_shows_due_now_in_full_and_folds_the_rest(example_project):
    ctx = RenderContext(example_project, project_environment(example_project), Urls())
    record = example_project.programs["onboarding"]
    page = render_reminder_page(ctx, record, messages(example_project, "onboarding"))
    converted, blocks = lift(page)  # (the messages due now and the later weeks go in after Markdown)
    assert len(blocks) == 2 and "<section" not in converted and "<details" not in converted
    md = unmarked(page)
    now, _, later = md.partition("## Later")
    assert "## Send now" in now and "3 messages to send now, 3 overdue" in now
    assert now.count('<section class="trainops-message') == 3 and "<details" not in now
    assert now.count("⚠ Overdue:</strong> was due on") == 3
    assert '<details class="trainops-week" id="week-2026-11-30">' in later
    assert "<summary>Week of Mon 30 Nov 2026:" in later
    assert later.count("<details") == later.count("</details>") > 1


def test_every_template_puts_the_subject_on_its_own_line_with_or_without_a_title(example_project):
    """A ``{% endif %}`` at the end of the subject line eats its line break (trim_blocks); the
    subject must end where the line ends whether the session has a title or not."""
    from dataclasses import replace

    from trainops.model.formats import ReminderRule
    from trainops.model.values import parse_duration

    record = example_project.programs["onboarding"]
    rules = list(record.data.reminder_rules) + [ReminderRule(template="missed-session", after=parse_duration("1d"))]
    programs = {
        **example_project.programs,
        "onboarding": replace(record, data=record.data.model_copy(update={"reminders": rules})),
    }
    # The example's cancelled session is not yet announced (its invite is due in February): cancel one
    # whose invite is out, so that the cancellation notice is planned too.
    invited = [
        replace(s, entry=s.entry.model_copy(update={"status": "cancelled"})) if s.id == "onb-2026-12-01" else s
        for s in example_project.sessions
    ]
    for titled in (True, False):
        sessions = invited
        if not titled:
            sessions = [replace(s, entry=s.entry.model_copy(update={"title": None})) for s in sessions]
        project = replace(example_project, programs=programs, sessions=sessions)
        env = project_environment(project)
        seen = set()
        for m in render_messages(env, project, plan_reminders(project), Urls()):
            seen.add(m.reminder.template)
            assert "\n" not in m.subject and "Hello" not in m.subject, (titled, m.reminder.template, m.subject)
            assert m.body.startswith("Hello,\n\n"), (titled, m.reminder.template, m.body[:80])
        assert seen == {"invite", "reminder", "follow-up", "missed-session", "cancellation"}


def test_hundreds_of_messages_due_are_the_latest_in_full_older_ones_a_line_each_and_the_rest_counted(example_project):
    """Five years of records call for hundreds of missed-session and late-completion messages, all
    due: the page keeps under 400 KB (MESSAGES_IN_FULL in full, DUE_LISTED a line each)."""
    from dataclasses import replace
    from datetime import timedelta

    from trainops.render.reminder_pages import DUE_LISTED, MESSAGES_IN_FULL

    today = example_project.today
    one = messages(example_project, "onboarding")[0]
    many = [
        replace(one, reminder=replace(one.reminder, send_date=today - timedelta(days=k), overdue=True))
        for k in range(1, 701)
    ]
    plan = plan_reminder_page(many, today)
    assert len(plan.due) == 700 and plan.due_counted == 700 - MESSAGES_IN_FULL - DUE_LISTED
    assert [m.reminder.send_date for m in plan.due_in_full] == [today - timedelta(days=k) for k in range(100, 0, -1)]
    assert [m.reminder.send_date for m in plan.due_listed] == [today - timedelta(days=k) for k in range(101, 501)]
    ctx = RenderContext(example_project, project_environment(example_project), Urls())
    page = unmarked(render_reminder_page(ctx, example_project.programs["onboarding"], many))
    assert page.count('<section class="trainops-message') == MESSAGES_IN_FULL
    assert page.count('<tr><th scope="row">') == DUE_LISTED and "Older messages due: 600" in page
    assert "And 200 older still, counted here" in page and "700 messages to send now, 700 overdue" in page
    assert "the ones due now first, in full (the latest 100 of them), then" in page
    assert len(page.encode()) < 350_000  # (+ Material's frame < 400 KB)


def test_the_messages_due_split_at_the_bounds_and_leave_no_week_in_full(example_project):
    from dataclasses import replace
    from datetime import timedelta

    from trainops.render.reminder_pages import DUE_LISTED, MESSAGES_IN_FULL

    today = example_project.today
    mine = messages(example_project, "onboarding")
    one, later = mine[0], [m for m in mine if m.reminder.send_date > today]
    assert later
    for due in (MESSAGES_IN_FULL - 1, MESSAGES_IN_FULL, MESSAGES_IN_FULL + 1, 500, 501):
        many = [
            replace(one, reminder=replace(one.reminder, send_date=today - timedelta(days=k), overdue=True))
            for k in range(1, due + 1)
        ]
        plan = plan_reminder_page([*many, *later], today)
        in_full, listed = min(due, MESSAGES_IN_FULL), min(max(0, due - MESSAGES_IN_FULL), DUE_LISTED)
        assert (len(plan.due_in_full), len(plan.due_listed), plan.due_counted) == (
            in_full,
            listed,
            due - in_full - listed,
        )
        # the texts shown stay within the budget: with 100 due, no later week is in full
        assert in_full + sum(len(ms) for _w, ms in plan.full_weeks) <= MESSAGES_IN_FULL
        assert plan.full_weeks == [] if due >= MESSAGES_IN_FULL else plan.later
