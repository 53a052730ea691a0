"""A folder trainops writes whole (a built site, the reports) is written beside it first and put in
its place only once complete, so that a run that stops half-way (a mistake in a template
override, a full disk, a kill) leaves the previous folder as it was.

The folder being written is ``.<name>-building-<pid>-<random>`` in the same parent (the same file
system, so the swap is two renames); the folder it replaces is moved to ``.<name>-old-<pid>``
and then removed. What killed runs left beside the target (their process is gone) is swept
away by the next run; a run that is still going is left alone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

__all__ = ["scratch_for", "staging_for", "swap", "discard"]


def staging_for(target: Path) -> Path:
    """A new, empty folder beside ``target`` to write its next version into (readable by its
    owner alone, as ``mkdtemp`` makes it). Raises ``OSError`` when the parent cannot be written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _sweep_stale(target)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}-building-{os.getpid()}-", dir=target.parent))


def scratch_for(target: Path, purpose: str) -> Path:
    """A new, empty folder beside ``target`` for this run's own files (``purpose`` in its name),
    named as a staging folder is: the next :func:`staging_for` of ``target`` sweeps it away when
    this run was killed before it could :func:`discard` it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}-building-{os.getpid()}-{purpose}-", dir=target.parent))


def swap(staging: Path, target: Path, mode: int | None = None) -> None:
    """Put the complete ``staging`` in ``target``'s place and remove the folder it replaces.
    ``mode``: the permissions the folder gets (None: ``staging_for``'s, its owner's alone)."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        if old is not None:  # (the previous folder back in its place)
            old.rename(target)
        raise
    if mode is not None:
        os.chmod(target, mode)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    """Remove a staging folder whose run did not finish."""
    shutil.rmtree(staging, ignore_errors=True)


def _sweep_stale(target: Path) -> None:
    """Remove what killed runs left beside ``target``: staging folders and replaced folders whose
    process is gone (their names carry its id)."""
    for pattern in (f".{target.name}-building-*", f".{target.name}-old-*"):
        for folder in target.parent.glob(pattern):
            pid = folder.name[len(f".{target.name}-") :].split("-")[1]
            if pid.isdigit() and not _running(int(pid)):
                shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
