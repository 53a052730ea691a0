"""The files whose working copy differs from HEAD's, found without ``git status``: each committed
file is read as it is (a regular file, or where a link points) and hashed as git hashes a blob."""

from __future__ import annotations

import os

import pytest

from tests.helpers.gitrepo import GitRepo
from trainops.load.history import work_tree


@pytest.fixture
def repo(tmp_path) -> GitRepo:
    repo = GitRepo(tmp_path)
    repo.git("init", "-q")
    for name in ("same.csv", "edited.csv", "grown.csv", "emptied.csv", "to-link.csv", "to-folder.csv", "to-pipe.csv"):
        (tmp_path / "records" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "records" / name).write_text(f"learner,status\nE1,present {name}\n")
    (tmp_path / "records" / "empty.csv").write_text("")
    os.symlink("same.csv", tmp_path / "records" / "link.csv")
    os.symlink("same.csv", tmp_path / "records" / "relinked.csv")
    repo.commit("records", "2026-11-01T09:00:00+00:00")
    return repo


def test_every_kind_of_change_is_found_and_nothing_else(repo):
    records = repo.root / "records"
    (records / "edited.csv").write_text("learner,status\nE1,absent\n")
    (records / "grown.csv").write_text((records / "grown.csv").read_text() + "E2,present\n" * 50_000)
    (records / "emptied.csv").write_text("")
    (records / "to-link.csv").unlink()
    os.symlink("same.csv", records / "to-link.csv")
    (records / "to-folder.csv").unlink()
    (records / "to-folder.csv").mkdir()
    (records / "to-pipe.csv").unlink()
    os.mkfifo(records / "to-pipe.csv")  # (read, it would wait for a writer forever)
    (records / "relinked.csv").unlink()
    os.symlink("edited.csv", records / "relinked.csv")
    (records / "new.csv").write_text("learner,status\n")
    assert work_tree.dirty(repo.root, ["records"]) == [
        f"records/{name}"
        for name in (
            "edited.csv",
            "emptied.csv",
            "grown.csv",
            "new.csv",
            "relinked.csv",
            "to-folder.csv",
            "to-link.csv",
            "to-pipe.csv",
        )
    ]


def test_an_untouched_tree_has_no_change(repo):
    assert work_tree.dirty(repo.root, ["records"]) == []
    (repo.root / "records" / "same.csv").touch()  # (a new modification time, the same bytes)
    assert work_tree.dirty(repo.root, ["records"]) == []
