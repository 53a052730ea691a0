"""``trainops records export``: tidy attendance CSV, and xAPI statements that a schema written by
someone else accepts, with ids that do not change between runs and no name or e-mail."""

from __future__ import annotations

import json
import shutil

import jsonschema

from tests.commands.test_records_import import MOODLE, MOODLE_MAP, WORKDAY, WORKDAY_MAP, run
from tests.helpers import REPO, TODAY, copy_example
from tests.helpers.gitrepo import example_repo
from trainops.cli import main
from trainops.commands.check import load_checked
from trainops.load.records import load_records
from trainops.render.xapi import VERBS, voiding_statements, xapi_statements

SCHEMA = json.loads((REPO / "tests" / "fixtures" / "xapi" / "statement.json").read_text(encoding="utf-8"))


def imported(tmp_path, capsys):
    repo = example_repo(tmp_path / "org")
    run(repo.root, "attendance", str(MOODLE), *MOODLE_MAP)
    run(repo.root, "completions", str(WORKDAY), *WORKDAY_MAP, "--approved-by", "jordan.lee")
    capsys.readouterr()
    return repo.root


def export(root, kind, capsys) -> str:
    assert main(["records", "export", kind, "--project", str(root), "--today", TODAY.isoformat()]) == 0
    return capsys.readouterr().out


def test_attendance_is_one_row_per_learner_and_session(tmp_path, capsys):
    root = imported(tmp_path, capsys)
    assert export(root, "attendance", capsys) == (
        "learner,date,start,duration_minutes,program,part,session,instructor,status,minutes\n"
        "E1001,2026-10-06,09:30,150,onboarding,onb-2026-10-06,onb-2026-10-06,jordan.lee,present,\n"
        "E1002,2026-10-06,09:30,150,onboarding,onb-2026-10-06,onb-2026-10-06,jordan.lee,absent,\n"
        "E1003,2026-10-06,09:30,150,onboarding,onb-2026-10-06,onb-2026-10-06,jordan.lee,late,\n"
        "E1004,2026-10-06,09:30,150,onboarding,onb-2026-10-06,onb-2026-10-06,jordan.lee,present,\n"
        "E1001,2026-10-15,15:00,90,compliance-refresher,comp-2026-10-15,comp-2026-10-15,zoe.muller,excused,\n"
    )


def test_every_xapi_line_validates_and_ids_are_stable(tmp_path, capsys):
    root = imported(tmp_path, capsys)
    text = export(root, "xapi", capsys)
    assert text == export(root, "xapi", capsys)  # the same records give the same bytes
    statements = [json.loads(line) for line in text.splitlines()]
    validator = jsonschema.Draft4Validator(SCHEMA)
    for statement in statements:
        validator.validate(statement)
        assert set(statement["actor"]) == {"objectType", "account"}  # no name, no mbox
    verbs = sorted(s["verb"]["display"]["en-US"] for s in statements)
    # E1001, E1003, E1004 attended (absent and excused give none); E1001 92 >= 80 passed, and so
    # completed onboarding; E1005 78 < 85 failed; E1004's waiver.
    assert verbs == ["attended", "attended", "attended", "completed", "failed", "passed", "waived"]
    completed = next(s for s in statements if s["verb"]["id"] == VERBS["completed"])
    assert completed["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert completed["actor"]["account"]["name"] == "E1001"
    assert completed["object"]["id"] == "https://learning.example.com/xapi/program/onboarding"
    assert completed["result"] == {"completion": True}  # cmi5: no score, no success on completed
    assert completed["timestamp"] == "2026-10-09T00:00:00Z"  # the pass came after the session
    failed = next(s for s in statements if s["verb"]["id"] == VERBS["failed"])
    assert failed["result"]["score"]["scaled"] == 0.78
    assert failed["result"]["success"] is False
    assert failed["context"]["extensions"] == {"https://w3id.org/xapi/cmi5/context/extensions/masteryscore": 0.85}
    waived = next(s for s in statements if s["verb"]["id"] == VERBS["waived"])
    assert waived["result"]["extensions"] == {
        "https://w3id.org/xapi/cmi5/result/extensions/reason": "Equivalent Outside Activity"
    }
    attended = [s for s in statements if s["verb"]["id"] == VERBS["attended"]]
    assert {s["timestamp"] for s in attended} == {"2026-10-06T09:30:00-04:00"}
    assert attended[0]["actor"]["account"]["homePage"] == "https://learning.example.com"


def test_a_corrected_row_voids_the_statement_it_gave(tmp_path, capsys):
    root = imported(tmp_path, capsys)
    project, _ = load_checked(root, TODAY)
    records, _ = load_records(root, project.settings, project)
    current = xapi_statements(project, records)
    row = next(r for r in records.attendance["onb-2026-10-06"].rows if r.learner == "E1002")
    earlier = row._replace(status="present")  # the sheet said 'present' before it was corrected
    voiding = voiding_statements(project, current, [earlier, *records.attendance["onb-2026-10-06"].rows])
    assert len(voiding) == 1
    jsonschema.Draft4Validator(SCHEMA).validate(voiding[0])
    assert voiding[0]["verb"]["id"] == VERBS["voided"]
    assert voiding[0]["object"]["objectType"] == "StatementRef"
    assert voiding[0]["object"]["id"] not in {s["id"] for s in current}


def test_completions_is_one_row_per_learner_and_program(tmp_path, capsys):
    root = imported(tmp_path, capsys)
    text = export(root, "completions", capsys)
    assert text == export(root, "completions", capsys)  # the same records give the same bytes
    # E1001 attended the one session they are on a sheet of and scored 92 >= 80 three days later
    # (completed then); E1002 was absent and is past the due date 14 days after the first session;
    # E1003 dropped out (withdrawn: the status only); E1004's waiver completes the program without
    # a pass (kept apart); E1005's 78 is under the refresher's 85.
    assert text == (
        "learner,program,cohort,enrolment,first_session,due,parts_attended,parts_required,completed,"
        "completed_on,passed,best_score,late,waived,waiver_reason\n"
        "E1001,onboarding,,enrolled,2026-10-06,2026-10-20,1,1,yes,2026-10-09,yes,92,no,no,\n"
        "E1002,onboarding,,enrolled,2026-10-06,2026-10-20,0,1,no,,no,,yes,no,\n"
        "E1003,onboarding,,withdrawn,,,,,,,,,,,\n"
        "E1004,compliance-refresher,,enrolled,,,0,0,yes,,no,,no,yes,equivalent\n"
        "E1005,compliance-refresher,,enrolled,,,0,0,no,,no,78,no,no,\n"
    )


def test_a_correction_committed_later_voids_the_statement_of_the_earlier_version(tmp_path, capsys):
    repo = example_repo(tmp_path / "org")
    run(repo.root, "attendance", str(MOODLE), *MOODLE_MAP)
    repo.commit("Sign-in sheet of onboarding day 1", "2026-10-07T09:00:00+00:00")
    capsys.readouterr()
    first = [json.loads(line) for line in export(repo.root, "xapi", capsys).splitlines()]
    assert VERBS["voided"] not in {s["verb"]["id"] for s in first}  # one version: nothing to void
    e1004 = next(s for s in first if s["actor"]["account"]["name"] == "E1004")
    sheet = "records/attendance/2026/onb-2026-10-06.csv"
    repo.edit(sheet, "E1004,present,,", "E1004,absent,,")  # present by mistake
    repo.edit(sheet, "E1002,absent,,Called in sick", "E1002,excused,,Called in sick")  # no statement either way
    repo.commit("E1004 was not there; E1002 was excused", "2026-10-08T09:00:00+00:00")
    text = export(repo.root, "xapi", capsys)
    assert text == export(repo.root, "xapi", capsys)
    statements = [json.loads(line) for line in text.splitlines()]
    validator = jsonschema.Draft4Validator(SCHEMA)
    for statement in statements:
        validator.validate(statement)
    assert statements[0] == {
        "id": statements[0]["id"],
        "actor": {"objectType": "Agent", "account": {"homePage": "https://learning.example.com", "name": "trainops"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": e1004["id"]},
    }  # first, so that the record store voids it before anything else
    assert [s["verb"]["id"] for s in statements].count(VERBS["voided"]) == 1
    assert e1004["id"] not in {s["id"] for s in statements}
    assert {s["actor"]["account"]["name"] for s in statements if s["verb"]["id"] == VERBS["attended"]} == {
        "E1001",
        "E1003",
    }


def test_an_uncommitted_correction_voids_what_head_says(tmp_path, capsys):
    repo = example_repo(tmp_path / "org")
    run(repo.root, "attendance", str(MOODLE), *MOODLE_MAP)
    repo.commit("Sign-in sheet", "2026-10-07T09:00:00+00:00")
    capsys.readouterr()
    before = [json.loads(line) for line in export(repo.root, "xapi", capsys).splitlines()]
    late = next(s for s in before if s["actor"]["account"]["name"] == "E1003")
    repo.edit("records/attendance/2026/onb-2026-10-06.csv", "E1003,late,", "E1003,present,")
    statements = [json.loads(line) for line in export(repo.root, "xapi", capsys).splitlines()]
    assert statements[0]["object"] == {"objectType": "StatementRef", "id": late["id"]}
    corrected = next(s for s in statements[1:] if s["actor"]["account"]["name"] == "E1003")
    assert corrected["result"]["extensions"] == {"urn:trainops:extension:attendance-status": "present"}


def test_without_a_history_the_export_says_so_and_voids_nothing(tmp_path, capsys):
    root = copy_example(tmp_path / "org")
    shutil.rmtree(root / ".git", ignore_errors=True)
    run(root, "attendance", str(MOODLE), *MOODLE_MAP)
    capsys.readouterr()
    assert main(["records", "export", "xapi", "--project", str(root), "--today", TODAY.isoformat()]) == 0
    captured = capsys.readouterr()
    assert VERBS["voided"] not in captured.out
    assert captured.err == (
        "trainops: no voiding statements, the attendance files' history is unread: "
        "the project is not in a git repository\n"
    )
