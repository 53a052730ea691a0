"""A folder written whole goes in its place only once complete: the previous one stays until
then, and what killed runs left beside it is swept away (a live run's is left alone)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from trainops.store.staged_folder import discard, staging_for, swap


def test_the_new_folder_replaces_the_old_only_at_the_swap(tmp_path):
    target = tmp_path / "reports"
    target.mkdir()
    (target / "old.txt").write_text("old")
    staging = staging_for(target)
    assert staging.parent == tmp_path and staging.name.startswith(f".reports-building-{os.getpid()}-")
    (staging / "new.txt").write_text("new")
    assert (target / "old.txt").exists()  # (until the swap)
    swap(staging, target)
    assert sorted(p.name for p in target.iterdir()) == ["new.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]  # (no staging, no old copy left)
    assert target.stat().st_mode & 0o777 == 0o700  # (its owner's alone unless told)


def test_a_mode_given_is_the_folders(tmp_path):
    staging = staging_for(tmp_path / "site")
    swap(staging, tmp_path / "site", 0o755)
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o755


def test_a_discarded_run_leaves_the_old_folder_as_it_was(tmp_path):
    target = tmp_path / "reports"
    target.mkdir()
    (target / "old.txt").write_text("old")
    staging = staging_for(target)
    (staging / "half.txt").write_text("half")
    discard(staging)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]
    assert (target / "old.txt").read_text() == "old"


def test_what_a_killed_run_left_is_swept_and_a_live_runs_is_not(tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)
    left = [tmp_path / f".reports-building-{dead}-abc", tmp_path / f".reports-old-{dead}"]
    live = tmp_path / f".reports-building-{os.getppid()}-xyz"  # (the test runner's parent: running)
    other = tmp_path / f".site-building-{dead}-abc"  # (another folder's: not this target's to sweep)
    for folder in (*left, live, other):
        folder.mkdir()
    staging = staging_for(tmp_path / "reports")
    assert not any(folder.exists() for folder in left)
    assert live.exists() and other.exists() and staging.exists()


def test_a_swap_that_fails_puts_the_previous_folder_back(tmp_path, monkeypatch):
    target = tmp_path / "reports"
    target.mkdir()
    (target / "old.txt").write_text("old")
    staging = staging_for(target)
    real_rename = type(staging).rename

    def rename(self, to):
        if self == staging:
            raise OSError(16, "Device or resource busy")
        return real_rename(self, to)

    monkeypatch.setattr(type(staging), "rename", rename)
    with pytest.raises(OSError):
        swap(staging, target)
    monkeypatch.undo()
    assert (target / "old.txt").read_text() == "old" and staging.exists()
