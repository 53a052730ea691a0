"""trainops.parallel: a forked child gives what the caller would have computed, or the caller computes it."""

from __future__ import annotations

import os
import threading

import pytest

from trainops import parallel
from trainops.parallel import in_background


@pytest.fixture
def forking(monkeypatch):
    """Children are forked whatever this machine's CPU count and whatever threads earlier tests left."""
    monkeypatch.setenv("TRAINOPS_JOBS", "2")
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    assert parallel.can_fork()
    forked: list[int] = []

    class Counted(parallel._Forked):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)  # (the child never returns from it)
            forked.append(self.pid)

    monkeypatch.setattr(parallel, "_Forked", Counted)
    return forked


def _square_and_pid(n: int) -> tuple[list[int], int]:
    return [i * i for i in range(n)], os.getpid()


def _fail(message: str):
    raise ValueError(message)


def test_child_computes_the_value(forking):
    handle = in_background(_square_and_pid, 200_000)  # a result larger than a pipe's buffer
    values, pid = handle.result()
    assert values == [i * i for i in range(200_000)]
    assert pid != os.getpid()


def test_an_error_in_the_child_is_raised_in_the_caller(forking):
    with pytest.raises(ValueError, match="bad data"):
        in_background(_fail, "bad data").result()


def test_one_job_or_other_threads_mean_no_child(monkeypatch):
    monkeypatch.setenv("TRAINOPS_JOBS", "1")
    assert in_background(_square_and_pid, 3).result() == ([0, 1, 4], os.getpid())
    monkeypatch.delenv("TRAINOPS_JOBS")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel.can_fork()
        assert in_background(_square_and_pid, 3).result()[1] == os.getpid()
    finally:
        stop.set()
        thread.join()


def test_a_result_never_asked_for_leaves_no_child(forking):
    handle = in_background(_square_and_pid, 100_000)  # a child blocked on a full pipe
    pid = handle.pid
    del handle
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped


def test_loading_in_two_processes_gives_the_same_project(tmp_path, monkeypatch, forking):
    """Programs, SOPs and pages load in a child: the same project and the same diagnostics, in order."""
    from datetime import date

    from conftest import copy_example
    from trainops.loading import load_project

    root = copy_example(tmp_path / "repo")
    program = root / "programs" / "onboarding.yaml"
    program.write_text(program.read_text().replace("name:", "nmae:", 1))  # an error in a program
    sop = next((root / "sops").glob("*.md"))
    sop.write_text(sop.read_text() + "\nSee [gone](missing-sop.md).\n")  # a broken link in an SOP
    schedule = root / "programs" / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace("program: onboarding", "program: onbaording", 1))

    def load(jobs: str):
        monkeypatch.setenv("TRAINOPS_JOBS", jobs)
        return load_project(root, today=date(2026, 11, 23))

    (alone, alone_diagnostics), (paired, paired_diagnostics) = load("1"), load("2")
    assert forking  # the second load did use a child
    assert paired_diagnostics == alone_diagnostics
    assert {d.path for d in alone_diagnostics} >= {"programs/onboarding.yaml", f"sops/{sop.name}", "programs/schedule.yaml"}
    for name in ("programs", "sops", "pages", "people", "sessions", "texts", "unchecked_references"):
        assert getattr(paired, name) == getattr(alone, name), name


def test_rendering_in_two_processes_gives_the_same_files(example_project, monkeypatch, forking):
    from trainops.render.site import _shares, render_site

    theirs, ours = _shares(example_project)
    assert theirs and ours  # both processes have programs to render
    monkeypatch.setenv("TRAINOPS_JOBS", "1")
    alone = render_site(example_project)
    monkeypatch.setenv("TRAINOPS_JOBS", "2")
    assert render_site(example_project) == alone
    assert forking
