"""Transcripts: each certification period with its start, expiry and the row that completed it (the
forklift fixture of tests/plan/certified.py), and rows that come learner by learner."""

from __future__ import annotations

from datetime import date

import pytest

from trainops.plan.certification import program_certification
from trainops.plan.completions import completion_sources
from trainops.plan.progress import program_progress
from trainops.plan.transcripts import transcript_rows

from . import alternatives, certified
from .alternatives import load

SHEETS = "records/attendance/2026"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return load(tmp_path_factory.mktemp("forklift"), certified.files())


def transcripts(project, records):
    progress = {slug: program_progress(project, records, slug) for slug in sorted(project.programs)}
    certifications = {"forklift": program_certification(project, records, "forklift", progress["forklift"])}
    return transcript_rows(project, records, progress, certifications)


def periods(rows, learner):
    return [(r.date, r.item, r.value, r.source) for r in rows if r.learner == learner and r.kind == "certification"]


def test_each_period_names_its_start_expiry_and_the_row_that_completed_it(project):
    rows = list(transcripts(project, certified.records()))
    # a01: licence on 10 Mar 2025; the refresher of 2 Feb 2026, inside the window, runs from the expiry.
    assert periods(rows, "a01") == [
        (date(2025, 3, 10), "valid from 2025-03-10", "until 2026-03-10", f"{SHEETS}/fk-2025-03-10.csv:2"),
        (date(2026, 2, 2), "valid from 2026-03-10", "until 2027-03-10", f"{SHEETS}/rf-2026-02-02.csv:2"),
    ]
    renewal = next(r for r in rows if r.learner == "a01" and r.date == date(2026, 2, 2) and r.kind == "certification")
    assert renewal.detail == (
        "from the completion of Forklift Refresher on 2026-02-02; "
        "renewed early, so it runs from the previous expiry, 2026-03-10"
    )
    # a06: lapsed and licensed again: two periods, each from its own sheet's row (a06 is line 3 of the first).
    assert periods(rows, "a06") == [
        (date(2024, 6, 3), "valid from 2024-06-03", "until 2025-06-03", f"{SHEETS}/fk-2024-06-03.csv:3"),
        (date(2026, 6, 1), "valid from 2026-06-01", "until 2027-06-01", f"{SHEETS}/fk-2026-06-01.csv:2"),
    ]
    assert periods(rows, "a04") == []  # never certified: no period
    assert periods(rows, "x01") == []  # the refresher alone certifies nobody


def test_rows_come_learner_by_learner_each_sorted(project):
    rows = transcripts(project, certified.records())
    assert iter(rows) is rows  # (a generator: the caller writes each as it comes)
    listed = list(rows)
    assert [r.learner for r in listed] == sorted(r.learner for r in listed)
    assert listed == sorted(listed, key=lambda r: r.key())
    a04 = [(r.kind, r.item, r.value) for r in listed if r.learner == "a04"]
    assert ("attendance", "fk-2026-06-01", "absent") in a04


def test_a_completion_with_a_pass_is_sourced_at_the_pass(tmp_path):
    project = load(tmp_path)
    kept = alternatives.records()
    # n02 attended both parts by 10 Nov and passed on 20 Nov: the pass completed it; n01 passed on
    # the day of its last part: the pass is still the row that completed it.
    found = completion_sources(project, kept, "go-live", {("n02", date(2026, 11, 20)), ("n01", date(2026, 11, 10))})
    assert found[("n02", date(2026, 11, 20))].startswith("records/assessments/go-live.csv:")
    assert found[("n01", date(2026, 11, 10))].startswith("records/assessments/go-live.csv:")
