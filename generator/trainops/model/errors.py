"""What can go wrong, as exceptions with the exit code each one means.

Every failure the user can act on is a :class:`TrainopsError` and carries its exit code; the
command line maps them in one place (``cli.main``). Anything else that escapes is a bug in
trainops: exit 3 with its traceback. Problems in the data itself are not exceptions but
:class:`~trainops.model.diagnostics.Diagnostic` values, collected across all files."""

from __future__ import annotations

__all__ = ["EXIT_BUG", "EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "TrainopsError", "UsageError"]

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


class TrainopsError(Exception):
    """A failure that is not a bug: its message is for the user, ``exit_code`` for the shell."""

    exit_code = EXIT_DATA


class UsageError(TrainopsError):
    """The command was asked for something it cannot do: an unknown option value, a missing folder."""

    exit_code = EXIT_USAGE
