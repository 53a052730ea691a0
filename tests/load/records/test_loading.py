"""load_records on a project in a temporary folder: where each file belongs, the roster's three
places, and one parse per file content."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import REPO, TODAY, copy_example
from trainops.load.loading import load_project
from trainops.load.records import expired_files, load_records, records_present, sheet_places
from trainops.load.settings import read_settings
from trainops.model.values import parse_duration
from trainops.store.cache import DataCache


def write(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")


@pytest.fixture
def org(tmp_path: Path) -> Path:
    root = copy_example(tmp_path / "org")
    write(root, "records/learners.csv", "learner,name\nE1,Ana Ruiz\nE2,Bo Lind\n")
    write(root, "records/attendance/2026/onb-2026-10-06.csv", "learner,status\nE1,present\nE2,absent\n")
    return root


def load(root: Path, roster_env: str | None = None, cache: DataCache | None = None):
    settings, _ = read_settings(root)
    project, _ = load_project(root, settings, TODAY)
    return load_records(root, settings, project, roster_env, cache), project, settings


def test_the_example_records_are_clean():
    (records, problems), _, _ = load(REPO)
    assert problems == []
    assert sorted(records.attendance) == ["comp-2026-10-15", "onb-2026-10-06"]
    assert records.roster is not None and len(records.roster) == 12
    assert [e.learner for e in records.exceptions] == ["E1001"]
    statuses = {a.status for sheet in records.attendance.values() for a in sheet.rows}
    assert {"absent", "late", "excused", "present"} <= statuses


def test_files_in_the_wrong_place_say_where_they_belong(org):
    write(org, "records/attendance/2025/comp-2026-10-15.csv", "learner,status\nE1,present\n")
    write(org, "records/attendance/onb-2026-12-01.csv", "learner,status\n")
    write(org, "records/attendence/x.csv", "learner\n")
    (records, problems), _, _ = load(org)
    assert [d.as_text() for d in problems] == [
        "records/attendance/2025/comp-2026-10-15.csv:1:1: error: session 'comp-2026-10-15' is in 2026, so its "
        "sheet belongs in records/attendance/2026/comp-2026-10-15.csv; move it there [records-file-place]",
        "records/attendance/onb-2026-12-01.csv:1:1: error: an attendance file belongs in its session's year "
        "folder; move it to records/attendance/2026/onb-2026-12-01.csv [records-file-place]",
        "records/attendence:1:1: warning: not a records file, so it is not read; the records are "
        "records/assessments/, records/attendance/, records/enrolments/, records/feedback/, "
        "records/observations/, records/exceptions.yaml, records/locks.yaml and records/corrections.yaml "
        "[records-unknown-file]",
    ]
    # (the misfiled sheet is flagged, not lost)
    assert sorted(records.attendance) == ["comp-2026-10-15", "onb-2026-10-06"]


def test_records_read_before_the_project_have_their_places_checked_once_it_is_known(org):
    write(org, "records/attendance/2025/comp-2026-10-15.csv", "learner,status\nE1,present\n")
    write(org, "records/attendance/onb-2026-12-01.csv", "learner,status\n")
    write(org, "records/attendance/2026/onb-2026-12-01.txt", "learner,status\n")
    (records, problems), project, settings = load(org)
    early, early_problems = load_records(org, settings, None)
    assert early == records
    assert not [d for d in early_problems if d.rule == "records-file-place"]
    places = sheet_places(org, settings, project)
    assert [d.as_text() for d in places] == [d.as_text() for d in problems if d.rule == "records-file-place"]
    assert len(places) == 3
    assert [d for d in early_problems if d.rule != "records-file-place"] == [
        d for d in problems if d.rule != "records-file-place"
    ]


def test_no_records_folder_and_no_roster_means_nothing_is_read(tmp_path):
    root = copy_example(tmp_path / "org")
    settings, _ = read_settings(root)
    assert not records_present(root, settings)
    assert records_present(root, settings, "/elsewhere/learners.csv")


def test_a_roster_from_the_environment_may_live_outside_and_is_never_cached(org, tmp_path):
    outside = tmp_path / "share" / "learners.csv"
    write(outside.parent, "learners.csv", "learner,name\nE9,Cy Sun\n")
    cache = DataCache(tmp_path / "cache")
    (records, problems), _, _ = load(org, str(outside), cache)
    assert problems == [] and list(records.roster or {}) == ["E9"] and records.roster_path == str(outside)
    pickled = b"".join(p.read_bytes() for p in (tmp_path / "cache").glob("*"))
    assert b"Cy Sun" not in pickled and b"Ana Ruiz" not in pickled  # (the repository's roster was not read)
    (_, problems), _, _ = load(org, str(tmp_path / "missing.csv"))
    assert [d.rule for d in problems] == ["missing-file"]


def test_a_roster_setting_must_stay_inside_the_repository(org):
    text = (org / "mkdocs.yml").read_text(encoding="utf-8")
    (org / "mkdocs.yml").write_text(text.replace("  - trainops\n", "  - trainops:\n      roster: ../hr/x.csv\n"))
    _, problems = read_settings(org)
    assert [(d.rule, d.message.split(";")[0]) for d in problems] == [
        ("invalid-value", "plugin setting roster: '../hr/x.csv' is outside the repository")
    ]


def test_the_roster_is_parsed_once_per_content_and_a_sheet_is_read_as_it_is_now(org, tmp_path):
    cache = DataCache(tmp_path / "cache")
    load(org, cache=cache)
    cache.hits = cache.misses = 0
    (records, _), _, _ = load(org, cache=cache)
    assert cache.misses == 0 and cache.hits == 1  # (the roster; sheets are not cached)
    write(org, "records/attendance/2026/onb-2026-10-06.csv", "learner,status\nE1,late\n")
    (records, _), _, _ = load(org, cache=cache)
    assert [a.status for a in records.attendance["onb-2026-10-06"].rows] == ["late"]


def test_files_older_than_records_keep_expire(org):
    (records, _), project, _ = load(org)
    write(org, "records/assessments/onboarding.csv", "learner,date,score\nE1,2020-01-10,90\nE2,2026-11-01,85\n")
    (records, _), project, _ = load(org)
    assert expired_files(records, project, parse_duration("1 month"), TODAY) == [
        ("records/attendance/2026/onb-2026-10-06.csv", project.sessions[0].start.date())
    ]
    assert expired_files(records, project, parse_duration("5 years"), TODAY) == []
    assert expired_files(records, project, None, TODAY) == []


def test_sheets_and_enrolments_are_never_pickled_but_read_from_their_bytes(org, tmp_path):
    """(Their rows are checked by plain code in less time than unpickling them took.)"""
    write(org, "records/enrolments/onboarding.csv", "learner,cohort,status\nE1,a,enrolled\n")
    cache = DataCache(tmp_path / "cache")
    (records, problems), _, _ = load(org, cache=cache)
    assert problems == [] and [e.learner for e in records.enrolments["onboarding"]] == ["E1"]
    pickled = b"".join(p.read_bytes() for p in (tmp_path / "cache").glob("*"))
    assert b"onb-2026-10-06" not in pickled and b"enrolled" not in pickled
    write(org, "records/attendance/2026/onb-2026-10-06.csv", "learner,status\nE1,late\n")
    (records, _), _, _ = load(org, cache=cache)
    assert [a.status for a in records.attendance["onb-2026-10-06"].rows] == ["late"]


def test_a_linked_year_folder_is_named_not_skipped_in_silence(org, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere, "comp-2026-10-15.csv", "learner,status\nE1,present\n")
    (org / "records/attendance/2027").symlink_to(elsewhere, target_is_directory=True)
    (records, problems), _, _ = load(org)
    assert [d.as_text() for d in problems] == [
        "records/attendance/2027:1:1: error: this folder is a symbolic link, which is not followed, so its "
        "sheets are not read; move them here [records-file-place]"
    ]
    assert sorted(records.attendance) == ["onb-2026-10-06"]


def test_only_some_programs_leaves_the_others_rows_unread(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = copy_example(tmp_path / "org", records=True)
    write(root, "records/enrolments/no-such-program.csv", "learner,cohort,status\nE1002,x,enrolled\n")
    settings, _ = read_settings(root)
    project, _ = load_project(root, settings, TODAY)
    cache = DataCache(tmp_path / "cache")
    everything, _ = load_records(root, settings, project, None, cache)
    some, _ = load_records(root, settings, project, None, cache, only=frozenset({"onboarding"}))
    assert some.attendance == {"onb-2026-10-06": everything.attendance["onb-2026-10-06"]}
    assert sorted(some.enrolments) == ["no-such-program", "onboarding"]  # (a file of no program: always read)
    assert sorted(some.assessments) == ["onboarding"]
    assert some.roster == everything.roster and some.exceptions == everything.exceptions
    again, _ = load_records(root, settings, project, None, cache)  # (the year's entry kept the others' sheets)
    assert again == everything
