"""Golden files for a message of every template, and the send schedule CSV."""

from __future__ import annotations

import csv
import io

from tests.helpers import GOLDEN_DIR, assert_golden
from trainops.plan.reminders import plan_reminders
from trainops.plan.urls import Urls
from trainops.render.environment import project_environment
from trainops.render.messages import render_messages, send_schedule_row, write_send_schedule

GOLDEN = GOLDEN_DIR / "reminders"


def messages(project):
    return render_messages(project_environment(project), project, plan_reminders(project), Urls())


def test_one_message_of_every_template(example_project):
    from dataclasses import replace

    from trainops.model.formats import ReminderRule
    from trainops.model.values import parse_duration

    # The example sends no missed-session message; add the rule to one program to render it too.
    record = example_project.programs["onboarding"]
    rules = list(record.data.reminder_rules) + [ReminderRule(template="missed-session", after=parse_duration("1d"))]
    data = record.data.model_copy(update={"reminders": rules})
    project = replace(example_project, programs={**example_project.programs, "onboarding": replace(record, data=data)})
    by_template = {}
    for m in messages(project):
        by_template.setdefault(m.reminder.template, m)
    assert set(by_template) == {"invite", "reminder", "follow-up", "missed-session", "cancellation"}
    for template, m in sorted(by_template.items()):
        assert m.subject.startswith(
            ("Invitation: ", "Reminder: ", "Thank you for attending ", "We missed you at ", "Cancelled: ")
        )
        assert example_project.programs[m.reminder.program].name in m.subject
        assert_golden(m.text, GOLDEN / f"{template}.txt")


def test_send_schedule_csv(example_project):
    text = write_send_schedule([send_schedule_row(m) for m in messages(example_project)])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["send_date", "program", "session", "template", "subject", "audience", "overdue", "recipients"]
    assert [r["send_date"] for r in rows] == sorted(r["send_date"] for r in rows)
    assert {r["session"] for r in rows}.isdisjoint({"onb-2026-10-06", "comp-2026-10-15"})  # past sessions: no rows
    assert [r["template"] for r in rows if r["session"] == "comp-2027-02-16"] == ["cancellation"]
    assert sum(r["overdue"] == "yes" for r in rows) == 3
    assert_golden(text, GOLDEN / "send-schedule.csv")
