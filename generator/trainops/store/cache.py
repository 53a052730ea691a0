"""A content-addressed cache of work done on files: an unchanged file is never parsed again.

Each entry is the result of one pure function of one file's bytes (its parsed and validated
data, say), stored under a digest of those bytes, the file's path, the kind of work, trainops'
version, :data:`FORMAT_VERSION` and the time-zone database's version. A changed file has another
digest, so an entry is never stale; a missing, corrupt or foreign entry is worked out again and
written anew, never an error. Deleting the folder is always safe.

Entries are pickles, and a pickle can run code when it is read: each is signed with HMAC-SHA256
under a key kept outside the repository (``~/.cache/trainops/cache-key``, made on first use), so
an entry committed to a repository or planted in its cache folder is ignored, never unpickled.

The folder is kept under :data:`MAX_BYTES`: after a run, the entries used least recently go
first (a hit touches its entry).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import importlib
import os
import pickle
import secrets
import tempfile
from pathlib import Path
from typing import Any

from .. import __version__

__all__ = [
    "CACHE_DIR",
    "DataCache",
    "FORMAT_VERSION",
    "MAX_BYTES",
    "data_cache",
    "project_fingerprint",
    "tzdata_version",
]

CACHE_DIR = ".trainops-cache"  # next to mkdocs.yml; deleting it is always safe

# Raise when what an entry holds changes shape (a model's fields, a reader's output).
FORMAT_VERSION = "6"  # 6: the records, findings and planned messages moved into model/
MAX_BYTES = 512 * 1024 * 1024
_SUFFIX = ".pickle"


def tzdata_version() -> str:
    """Session times depend on the zone rules: a new database makes new entries."""
    try:
        return str(importlib.import_module("tzdata").IANA_VERSION)  # (importlib.metadata: 50 ms)
    except ImportError:  # pragma: no cover - the system's database
        return "system"


def data_cache(root: Path) -> DataCache:
    """The project's cache of data files, in ``.trainops-cache/data/`` beside mkdocs.yml."""
    return DataCache(Path(root) / CACHE_DIR / "data")


def _key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "trainops" / "cache-key"


def _signing_key() -> bytes | None:
    """This machine's key (made on first use, readable by its owner only); None when there is
    no writable home: then nothing is cached."""
    path = _key_file()
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        fd, temporary = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(key)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
        return path.read_bytes()  # another process may have won the race: use what is there
    except OSError:
        return None


class DataCache:
    """``get``/``put`` results by (kind, path, bytes). ``folder`` None: nothing is cached."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.key = _signing_key() if folder is not None else None
        self.hits = self.misses = 0
        self._salt = f"{__version__}\0{FORMAT_VERSION}\0{tzdata_version()}".encode()

    @property
    def enabled(self) -> bool:
        return self.folder is not None and self.key is not None

    def digest(self, kind: str, path: str, data: bytes) -> str:
        h = hashlib.sha256(self._salt)
        for part in (kind.encode(), path.encode(), data):
            h.update(len(part).to_bytes(8, "little"))
            h.update(part)
        return h.hexdigest()

    def get(self, kind: str, path: str, data: bytes) -> Any | None:
        """The stored result, or None (then work it out and ``put`` it)."""
        if not self.enabled:
            return None
        assert self.folder is not None and self.key is not None
        name = self.digest(kind, path, data)
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

    def put(self, kind: str, path: str, data: bytes, value: Any) -> None:
        if not self.enabled:
            return
        assert self.folder is not None
        name = self.digest(kind, path, data)
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as out:
                out.write(self._sign(name, payload) + payload)
            os.replace(temporary, self.folder / (name + _SUFFIX))
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            return  # a cache that cannot be written only makes the next run slower

    def prune(self, max_bytes: int = MAX_BYTES) -> None:
        """Remove the least recently used entries until the folder holds at most ``max_bytes``."""
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
        for _, size, path in sorted(entries):
            if total <= max_bytes:
                break
            try:
                path.unlink()
                total -= size
            except OSError:
                pass

    def _sign(self, name: str, payload: bytes) -> bytes:
        assert self.key is not None
        return hmac.new(self.key, name.encode() + b"\0" + payload, hashlib.sha256).digest()


# Folders never part of what a check reads: version control, caches, tools, built sites.
_NOT_INPUT = {"node_modules", "__pycache__", "site", "ops"}


def project_fingerprint(root: Path, source_folders: list[str]) -> bytes:
    """A digest of everything ``check`` reads: the bytes of every file in ``source_folders`` and
    of mkdocs.yml, and the name (and link target) of every other file of the repository, whose
    existence links and materials depend on. Hidden folders, caches and built sites are left out."""
    sources = tuple(f.strip("/") + "/" for f in source_folders if f.strip("/"))
    h = hashlib.sha256()
    _fingerprint(str(root), str(root), sources, h)
    return h.digest()


def _fingerprint(root: str, folder: str, sources: tuple[str, ...], h) -> None:
    # Directory entries tell their own kind: no stat for a plain file or folder.
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        rel = os.path.relpath(entry.path, root).replace(os.sep, "/")
        if entry.is_symlink():
            h.update(rel.encode() + b"\0->" + os.readlink(entry.path).encode() + b"\0")
        elif entry.is_dir():
            if not entry.name.startswith(".") and entry.name not in _NOT_INPUT:
                _fingerprint(root, entry.path, sources, h)
        elif not entry.is_file():
            h.update(rel.encode() + b"\0not a file\0")  # a FIFO or a device: never opened
        else:
            h.update(rel.encode() + b"\0")
            if rel == "mkdocs.yml" or rel.startswith(sources):
                try:
                    with open(entry.path, "rb") as file:
                        h.update(hashlib.sha256(file.read()).digest())
                except OSError:
                    h.update(b"unreadable")
