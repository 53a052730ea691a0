"""Threads in a test process: pytest-xdist's, and those other tests left idle, are not this test's.
A worker is forked only while no other thread runs (``render/workers.can_fork_a_worker``); a test
of that rule counts the threads started after it began, so the threads of the code under test
still count and those of the test process do not."""

from __future__ import annotations

import threading

import pytest

from trainops.render import workers

__all__ = ["count_only_new_threads"]


def count_only_new_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, the rule sees this thread and the threads started after this call."""
    before = set(threading.enumerate())
    monkeypatch.setattr(
        workers.threading, "active_count", lambda: 1 + sum(t not in before for t in threading.enumerate())
    )
