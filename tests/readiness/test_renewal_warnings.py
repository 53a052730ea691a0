"""Renewal capacity (`renewal-no-session`) on the forklift fixture (tests/plan/certified.py): the
expiring learners a02 (to 1 Dec) and a05 (to 20 Dec) and the refresher sessions of 30 Nov (two
seats, one taken by x01) and 15 Dec."""

from __future__ import annotations

from dataclasses import replace

from trainops.plan.certification import program_certification
from trainops.plan.renewal_seats import renewal_seats
from trainops.readiness.renewal_warnings import renewal_diagnostics

from ..plan import certified
from ..plan.alternatives import enrolment, load


def warnings(tmp_path, refreshers=certified.REFRESHERS, records=None):
    project = load(tmp_path, certified.files(refreshers))
    return [d.as_text() for d in renewal_diagnostics(project, records or certified.records())]


def test_every_expiring_learner_has_a_seat_no_warning(tmp_path):
    project = load(tmp_path, certified.files())
    kept = certified.records()
    seats = renewal_seats(project, kept, program_certification(project, kept, "forklift"))
    assert {learner: s.id for learner, s in seats.seat.items()} == {"a02": "rf-2026-11-30", "a05": "rf-2026-12-15"}
    assert renewal_diagnostics(project, kept) == []


def test_removing_the_only_session_in_a_window_warns_at_the_certification_line(tmp_path):
    without = {k: v for k, v in certified.REFRESHERS.items() if k != "rf-2026-11-30"}
    assert warnings(tmp_path, without) == [
        "programs/forklift.yaml:6:1: warning: 1 learner expires by 2026-12-01; no forklift-refresher session "
        "with seats in their window (1 other expiring learner has one) [renewal-no-session]"
    ]


def test_removing_every_renewal_session_counts_every_expiring_learner(tmp_path):
    past = {k: v for k, v in certified.REFRESHERS.items() if k < "rf-2026-11"}
    assert warnings(tmp_path, past) == [
        "programs/forklift.yaml:6:1: warning: 2 learners expire by 2026-12-20; no forklift-refresher session "
        "with seats in their window [renewal-no-session]"
    ]


def test_a_full_session_has_no_seat_and_a_session_without_capacity_has_every_seat(tmp_path):
    kept = certified.records()
    full = replace(
        kept,
        enrolments={
            **kept.enrolments,
            "forklift-refresher": (
                enrolment("forklift-refresher", "x01", "rf-2026-11-30"),
                enrolment("forklift-refresher", "x02", "rf-2026-11-30"),
            ),
        },
    )
    assert "1 learner expires by 2026-12-01" in warnings(tmp_path / "full", records=full)[0]
    unlimited = {**certified.REFRESHERS, "rf-2026-11-30": None}
    assert warnings(tmp_path / "unlimited", unlimited, full) == []


def test_a_learner_booked_on_a_session_in_their_window_keeps_their_seat(tmp_path):
    kept = certified.records()
    booked = replace(
        kept,
        enrolments={
            **kept.enrolments,
            "forklift-refresher": (
                enrolment("forklift-refresher", "x01", "rf-2026-11-30"),
                enrolment("forklift-refresher", "a02", "rf-2026-11-30"),
            ),
        },
    )
    project = load(tmp_path, certified.files())
    seats = renewal_seats(project, booked, program_certification(project, booked, "forklift"))
    assert seats.seat["a02"].id == "rf-2026-11-30" and not seats.without
