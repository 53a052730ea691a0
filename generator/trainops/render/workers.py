"""Worker processes with time limits, whose failures say what they are.

trainops uses a second core for the render worker of a big project (:mod:`trainops.render.pool`),
the PDF manuals (:mod:`trainops.manuals.jobs`), ``check``'s digests and half its records work
(:mod:`trainops.commands.check_run`, :mod:`trainops.commands.record_checks`) and a report's
project and transcripts (:mod:`trainops.commands.report`). Each runs its tasks in a :class:`Worker`:
the one process of a ``concurrent.futures.ProcessPoolExecutor``,
which runs the tasks given to it in order, each under its own time limit. What a task can end in,
and what its caller sees:

- it returns: its result;
- it raises a :class:`~trainops.model.errors.TrainopsError` (a user's mistake, such as a template
  override's ``{{ 1 / 0 }}``): that error, as raised;
- it raises anything else, a bug: :class:`WorkerBug`, whose cause is the worker's traceback
  (``concurrent.futures`` attaches it as text), so the command prints it as it prints any bug's;
- it runs over its limit: the worker is killed at once, and :class:`TookTooLong` names the task;
- the worker dies (the out-of-memory killer's SIGKILL): the executor notices within moments
  (``BrokenProcessPool``), and :class:`WorkerDied` names the task it was running.

How a worker starts. ``"fork"`` gives it everything this process holds (a loaded project of
200 MB, which would take seconds to pickle) but only while no other thread runs: ``fork`` copies
the calling thread alone, and a lock another thread held stays locked in the child for ever. An
executor forks its process at its first task, before it starts its own thread, and never forks
again (it does not replace a dead worker). Workers made while others run (the manuals, each in a
process of its own) start from multiprocessing's fork server instead: a process with one thread,
which imports ``preload`` once, so each worker is a fork of it, in milliseconds. (As with any use
of the fork server, a script of one's own that calls these needs the ``if __name__ ==
"__main__":`` guard: the server imports the program's main module.)
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from ..model.errors import RenderFailed, TrainopsError, machine_failure

__all__ = [
    "TookTooLong",
    "Worker",
    "WorkerBug",
    "WorkerDied",
    "can_fork_a_worker",
    "each_in_its_own_process",
    "forked_state",
    "usable_cores",
]

K = TypeVar("K")
T = TypeVar("T")
PID_WAIT = 10.0  # seconds a worker may take to start before it counts as lost (it starts in milliseconds)


def usable_cores() -> int:
    """The cores this process may run on: those of its affinity where the system says (a container
    pinned to one core of a big machine has one), else all of the machine's."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def can_fork_a_worker() -> bool:
    """Whether a forked worker can help: a second core, and a fork that copies a whole process
    (``fork`` exists here and no other thread is running, whose locks the copy would inherit)."""
    return usable_cores() > 1 and "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


class WorkerBug(Exception):
    """A bug in trainops met in a worker process: the message names the exception; its cause, the
    worker's traceback. (The exception itself is not sent back: not every exception pickles.)"""


class TookTooLong(RenderFailed):
    """A task ran over its time limit; its worker was killed."""


class WorkerDied(RenderFailed):
    """The worker process ended in the middle of a task: killed from outside, most often by the
    out-of-memory killer."""


class _WorkerProcess:
    """The state a worker process keeps for its tasks: what its ``setup`` made.

    The executor runs its initializer once, then each task as a plain function call, so what the
    initializer made reaches the tasks only through the process's globals: this one object is
    that global. It is set in worker processes only, once, before their first task; the process
    that made the workers never sets it nor reads it."""

    def __init__(self) -> None:
        self.state: Any = None
        self.setup_failed: BaseException | None = None


_THIS_PROCESS = _WorkerProcess()


def _start_worker(pid_writer, memory: int | None, setup: Callable[..., Any] | None, setup_args: tuple) -> None:
    pid_writer.send(os.getpid())  # the parent kills a worker over its limit by this id
    pid_writer.close()
    _end_with_parent()
    if memory is not None:
        _limit_address_space(memory)
    if setup is not None:
        try:
            _THIS_PROCESS.state = setup(*setup_args)
        except Exception as exc:  # noqa: BLE001 - raised by the first task, to be reported as a bug
            _THIS_PROCESS.setup_failed = exc


def _end_with_parent() -> None:
    """In the worker: a thread that ends the process when the process that made it is gone. A
    parent killed outright (the out-of-memory killer's SIGKILL) closes nothing, and its worker
    would wait for tasks for ever, holding its copy of the parent's memory. (The sentinel is
    multiprocessing's own: a pipe whose other end only the parent holds, so it reads as ended
    once the parent is.)"""
    parent = multiprocessing.parent_process()
    if parent is None:  # (not started by multiprocessing)
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="trainops-parent-watch", daemon=True).start()


def forked_state(state: T) -> T:
    """A :class:`Worker`'s ``setup`` that makes ``state`` itself the worker's state: with ``"fork"``
    it reaches the worker through the fork, neither copied nor pickled (a loaded project, a
    report's records)."""
    return state


def _limit_address_space(memory: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):  # no such limit here (or a lower one already): run without
        pass


def _run_task(task: Callable[..., Any], with_state: bool, args: tuple) -> Any:
    """In the worker: ``task(state, *args)`` (or ``task(*args)``), its bugs made :class:`WorkerBug`."""
    try:
        if _THIS_PROCESS.setup_failed is not None:
            raise _THIS_PROCESS.setup_failed
        return task(_THIS_PROCESS.state, *args) if with_state else task(*args)
    except TrainopsError:
        raise
    except Exception as exc:
        if machine_failure(exc):  # (a full disk, a folder that cannot be written: said in one line)
            raise
        raise WorkerBug(f"{type(exc).__name__} in a worker process: {exc}") from exc


@dataclass
class _Task:
    what: str  # "rendering the coordinator site": what took too long, what the worker died in
    limit: float
    submitted: float


class Worker:
    """One worker process running the tasks given to it in order, each under its time limit.

    ``method`` is ``"fork"`` (only while no other thread runs) or :func:`start_method_beside_threads`.
    ``setup(*setup_args)`` runs once in the worker; tasks then receive its result first. ``memory``
    caps the worker's address space (bytes). Always :meth:`close` it (``with``): that kills it if
    a task is still running."""

    def __init__(
        self,
        method: str,
        setup: Callable[..., Any] | None = None,
        setup_args: tuple = (),
        memory: int | None = None,
        preload: tuple[str, ...] = (),
    ):
        context = multiprocessing.get_context(method)
        if preload and method == "forkserver":
            # The fork server is multiprocessing's, one per process, and imports what it is told
            # when it starts (a later call changes nothing): trainops names the same modules always.
            context.set_forkserver_preload(list(preload))
        self._pid_reader, self._pid_writer = context.Pipe(duplex=False)
        self._executor = ProcessPoolExecutor(
            1,
            mp_context=context,
            initializer=_start_worker,
            initargs=(self._pid_writer, memory, setup, setup_args),
        )
        self._with_state = setup is not None
        self._tasks: dict[Future, _Task] = {}  # until its result is taken; oldest first
        self._last_finished = 0.0  # when the latest task ended: the next one started then
        self._pid: int | None = None
        self._started = False
        self._closed = False
        self._died_while: str | None = None

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def submit(self, what: str, limit: float, task: Callable[..., Any], *args: Any) -> Future:
        """Run ``task`` after the tasks before it; ``what`` names it in a failure's message."""
        try:
            future = self._executor.submit(_run_task, task, self._with_state, args)
        except BrokenProcessPool:
            raise self._died() from None
        except BaseException:  # the fork itself failed (no memory, no process left): nothing runs
            self._closed = True
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._close_pipe()
            raise
        self._started = True
        self._tasks[future] = _Task(what, limit, time.monotonic())
        future.add_done_callback(self._note_finished)
        return future

    def result(self, future: Future) -> Any:
        """The task's result, waiting for it (and for the tasks before it) within their limits."""
        self._within_limits(until=future, block=True)
        task = self._tasks.pop(future)
        return self._outcome(future, task)

    def withdraw(self, future: Future) -> bool:
        """Take back a task the worker has not begun (nor been handed: the executor hands it one
        or two tasks ahead): True when it will not run, and the caller does it itself."""
        if not future.cancel():
            return False
        self._tasks.pop(future, None)
        return True

    def raise_failure(self) -> None:
        """Without waiting: raise what a finished task failed with, or :class:`TookTooLong` for the
        running task if it is over its limit. Nothing when all is well so far."""
        self._within_limits(until=None, block=False)
        for future, task in list(self._tasks.items()):
            if future.done() and (future.cancelled() or future.exception() is not None):
                self._outcome(future, task)

    def close(self) -> None:
        """End the worker: at once (killed) if a task is still running, else as it finishes."""
        if self._closed:
            return
        if any(not future.done() for future in self._tasks):
            self._kill()
        else:
            self._closed = True
            self._executor.shutdown(wait=True)
            self._close_pipe()
        self._tasks.clear()

    def _note_finished(self, future: Future) -> None:  # (on the executor's thread, or withdraw's)
        if not future.cancelled():  # (a task taken back never ran: the next one did not start then)
            self._last_finished = time.monotonic()

    def _within_limits(self, until: Future | None, block: bool) -> None:
        """Wait for the tasks up to ``until`` in order (or, not blocking, look at the running one);
        a task over its limit kills the worker. A task started when the one before it ended."""
        for future, task in list(self._tasks.items()):
            if not future.done():
                started = max(task.submitted, self._last_finished)
                remaining = started + task.limit - time.monotonic()
                if not block and remaining > 0:
                    return
                done, _ = wait([future], timeout=max(remaining, 0.0))
                if not done:
                    self._kill()
                    raise TookTooLong(f"{task.what} took longer than {task.limit:g} s")
            if future is until:
                return

    def _outcome(self, future: Future, task: _Task) -> Any:
        try:
            return future.result(0)
        except (BrokenProcessPool, CancelledError):  # (cancelled: the worker was killed before it began)
            if self._died_while is None:  # the oldest task failing so is the one the worker died in
                self._died_while = task.what
            raise self._died() from None

    def _died(self) -> WorkerDied:
        return WorkerDied(
            f"{self._died_while or 'a task'} failed: its worker process died (killed from outside; "
            "most often by the out-of-memory killer, when the machine runs out of memory)"
        )

    def _kill(self) -> None:
        pid = self._worker_pid()
        for process in multiprocessing.active_children():  # (ours and not yet waited for: the id is its own)
            if process.pid == pid:
                process.kill()
        # The executor sees its process end, fails the other tasks and waits for the process. (A
        # worker that never said its id never began a task: nothing to wait for.)
        self._closed = True
        self._executor.shutdown(wait=pid is not None, cancel_futures=True)
        self._close_pipe()

    def _worker_pid(self) -> int | None:
        waiting = self._pid is None and self._started and not self._pid_reader.closed
        if waiting and self._pid_reader.poll(PID_WAIT):
            self._pid = self._pid_reader.recv()
        return self._pid

    def _close_pipe(self) -> None:
        self._pid_reader.close()
        self._pid_writer.close()


def start_method_beside_threads() -> str:
    """How to start workers while other threads (other workers' executors) run: from the fork
    server, which has one thread; ``spawn`` (a fresh interpreter) where there is none."""
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def each_in_its_own_process(
    calls: list[tuple[K, tuple]],
    task: Callable[..., Any],
    *,
    workers: int,
    limit: float,
    what: str,
    memory: int | None = None,
    preload: tuple[str, ...] = (),
) -> Iterator[tuple[K, Any, RenderFailed | None, float]]:
    """``task(*args)`` for each ``(key, args)``, each in a fresh worker process, ``workers`` at a
    time; yields ``(key, result, failure, seconds)`` as each ends. ``failure`` is the
    :class:`RenderFailed` the task raised, or :class:`TookTooLong`, or :class:`WorkerDied`
    (``what`` names the task in their messages); a bug is raised (:class:`WorkerBug`)."""
    method = start_method_beside_threads()
    pending = list(calls)
    running: dict[Future, tuple[K, Worker, float]] = {}
    try:
        while pending or running:
            while pending and len(running) < workers:
                key, args = pending.pop(0)
                worker = Worker(method, memory=memory, preload=preload)
                running[worker.submit(what, limit, task, *args)] = (key, worker, time.monotonic())
            soonest = min(started + limit for _, _, started in running.values())
            done, _ = wait(running, timeout=max(soonest - time.monotonic(), 0.0), return_when=FIRST_COMPLETED)
            for future in list(running):
                key, worker, started = running[future]
                if future not in done and time.monotonic() < started + limit:
                    continue
                del running[future]
                result, failure = None, None
                try:
                    result = worker.result(future)
                except RenderFailed as exc:
                    failure = exc
                finally:
                    worker.close()
                yield key, result, failure, time.monotonic() - started
    finally:
        for _, worker, _ in running.values():
            worker.close()
