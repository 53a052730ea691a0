"""A content-addressed cache of work done on files: an unchanged file is never parsed again.

Each entry is the result of one pure function of one file's bytes (its parsed and validated
data, say), stored under a digest of those bytes, the file's path, the kind of work and
:func:`~trainops.store.salt.cache_salt`: a digest of trainops' own files and the versions of the
libraries, zone rules and Python it ran on. A changed file, an edited trainops or an upgraded
library gives another digest, so an entry is never stale (no format number to remember to
raise); a missing, corrupt or foreign entry is worked out again and written anew, never an
error. Deleting the folder is always safe.

Entries are pickles, and a pickle can run code when it is read: each is signed with HMAC-SHA256
under a key kept outside the repository (:mod:`trainops.store.signing_key`: the user's own,
closed to others, else nothing is cached), so an entry committed to a repository or planted in
its cache folder is ignored, never unpickled.

The folder is kept under :data:`MAX_BYTES`: after a run, the entries used least recently go
first (a hit touches its entry), but never one the run itself used.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .cache_folder import CACHE_DIR, UNUSABLE, cache_folder
from .salt import cache_salt
from .signing_key import signing_key

__all__ = ["CACHE_DIR", "DataCache", "MAX_BYTES", "SharedResults", "data_cache"]

# Five years of a large organisation's records need about 0.7 GB between two builds (round 14 of
# bench/RESULTS.md): a bound below that made every build work out a part of them again.
MAX_BYTES = 2 * 1024 * 1024 * 1024
_SUFFIX = ".pickle"
_CLOCK_SLACK = 2.0  # seconds: a file system's times may be coarser than the clock's


def data_cache(root: Path, protected: Iterable[str | Path] = ()) -> DataCache:
    """The project's cache of data files, in ``.trainops-cache/data/`` beside mkdocs.yml (none,
    with the reason in ``problem``, when that folder cannot be used). ``protected``: the folders
    it may not be in (:func:`~trainops.store.cache_folder.cache_folder`)."""
    folder, problem = cache_folder(root, protected)
    if folder is None:
        return DataCache(None, problem, UNUSABLE)
    return DataCache(folder / "data")


class SharedResults:
    """The results one load used, held in memory by a long-lived process (a preview) for its next
    load: an unchanged file's result is handed over as the same object, neither read from disk nor
    unpickled. For results nobody changes only (the loader's files: a project is frozen; the
    cross-file checks' findings, kept with the inputs they were worked out from). Each
    :meth:`turn` lets go of what the load before did not use, so it holds one load's results
    however many saves a day-long preview takes in."""

    def __init__(self) -> None:
        self._kept: dict[str, Any] = {}
        self._used: dict[str, Any] = {}

    def __len__(self) -> int:
        return len(self._kept.keys() | self._used.keys())

    def get(self, name: str) -> Any | None:
        value = self._used.get(name)
        if value is None:
            value = self._kept.get(name)
            if value is not None:
                self._used[name] = value
        return value

    def keep(self, name: str, value: Any) -> None:
        self._used[name] = value

    def turn(self) -> None:
        """A load is over: what it used is kept for the next, the rest let go."""
        self._kept, self._used = self._used, {}


class DataCache:
    """``get``/``put`` results by (kind, path, bytes). ``folder`` None: nothing is cached.
    ``problem``: why nothing is cached (the key is not safe, the folder cannot be used), and
    ``problem_id`` the id of the note that says it."""

    def __init__(self, folder: Path | None, problem: str = "", problem_id: str = "cache-untrusted"):
        self.folder = folder
        self.key, self.problem = signing_key() if folder is not None else (None, problem)
        self.problem_id = problem_id
        self.hits = self.misses = 0
        self._salt = cache_salt()
        self.shared: SharedResults | None = None  # (a preview's: see ``get``)

    @property
    def enabled(self) -> bool:
        return self.folder is not None and self.key is not None

    def digest(self, kind: str, path: str, data: bytes) -> str:
        h = hashlib.sha256(self._salt)
        for part in (kind.encode(), path.encode(), data):
            h.update(len(part).to_bytes(8, "little"))
            h.update(part)
        return h.hexdigest()

    def get(self, kind: str, path: str, data: bytes, shared: bool = False) -> Any | None:
        """The stored result, or None (then work it out and ``put`` it). ``shared``: a result its
        callers never change, which may be the very object the last load got (:class:`SharedResults`)."""
        name = self.digest(kind, path, data)
        if shared and self.shared is not None:
            value = self.shared.get(name)
            if value is not None:
                self.hits += 1
                return value
        value = self._stored(name)
        if value is not None and shared and self.shared is not None:
            self.shared.keep(name, value)
        return value

    def holds(self, kind: str, path: str, data: bytes) -> bool:
        """Whether an entry is stored under this key (without reading it: it may still turn out
        unreadable or forged when :meth:`get` reads it)."""
        if not self.enabled or self.folder is None:
            return False
        return (self.folder / (self.digest(kind, path, data) + _SUFFIX)).is_file()

    def _stored(self, name: str) -> Any | None:
        if not self.enabled:
            return None
        assert self.folder is not None and self.key is not None
        entry = self.folder / (name + _SUFFIX)
        try:
            blob = entry.read_bytes()
        except OSError:
            self.misses += 1
            return None
        signature, payload = blob[:32], blob[32:]
        if len(blob) < 32 or not hmac.compare_digest(signature, self._sign(name, payload)):
            self.misses += 1  # corrupt, or not made on this machine: never unpickled
            return None
        try:
            value = pickle.loads(payload)
        except Exception:  # noqa: BLE001 - a class that changed shape: work it out again
            self.misses += 1
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)  # recently used: pruned last
        self.hits += 1
        return value

    def put(self, kind: str, path: str, data: bytes, value: Any, shared: bool = False) -> None:
        name = self.digest(kind, path, data)
        if shared and self.shared is not None:
            self.shared.keep(name, value)
        if not self.enabled:
            return
        assert self.folder is not None
        temporary = None
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as out:
                out.write(self._sign(name, payload) + payload)
            os.replace(temporary, self.folder / (name + _SUFFIX))
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            # A cache that cannot be written (or a folder where the entry goes) only makes the next
            # run slower.
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def prune(self, max_bytes: int = MAX_BYTES, used_since: float | None = None) -> None:
        """Remove the least recently used entries until the folder holds at most ``max_bytes``,
        never one used (read or written) since ``used_since`` (when the run began): what a run
        needed, its next run needs again, however much it is."""
        if self.folder is None or not self.folder.is_dir():
            return
        entries = []
        for path in self.folder.iterdir():
            try:
                stat = path.stat()
            except OSError:
                continue
            entries.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        for used, size, path in sorted(entries):
            if total <= max_bytes or (used_since is not None and used >= used_since - _CLOCK_SLACK):
                break
            try:
                path.unlink()
                total -= size
            except OSError:
                pass

    def _sign(self, name: str, payload: bytes) -> bytes:
        assert self.key is not None
        return hmac.new(self.key, name.encode() + b"\0" + payload, hashlib.sha256).digest()
