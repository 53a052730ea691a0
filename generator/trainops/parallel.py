"""Two cores for one build: a pure function run in a forked child while the caller goes on.

Loading a big project and generating its pages is CPU work in Python, so one process uses one
core. ``os.fork`` hands a child everything already loaded (copy-on-write, nothing to send); only
the child's result comes back, pickled through a pipe.

``in_background(fn, *args)`` starts ``fn(*args)`` and returns a handle; ``handle.result()`` is
its value. ``fn`` must be pure: whatever it changes in the child is lost. The result never
depends on whether a child was used:

- no child is forked where it is not safe or does not pay: no ``os.fork`` (Windows), other
  threads running (a fork copies only the calling thread; MkDocs' live-reload server runs
  threads, so ``serve`` renders in one process), a single CPU, or ``TRAINOPS_JOBS=1``;
  then ``fn`` runs in the caller when its result is asked for;
- a child that fails in any way (an exception, a result that cannot be pickled, a crash) makes
  the caller run ``fn`` itself, so an error is raised where it would be without a child.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["in_background", "can_fork"]


def can_fork() -> bool:
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    jobs = os.environ.get("TRAINOPS_JOBS", "").strip()
    if jobs:
        return jobs.isdigit() and int(jobs) > 1
    return (os.cpu_count() or 1) > 1


class _Inline:
    def __init__(self, fn: Callable, args: tuple):
        self.fn, self.args = fn, args

    def result(self) -> Any:
        return self.fn(*self.args)

    def discard(self) -> None:
        pass


class _Forked:
    def __init__(self, fn: Callable, args: tuple, low_priority: bool = False):
        self.fn, self.args = fn, args
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: compute, send, and leave without running any cleanup
            try:
                os.close(read_end)
                if low_priority:
                    os.nice(19)
                try:
                    payload = pickle.dumps((True, fn(*args)), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException:  # noqa: BLE001 - the parent runs fn again and sees the error
                    payload = pickle.dumps((False, None))
                with os.fdopen(write_end, "wb") as out:
                    out.write(payload)
            finally:
                os._exit(0)
        os.close(write_end)
        self.read_end: int | None = read_end

    def discard(self) -> None:
        """The result is not wanted (the caller failed first): do not leave the child waiting."""
        read_end = getattr(self, "read_end", None)
        if read_end is not None:
            os.close(read_end)
            self.read_end = None
            os.waitpid(self.pid, 0)

    __del__ = discard

    def result(self) -> Any:
        read_end, self.read_end = self.read_end, None
        assert read_end is not None, "result() is asked for once"
        try:
            with os.fdopen(read_end, "rb") as pipe:
                payload = pipe.read()
        finally:
            _, status = os.waitpid(self.pid, 0)
        try:
            ok, value = pickle.loads(payload) if payload and status == 0 else (False, None)
        except Exception:  # noqa: BLE001 - a truncated result: compute it here
            ok, value = False, None
        return value if ok else self.fn(*self.args)


def in_background(fn: Callable, *args, low_priority: bool = False) -> _Inline | _Forked:
    """Start ``fn(*args)`` in a child process where that is safe; ``.result()`` gives its value.

    ``low_priority``: the child yields the CPU to the caller's other work (``nice 19``): for work
    wanted only later, done on a core the caller leaves idle meanwhile."""
    return _Forked(fn, args, low_priority) if can_fork() else _Inline(fn, args)
