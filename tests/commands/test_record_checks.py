"""``check``'s records work cached per program: an edit recomputes the programs it concerns, and
what comes from the cache is what working everything out again gives."""

from __future__ import annotations

import os

import pytest

from tests.helpers import TODAY, copy_example
from trainops.commands import record_checks
from trainops.commands.check import check_records, load_checked
from trainops.model.diagnostics import sort_diagnostics
from trainops.render import workers
from trainops.store.cache import DataCache
from trainops.store.file_digests import FileDigests
from trainops.store.results_to_keep import ResultsToKeep

ONBOARDING_SHEET = "records/attendance/2026/onb-2026-10-06.csv"
COMPLIANCE_SHEET = "records/attendance/2026/comp-2026-10-15.csv"


@pytest.fixture
def example(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # (a signing key of the test's own)
    return copy_example(tmp_path / "org", records=True)


@pytest.fixture
def worked_out(monkeypatch):
    """The programs whose follow-ups were worked out (not taken from the cache), run by run."""
    calls: list[str] = []
    real = record_checks.program_follow_ups

    def counting(project, records, slug, *args):
        calls.append(slug)
        return real(project, records, slug, *args)

    monkeypatch.setattr(record_checks, "program_follow_ups", counting)
    return calls


def _check(root):
    """(the records' diagnostics with the cache, the same worked out from nothing)."""
    cache = DataCache(root / ".trainops-cache" / "data")
    assert cache.enabled
    project, _ = load_checked(root, TODAY, cache=cache)
    keeping = ResultsToKeep(cache, FileDigests(cache))
    cached = check_records(root, project, cache, None, keeping)
    keeping.keep()  # (as check keeps them with its own results)
    uncached = check_records(root, project, DataCache(None))
    return sort_diagnostics(cached), sort_diagnostics(uncached)


def _of(diagnostics, prefix):
    return [d for d in diagnostics if d.path.startswith(prefix)]


def test_an_edited_sheet_recomputes_its_program_only(example, worked_out):
    first, fresh = _check(example)
    assert first == fresh
    assert {"onboarding", "compliance-refresher"} <= set(worked_out)
    worked_out.clear()

    again, _ = _check(example)
    assert again == first and worked_out == []  # nothing changed: every program from the cache

    sheet = example / ONBOARDING_SHEET
    sheet.write_text(sheet.read_text().replace("E1002,present", "E1002,presnt"))
    edited, fresh = _check(example)
    assert edited == fresh  # the cache never lies
    assert worked_out == ["onboarding"]
    new = set(edited) - set(first)
    assert any(d.path == ONBOARDING_SHEET and "presnt" in d.message for d in new)
    assert _of(edited, COMPLIANCE_SHEET) == _of(first, COMPLIANCE_SHEET)
    assert _of(edited, "records/enrolments/compliance") == _of(first, "records/enrolments/compliance")


def test_an_edited_roster_recomputes_every_program(example, worked_out):
    _check(example)
    every = set(worked_out)
    worked_out.clear()
    roster = example / "records" / "learners.csv"
    lines = roster.read_text().splitlines(keepends=True)
    roster.write_text("".join(line for line in lines if not line.startswith("E1007,")))  # (at compliance)
    edited, fresh = _check(example)
    assert edited == fresh
    assert set(worked_out) == every
    assert any(d.rule == "unknown-learner" and "E1007" in d.message for d in edited)


def test_a_worker_process_working_out_half_the_programs_changes_nothing(example, monkeypatch, worked_out):
    monkeypatch.setattr(record_checks, "MIN_FILES_FOR_A_WORKER", 0)  # (a big organisation's case)
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)  # (threads other tests left idle)
    halves = []
    real = record_checks._halves
    monkeypatch.setattr(record_checks, "_halves", lambda *args: halves.append(real(*args)) or halves[-1])
    with_worker, alone = _check(example)
    here, there = halves[0]
    assert here and there and not set(here) & set(there)
    assert with_worker == alone
    assert sorted(worked_out) == here  # (and the worker worked out the others: their shares are here)
    worked_out.clear()
    again, _ = _check(example)  # (the worker's shares were cached too)
    assert again == alone and worked_out == []


def test_programs_worked_out_a_few_at_a_time_give_the_same_diagnostics(example, monkeypatch):
    monkeypatch.setattr(record_checks, "CHUNK_FILES", 1)  # (each program's records read by themselves)
    chunks = []
    real = record_checks._chunks
    monkeypatch.setattr(record_checks, "_chunks", lambda *args: chunks.append(real(*args)) or chunks[-1])
    one_by_one, alone = _check(example)
    assert len(chunks[0]) > 2 and all(len(chunk) == 1 for chunk in chunks[0])
    assert one_by_one == alone


def test_a_cold_check_reads_each_records_file_once(example, monkeypatch, capsys):
    """Its key reads every records file; their rows are then made from those bytes."""
    from trainops import cli
    from trainops.load import loading
    from trainops.store import file_digests

    reads: list[str] = []
    real = file_digests.file_bytes

    def counting(path, size=None):
        reads.append(os.path.relpath(path, example))
        return real(path, size)

    monkeypatch.setattr(file_digests, "file_bytes", counting)
    monkeypatch.setattr(loading, "file_bytes", counting)
    assert cli.main(["check", "--project", str(example), "--today", str(TODAY)]) == 0
    records = [rel for rel in reads if rel.startswith("records/")]
    assert ONBOARDING_SHEET in records and "records/learners.csv" in records
    assert len(records) == len(set(records)), sorted(records)
    capsys.readouterr()


@pytest.mark.parametrize("in_a_worker", [False, True])
def test_a_sheet_saved_after_the_keys_are_taken_is_shown_and_not_kept_under_them(example, monkeypatch, in_a_worker):
    """An editor saves the sheet while check reads the records: this run shows the new bytes, and
    when the sheet goes back to the old ones (an undo), the next run shows those: the new bytes'
    share was not kept under the key of the old."""
    if in_a_worker:
        monkeypatch.setattr(record_checks, "MIN_FILES_FOR_A_WORKER", 0)
        monkeypatch.setattr(workers.threading, "active_count", lambda: 1)  # (threads other tests left idle)
    sheet = example / ONBOARDING_SHEET
    before = sheet.read_text()
    real = record_checks.load_records

    def saved_first(*args, only=frozenset(), **kwargs):
        if "onboarding" in only:  # (in whichever process reads it, just before it does)
            sheet.write_text(before.replace("E1002,present", "E1002,presnt"))
        return real(*args, only=only, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(record_checks, "load_records", saved_first)
        edited, fresh = _check(example)
    assert edited == fresh and any("presnt" in d.message for d in _of(edited, ONBOARDING_SHEET))
    sheet.write_text(before)  # (the old bytes, with other stat data than the key saw)
    undone, fresh = _check(example)
    assert undone == fresh and not any("presnt" in d.message for d in undone)
