"""A worker's task ends in its result, the user's error as raised, a bug with the worker's
traceback, a time limit that kills the worker, or a death noticed at once; none leaves a process
behind, and none holds a build for long."""

from __future__ import annotations

import math
import multiprocessing
import operator
import os
import signal
import subprocess
import sys
import time
import traceback

import pytest

from trainops.model.errors import RenderFailed
from trainops.render.workers import TookTooLong, Worker, WorkerBug, WorkerDied, each_in_its_own_process

SOON = 60  # seconds: far more than any of these takes, far less than a hang


def _remember(state: dict, key: str, value: int) -> int:
    state[key] = value
    return len(state)


def _recall(state: dict, key: str) -> int:
    return state[key]


def _users_mistake(state: dict) -> None:
    raise RenderFailed("guide.html:3: 'no_such_name' is undefined")


def _planted_bug(state: dict) -> None:
    raise ZeroDivisionError("a bug planted in the worker")


def _sleep(state: dict, seconds: float) -> None:
    time.sleep(seconds)


def _killed(state: dict) -> None:
    os.kill(os.getpid(), signal.SIGKILL)  # what the out-of-memory killer does


@pytest.fixture()
def worker():
    with Worker("fork", dict) as worker:
        yield worker
    assert not multiprocessing.active_children()


def test_tasks_run_in_order_and_keep_the_state_setup_made(worker):
    first = worker.submit("remembering", SOON, _remember, "a", 1)
    second = worker.submit("remembering", SOON, _remember, "b", 2)
    assert worker.result(second) == 2 and worker.result(first) == 1
    assert worker.result(worker.submit("recalling", SOON, _recall, "b")) == 2


def test_a_users_mistake_comes_back_as_raised(worker):
    with pytest.raises(RenderFailed, match="guide.html:3: 'no_such_name' is undefined") as caught:
        worker.result(worker.submit("rendering the guide", SOON, _users_mistake))
    assert type(caught.value) is RenderFailed


def test_a_bug_comes_back_as_a_bug_with_the_workers_traceback(worker):
    with pytest.raises(WorkerBug, match="ZeroDivisionError in a worker process: a bug planted in the worker") as caught:
        worker.result(worker.submit("rendering the guide", SOON, _planted_bug))
    assert not isinstance(caught.value, RenderFailed)  # not the user's to fix: exit 3
    printed = "".join(traceback.format_exception(caught.value))
    assert "in _planted_bug" in printed  # the frame in the worker, printed with the bug
    assert 'raise ZeroDivisionError("a bug planted in the worker")' in printed


def test_a_task_over_its_limit_kills_the_worker_and_is_named(worker):
    worker.submit("remembering", SOON, _remember, "a", 1)
    task = worker.submit("rendering the coordinator site", 1, _sleep, 600)
    started = time.monotonic()
    with pytest.raises(TookTooLong, match="rendering the coordinator site took longer than 1 s"):
        worker.result(task)
    assert time.monotonic() - started < SOON
    assert not multiprocessing.active_children()


def test_a_killed_worker_is_noticed_at_once_and_names_its_task(worker):
    task = worker.submit("rendering the coordinator site", 1800, _killed)
    started = time.monotonic()
    deadline = started + SOON
    with pytest.raises(WorkerDied, match="rendering the coordinator site failed: its worker process died"):
        while time.monotonic() < deadline:  # as the learner site's build asks between pages
            worker.raise_failure()
            time.sleep(0.05)
    assert time.monotonic() - started < SOON
    with pytest.raises(WorkerDied, match="rendering the coordinator site"):
        worker.result(task)


def test_looking_for_a_failure_does_not_wait(worker):
    task = worker.submit("sleeping", SOON, _sleep, 2)
    started = time.monotonic()
    worker.raise_failure()
    assert time.monotonic() - started < 1
    assert worker.result(task) is None


def test_a_task_not_begun_is_taken_back_and_never_runs(worker):
    """What a worker has not begun, nor been handed (the executor hands it one or two tasks ahead),
    its caller may do itself."""
    running = worker.submit("sleeping", SOON, _sleep, 5)  # (long enough for a loaded machine)
    ahead = [worker.submit("remembering", SOON, _remember, key, 1) for key in ("a", "b")]
    taken_back = [worker.submit("remembering", SOON, _remember, key, 2) for key in ("c", "d")]
    handed = time.monotonic() + SOON
    while not (running.running() or running.done()):  # (handed over: no taking back)
        assert time.monotonic() < handed, "the first task was never handed to the worker"
        time.sleep(0.01)
    assert not worker.withdraw(running)
    assert [worker.withdraw(task) for task in reversed(taken_back)] == [True, True]
    worker.raise_failure()  # (a task taken back is no failure)
    assert [worker.result(task) for task in ahead] == [1, 2] and worker.result(running) is None
    assert worker.result(worker.submit("recalling", SOON, _recall, "b")) == 1
    with pytest.raises(WorkerBug, match="KeyError"):  # (it never ran)
        worker.result(worker.submit("recalling", SOON, _recall, "c"))


def test_closing_a_busy_worker_kills_it():
    worker = Worker("fork", dict)
    worker.submit("sleeping", SOON, _sleep, 600)
    started = time.monotonic()
    worker.close()
    assert time.monotonic() - started < SOON and not multiprocessing.active_children()


_ORPHAN = """
import sys, time
from trainops.render.workers import Worker
def sleep(state, seconds):
    time.sleep(seconds)
def pid(state):
    import os
    return os.getpid()
if __name__ == "__main__":
    worker = Worker(sys.argv[1], dict)
    print(worker.result(worker.submit("its id", 60, pid)), flush=True)
    worker.submit("sleeping", 600, sleep, 600)
    time.sleep(600)
"""


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_a_worker_ends_when_its_parent_is_killed_outright(method, tmp_path):
    # (the out-of-memory killer's SIGKILL closes nothing: the worker must notice on its own)
    script = tmp_path / "orphan.py"
    script.write_text(_ORPHAN, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script), method], stdout=subprocess.PIPE, text=True)
    worker_pid = None
    try:
        assert parent.stdout is not None
        worker_pid = int(parent.stdout.readline())
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(SOON)
        deadline = time.monotonic() + SOON
        while _running(worker_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _running(worker_pid)
    finally:
        parent.kill()
        if worker_pid is not None and _running(worker_pid):  # (no orphan left by a failing test)
            os.kill(worker_pid, signal.SIGKILL)


def _running(pid: int) -> bool:
    """Whether the process is alive (a zombie, dead but not yet waited for by init, is not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_each_call_in_its_own_process_fails_alone():
    """One call over its limit and one whose worker is killed fail, each saying so; the others
    (beside them, and after them) give their results. (Standard library functions: the workers
    start from the fork server, which imports what the calls name.)"""
    calls = [
        ("slow", (time.sleep, 600)),
        ("root", (math.sqrt, 16.0)),
        ("killed", (signal.raise_signal, signal.SIGKILL)),
        ("factorial", (math.factorial, 5)),
    ]
    started = time.monotonic()
    outcomes = {
        key: (result, failure)
        for key, result, failure, _ in each_in_its_own_process(
            calls, operator.call, workers=2, limit=3, what="rendering it"
        )
    }
    assert time.monotonic() - started < SOON
    assert outcomes["root"] == (4.0, None) and outcomes["factorial"] == (120, None)
    slow, killed = outcomes["slow"][1], outcomes["killed"][1]
    assert isinstance(slow, TookTooLong) and "rendering it took longer than 3 s" in str(slow)
    assert isinstance(killed, WorkerDied) and "rendering it failed: its worker process died" in str(killed)
    assert not multiprocessing.active_children()
