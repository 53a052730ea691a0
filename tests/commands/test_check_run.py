"""``check``'s whole-run key: a first run with many records files takes their digests in a worker
while it loads the project, and that key is the one a later run takes."""

from __future__ import annotations

import shutil
import time

import pytest

from tests.helpers import TODAY, copy_example
from tests.helpers.gitrepo import example_repo
from trainops import cli
from trainops.commands import check, check_run, record_checks
from trainops.render import workers


@pytest.fixture
def example(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # (a signing key of the test's own)
    return copy_example(tmp_path / "org", records=True)


def _check(root, capsys) -> str:
    assert cli.main(["check", "--project", str(root), "--today", str(TODAY)]) == 0
    return capsys.readouterr().out


def test_a_first_check_takes_the_records_digests_beside_the_load(example, monkeypatch, capsys):
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)  # (threads other tests left idle)
    beside: list[bool] = []
    real = check_run._fingerprint_beside

    def noting(*args):
        found = real(*args)
        beside.append(found[1] is not None)  # (the project was loaded while the worker read)
        return found

    monkeypatch.setattr(check_run, "_fingerprint_beside", noting)
    monkeypatch.setattr(record_checks, "MIN_FILES_FOR_A_WORKER", 0)  # (a large organisation's case)
    first = _check(example, capsys)
    assert beside == [True] and "[missed-part]" in first

    # The key it kept is the next run's: answered from the cache, nothing loaded, not even a worker.
    def not_loaded(*args, **kwargs):
        raise AssertionError("loaded again")

    monkeypatch.setattr(check, "load_checked", not_loaded)
    assert _check(example, capsys) == first and beside == [True]

    # And a first run that takes the digests itself says the same.
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(example.parent / "xdg"))
    shutil.rmtree(example / ".trainops-cache")
    assert _check(example, capsys) == first


def test_a_first_check_with_few_records_files_takes_their_digests_itself(example, monkeypatch, capsys):
    monkeypatch.setattr(check_run, "_fingerprint_beside", lambda *args: pytest.fail("a worker for a few files"))
    assert "[missed-part]" in _check(example, capsys)


BROKEN_LINK = "[the form](no-such-form.md)\n\n"  # (an SOP's link to no page: an error)


def _run(root, capsys) -> tuple[int, str]:
    code = cli.main(["check", "--project", str(root), "--today", str(TODAY)])
    return code, capsys.readouterr().out


@pytest.mark.parametrize(
    ("path", "old", "new", "seen"),
    [
        # a records sheet (read after the project, for its rows)
        ("records/attendance/2026/onb-2026-10-06.csv", "E1002,present", "E1002,presnt", "presnt"),
        # a source file (read by the project's load)
        ("sops/send-session-reminders.md", "## Checks before", f"{BROKEN_LINK}## Checks before", "no-such"),
    ],
)
@pytest.mark.parametrize("beside", [False, True])
def test_a_file_saved_while_check_reads_is_shown_and_its_result_not_kept_under_the_old_key(
    example, monkeypatch, capsys, path, old, new, seen, beside
):
    """An editor saves a file after check took its key, before the file is read: this run shows the
    new bytes; once the file has its old bytes again (an undo), check shows those, not the result
    of the new bytes kept under the key of the old. ``beside``: a first run of a large organisation,
    which loads the project while a worker takes the key."""
    file = example / path
    before = file.read_text()
    assert old in before
    real = check.load_checked

    def saved_first(*args, **kwargs):
        time.sleep(0.05)  # (past the file system clock's tick since the run began)
        file.write_text(before.replace(old, new, 1))
        return real(*args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(check, "load_checked", saved_first)
        if beside:
            patched.setattr(workers.threading, "active_count", lambda: 1)  # (threads other tests left idle)
            patched.setattr(record_checks, "MIN_FILES_FOR_A_WORKER", 0)  # (a large organisation's case)
        code, edited = _run(example, capsys)
    assert code == 1 and seen in edited
    file.write_text(before)  # (the old bytes, with other stat data than the key saw)
    code, undone = _run(example, capsys)
    assert code == 0 and seen not in undone
    shutil.rmtree(example / ".trainops-cache")
    assert _run(example, capsys) == (0, undone)  # (as a check from nothing says)


def test_a_file_saved_after_a_first_check_read_it_and_before_its_worker_did_is_not_kept(example, monkeypatch, capsys):
    """A first run of a large organisation loads the project while a worker takes the key: a file
    the load read and an editor then saved is in the key with its new bytes, the result made from
    its old ones: that result is shown, and not kept (the next run, the file unchanged, shows the
    new bytes)."""
    sop = example / "sops" / "send-session-reminders.md"
    before = sop.read_text()
    saved = example.parent / "saved"  # (tells the worker the editor has saved; outside the project)
    real_load, real_fingerprint = check.load_checked, check_run.fingerprint_apart

    def loaded_then_saved(*args, **kwargs):
        found = real_load(*args, **kwargs)
        time.sleep(0.05)  # (past the file system clock's tick since the run began)
        sop.write_text(before.replace("## Checks before", f"{BROKEN_LINK}## Checks before", 1))
        saved.write_text("")
        return found

    def after_the_save(*args):  # (in the worker)
        waited = 0.0
        while not saved.exists() and waited < 60:
            time.sleep(0.01)
            waited += 0.01
        return real_fingerprint(*args)

    with monkeypatch.context() as patched:
        patched.setattr(check, "load_checked", loaded_then_saved)
        patched.setattr(check_run, "fingerprint_apart", after_the_save)
        patched.setattr(workers.threading, "active_count", lambda: 1)  # (threads other tests left idle)
        patched.setattr(record_checks, "MIN_FILES_FOR_A_WORKER", 0)  # (a large organisation's case)
        code, shown = _run(example, capsys)
    assert code == 0 and "no-such" not in shown  # (what the load read)
    code, again = _run(example, capsys)
    assert code == 1 and "no-such" in again


def test_a_schedule_saved_after_the_load_keeps_no_findings_of_its_old_bytes_under_its_new_ones(
    example, monkeypatch, capsys
):
    """The launch review's findings (double bookings, hours) are kept under the digests of the
    schedule and people files as the load read them: an editor who saves the schedule after the
    load, before the review, gets the findings of the new bytes on the next run."""
    schedule = example / "programs" / "schedule.yaml"
    before = schedule.read_text()
    early = before.replace("start: 2027-04-26 09:30", "start: 2027-04-26 05:30", 1)
    assert early != before
    real = check._launch_review

    def saved_first(*args, **kwargs):
        schedule.write_text(early)  # (the project was loaded from the old bytes)
        return real(*args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(check, "_launch_review", saved_first)
        code, shown = _run(example, capsys)
    assert code == 0 and "[unreasonable-hour]" not in shown  # (what the load read)
    code, again = _run(example, capsys)
    assert "[unreasonable-hour]" in again
    shutil.rmtree(example / ".trainops-cache")
    assert _run(example, capsys) == (code, again)  # (as a check from nothing says)


@pytest.mark.parametrize("inside", [False, True])
def test_a_roster_from_the_environment_saved_while_check_reads_keeps_nothing_under_its_old_key(
    example, tmp_path, monkeypatch, capsys, inside
):
    """TRAINOPS_ROSTER's roster (outside the repository, or in it out of the records folder) is in
    check's key with its stat data noted: one saved after the key, before its rows are read, and
    saved back, gives the answer of the roster as it is, not the one read in between."""
    roster = (example / "private-roster.csv") if inside else (tmp_path / "share" / "learners.csv")
    roster.parent.mkdir(exist_ok=True)
    text = (example / "records" / "learners.csv").read_text(encoding="utf-8")
    roster.write_text(text, encoding="utf-8")
    monkeypatch.setenv("TRAINOPS_ROSTER", str(roster))
    learner = text.splitlines()[1].split(",")[0]  # (a learner of the records, gone from the roster between)
    without = "".join(line for line in text.splitlines(keepends=True) if not line.startswith(f"{learner},"))
    real = check.load_checked

    def saved_first(*args, **kwargs):  # (after the key was taken, before the roster is read)
        roster.write_text(without, encoding="utf-8")
        return real(*args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(check, "load_checked", saved_first)
        code, between = _run(example, capsys)
    assert code == 1 and learner in between  # (the roster read: the learner is not in it)
    roster.write_text(text, encoding="utf-8")  # (saved back)
    code, restored = _run(example, capsys)
    assert code == 0 and learner not in restored


def test_a_commit_while_check_loads_keeps_nothing_under_the_head_before_it(tmp_path, monkeypatch, capsys):
    """HEAD goes into check's key before the history is read: a commit landing in between gives the
    results of the new history, which are shown and not kept under the old HEAD (served when HEAD
    goes back to it, `git reset --soft`, with the edit uncommitted again)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    repo = example_repo(tmp_path / "repo")
    repo.edit_session("onb-2026-12-02", "start", "2026-12-02 10:00")  # (not committed)
    real = check.load_checked

    def committed_first(*args, **kwargs):  # (after the key was taken, before the history is read)
        repo.commit("Day 2 starts at ten", "2026-11-10T15:00:00+01:00")
        return real(*args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(check, "load_checked", committed_first)
        code, committed = _run(repo.root, capsys)
    assert code == 0 and "[calendar-uncommitted]" not in committed  # (the history read: committed)
    repo.git("reset", "-q", "--soft", "HEAD~1")  # (the HEAD of the key, the edit uncommitted again)
    code, undone = _run(repo.root, capsys)
    assert "[calendar-uncommitted]" in undone
    shutil.rmtree(repo.root / ".trainops-cache")
    assert _run(repo.root, capsys) == (code, undone)  # (as a check from nothing says)
