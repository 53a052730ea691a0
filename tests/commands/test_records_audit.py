"""``check`` on the records' history (retrain due, audit locks and corrections, GitHub
annotations) and ``trainops records diff BASE``, in real git repositories."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import REPO, TODAY
from tests.helpers.gitrepo import GitRepo, example_repo
from trainops.cli import main

SHEET = "records/attendance/2026/onb-2026-10-06.csv"  # E1002 present, E1003 late, E1004 absent...
SOP = "sops/new-hire-cohort-setup.md"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = example_repo(tmp_path / "org")
    shutil.copytree(REPO / "records", repo.root / "records")
    repo.commit("The records", "2026-10-01T10:00:00+00:00")
    return repo


def run(repo: GitRepo, *args: str) -> int:
    return main([*args, "--project", str(repo.root), "--today", TODAY.isoformat()])


def edit_row(repo: GitRepo, old: str, new: str) -> None:
    repo.edit(SHEET, old, new)


def lines_with(out: str, rule: str) -> list[str]:
    return [line for line in out.splitlines() if line.endswith(f"[{rule}]")]


def test_check_warns_of_the_learners_due_to_retrain(repo, capsys):
    repo.edit(SOP, "review_every: 6 months\n", "review_every: 6 months\nsignificant: true\n")
    commit = repo.commit("Cohort set-up: book the room first", "2026-10-10T09:00:00+00:00")
    assert run(repo, "check") == 0
    assert lines_with(capsys.readouterr().out, "retrain-due") == [
        "programs/onboarding.yaml:1:1: warning: 2 learners (E1002, E1005) completed New Hire Onboarding before a "
        f'significant change and must retrain: 2026-10-10 {commit[:10]} "Cohort set-up: book the room first" '
        f"({SOP}); a session they attend after the change clears it [retrain-due]"
    ]


def test_without_history_there_is_no_retrain_warning(repo, capsys):
    repo.edit(SOP, "review_every: 6 months\n", "review_every: 6 months\nsignificant: true\n")
    repo.commit("Cohort set-up: book the room first", "2026-10-10T09:00:00+00:00")
    shutil.rmtree(repo.root / ".git")
    assert run(repo, "check") == 0
    captured = capsys.readouterr()
    assert lines_with(captured.out, "retrain-due") == []
    assert captured.err.count("[history-unavailable]") == 1  # said once


def lock(repo: GitRepo, commit: str) -> None:
    (repo.root / "records/locks.yaml").write_text(
        f"- {{file: {SHEET}, commit: {commit[:8]}, note: Q4 audit sample}}\n", encoding="utf-8"
    )


def test_a_locked_row_changed_without_a_correction_is_an_error(repo, capsys):
    sampled = repo.git("rev-parse", "HEAD").strip()
    lock(repo, sampled)
    repo.commit("Q4 audit: the Onboarding sheet is sampled", "2026-10-20T09:00:00+00:00")
    assert run(repo, "check") == 0
    assert lines_with(capsys.readouterr().out, "record-locked") == []

    edit_row(repo, "E1004,absent", "E1004,excused")
    fix = repo.commit("E1004 was excused", "2026-10-21T09:00:00+00:00")
    assert run(repo, "check") == 1
    assert lines_with(capsys.readouterr().out, "record-locked") == [
        f"{SHEET}:4:1: error: row E1004 (absent → excused) was sampled by an audit (commit {sampled[:8]}, Q4 audit "
        f"sample, records/locks.yaml:1) and changed by commit {fix[:10]} by Coordinator without a correction; "
        f"add '- {{file: {SHEET}, commit: {fix[:10]}, reason: ..., approved_by: ...}}' to "
        "records/corrections.yaml, or undo the change [record-locked]"
    ]

    (repo.root / "records/corrections.yaml").write_text(
        f"- file: {SHEET}\n  commit: {fix[:10]}\n  reason: the manager's e-mail of 6 Oct excused E1004\n"
        "  approved_by: jordan.lee\n",
        encoding="utf-8",
    )
    repo.commit("Correction of E1004, approved", "2026-10-22T09:00:00+00:00")
    assert run(repo, "check") == 0
    assert lines_with(capsys.readouterr().out, "record-locked") == []

    edit_row(repo, "E1002,present", "E1002,absent")  # not committed: no commit to name yet
    assert run(repo, "check") == 1
    out = lines_with(capsys.readouterr().out, "record-locked")
    assert [line.split(": error: ")[0] for line in out] == [f"{SHEET}:2:1"]
    assert "is changed in the working tree; commit the change, then name that commit" in out[0]


def test_a_correction_approved_by_nobody_known_is_an_error(repo, capsys):
    (repo.root / "records/corrections.yaml").write_text(
        f"- {{file: {SHEET}, commit: 1234567, reason: typo, approved_by: jordan.le}}\n", encoding="utf-8"
    )
    assert run(repo, "check") == 1
    out = lines_with(capsys.readouterr().out, "unknown-approver")
    assert [line.split(": error: ")[0] for line in out] == ["records/corrections.yaml:1:1"]
    assert "did you mean 'jordan.lee'?" in out[0]


def test_a_lock_naming_an_unknown_commit_is_an_error_at_its_line(repo, capsys):
    lock(repo, "deadbeefdeadbeef")
    assert run(repo, "check") == 1
    assert lines_with(capsys.readouterr().out, "record-locked") == [
        f"records/locks.yaml:1:1: error: commit deadbeef is not in this repository's history, so {SHEET} "
        "cannot be checked [record-locked]"
    ]


def test_records_diff_prints_one_line_per_changed_row(repo, capsys):
    base = repo.git("rev-parse", "HEAD").strip()
    edit_row(repo, "E1004,absent", "E1004,excused")
    repo.edit("records/enrolments/onboarding.csv", "E1003,onb-2026-10-06,enrolled", "E1003,onb-2026-10-06,withdrawn")
    fix = repo.commit("E1004 excused; E1003 withdrawn", "2026-10-21T09:00:00+00:00")
    edit_row(repo, "E1002,present,150,", "E1002,late,150,")
    with (repo.root / SHEET).open("a", encoding="utf-8") as sheet:
        sheet.write("E1012,present,150,\n")
    assert run(repo, "records", "diff", base[:7]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "onb-2026-10-06 E1002: present → late (uncommitted)",
        f"onb-2026-10-06 E1004: absent → excused (commit {fix[:10]}, Coordinator)",
        "onb-2026-10-06 E1012: added (present, 150 min) (uncommitted)",
        f"onboarding enrolment E1003 (cohort onb-2026-10-06): enrolled → withdrawn (commit {fix[:10]}, Coordinator)",
    ]
    assert run(repo, "records", "diff", "HEAD") == 0
    assert len(capsys.readouterr().out.splitlines()) == 2  # only the uncommitted rows


def test_records_diff_of_an_unknown_commit_is_a_usage_error(repo, capsys):
    assert run(repo, "records", "diff", "no-such-branch") == 2
    assert "'no-such-branch' names no commit of this repository" in capsys.readouterr().err


def test_check_format_github_annotates_a_bad_record_line(repo, capsys):
    edit_row(repo, "E1003,late", "E1003,Late")
    assert run(repo, "check", "--format", "github") == 1
    out = capsys.readouterr().out
    assert f"::error file={SHEET},line=3," in out
