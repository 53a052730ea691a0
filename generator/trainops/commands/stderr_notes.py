"""What a command says once on stderr about where it stands, not about any file: no git history,
history from an enclosing repository, no cache. Used by ``check`` before anything is loaded."""

from __future__ import annotations

import sys

from ..store.cache import DataCache

__all__ = ["note_history", "warn_no_cache", "warn_no_history"]


def note_history(note: str) -> None:
    """Once per command, on stderr, where the history comes from when it is not the project's own."""
    print(f"trainops: note: {note} [history-enclosing]", file=sys.stderr)


def warn_no_history(problem: str, strict: bool = False) -> None:
    """Once per command, on stderr: not a problem of any file. With ``--strict`` an error, which
    fails the command: without the history, calendars would go backwards."""
    if not strict:
        print(f"trainops: warning: {problem} [history-unavailable]", file=sys.stderr)
        return
    print(
        f"trainops: error: {problem} (--strict fails without it: this build's calendar events could "
        f"have lower versions than those published, and calendar clients ignore them) [history-unavailable]",
        file=sys.stderr,
    )


def warn_no_cache(cache: DataCache) -> None:
    """On stderr, when a command opens the cache and its signing key is not safe to use: the
    command works, only slower, and the user learns how to make it fast again."""
    if cache.problem:
        print(f"trainops: warning: nothing is cached: {cache.problem} [{cache.problem_id}]", file=sys.stderr)
