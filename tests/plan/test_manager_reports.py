"""A person of a manager's report: their programs counted for the team's summary, and the first
rows of their table, the most urgent first."""

from __future__ import annotations

from datetime import date

import pytest

from trainops.model.record_audit import RetrainDue, SignificantChange
from trainops.plan.manager_reports import PersonCounts, ProgramStanding, ReportedPerson


def standing(program: str, **fields) -> ProgramStanding:
    values = {
        "program": program,
        "program_name": program.title(),
        "cohort": "c1",
        "due": date(2026, 10, 20),
        "completed": True,
        "completed_on": date(2026, 10, 8),
        "passed": None,
        "late": False,
        "overdue": False,
        "waived": "",
        "missed": (),
    }
    return ProgramStanding(**(values | fields))


def retrain_item() -> RetrainDue:
    change = SignificantChange(date(2026, 11, 2), "f" * 40, "fffffff", "New rule", "programs/i.yaml", "trailer")
    return RetrainDue("L1", date(2026, 10, 8), change)


DONE_A, DONE_B = standing("a"), standing("b")
OVERDUE = standing("c", completed=False, completed_on=None, overdue=True)
MISSED = standing("d", completed=False, completed_on=None, missed=("s-1", "s-2"))
EXPIRING = standing("e", certification="expiring", certified_until=date(2027, 1, 1))
EXPIRED = standing("f", certification="expired", certified_until=date(2026, 1, 1))
VALID = standing("g", certification="valid", certified_until=date(2027, 9, 1))
NEVER = standing("h", completed=False, completed_on=None, certification="never-certified")
RETRAIN = standing("i", retrain=retrain_item())
PERSON = ReportedPerson(
    "L1",
    "Ada",
    "Ops",
    "",
    "records/learners.csv:2",
    (DONE_A, OVERDUE, DONE_B, MISSED, EXPIRING, EXPIRED, VALID, NEVER, RETRAIN),
)


def test_what_needs_action_is_overdue_retraining_a_certification_to_renew_or_a_missed_session():
    urgency = {s.program: s.urgency for s in PERSON.programs}
    assert urgency == {"a": 4, "b": 4, "c": 0, "d": 3, "e": 2, "f": 0, "g": 4, "h": 4, "i": 1}
    assert {s.program for s in PERSON.programs if s.needs_action} == {"c", "d", "e", "f", "i"}
    # (overdue and missed a session: overdue is the more urgent)
    assert standing("x", overdue=True, missed=("s-1",), retrain=retrain_item()).urgency == 0


def test_the_counts_are_the_persons_programs_counted():
    assert PERSON.counts() == PersonCounts(
        programs=9, needing_action=5, completed=6, overdue=1, to_renew=2, to_retrain=1, missed_sessions=2
    )
    assert ReportedPerson("L2", "", "", "", "x:1", ()).counts() == PersonCounts(0, 0, 0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("limit", "shown", "left_out", "left_out_acting"),
    [
        (100, "c f i e d a b g h", 0, 0),
        (9, "c f i e d a b g h", 0, 0),
        (6, "c f i e d a", 3, 0),
        (5, "c f i e d", 4, 0),
        (3, "c f i", 6, 2),
        (0, "", 9, 5),
    ],
)
def test_the_first_rows_are_the_most_urgent_each_kind_in_the_persons_order(limit, shown, left_out, left_out_acting):
    first, out, acting = PERSON.first(limit)
    assert " ".join(s.program for s in first) == shown
    assert (out, acting) == (left_out, left_out_acting)


def test_the_first_rows_of_a_person_in_no_program_or_only_in_programs_to_act_on():
    assert ReportedPerson("L2", "", "", "", "x:1", ()).first(3) == ((), 0, 0)
    late = ReportedPerson("L3", "", "", "", "x:1", (MISSED, OVERDUE))
    assert late.first(5) == ((OVERDUE, MISSED), 0, 0)
    assert late.first(1) == ((OVERDUE,), 1, 1)
    with pytest.raises(ValueError):
        late.first(-1)
