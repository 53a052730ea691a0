"""Messages to the right people: the go-live fixture's missed-session and late-completion
messages name their learners, on the days the program's rules and the due dates say."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from trainops.model.formats import ReminderRule
from trainops.model.training_records import Learner
from trainops.model.values import parse_duration
from trainops.plan.coordinator_records import coordinator_records
from trainops.plan.followups import program_follow_ups
from trainops.plan.progress import program_progress
from trainops.plan.record_messages import record_messages, with_record_messages
from trainops.plan.reminders import plan_reminders

from .alternatives import load, records


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return load(tmp_path_factory.mktemp("go-live"))


def messages(project):
    kept = records()
    progress = program_progress(project, kept, "go-live")
    return record_messages(project, program_follow_ups(project, kept, "go-live", progress), progress)


def test_each_missed_part_and_late_group_gets_a_message_to_its_learners(project):
    got = sorted((r.key, r.send_date, r.overdue, r.recipients) for r in messages(project))
    assert got == [
        # no missed-session rule: the day after the session
        ("d1-ldn-nov-late-completion", date(2026, 11, 18), True, ("n08",)),
        ("d1-ldn-nov-missed-session", date(2026, 11, 4), True, ("n08",)),
        ("d1-nyc-nov-late-completion", date(2026, 11, 17), True, ("n03",)),  # due 16 Nov
        ("d1-nyc-nov-missed-session", date(2026, 11, 3), True, ("n03",)),
        ("d1-tyo-nov-late-completion", date(2026, 11, 19), True, ("n04",)),
        ("d2-nyc-nov-missed-session", date(2026, 11, 10), True, ("n08", "n09")),
    ]


def test_a_missed_session_rule_sets_the_send_date(project):
    record = project.programs["go-live"]
    rule = ReminderRule(template="missed-session", after=parse_duration("3d"))
    data = record.data.model_copy(update={"reminders": [*record.data.reminder_rules, rule]})
    changed = replace(project, programs={"go-live": replace(record, data=data)})
    dates = {r.session.id: r.send_date for r in messages(changed) if r.template == "missed-session"}
    assert dates == {"d1-nyc-nov": date(2026, 11, 5), "d1-ldn-nov": date(2026, 11, 6), "d2-nyc-nov": date(2026, 11, 12)}


def test_a_records_message_replaces_the_planned_one_of_its_session(project):
    planned = plan_reminders(project)
    extra = messages(project)
    merged = with_record_messages(planned, extra)
    assert len(merged) == len(planned) + len(extra)  # (the past sessions have no planned message)
    assert [r.send_date for r in merged] == sorted(r.send_date for r in merged)
    same = replace(extra[0], session=extra[0].session)
    assert with_record_messages(merged, [same]).count(same) == 1


def roster_of(*ids: str) -> dict[str, Learner]:
    return {
        i: Learner(i, f"Name {i}", f"{i}@example.org", "", "", "", "records/learners.csv", n)
        for n, i in enumerate(ids, 2)
    }


def test_names_only_with_ops_names_and_only_of_the_learners_concerned(project):
    kept = replace(records(), roster=roster_of("n01", "n03", "n08", "n10"))
    assert coordinator_records(project, kept, names=False).names == {}
    named = coordinator_records(project, kept, names=True)
    # n01 needs no follow-up but has its row on the program's status page, as every enrolled
    # learner; n10 is waitlisted: on no page, so its name is not handed to the site.
    assert named.names == {"n01": "Name n01", "n03": "Name n03", "n08": "Name n08"}
    assert named.label("n03") == "Name n03" and named.label("n09") == "n09"  # (n09: not in the roster)
