"""A commit's files for ``report --as-of``: the project written into a folder, the records folder's
CSV files read from git's objects, and the records loaded that way equal to the records of a
checkout of that commit, problems and all."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from tests.helpers.gitrepo import GitRepo, example_repo
from trainops.load.history.blobs import BlobReader
from trainops.load.history.git import tree_files
from trainops.load.history.snapshot import CommitFiles, write_snapshot
from trainops.load.loading import load_project
from trainops.load.records import load_records
from trainops.load.records.reader import WorkTreeFiles
from trainops.load.settings import read_settings
from trainops.load.yamlsource import YamlError
from trainops.store.cache import DataCache

TODAY = date(2026, 11, 23)


def odd_records(repo: GitRepo) -> str:
    """The example's records with a file in each odd place the loader names; committed."""
    records = repo.root / "records"
    sheet = (records / "attendance" / "2026").iterdir().__next__()
    (records / "attendance" / "2027").mkdir()
    shutil.copy(sheet, records / "attendance" / "2027" / sheet.name)  # (the wrong year)
    shutil.copy(sheet, records / "attendance" / "misplaced.csv")  # (no year folder)
    (records / "attendance" / "2026" / "deeper").mkdir()
    shutil.copy(sheet, records / "attendance" / "2026" / "deeper" / "x.csv")
    (records / "attendance" / "2026" / "notes.txt").write_text("typed on the 7th\n", encoding="utf-8")
    (records / "attendance" / "2026" / ".hidden.csv").write_text("not read\n", encoding="utf-8")
    (records / "enrolments" / "old-program.csv").write_text("learner,cohort\nE1001,x\n", encoding="utf-8")
    (records / "enrolments" / "README.md").write_text("one file per program\n", encoding="utf-8")
    (records / "enrolments" / "sub.csv").mkdir()
    (records / "enrolments" / "sub.csv" / "a.csv").write_text("learner\n", encoding="utf-8")
    (records / "stray.yaml").write_text("a: 1\n", encoding="utf-8")
    (records / "feedback").mkdir()
    (repo.root / "content" / "sizes.csv").write_text("size\n1\n", encoding="utf-8")  # (not a records file)
    return repo.commit("Records in odd places", "2026-11-02T09:00:00+00:00")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> GitRepo:
    repo = example_repo(tmp_path_factory.mktemp("snapshot") / "org", records=True)
    odd_records(repo)
    # After the commit: the working tree differs, and the snapshot must not see it.
    (repo.root / "records" / "exceptions.yaml").write_text("[not, committed", encoding="utf-8")
    return repo


def loaded(root, files=None):
    settings, _ = read_settings(root)
    project, _ = load_project(root, settings, TODAY, DataCache(None))
    return load_records(root, settings, project, None, DataCache(None), files=files)


def test_the_records_read_from_git_equal_a_checkouts(repo, tmp_path):
    checkout = tmp_path / "checkout"
    subprocess.run(["git", "clone", "-q", str(repo.root), str(checkout)], check=True, capture_output=True)
    expected = loaded(checkout)
    snapshot = tmp_path / "snapshot"
    snapshot.mkdir()
    entries = tree_files(repo.root, "HEAD")
    with BlobReader(repo.root) as blobs:
        write_snapshot(entries, snapshot, blobs)
        records, problems = loaded(snapshot, CommitFiles(entries, blobs))
    assert records == expected[0]
    assert problems == expected[1]
    rules = {(p.path, p.rule) for p in problems}
    assert ("records/attendance/misplaced.csv", "records-file-place") in rules
    assert ("records/attendance/2026/deeper/x.csv", "records-file-place") in rules
    assert ("records/enrolments/sub.csv", "records-unknown-file") in rules
    assert ("records/stray.yaml", "records-unknown-file") in rules
    assert len(records.attendance) >= 2 and records.roster and records.exceptions


def test_the_records_folders_csv_files_are_not_written(repo, tmp_path):
    entries = tree_files(repo.root, "HEAD")
    with BlobReader(repo.root) as blobs:
        write_snapshot(entries, tmp_path, blobs)
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    committed = {entry.path for entry in entries}
    assert written == {path for path in committed if not (path.startswith("records/") and path.endswith(".csv"))}
    assert "content/sizes.csv" in written and "records/exceptions.yaml" in written
    assert (tmp_path / "records" / "exceptions.yaml").read_text(encoding="utf-8") != "[not, committed"


def test_a_records_folder_the_settings_move_is_the_one_left_out(tmp_path):
    repo = example_repo(tmp_path / "org", records=True)
    (repo.root / "records").rename(repo.root / "training-records")
    repo.edit("mkdocs.yml", "  - trainops\n", "  - trainops:\n      records_dir: training-records\n")
    commit = repo.commit("The records move", "2026-11-02T09:00:00+00:00")
    snapshot = tmp_path / "snapshot"
    snapshot.mkdir()
    entries = tree_files(repo.root, commit)
    with BlobReader(repo.root) as blobs:
        write_snapshot(entries, snapshot, blobs)
        records, _ = loaded(snapshot, CommitFiles(entries, blobs))
    assert not list(snapshot.glob("training-records/**/*.csv"))
    assert records.roster and records.attendance


def test_the_commits_folders_are_listed_as_a_checkout_lists_them(repo, tmp_path):
    checkout = tmp_path / "checkout"
    subprocess.run(["git", "clone", "-q", str(repo.root), str(checkout)], check=True, capture_output=True)
    disk = WorkTreeFiles(checkout)
    with BlobReader(repo.root) as blobs:
        commit = CommitFiles(tree_files(repo.root, "HEAD"), blobs)
        for folder in ("records", "records/attendance", "records/enrolments", "records/attendance/2026", "."):
            assert commit.listing(folder) == [(n, f) for n, f in disk.listing(folder) if n != ".git"]
            assert commit.is_dir(folder) and not commit.is_file(folder)
        assert commit.files_below("records/attendance") == disk.files_below("records/attendance")
        assert list(commit.raws(["records/learners.csv"])) == list(disk.raws(["records/learners.csv"]))
        assert not commit.is_dir("records/feedback")  # (git keeps no empty folder)


def test_many_files_read_at_once_say_which_cannot_be_read(repo, tmp_path):
    wanted = ["records/learners.csv", "records/none.csv", "records/exceptions.yaml", "records/attendance"]
    with BlobReader(repo.root) as blobs:
        commit = CommitFiles(tree_files(repo.root, "HEAD"), blobs)
        read = list(commit.raws(wanted))
        assert read[0] == repo.git("show", "HEAD:records/learners.csv").encode()
        assert read[2] == repo.git("show", "HEAD:records/exceptions.yaml").encode()
    assert [r.diagnostic.rule for r in read if isinstance(r, YamlError)] == ["not-a-file", "not-a-file"]


@pytest.mark.parametrize("records_dir", [".", "programs"])
def test_a_records_folder_around_or_in_what_the_project_reads_gets_every_file_written(records_dir, tmp_path):
    # (a schedule can be programs/schedule.csv, which the project's loader reads from its folder)
    repo = example_repo(tmp_path / "org", records=True)
    repo.edit("mkdocs.yml", "  - trainops\n", f"  - trainops:\n      records_dir: {records_dir}\n")
    commit = repo.commit("The records folder moves", "2026-11-02T09:00:00+00:00")
    entries = tree_files(repo.root, commit)
    snapshot = tmp_path / "snapshot"
    snapshot.mkdir()
    with BlobReader(repo.root) as blobs:
        write_snapshot(entries, snapshot, blobs)
    assert {p.relative_to(snapshot).as_posix() for p in snapshot.rglob("*") if p.is_file()} == {e.path for e in entries}
