"""Messages about runs of a part: a cancellation names its reason and the runs to take instead; a
tentative run's invite says it is tentative and why."""

from __future__ import annotations

from tests.helpers.go_live import load_go_live
from trainops.plan.reminders import plan_reminders
from trainops.plan.urls import Urls
from trainops.render.environment import project_environment
from trainops.render.messages import render_messages


def _messages(project, template: str):
    planned = [r for r in plan_reminders(project) if r.template == template and r.program == "go-live"]
    return {m.reminder.session.id: m for m in render_messages(project_environment(project), project, planned, Urls())}


def test_a_cancellation_gives_the_reason_and_the_other_runs_of_its_part(tmp_path):
    # six days earlier: the London run's invite was due on 18 Nov, so its learners must be told
    project = load_go_live(tmp_path, {"d1-ldn": {"status": "cancelled", "note": "The trainer is ill"}}, shift=6)
    body = _messages(project, "cancellation")["d1-ldn"].body
    assert "is cancelled: The trainer is ill. Please remove it from your calendar." in body
    assert "You can take another run of it instead:\n" in body
    assert "- Tue 1 Dec 2026, 09:00–12:00 Eastern Standard Time (UTC−05:00), New York 12\n" in body
    assert "- Thu 3 Dec 2026, 09:00–12:00 Japan Standard Time (UTC+09:00), Tokyo 7\n" in body
    assert "Day 2" not in body  # the program's next session is not a replacement for Day 1


def test_a_cancelled_part_with_no_other_run_says_so(tmp_path):
    project = load_go_live(tmp_path, {"d2-nyc": {"status": "cancelled"}}, shift=13)
    body = _messages(project, "cancellation")["d2-nyc"].body
    assert "No other run of it is scheduled yet; we will write when there is one." in body
    assert "The next session" not in body


def test_a_tentative_runs_invite_says_so_and_why(tmp_path):
    project = load_go_live(tmp_path, {"d1-tyo": {"status": "tentative", "note": "Waiting for the room"}})
    messages = _messages(project, "invite")
    tentative = messages["d1-tyo"]
    assert tentative.subject.startswith("Invitation (tentative): Go-Live Workshop — Day 1 (Tokyo)")
    assert "This session is tentative: Waiting for the room. Keep the time free;" in tentative.body
    assert "tentative" not in messages["d1-nyc"].text


def test_an_invite_to_a_run_says_which_part_of_how_many_it_is(tmp_path):
    project = load_go_live(tmp_path)
    messages = _messages(project, "invite")
    day_1 = "day one.\nThis is part 1 of 2 (Day 1, then Day 2); each part has its own invitation.\n\nWhen:"
    assert day_1 in messages["d1-tyo"].body
    assert "This is part 2 of 2 (Day 1, then Day 2)" in messages["d2-nyc"].body
    planned = [r for r in plan_reminders(project) if r.program == "onboarding" and r.template == "invite"]
    onboarding = render_messages(project_environment(project), project, planned, Urls())
    assert onboarding and not [m for m in onboarding if "This is part" in m.body]  # a program without parts
