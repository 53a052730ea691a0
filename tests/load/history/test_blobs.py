"""Blobs read from one ``git cat-file --batch``: one at a time, or many asked at once, each answer
the bytes of its own id; the reader still right after an iteration left early, a blob that is
missing or one cut short; git ended only when it keeps an answer waiting; once closed, no thread of
the reader's left running."""

from __future__ import annotations

import select
import threading
import time

import pytest

from tests.helpers.gitrepo import GitRepo
from trainops.load.history import blobs as blobs_module
from trainops.load.history.blobs import ASKED_AT_ONCE, BlobReader
from trainops.load.history.git import GitUnavailable, tree_files


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> GitRepo:
    repo = GitRepo(tmp_path_factory.mktemp("blobs"))
    repo.git("init", "-q", "-b", "main")
    for i in range(2 * ASKED_AT_ONCE + 7):  # (three batches, the last one short)
        (repo.root / f"f{i:03d}.csv").write_bytes(b"learner\n" + b"E1001,present\n" * (i * 37) + bytes([i % 256]))
    (repo.root / "empty.csv").write_bytes(b"")
    repo.commit("files", "2026-11-01T09:00:00+00:00")
    return repo


def test_many_blobs_asked_at_once_are_each_their_own_bytes(repo):
    files = tree_files(repo.root, "HEAD")
    assert len(files) > 2 * ASKED_AT_ONCE
    with BlobReader(repo.root) as blobs:
        read = list(blobs.read_many([f.blob for f in files]))
        assert read == [(repo.root / f.path).read_bytes() for f in files]
        assert blobs.read(files[-1].blob) == (repo.root / files[-1].path).read_bytes()  # (then one alone)
        assert list(blobs.read_many([])) == []


def test_once_closed_no_thread_of_the_reader_runs(repo, monkeypatch):
    # (a report forks its workers right after reading a commit: a thread still running refuses them)
    watch = BlobReader._watch

    def slow_to_end(self, process, closed):  # (a watcher that takes a moment to notice the close)
        watch(self, process, closed)
        time.sleep(0.3)

    monkeypatch.setattr(BlobReader, "_watch", slow_to_end)
    files = tree_files(repo.root, "HEAD")
    before = set(threading.enumerate())
    with BlobReader(repo.root) as blobs:
        assert blobs.read(files[0].blob) == (repo.root / files[0].path).read_bytes()
        assert set(threading.enumerate()) - before  # (its watcher, while git runs)
    assert set(threading.enumerate()) - before == set()


def test_an_iteration_left_early_leaves_the_reader_in_step(repo):
    files = tree_files(repo.root, "HEAD")
    with BlobReader(repo.root) as blobs:
        many = blobs.read_many([f.blob for f in files])
        assert next(many) == (repo.root / files[0].path).read_bytes()
        many.close()  # (the rest of the first batch's answers are waiting)
        assert blobs.read(files[5].blob) == (repo.root / files[5].path).read_bytes()


def test_a_missing_blob_is_git_unavailable_and_the_next_read_starts_afresh(repo):
    files = tree_files(repo.root, "HEAD")
    missing = "0" * 40
    with BlobReader(repo.root) as blobs:
        with pytest.raises(GitUnavailable, match="has no blob 000000000000"):
            list(blobs.read_many([files[0].blob, missing, files[1].blob]))
        assert blobs.read(files[2].blob) == (repo.root / files[2].path).read_bytes()
        with pytest.raises(GitUnavailable, match="has no blob"):
            blobs.read(missing)
        assert blobs.read(files[3].blob) == (repo.root / files[3].path).read_bytes()


@pytest.mark.parametrize("answer_begun", [True, False])
def test_a_blob_cut_short_is_git_stopped_not_bytes(answer_begun, tmp_path):
    big = GitRepo(tmp_path)
    big.git("init", "-q", "-b", "main")
    (tmp_path / "big.csv").write_bytes(b"E1001,present\n" * 400_000)  # (5.6 MB: more than a pipe holds)
    big.commit("big", "2026-11-01T09:00:00+00:00")
    [entry] = tree_files(tmp_path, "HEAD")
    with BlobReader(tmp_path) as blobs:
        blobs._ask([entry.blob])
        process = blobs._process
        assert process is not None and process.stdout is not None
        if answer_begun:  # (its first line and some of the blob in the pipe, the rest never comes)
            assert select.select([process.stdout], [], [], 10)[0]
        process.kill()  # (as the time limit ends it)
        with pytest.raises(GitUnavailable, match="stopped"):
            blobs._answer(entry.blob)
        assert blobs.read(entry.blob) == (tmp_path / "big.csv").read_bytes()  # (afresh)


def test_the_time_limit_counts_only_while_an_answer_is_awaited(repo, monkeypatch):
    monkeypatch.setattr(blobs_module, "TIMEOUT", 0.2)
    files = tree_files(repo.root, "HEAD")
    with BlobReader(repo.root) as blobs:
        assert blobs.read(files[0].blob) == (repo.root / files[0].path).read_bytes()
        time.sleep(0.5)  # (a reader parsing what it read: git is not ended meanwhile)
        assert [len(b) for b in blobs.read_many([f.blob for f in files[:3]])] == [
            (repo.root / f.path).stat().st_size for f in files[:3]
        ]
