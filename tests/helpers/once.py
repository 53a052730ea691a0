"""Work done once per test run, however many pytest-xdist workers run it: the first worker to
ask does it under a lock in the folder the run's workers share; the others wait for it and use
its result. Without xdist the work is done in the run's own temporary folder, as any session
fixture's would be."""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

__all__ = ["once_per_run"]


def once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder that ``make`` has filled, made once for the whole run. ``make`` gets a new, empty
    folder; one that raised leaves nothing the next worker would take for done."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    # Each worker's base temporary folder is <run>/popen-gwN: <run> is this run's alone.
    shared = tmp_path_factory.getbasetemp().parent
    done = shared / f"{name}.done"  # holds the path of the finished folder
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if a worker dies
        if not done.exists():
            folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=shared))
            make(folder)
            done.write_text(str(folder), encoding="utf-8")
        return Path(done.read_text(encoding="utf-8"))
