"""``trainops report``: each manager's report holds only their direct reports; transcripts point at
the records' lines; the out folder stays inside the repository and off the sites; ``--as-of``
gives what a checkout of that commit gives, byte for byte."""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
import shutil
import signal
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_example
from tests.helpers.gitrepo import GitRepo, example_repo
from tests.helpers.threads import count_only_new_threads
from trainops.cli import main
from trainops.commands import report as report_command
from trainops.commands import report_outputs
from trainops.commands.report_outputs import MANIFEST
from trainops.model.errors import RenderFailed
from trainops.model.training_records import Records
from trainops.plan.manager_reports import ReportBasis
from trainops.render import workers
from trainops.render.reports import transcripts_csv
from trainops.store.cache import DataCache


def with_records(dest: Path) -> Path:
    return copy_example(dest, records=True)  # (the example's records, roster included)


def report(root: Path, *args: str, today: str = TODAY.isoformat()) -> int:
    return main(["report", "--project", str(root), "--today", today, *args])


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """The reports' bytes by name; not the manifest, which names the key they were made under."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)
    return {str(p.relative_to(folder)): p.read_bytes() for p in files}


def test_each_manager_gets_only_their_direct_reports(tmp_path, capsys):
    root = with_records(tmp_path / "org")
    assert report(root) == 0
    managers = root / "reports" / "managers"
    assert sorted(p.name for p in managers.iterdir()) == [
        f"{m}.{ext}" for m in ("E1001", "E1012", "lukas.becker", "maria.garcia") for ext in ("csv", "html")
    ]
    # E1001 is a learner and a manager: their own manager's report lists them, not their people.
    assert {r["learner"] for r in rows(managers / "maria.garcia.csv")} == {"E1001", "E1012"}
    assert {r["learner"] for r in rows(managers / "E1001.csv")} == {"E1002", "E1003", "E1004", "E1009"}
    assert {r["learner"] for r in rows(managers / "E1012.csv")} == {"E1005", "E1006", "E1011"}
    html = (managers / "E1012.html").read_text(encoding="utf-8")
    assert "Emeka Obi" in html and "Bruno Ferreira" not in html and "E1002" not in html
    assert "@example.com" not in html  # e-mails are not needed in a manager's report
    dev = next(r for r in rows(managers / "E1001.csv") if r["learner"] == "E1004")
    assert (dev["program"], dev["completed"], dev["overdue"], dev["missed_sessions"]) == (
        "onboarding",
        "no",
        "yes",
        "onb-2026-10-06",
    )
    # A learner waitlisted or with no enrolment is still on the team, with no program.
    fatima = [r for r in rows(managers / "E1012.csv") if r["learner"] == "E1006"]
    assert [(r["program"], r["name"]) for r in fatima] == [("", "Fatima Haddad")]
    assert "wrote 10 files to reports" in capsys.readouterr().out


def test_transcripts_and_follow_ups_point_at_the_records(tmp_path, capsys):
    root = with_records(tmp_path / "org")
    assert report(root) == 0
    transcript = rows(root / "reports" / "transcripts.csv")
    assert transcript == sorted(transcript, key=lambda r: (r["learner"], r["date"]))
    for row in transcript:
        path, _, line = row["source"].partition(":")
        if line:  # the record's own line holds the learner's id
            assert row["learner"] in (root / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    kinds = {(r["learner"], r["kind"], r["item"]) for r in transcript}
    assert ("E1003", "assessment", "attempt 2") in kinds and ("E1001", "exception", "waived") in kinds
    follow = rows(root / "reports" / "follow-ups.csv")
    assert {(r["kind"], r["learner"], r["manager"]) for r in follow} >= {("late-completion", "E1004", "E1001")}
    assert all(r["as_of"] == TODAY.isoformat() and r["describes"] == "files not in git" for r in follow)


def test_two_runs_give_the_same_bytes_and_git_ignores_the_folder(tmp_path, capsys):
    root = with_records(tmp_path / "org")
    assert report(root) == 0
    first = folder_bytes(root / "reports")
    (root / "reports" / MANIFEST).unlink()  # (else the second run keeps the files: see below)
    assert report(root) == 0
    assert "wrote 10 files" in capsys.readouterr().out
    assert folder_bytes(root / "reports") == first
    assert (root / "reports" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


@pytest.mark.parametrize("broken", ["<p>{{ 1 / 0 }}</p>\n", "<p>{% if %}</p>\n"])
@pytest.mark.parametrize("template", ["manager-report.html", "manager-report-row.html"])
def test_a_broken_template_override_is_one_line_and_the_previous_reports_stay(template, broken, tmp_path, capsys):
    root = with_records(tmp_path / "org")
    assert report(root) == 0
    before = folder_bytes(root / "reports")
    capsys.readouterr()
    override = root / "theme" / "trainops" / template
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text(broken, encoding="utf-8")
    assert report(root, "--today", "2026-12-01") == 1  # (another day: the reports are made again)
    err = capsys.readouterr().err
    assert f"theme/trainops/{template}:1: template error" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert folder_bytes(root / "reports") == before
    assert sorted(p.name for p in root.glob(".reports-*")) == []  # (nothing half-written left beside it)


def test_the_out_folder_stays_inside_the_repository_and_off_the_sites(tmp_path, capsys):
    root = with_records(tmp_path / "org")
    for out in ("content/reports", "site", "ops/reports", "records", str(tmp_path / "elsewhere"), "."):
        assert report(root, "--out", str(root / out) if not Path(out).is_absolute() else out) == 2, out
        assert "nothing was written" in capsys.readouterr().err
    foreign = root / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    assert report(root, "--out", str(foreign)) == 2
    assert "did not write" in capsys.readouterr().err and (foreign / "notes.txt").is_file()
    assert not (tmp_path / "elsewhere").exists() and not (root / "content" / "reports").exists()


def test_as_of_equals_the_report_of_a_checkout_of_that_commit(tmp_path, capsys):
    repo = example_repo(tmp_path / "org", records=True)  # the example and its records, committed on 2026-10-01
    repo.edit("records/attendance/2026/onb-2026-10-06.csv", "E1004,absent", "E1004,present")
    then = repo.commit("Records: onboarding sheet typed in", "2026-10-12T16:00:00+00:00")
    repo.edit("records/attendance/2026/onb-2026-10-06.csv", "E1004,present", "E1004,absent")
    repo.commit("Records: E1004 was absent after all", "2026-10-21T08:00:00+00:00")
    (repo.root / "records" / "exceptions.yaml").write_text("[not, committed", encoding="utf-8")  # never read

    assert report(repo.root, "--as-of", "2026-10-15") == 0
    as_of = folder_bytes(repo.root / "reports")
    assert report(repo.root, "--as-of", "2026-10-15") == 0
    assert folder_bytes(repo.root / "reports") == as_of

    checkout = GitRepo(tmp_path / "checkout")
    subprocess.run(["git", "clone", "-q", str(repo.root), str(checkout.root)], check=True, capture_output=True)
    checkout.git("checkout", "-q", then)
    assert report(checkout.root, today="2026-10-15") == 0
    assert folder_bytes(checkout.root / "reports") == as_of

    dev = next(r for r in rows(repo.root / "reports" / "managers" / "E1001.csv") if r["learner"] == "E1004")
    assert (dev["completed"], dev["missed_sessions"], dev["as_of"]) == ("no", "", "2026-10-15")
    assert dev["describes"] == f"commit {then[:10]} of 2026-10-12"
    # Today's report sees the later commit and the uncommitted edit.
    assert report(repo.root) == 1
    dev = next(r for r in rows(repo.root / "reports" / "managers" / "E1001.csv") if r["learner"] == "E1004")
    assert dev["missed_sessions"] == "onb-2026-10-06" and dev["describes"].endswith("with uncommitted changes")


PROJECT, DESCRIBE, TRANSCRIPTS = (
    "loading the project",
    "working out what the reports describe",
    "making transcripts.csv",
)


@pytest.fixture
def forked(monkeypatch) -> list[str]:
    """The workers the report forks, by their task's name; the threads other
    tests left idle not counted as running (any the report starts are)."""
    made: list[str] = []

    class Worker(report_outputs.Worker):
        def submit(self, what, *args, **kwargs):
            made.append(what)
            return super().submit(what, *args, **kwargs)

    for module in (report_outputs, report_command):
        monkeypatch.setattr(module, "Worker", Worker)
    count_only_new_threads(monkeypatch)
    return made


@pytest.mark.parametrize("as_of", [(), ("--as-of", "2026-10-15")])
def test_a_report_made_on_two_cores_is_the_bytes_one_process_makes(as_of, tmp_path, capsys, monkeypatch, forked):
    repo = example_repo(tmp_path / "org", records=True)
    monkeypatch.setattr(workers, "usable_cores", lambda: 1)
    assert report(repo.root, *as_of) == 0
    one_process = folder_bytes(repo.root / "reports")
    assert forked == []
    shutil.rmtree(repo.root / ".trainops-cache")  # (a cold cache: the project is loaded beside)
    (repo.root / "reports" / MANIFEST).unlink()  # (else the second run keeps the files)
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    assert report(repo.root, *as_of) == 0
    # The project loaded on the second core while the key is taken and the records are read, and
    # then what the reports describe worked out there; then the transcripts made there while the
    # other files are made here.
    assert forked == [PROJECT, DESCRIBE, TRANSCRIPTS]
    assert folder_bytes(repo.root / "reports") == one_process
    assert len(rows(repo.root / "reports" / "transcripts.csv")) > 20


@pytest.mark.parametrize("cores", [1, 2])
def test_a_sheet_in_another_years_folder_refuses_the_rows_on_one_core_or_two(
    cores, tmp_path, capsys, monkeypatch, forked
):
    root = with_records(tmp_path / "org")
    (root / "records" / "attendance" / "2025").mkdir()
    sheet = "onb-2026-10-06.csv"
    (root / "records" / "attendance" / "2026" / sheet).rename(root / "records" / "attendance" / "2025" / sheet)
    monkeypatch.setattr(workers, "usable_cores", lambda: cores)
    # (read before the project on two cores: its place checked once the project is loaded)
    assert report(root) == 1
    assert "the data has errors (see trainops check)" in capsys.readouterr().err
    assert forked == ([] if cores == 1 else [PROJECT, DESCRIBE, TRANSCRIPTS])


def _in_a_worker(monkeypatch, what):
    """load_project as it is in this process; ``what()`` first in a worker forked from it."""
    here, real = os.getpid(), report_command.load_project

    def load_project(*args, **kwargs):
        if os.getpid() != here:
            what()
        return real(*args, **kwargs)

    monkeypatch.setattr(report_command, "load_project", load_project)


def _bug() -> None:
    raise ZeroDivisionError("a bug planted in the project's worker")


@pytest.mark.parametrize(
    "what", [lambda: os.kill(os.getpid(), signal.SIGKILL), lambda: time.sleep(60)], ids=["killed", "over-limit"]
)
def test_a_project_worker_killed_or_over_its_limit_leaves_the_load_to_this_process(
    what, tmp_path, capsys, monkeypatch, forked
):
    root = with_records(tmp_path / "org")
    monkeypatch.setattr(workers, "usable_cores", lambda: 1)
    assert report(root) == 0
    one_process = folder_bytes(root / "reports")
    shutil.rmtree(root / ".trainops-cache")
    (root / "reports" / MANIFEST).unlink()
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    monkeypatch.setattr(report_command, "BESIDE_LIMIT", 2)
    _in_a_worker(monkeypatch, what)
    assert report(root) == 0
    assert forked == [PROJECT, DESCRIBE, TRANSCRIPTS]
    assert folder_bytes(root / "reports") == one_process
    assert not multiprocessing.active_children()


def test_a_bug_in_the_project_worker_is_a_bug_with_its_traceback(tmp_path, capsys, monkeypatch, forked):
    root = with_records(tmp_path / "org")
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    _in_a_worker(monkeypatch, _bug)
    assert report(root) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and "a bug planted in the project's worker" in err and "_bug" in err
    assert not (root / "reports").exists() and not multiprocessing.active_children()


def test_a_failure_while_the_project_worker_runs_ends_it(tmp_path, capsys, monkeypatch, forked):
    root = with_records(tmp_path / "org")
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    _in_a_worker(monkeypatch, lambda: time.sleep(60))

    def records_fail(*args, **kwargs):
        raise RenderFailed("a mistake met while the records are read")

    monkeypatch.setattr(report_command, "load_records", records_fail)
    started = time.monotonic()
    assert report(root) == 1
    assert time.monotonic() - started < 30  # (the worker killed, not waited for)
    assert "a mistake met while the records are read" in capsys.readouterr().err
    assert forked == [PROJECT, DESCRIBE] and not multiprocessing.active_children()


def test_what_the_reports_describe_is_worked_out_once_the_key_is_taken(tmp_path, capsys, monkeypatch, forked):
    """An edit saved after the project's worker has loaded it, but before the key is taken, is in
    the key and in the rows: what the reports say they describe must include it, or the report
    would be kept under the key saying it matches the commit."""
    repo = example_repo(tmp_path / "org", records=True)
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    sheet = repo.root / "records" / "attendance" / "2026" / "comp-2026-10-15.csv"
    text = sheet.read_text(encoding="utf-8")
    real = report_command.current_key

    def key_after_an_edit(*args, **kwargs):
        time.sleep(2)  # (the worker has loaded the example's project by then)
        sheet.write_text(text.replace(",present,", ",absent,", 1), encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(report_command, "current_key", key_after_an_edit)
    report(repo.root)
    assert forked == [PROJECT, DESCRIBE, TRANSCRIPTS]
    described = {row["describes"] for row in rows(repo.root / "reports" / "transcripts.csv")}
    assert len(described) == 1 and described.pop().endswith("with uncommitted changes")


def test_a_kept_report_ends_the_project_worker_without_waiting_for_it(tmp_path, capsys, monkeypatch, forked):
    root = with_records(tmp_path / "org")
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    assert report(root) == 0
    before = folder_bytes(root / "reports")
    forked.clear()
    _in_a_worker(monkeypatch, lambda: time.sleep(60))  # (a load that would take a minute)
    capsys.readouterr()
    started = time.monotonic()
    assert report(root) == 0
    assert time.monotonic() - started < 30  # (the worker killed, not waited for)
    assert "kept the 10 files in reports" in capsys.readouterr().out
    assert forked == [PROJECT] and not multiprocessing.active_children()
    assert folder_bytes(root / "reports") == before


def test_without_a_cache_the_project_is_loaded_here(tmp_path, capsys, monkeypatch, forked):
    root = with_records(tmp_path / "org")
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    monkeypatch.setattr(report_command, "data_cache", lambda *args: DataCache(None))
    assert report(root) == 0
    assert forked == [TRANSCRIPTS]  # (a worker's parses would go nowhere: only the transcripts' worker)


@pytest.mark.parametrize("cores", [1, 2])
def test_a_mistake_found_across_files_refuses_the_rows_on_one_core_or_two(cores, tmp_path, capsys, monkeypatch, forked):
    root = with_records(tmp_path / "org")
    schedule = root / "programs" / "schedule.yaml"
    text = schedule.read_text(encoding="utf-8")
    schedule.write_text(text.replace("instructor: jordan.lee", "instructor: nobody.here", 1), encoding="utf-8")
    monkeypatch.setattr(workers, "usable_cores", lambda: cores)
    # (the unknown person is found by the load's checks across files: in the worker, on two cores)
    assert report(root) == 1
    assert "the data has errors (see trainops check)" in capsys.readouterr().err
    assert forked == ([] if cores == 1 else [PROJECT, DESCRIBE, TRANSCRIPTS])


def test_as_of_before_the_first_commit_is_a_usage_error(tmp_path, capsys):
    repo = example_repo(tmp_path / "org", records=True)
    assert report(repo.root, "--as-of", "2026-09-01") == 2
    assert "no commit before that day" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--project", str(repo.root), "--as-of", "01/10/2026"])
    assert exit_.value.code == 2 and "'01/10/2026' is not a date written YYYY-MM-DD" in capsys.readouterr().err


def test_as_of_runs_nothing_the_repository_names(tmp_path, capsys):
    repo = example_repo(tmp_path / "org", records=True)
    marker = tmp_path / "smudged"
    (repo.root / ".gitattributes").write_text("* filter=evil\n", encoding="utf-8")
    repo.commit("attributes", "2026-10-02T09:00:00+00:00")
    # A checkout or `git archive` would run this for every file; reading git's objects does not.
    repo.git("config", "filter.evil.smudge", f"touch {marker}; cat")
    assert report(repo.root, "--as-of", "2026-10-03") == 0
    assert not marker.exists()
    assert (repo.root / "reports" / "follow-ups.csv").is_file()


def test_a_certifying_program_shows_each_persons_certification(tmp_path, capsys):
    root = with_records(tmp_path / "org")
    program = root / "programs" / "compliance-refresher.yaml"
    assert "certification: {valid_for: 1 year, renew_within: 90d}" in program.read_text(encoding="utf-8")
    report(root)
    people = {r["learner"]: r for r in rows(root / "reports" / "managers" / "lukas.becker.csv")}
    greta = people["E1007"]  # completed on 2026-10-15
    assert (greta["certification"], greta["certification_expires"]) == ("valid", "2027-10-15")
    assert people["E1010"]["certification"] == "never-certified"
    html = (root / "reports" / "managers" / "lukas.becker.html").read_text(encoding="utf-8")
    assert "expires 15 October 2027" in html


RULE = "programs/compliance-refresher.yaml"


def significant_change(repo: GitRepo, when: str) -> str:
    """A change of the Compliance refresher marked significant (E1007 completed it on 15 Oct,
    E1008 on 22 Oct)."""
    (repo.root / RULE).write_text((repo.root / RULE).read_text(encoding="utf-8") + "# the new reporting rule\n")
    return repo.commit("Compliance refresher: the new reporting rule\n\nSignificant: yes", when)


def test_the_report_lists_who_must_retrain_after_a_significant_change(tmp_path, capsys):
    repo = example_repo(tmp_path / "org", records=True)
    commit = significant_change(repo, "2026-10-18T09:00:00+00:00")
    assert report(repo.root) == 0
    managers = repo.root / "reports" / "managers"
    people = {r["learner"]: r for r in rows(managers / "lukas.becker.csv") if r["program"] == "compliance-refresher"}
    due = f"since 2026-10-18 ({commit[:10]} Compliance refresher: the new reporting rule)"
    assert people["E1007"]["retrain_due"] == due
    assert people["E1008"]["retrain_due"] == ""  # trained after the change
    html = (managers / "lukas.becker.html").read_text(encoding="utf-8")
    assert f'<span class="overdue">retrain due</span> {due}' in html
    assert "1 program where retraining is due because the program or its SOPs changed" in html


def test_as_of_reads_the_significant_changes_up_to_its_commit(tmp_path, capsys):
    repo = example_repo(tmp_path / "org", records=True)
    commit = significant_change(repo, "2026-10-18T09:00:00+00:00")

    def e1007(*args: str) -> str:
        assert report(repo.root, *args) == 0
        found = rows(repo.root / "reports" / "managers" / "lukas.becker.csv")
        return next(
            r["retrain_due"] for r in found if (r["learner"], r["program"]) == ("E1007", "compliance-refresher")
        )

    assert e1007("--as-of", "2026-10-18") == ""  # the change is the next day's: not yet made
    assert e1007("--as-of", "2026-10-19").startswith(f"since 2026-10-18 ({commit[:10]} ")
    as_of = folder_bytes(repo.root / "reports")
    checkout = GitRepo(tmp_path / "checkout")
    subprocess.run(["git", "clone", "-q", str(repo.root), str(checkout.root)], check=True, capture_output=True)
    checkout.git("checkout", "-q", commit)
    assert report(checkout.root, today="2026-10-19") == 0
    assert folder_bytes(checkout.root / "reports") == as_of


def test_transcripts_hold_each_certification_period_and_the_row_that_completed_it(tmp_path, capsys):
    root = with_records(tmp_path / "org")
    assert report(root) == 0
    transcript = rows(root / "reports" / "transcripts.csv")
    greta = [r for r in transcript if r["learner"] == "E1007" and r["kind"] == "certification"]
    assert [(r["program"], r["date"], r["item"], r["value"]) for r in greta] == [
        ("compliance-refresher", "2026-10-15", "valid from 2026-10-15", "until 2027-10-15")
    ]
    path, _, line = greta[0]["source"].partition(":")
    # The refresher has an assessment: the pass completed it (on the day of its session).
    assert path == "records/assessments/compliance-refresher.csv" and line.isdigit()
    assert (root / path).read_text(encoding="utf-8").splitlines()[int(line) - 1].startswith("E1007,2026-10-15")
    assert greta[0]["detail"] == "from the completion of Annual Compliance Refresher on 2026-10-15"


def test_the_transcripts_are_written_in_pieces_as_the_rows_come():
    row = ("2026-01-05", "attendance", "p", "s-1", "present", "", "records/a.csv:2")
    pieces = transcripts_csv(Records(), iter([("E1", [row])] * 10_000), ReportBasis(date(2026, 1, 6)))
    assert iter(pieces) is pieces
    text = list(pieces)
    assert len(text) == 3  # 4,096 rows a piece, and the rest
    lines = "".join(text).splitlines()
    assert len(lines) == 10_001 and lines[1] == lines[-1] == (
        "E1,,2026-01-05,attendance,p,s-1,present,,records/a.csv:2,2026-01-06,files not in git"
    )


def test_a_name_that_would_run_as_a_formula_is_written_as_text(tmp_path, capsys):
    root = with_records(tmp_path / "org")
    roster = root / "records" / "learners.csv"
    text = roster.read_text(encoding="utf-8")
    roster.write_text(
        text.replace("E1002,Bruno Ferreira,", 'E1002,"=HYPERLINK(""http://x"",""y"")",'), encoding="utf-8"
    )
    assert report(root) == 0
    hostile = '\'=HYPERLINK("http://x","y")'
    assert {r["name"] for r in rows(root / "reports" / "managers" / "E1001.csv") if r["learner"] == "E1002"} == {
        hostile
    }
    assert {r["name"] for r in rows(root / "reports" / "transcripts.csv") if r["learner"] == "E1002"} == {hostile}


def test_a_run_on_the_same_inputs_keeps_the_folder_and_anything_else_rebuilds_it(tmp_path, capsys):
    root = with_records(tmp_path / "org")
    assert report(root) == 0
    reports = root / "reports"
    first = folder_bytes(reports)
    written = {name: (reports / name).stat().st_mtime_ns for name in first}
    capsys.readouterr()
    assert report(root) == 0
    assert "kept the 10 files in reports" in capsys.readouterr().out
    assert {name: (reports / name).stat().st_mtime_ns for name in first} == written  # nothing written

    def rebuilt() -> bool:
        assert report(root) == 0
        out = capsys.readouterr().out
        assert folder_bytes(reports) == first
        return "wrote 10 files" in out

    csv_file = reports / "managers" / "E1001.csv"
    csv_file.write_text(csv_file.read_text(encoding="utf-8").replace("E1004", "E1005"), encoding="utf-8")
    assert rebuilt()  # an output edited
    (reports / "transcripts.csv").unlink()
    assert rebuilt()  # an output missing
    (reports / "managers" / "E9999.csv").write_text("planted\n", encoding="utf-8")
    assert rebuilt()  # a file added
    assert not (reports / "managers" / "E9999.csv").exists()
    (reports / MANIFEST).write_text("{not json", encoding="utf-8")
    assert rebuilt()  # a manifest that cannot be read
    assert not rebuilt()
    # Another day, or an input changed, is another report.
    assert report(root, today="2026-11-24") == 0 and "wrote 10 files" in capsys.readouterr().out
    assert report(root) == 0 and "wrote 10 files" in capsys.readouterr().out
    sheet = root / "records" / "attendance" / "2026" / "onb-2026-10-06.csv"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("E1004,absent", "E1004,present"), encoding="utf-8")
    assert report(root) == 0 and "wrote 10 files" in capsys.readouterr().out
    dev = next(r for r in rows(reports / "managers" / "E1001.csv") if r["learner"] == "E1004")
    assert dev["missed_sessions"] == ""


def test_a_kept_report_says_again_what_was_refused(tmp_path, capsys):
    root = with_records(tmp_path / "org")
    (root / "records" / "learners.csv").unlink()
    assert report(root) == 1
    first = capsys.readouterr()
    assert "no roster at records/learners.csv" in first.err
    assert report(root) == 1
    again = capsys.readouterr()
    assert again.err == first.err and "kept the" in again.out


def test_as_of_a_second_time_keeps_the_folder(tmp_path, capsys):
    repo = example_repo(tmp_path / "org", records=True)
    assert report(repo.root, "--as-of", "2026-10-15") == 0
    first = folder_bytes(repo.root / "reports")
    assert report(repo.root, "--as-of", "2026-10-15") == 0
    assert "kept the" in capsys.readouterr().out.splitlines()[-1]
    assert report(repo.root, "--as-of", "2026-10-16") == 0  # another day: another report
    assert "wrote" in capsys.readouterr().out.splitlines()[-1]
    assert folder_bytes(repo.root / "reports") != first


def test_a_sheet_saved_while_the_report_is_made_keeps_no_report_under_the_old_key(tmp_path, capsys, monkeypatch):
    """The key is taken before the records are read: a sheet saved in between gives the report of the
    new bytes, written but not kept under the old bytes' key, so the sheet set back is reported anew."""
    import trainops.commands.report as report_command

    root = with_records(tmp_path / "org")
    assert report(root) == 0
    before = folder_bytes(root / "reports")
    sheet = root / "records" / "attendance" / "2026" / "comp-2026-10-15.csv"
    text = sheet.read_text(encoding="utf-8")
    original = report_command.report_files

    def saved_meanwhile(*args, **kwargs):
        sheet.write_text(text.replace(",present,", ",absent,"), encoding="utf-8")
        return original(*args, **kwargs)

    (root / "reports" / "transcripts.csv").unlink()  # (so that this run makes the report)
    monkeypatch.setattr(report_command, "report_files", saved_meanwhile)
    assert report(root) == 0
    monkeypatch.setattr(report_command, "report_files", original)
    made_meanwhile = folder_bytes(root / "reports")
    assert made_meanwhile != before  # (the report of the sheet as it was read)
    sheet.write_text(text, encoding="utf-8")  # the editor's undo
    capsys.readouterr()
    assert report(root) == 0
    assert "wrote 10 files" in capsys.readouterr().out
    assert folder_bytes(root / "reports") == before
