"""``trainops records import``: an LMS's attendance report and an HR completion export placed in
the records files, unplaced rows listed at FILE:LINE, and a second run changing nothing."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import REPO, TODAY
from tests.helpers.gitrepo import example_repo
from trainops.cli import main

FIXTURES = REPO / "tests" / "fixtures" / "records"
MOODLE = FIXTURES / "moodle_attendance_report.csv"
WORKDAY = FIXTURES / "workday_completions.csv"
MOODLE_MAP = [
    "--map", "ID number=learner",
    "--map", "Session description=session",
    "--map", "User session status=status",
    "--map", "User session remarks=note",
]  # fmt: skip
WORKDAY_MAP = [
    "--map", "Employee ID=learner",
    "--map", "Learning Content=program",
    "--map", "Completion Status=status",
    "--map", "Completion Date=date",
    "--map", "Score=score",
]  # fmt: skip


def run(project: Path, *args: str) -> int:
    return main(["records", "import", *args, "--project", str(project), "--today", TODAY.isoformat()])


def test_moodle_report_goes_to_one_file_per_session_and_lists_what_it_cannot_place(tmp_path, capsys):
    repo = example_repo(tmp_path / "org")
    assert run(repo.root, "attendance", str(MOODLE), *MOODLE_MAP) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{MOODLE}:6: not imported: unknown status 'X'",
        f"{MOODLE}:7: not imported: unknown session 'onb-2026-10-07' — did you mean 'onb-2026-10-06'?",
        f"{MOODLE}:8: not imported: no learner id",
        f"{MOODLE}:10: not imported: session 'onb-2026-12-01' has not happened yet (it starts 2026-12-01)",
    ]
    sheet = repo.root / "records" / "attendance" / "2026" / "onb-2026-10-06.csv"
    assert sheet.read_text(encoding="utf-8") == (
        "learner,status,minutes,note\n"
        "E1001,present,,\n"
        "E1002,absent,,Called in sick\n"
        "E1003,late,,Train delayed\n"  # 'l': the code matched without regard to case
        "E1004,present,,\n"  # 'Present': the word likewise
    )
    other = repo.root / "records" / "attendance" / "2026" / "comp-2026-10-15.csv"
    assert other.read_text(encoding="utf-8") == "learner,status,minutes,note\nE1001,excused,,On leave\n"
    assert not (repo.root / "records" / "attendance" / "2026" / "onb-2026-12-01.csv").exists()


def test_importing_twice_changes_nothing(tmp_path, capsys):
    repo = example_repo(tmp_path / "org")
    run(repo.root, "attendance", str(MOODLE), *MOODLE_MAP)
    run(repo.root, "completions", str(WORKDAY), *WORKDAY_MAP, "--approved-by", "jordan.lee")
    repo.git("add", "-A")
    repo.commit("Imported", "2026-11-02T09:00:00+00:00")
    capsys.readouterr()
    assert run(repo.root, "attendance", str(MOODLE), *MOODLE_MAP) == 1  # the same rows unplaced, listed again
    assert run(repo.root, "completions", str(WORKDAY), *WORKDAY_MAP, "--approved-by", "jordan.lee") == 1
    assert "imported 0 rows into 0 file(s)" in capsys.readouterr().err
    assert repo.git("status", "--porcelain", "--untracked-files=all") == ""


def test_completion_export_becomes_enrolments_results_and_a_waiver(tmp_path, capsys):
    repo = example_repo(tmp_path / "org")
    assert run(repo.root, "completions", str(WORKDAY), *WORKDAY_MAP, "--approved-by", "jordan.lee") == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{WORKDAY}:7: not imported: unknown program 'Data Privacy Basics'",
        f"{WORKDAY}:8: not imported: unknown status 'Incomplete' — did you mean 'complete'?",
    ]
    records = repo.root / "records"
    assert (records / "enrolments" / "onboarding.csv").read_text(encoding="utf-8") == (
        "learner,cohort,status,date\nE1001,,enrolled,\nE1002,,enrolled,\nE1003,,withdrawn,\n"
    )
    assert (records / "assessments" / "onboarding.csv").read_text(encoding="utf-8") == (
        "learner,date,attempt,score\nE1001,2026-10-09,1,92\n"
    )
    assert (records / "assessments" / "compliance-refresher.csv").read_text(encoding="utf-8") == (
        "learner,date,attempt,score\nE1005,2026-10-16,1,78\n"  # '78%' read as a percentage
    )
    assert (records / "exceptions.yaml").read_text(encoding="utf-8") == (
        '- {learner: "E1004", program: "compliance-refresher", kind: "waived", reason: "equivalent", '
        'approved_by: "jordan.lee"}\n'
    )
    # What was written is valid records data.
    capsys.readouterr()
    assert main(["check", "--project", str(repo.root), "--today", TODAY.isoformat()]) == 0, capsys.readouterr().out


def test_a_waiver_needs_an_approver(tmp_path, capsys):
    repo = example_repo(tmp_path / "org")
    run(repo.root, "completions", str(WORKDAY), *WORKDAY_MAP)
    assert (
        f"{WORKDAY}:5: not imported: a waiver, but the export does not say who approved it: give --approved-by PERSON"
        in capsys.readouterr().out.splitlines()
    )
    assert not (repo.root / "records" / "exceptions.yaml").exists()


def test_a_recorded_status_is_never_overwritten_and_codes_can_be_mapped(tmp_path, capsys):
    repo = example_repo(tmp_path / "org")
    sheet = repo.root / "records" / "attendance" / "2026" / "onb-2026-10-06.csv"
    sheet.parent.mkdir(parents=True)
    sheet.write_bytes(b"learner,note,status,minutes\r\nE1001,,absent,\r\n")  # own column order, CRLF
    export = tmp_path / "sheet.csv"
    export.write_text("Emp;Session;Mark\nE1001;onb-2026-10-06;P\nE1002;onb-2026-10-06;X\n", encoding="utf-8")
    args = ["attendance", str(export), "--map", "Emp=learner", "--map", "Mark=status", "--value", "x=excused"]
    assert run(repo.root, *args) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{export}:2: not imported: session 'onb-2026-10-06' already records 'absent', the export says 'present'; "
        "not changed"
    ]
    assert sheet.read_bytes() == b"learner,note,status,minutes\r\nE1001,,absent,\r\nE1002,,excused,\r\n"


def test_an_export_without_a_needed_column_is_a_usage_error(tmp_path, capsys):
    repo = example_repo(tmp_path / "org")
    assert run(repo.root, "attendance", str(MOODLE), "--map", "ID number=learner") == 2
    err = capsys.readouterr().err
    assert "has no column for session, status: give --map COLUMN=session" in err
    assert run(repo.root, "attendance", str(MOODLE), "--map", "Nope=learner") == 2
    assert "has no column 'Nope'" in capsys.readouterr().err
    assert not (repo.root / "records").exists()


def test_an_export_the_csv_module_cannot_read_is_one_line_not_a_traceback(tmp_path, capsys):
    repo = example_repo(tmp_path / "org")
    huge = tmp_path / "huge.csv"  # a cell over the csv module's 128 KB limit, on line 3
    huge.write_text("session,learner,status\nonb-2026-10-06,E1001,present\nonb-2026-10-06,E1002," + "x" * 200_000)
    assert run(repo.root, "attendance", str(huge)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"trainops: {huge}:3: this row cannot be read as CSV (field larger than field limit")
    assert err.count("\n") == 1
    assert run(repo.root, "attendance", str(tmp_path)) == 2
    assert capsys.readouterr().err == f"trainops: {tmp_path}: cannot be read (Is a directory)\n"
    assert not (repo.root / "records").exists()


def test_an_exceptions_file_linked_out_of_the_records_folder_is_neither_read_nor_replaced(tmp_path, capsys):
    repo = example_repo(tmp_path / "org")
    secret = tmp_path / "secret.yaml"
    secret.write_text("# not the repository's\n", encoding="utf-8")
    (repo.root / "records").mkdir()
    (repo.root / "records" / "exceptions.yaml").symlink_to(secret)
    assert run(repo.root, "completions", str(WORKDAY), *WORKDAY_MAP, "--approved-by", "jordan.lee") == 1
    assert capsys.readouterr().err == (
        "trainops: records/exceptions.yaml: outside the records folder records; nothing was written\n"
    )
    assert (repo.root / "records" / "exceptions.yaml").is_symlink()
    assert secret.read_text(encoding="utf-8") == "# not the repository's\n"
    assert sorted(p.name for p in (repo.root / "records").iterdir()) == ["exceptions.yaml"]
