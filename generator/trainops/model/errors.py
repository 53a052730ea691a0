"""What can go wrong, as exceptions with the exit code each one means.

Every failure the user can act on is a :class:`TrainopsError` and carries its exit code; the
command line maps them in one place (``cli.main``). Anything else that escapes is a bug in
trainops: exit 3 with its traceback. Problems in the data itself are not exceptions but
:class:`~trainops.model.diagnostics.Diagnostic` values, collected across all files.

As MkDocs' ``mkdocs/exceptions.py`` does, one base and a class per kind of failure:
``TrainopsError`` → ``UsageError`` (exit 2), ``BuildFailed``, ``RenderFailed`` and
``ServeFailed`` (exit 1)."""

from __future__ import annotations

import errno

__all__ = [
    "EXIT_BUG",
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_USAGE",
    "BuildFailed",
    "RenderFailed",
    "ServeFailed",
    "TrainopsError",
    "UsageError",
    "machine_failure",
]

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


class TrainopsError(Exception):
    """A failure that is not a bug: its message is for the user, ``exit_code`` for the shell."""

    exit_code = EXIT_DATA


class UsageError(TrainopsError):
    """The command was asked for something it cannot do: an unknown option value, a missing folder."""

    exit_code = EXIT_USAGE


class BuildFailed(TrainopsError):
    """The sites could not be built; ``reason`` says why (MkDocs has logged the details).

    A build replaces the sites only when both built, so the message says that the previous ones
    are unchanged. (The reason alone is the exception's argument: it crosses processes intact.)"""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return f"build failed, the previous sites are unchanged: {self.reason}"


class RenderFailed(TrainopsError):
    """Rendering failed for a reason the user can act on: a mistake in a template override, a
    task over its time limit, a worker process the system killed. The message is the one the
    same failure gives in one process; the MkDocs plugin passes it on as a ``PluginError``."""


class ServeFailed(TrainopsError):
    """The live preview could not start (or stopped): MkDocs' reason."""


# What the machine refuses while trainops writes its output or cache: not the user's data and not
# a bug, so exit 1 with one line. Any other OSError (ENOENT for a file trainops just listed, EBADF,
# EINVAL, EOVERFLOW from a conversion) means trainops did something wrong: exit 3 with its traceback.
_MACHINE_ERRNOS = frozenset(
    {
        errno.EACCES,  # a folder that cannot be written
        errno.EPERM,
        errno.ENOSPC,  # a full disk
        errno.EDQUOT,  # a full quota
        errno.EROFS,  # a read-only file system
        errno.EFBIG,  # a file over the file system's limit
        errno.EIO,  # a failing disk or network share
        errno.EMFILE,  # too many open files, in this process or the whole system
        errno.ENFILE,
        errno.ENOMEM,  # no memory for a new process
    }
)


def machine_failure(exc: BaseException) -> str | None:
    """The one line to show when ``exc`` is the machine refusing (a folder that cannot be written,
    a full disk, a read-only file system); None when it is not, and so a bug."""
    if not isinstance(exc, OSError) or exc.errno not in _MACHINE_ERRNOS:
        return None
    where = f" ({exc.filename})" if exc.filename else ""
    return f"{exc.strerror or exc}{where}"
