"""A forklift licence valid for a year, renewed by a refresher course, and six learners' records:
the fixture of the certification and renewal-capacity tests. On TODAY (2026-11-23):

- a01: licence 2025-03-10, refresher 2026-02-02 inside the window → since the previous expiry,
  runs to 2027-03-10: valid.
- a02: licence 2025-12-01 → expires 2026-12-01: expiring; the one free seat of the refresher of
  30 Nov is in their window.
- a03: licence 2024-06-03 → expired 2025-06-03.
- a04: enrolled, never attended: never certified.
- a05: licence 2025-12-01, refresher 2025-12-20 before the window opened → a new start, runs to
  2026-12-20: expiring; the refresher of 15 Dec is in their window.
- a06: licence 2024-06-03, lapsed, licence again 2026-06-01 → runs to 2027-06-01: valid.
- x01: booked on the refresher of 30 Nov (one of its two seats); never licensed.
"""

from __future__ import annotations

from datetime import date

from trainops.model.training_records import Records

from .alternatives import PEOPLE, enrolment, sheet

TODAY = date(2026, 11, 23)

LICENCE = """\
name: Forklift Licence
summary: Drive a forklift in the warehouse safely.
owner: ana.ruiz
audience: Warehouse staff
outcomes: [Drive a forklift safely]
certification: {valid_for: 1 year, renew_within: 90d, since: previous-expiry, renewal: forklift-refresher}
"""

REFRESHER = """\
name: Forklift Refresher
summary: The yearly refresher of the forklift licence.
owner: ana.ruiz
audience: Licensed warehouse staff
outcomes: [Drive a forklift safely]
"""


def _session(program: str, sid: str, day: str, capacity: int | None = None) -> str:
    seats = f"    capacity: {capacity}\n" if capacity else ""
    return (
        f"  - program: {program}\n    id: {sid}\n    start: {day} 09:00\n    duration: 2h\n"
        f"    timezone: Europe/London\n    room: Yard 1\n{seats}"
    )


LICENCE_SESSIONS = ["fk-2024-06-03", "fk-2025-03-10", "fk-2025-12-01", "fk-2026-06-01"]
REFRESHERS = {"rf-2025-12-20": None, "rf-2026-02-02": None, "rf-2026-11-30": 2, "rf-2026-12-15": 10}


def files(refreshers: dict[str, int | None] = REFRESHERS) -> dict[str, str]:
    sessions = [_session("forklift", sid, sid[3:]) for sid in LICENCE_SESSIONS]
    sessions += [_session("forklift-refresher", sid, sid[3:], seats) for sid, seats in refreshers.items()]
    return {
        "programs/people.yaml": PEOPLE,
        "programs/forklift.yaml": LICENCE,
        "programs/forklift-refresher.yaml": REFRESHER,
        "programs/schedule.yaml": "sessions:\n" + "".join(sessions),
    }


def records() -> Records:
    licence = [enrolment("forklift", f"a0{i}", "") for i in range(1, 7)]
    refresher = [enrolment("forklift-refresher", "x01", "rf-2026-11-30")]
    sheets = [
        sheet("fk-2024-06-03", a03="present", a06="present"),
        sheet("fk-2025-03-10", a01="present"),
        sheet("fk-2025-12-01", a02="present", a05="late"),
        sheet("fk-2026-06-01", a06="present", a04="absent"),
        sheet("rf-2025-12-20", a05="present"),
        sheet("rf-2026-02-02", a01="present"),
    ]
    return Records(
        enrolments={"forklift": tuple(licence), "forklift-refresher": tuple(refresher)},
        attendance={s.session_id: s for s in sheets},
    )
