"""Certification status, early renewal and every completion over time: on the forklift fixture
(tests/plan/certified.py tells each learner's story) and the go-live one."""

from __future__ import annotations

from datetime import date

import pytest

from trainops.model.program_fields import Certification
from trainops.plan.certification import (
    CertificationPeriod,
    certification_periods,
    certification_status,
    program_certification,
)
from trainops.plan.completions import completion_dates
from trainops.plan.progress import program_progress

from . import alternatives, certified
from .alternatives import load


def rule(**fields) -> Certification:
    return Certification.model_validate({"valid_for": "1 year", "renew_within": "90d", **fields})


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return load(tmp_path_factory.mktemp("forklift"), certified.files())


@pytest.fixture(scope="module")
def licence(project):
    return program_certification(project, certified.records(), "forklift")


def test_an_early_renewal_keeps_its_time_since_the_previous_expiry():
    periods = certification_periods(rule(since="previous-expiry"), [date(2026, 1, 15)], [date(2026, 12, 1)])
    assert periods == [
        CertificationPeriod(date(2026, 1, 15), date(2027, 1, 15)),
        CertificationPeriod(date(2026, 12, 1), date(2028, 1, 15), runs_from=date(2027, 1, 15), by_renewal=True),
    ]
    assert periods[-1].valid_from == date(2027, 1, 15)


def test_since_completion_an_early_renewal_runs_from_the_renewal():
    periods = certification_periods(rule(), [date(2026, 1, 15)], [date(2026, 12, 1)])
    assert periods[-1] == CertificationPeriod(date(2026, 12, 1), date(2027, 12, 1), by_renewal=True)
    assert periods[-1].valid_from == date(2026, 12, 1)


def test_a_lapsed_certification_renewed_later_runs_from_the_renewal():
    periods = certification_periods(rule(since="previous-expiry"), [date(2024, 6, 3), date(2026, 6, 1)])
    assert periods[-1] == CertificationPeriod(date(2026, 6, 1), date(2027, 6, 1))


def test_a_renewal_program_alone_certifies_nobody():
    assert certification_periods(rule(), [], [date(2026, 1, 15)]) == []
    only_later = certification_periods(rule(), [date(2026, 3, 1)], [date(2026, 1, 15)])
    assert only_later == [CertificationPeriod(date(2026, 3, 1), date(2027, 3, 1))]


def test_status_on_the_days_around_the_window_and_the_expiry():
    periods = certification_periods(rule(), [date(2026, 1, 15)])  # expires 2027-01-15, window from 2026-10-17
    status = {
        day: certification_status(rule(), periods, date.fromisoformat(day))
        for day in ["2026-10-16", "2026-10-17", "2027-01-14", "2027-01-15"]
    }
    assert status == {
        "2026-10-16": "valid",
        "2026-10-17": "expiring",
        "2027-01-14": "expiring",
        "2027-01-15": "expired",
    }
    assert certification_status(rule(), [], date(2026, 1, 1)) == "never-certified"


def test_the_window_must_be_shorter_than_the_period():
    with pytest.raises(ValueError, match="renew_within '1 year' must be shorter than valid_for '1 year'"):
        rule(renew_within="1 year")


def test_each_learner_of_the_fixture(licence):
    got = {c.learner: (c.status, c.expires) for c in licence.learners}
    assert got == {
        "a01": ("valid", date(2027, 3, 10)),
        "a02": ("expiring", date(2026, 12, 1)),
        "a03": ("expired", date(2025, 6, 3)),
        "a04": ("never-certified", None),
        "a05": ("expiring", date(2026, 12, 20)),
        "a06": ("valid", date(2027, 6, 1)),
    }
    assert licence.renewal == "forklift-refresher"


def test_counts_per_program(licence):
    assert licence.counts() == {"valid": 2, "expiring": 2, "expired": 1, "never-certified": 1}


def test_a_program_without_certification_has_none(project):
    assert program_certification(project, certified.records(), "forklift-refresher") is None


def test_every_completion_over_time_of_a_program_without_parts(project):
    kept = certified.records()
    dates = completion_dates(project, kept, program_progress(project, kept, "forklift"))
    assert dates["a06"] == (date(2024, 6, 3), date(2026, 6, 1))  # two intakes, two completions
    assert "a04" not in dates  # absent: never completed


def test_completions_with_parts_and_a_pass_agree_with_progress(tmp_path):
    project = load(tmp_path)
    kept = alternatives.records()
    progress = program_progress(project, kept, "go-live")
    dates = completion_dates(project, kept, progress)
    # n02 passed on 20 Nov, after both parts: completed then; n04 never passed; n07 only waived
    assert dates == {"n01": (date(2026, 11, 10),), "n02": (date(2026, 11, 20),), "n05": (date(2026, 11, 10),)}
    assert {p.learner: (p.completed_on,) for p in progress.learners if p.completed_on} == dates
