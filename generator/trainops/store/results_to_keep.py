"""Results worked out from files read after their keys were taken, kept in the cache together once
no file changed since (:meth:`~trainops.store.file_digests.FileDigests.unchanged_since_taken`).

One look at every file for all of a command's results, not one for each: ``check`` keeps its
project's diagnostics, each program's records problems, the programs' entries and its whole
result, and each look costs a system call a file (a year of a large organisation's records: about
70 ms on a loaded machine, a twentieth of a check after one sheet is edited)."""

from __future__ import annotations

from typing import Any

from .cache import DataCache
from .file_digests import FileDigests

__all__ = ["ResultsToKeep"]


class ResultsToKeep:
    """What :meth:`put` is given waits for :meth:`keep`, which puts it in the cache when every file
    and folder that went into ``digests``' keys is still as they saw it, and else lets it go (the
    run shows what it read; the cache never holds it under keys of other bytes)."""

    def __init__(self, cache: DataCache, digests: FileDigests):
        self.cache, self.digests = cache, digests
        self._waiting: list[tuple[str, str, bytes, Any]] = []

    def put(self, kind: str, path: str, key: bytes, value: Any) -> None:
        """Keep ``value`` under (``kind``, ``path``, ``key``) at :meth:`keep`, if it may be."""
        self._waiting.append((kind, path, key, value))

    def keep(self, other_inputs_as_keyed: bool = True) -> None:
        """Put what waits when no file changed since the keys were taken (looked at only when
        something waits: a run that worked nothing out pays nothing) and the caller knows the keys'
        other inputs were those the results were made from (``check``: the history's HEAD); else
        let it go."""
        waiting, self._waiting = self._waiting, []
        if not waiting or not other_inputs_as_keyed or not self.digests.unchanged_since_taken():
            return
        for kind, path, key, value in waiting:
            self.cache.put(kind, path, key, value)
