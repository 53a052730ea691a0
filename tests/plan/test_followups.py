"""The follow-up list of the go-live fixture (tests/plan/alternatives.py): who is followed up,
by whom, about which session, with which next runs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from trainops.model.training_records import Records
from trainops.plan.followups import follow_ups, program_follow_ups

from .alternatives import load, records


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return load(tmp_path_factory.mktemp("go-live"))


@pytest.fixture(scope="module")
def items(project):
    return program_follow_ups(project, records(), "go-live")


def test_the_whole_list_in_order(items):
    assert [(i.kind, i.session, i.owner, i.learners, i.next_runs) for i in items] == [
        # the London Day 2 of 20 Nov: its sheet was never filled in; Tokyo's of 22 Nov is not late yet
        ("attendance-not-taken", "d2-ldn-nov", "ben.cole", (), ()),
        ("missed-part", "d1-nyc-nov", "ana.ruiz", ("n03",), ("d1-nyc-dec",)),
        ("missed-part", "d1-ldn-nov", "ana.ruiz", ("n08",), ("d1-nyc-dec",)),
        ("missed-part", "d2-nyc-nov", "ana.ruiz", ("n08", "n09"), ("d2-nyc-dec",)),
        ("late-completion", None, "ben.cole", ("n03", "n04", "n08"), ()),
        ("absent-twice", None, "ana.ruiz", ("n08",), ()),
    ]


def test_a_missed_day_1_with_a_later_run_names_its_learners_and_the_next_run(items):
    """n03 and n05 were both absent from Day 1 in New York; n05 went to Tokyo two days later and
    is not followed up. The December Tokyo run is cancelled, so only New York is offered."""
    missed = [i for i in items if i.kind == "missed-part" and i.part == "day-1"]
    assert {i.session: i.learners for i in missed} == {"d1-nyc-nov": ("n03",), "d1-ldn-nov": ("n08",)}
    assert all(i.next_runs == ("d1-nyc-dec",) for i in missed)
    assert missed[0].count == 1 and "next runs" in missed[0].action


def test_the_attendance_item_lists_the_learners_expected_at_the_session(project):
    kept = records()
    booked = kept.enrolments["go-live"][0]._replace(learner="n11", cohort="d2-ldn-nov")
    enrolments = (*kept.enrolments["go-live"], booked)
    kept = replace(kept, enrolments={"go-live": enrolments})
    not_taken = [i for i in program_follow_ups(project, kept, "go-live") if i.kind == "attendance-not-taken"]
    assert [(i.session, i.learners, i.part) for i in not_taken] == [("d2-ldn-nov", ("n11",), "day-2")]


def test_a_part_with_no_run_left_says_to_arrange_one(project):
    schedule = project.sessions
    without_december = replace(project, sessions=[s for s in schedule if not s.id.endswith("-dec")])
    missed = [i for i in program_follow_ups(without_december, records(), "go-live") if i.kind == "missed-part"]
    assert missed and all(i.next_runs == () and "no run of this part is left" in i.action for i in missed)


def test_a_program_whose_records_are_kept_elsewhere_has_no_follow_ups(project):
    assert follow_ups(project, Records()) == []


def test_owners_are_none_when_the_program_names_nobody(project):
    record = project.programs["go-live"]
    nobody = replace(record, data=record.data.model_copy(update={"escalation": None}))
    changed = replace(project, programs={"go-live": nobody})
    owners = {i.kind: i.owner for i in program_follow_ups(changed, records(), "go-live")}
    assert owners == {
        "attendance-not-taken": "ben.cole",  # the instructor still owns their sheet
        "missed-part": None,
        "late-completion": None,
        "absent-twice": None,
    }
