"""Each file's digest remembered with its stat data, so that a warm ``check`` does not read every
file again: the way git's index spares ``git status`` from reading the working tree.

Why not read every file: ``check``'s key covers the bytes of every source and records file, and
reading one costs about 15 µs here, so 100,000 attendance files (five years of a large
organisation) cost 1.5 s by themselves, past the one second a warm check may take. Why this is
still a cache that never lies:

- a digest is reused only when the file's size, modification time, *change* time, inode and
  device are all the ones it was taken with. The kernel sets the change time (ctime) on every
  write, rename or metadata change, and nothing short of setting the system clock sets it back:
  ``touch -d``, ``cp -p`` and ``rsync -t`` restore the modification time only, and a file
  replaced by another (an editor's save, ``git checkout``) has another inode or ctime;
- a file changed twice within the file system's clock tick, with the same size, would keep both
  times: so a digest is remembered only for a file last changed before the run began, minus
  :data:`RACY_MARGIN_NS` (coarse file systems keep 2 s times); a younger file is read on every run
  until it is older than that (git's "racily clean" entries);
- the memo is one entry of the signed cache (:mod:`trainops.store.cache`): one planted in the
  cache folder is not read, and a new trainops (another salt) starts from none.
A file whose stat data cannot be relied on in this way (a network file system whose server clock
is minutes away) is the one case it does not cover; deleting ``.trainops-cache`` reads every file.

A folder's files are vouched for together (:meth:`FileDigests.folder`): the digest of all of them
is remembered under the stat data of all of them (names, sizes, times, inodes), so a warm run
stats each file, as before, but neither looks each up in a memo of 100,000 files nor loads that
memo (five years of attendance sheets: 0.5 s of a warm check). The rule is the same: the folder's
digest is reused only when every one of its files has the stat data it had, and remembered only
when every one of them is older than the margin. The memo of single files is loaded only when a
file must be looked up in it.

What went into a key is noted as it is taken (:class:`~trainops.store.taken_stats.TakenStats`,
whose docstring says exactly what is covered and what is not), and looked at again before a result
worked out from the files is kept under that key (:meth:`FileDigests.unchanged_since_taken`): a
file saved between the key and the read keeps nothing.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator, Sequence
from stat import S_ISREG

from .cache import DataCache
from .taken_stats import STAT_KEY, StatKey, TakenStats, listing_signature

__all__ = ["FileDigests", "RACY_MARGIN_NS", "file_bytes", "file_digest"]

RACY_MARGIN_NS = 2_000_000_000
_KIND = "file-digests"
_FOLDER_KIND = "folder-digest"


class FileDigests:
    """The digests of files by repository path, from the memo when their stat data are unchanged."""

    def __init__(self, cache: DataCache | None, name: str = "", now_ns: int | None = None):
        """``name``: which memo of the cache (one per use); ``now_ns``: when the run began (the
        clock's time now, unless a test says otherwise)."""
        self._cache, self._name = cache, name
        self._memo: dict[str, tuple[StatKey, bytes]] | None = None  # (loaded when first wanted)
        self._memo_missing = False
        self._now: dict[str, tuple[StatKey, bytes]] = {}
        self._vouched: set[str] = set()  # the folders whose files' digest was remembered whole
        # Each folder's files as listed this run: (names, stat keys), and by name when asked.
        self._listed: dict[str, tuple[list[str], list[StatKey]]] = {}
        self._listed_by_name: dict[str, dict[str, StatKey]] = {}
        # Every digest this run took, young files' too: a second look in the same run (check's key,
        # then its records work) does not read the file again.
        self._this_run: dict[str, tuple[StatKey, bytes]] = {}
        self._trusted_before = (time.time_ns() if now_ns is None else now_ns) - RACY_MARGIN_NS
        self.files_read = 0
        # The bytes of the files below a folder read for their digests, kept for whoever reads them
        # next in this run (see keep_bytes_below).
        self._below, self._room = "", 0
        self._bytes: dict[str, tuple[StatKey, bytes]] = {}
        # The stat data of what went into this run's keys, as first taken (see unchanged_since_taken).
        self.taken = TakenStats()

    def digest(self, path: str, rel: str, stat: os.stat_result) -> bytes:
        """The digest of the bytes of the file at ``path`` (``rel`` in the repository), whose
        stat data (not following a link) are ``stat``."""
        key = _stat_key(stat)
        self.taken.note_file(path, key)
        return self._digest(path, rel, stat, key)

    def _digest(self, path: str, rel: str, stat: os.stat_result, key: StatKey) -> bytes:
        seen = self._this_run.get(rel)
        if seen is not None and seen[0] == key:
            return seen[1]
        known = self._known.get(rel)
        if known is not None and known[0] == key:
            self._now[rel] = known
            return known[1]
        self.files_read += 1
        try:
            size = stat.st_size if S_ISREG(stat.st_mode) else None  # (a link's size is not its file's)
            data = file_bytes(path, size)
        except OSError:
            return b"unreadable"
        digest = hashlib.sha256(data).digest()
        if self._below and rel.startswith(self._below):
            if len(data) <= self._room:
                self._bytes[rel] = (key, data)
                self._room -= len(data)
            else:  # (all of them or none: more would be held beside the rows of the first)
                self.forget_bytes()
        self._this_run[rel] = (key, digest)
        if max(stat.st_mtime_ns, stat.st_ctime_ns) < self._trusted_before:
            self._now[rel] = (key, digest)
        return digest

    def digest_as_listed(self, rel: str) -> bytes | None:
        """The digest of ``rel``, a plain file of a folder listed by :meth:`folder` in this run,
        as that listing saw it (its stat data then), without another look at the file: what the
        run's key holds for it. None when its folder was not listed, or its digest is neither
        taken in this run nor in the memo (the caller looks at the file itself)."""
        folder, _, name = rel.rpartition("/")
        by_name = self._listed_by_name.get(folder)
        if by_name is None:
            listed = self._listed.get(folder)
            if listed is None:
                return None
            by_name = self._listed_by_name[folder] = dict(zip(*listed, strict=True))
        key = by_name.get(name)
        if key is None:
            return None
        for found in (self._this_run.get(rel), self._now.get(rel), self._known.get(rel)):
            if found is not None and found[0] == key:
                return found[1]
        return None

    def keep_bytes_below(self, folder: str, at_most: int) -> None:
        """Keep the bytes of the files below ``folder`` (a repository path) that this run reads for
        their digests, for :meth:`kept_bytes`, when all of them come to at most ``at_most`` bytes
        (past that, none is kept: the first ones would be held while the rest are worked out). A
        cold ``check`` reads the records files for its key and then for their rows (20,600 files a
        year in a large organisation, 15 µs each): this way it reads each once."""
        self._below, self._room = folder.strip("/") + "/", at_most

    def kept_bytes(self, rel: str, stat: os.stat_result) -> bytes | None:
        """The bytes of ``rel`` read for its digest in this run, when its stat data (not following
        a link) are still ``stat``; let go of once given."""
        kept = self._bytes.pop(rel, None)
        return kept[1] if kept is not None and kept[0] == _stat_key(stat) else None

    def forget_bytes(self) -> None:
        """Let go of the bytes kept and keep no more."""
        self._bytes.clear()
        self._below, self._room = "", 0

    @property
    def remembers_nothing(self) -> bool:
        """Whether there is no memo to look files up in (a first run, a new trainops, a cache
        emptied): every file will be read. Told without loading the memo."""
        return self._memo is None and (self._cache is None or not self._cache.holds(_KIND, self._name, b""))

    def __getstate__(self) -> dict:
        """Everything but the cache (a worker process took the digests: see ``attach``)."""
        return {**self.__dict__, "_cache": None}

    def attach(self, cache: DataCache | None) -> None:
        """Use ``cache`` again (the digests came back from a worker process without it)."""
        self._cache = cache

    @property
    def _known(self) -> dict[str, tuple[StatKey, bytes]]:
        if self._memo is None:
            known = self._cache.get(_KIND, self._name, b"") if self._cache is not None else None
            self._memo = known if isinstance(known, dict) else {}
            self._memo_missing = not isinstance(known, dict)
        return self._memo

    def folder(self, folder: str, files: Sequence[os.DirEntry]) -> bytes:
        """The digest of the names and bytes of a folder's files, ``folder`` their folder's
        repository path and ``files`` their directory entries (plain files, in name order)."""
        names = [entry.name for entry in files]
        stats = [entry.stat(follow_symlinks=False) for entry in files]  # (a system call each)
        keys = list(map(STAT_KEY, stats))
        self._listed[folder] = (names, keys)
        signature = listing_signature(names, keys)
        if files:  # (the path of the folder as listed, its separator too: each entry's is that and its name)
            self.taken.note_listing(files[0].path[: -len(names[0])], names, keys, signature)
        cache = self._cache
        kept = cache.get(_FOLDER_KIND, folder, signature) if cache is not None else None
        if isinstance(kept, bytes):
            self._vouched.add(folder)
            return kept
        h = hashlib.sha256()
        prefix = f"{folder}/" if folder else ""
        for entry, stat, key in zip(files, stats, keys, strict=True):
            h.update(entry.name.encode() + b"\0" + self._digest(entry.path, prefix + entry.name, stat, key))
        found = h.digest()
        if cache is not None and all(max(key[1], key[2]) < self._trusted_before for key in keys):
            cache.put(_FOLDER_KIND, folder, signature, found)
        return found

    def note_folder(self, path: str) -> None:
        """Note the folder at ``path``, about to be listed for a key (``TakenStats.note_folder``)."""
        self.taken.note_folder(path)

    def note_absent(self, path: str) -> None:
        """Note that the file at ``path``, missing, went into a key as missing."""
        self.taken.note_absent(path)

    def followed_digest(self, path: str) -> bytes | None:
        """:func:`file_digest` of ``path`` (following links, as a loader reads it there), its stat
        data noted first (following links too: a file replaced behind a link changes them)."""
        self.taken.note_followed(path)
        return file_digest(path)

    def walk(self, top: str) -> Iterator[tuple[str, list[str], list[str]]]:
        """``os.walk`` of ``top`` in name order, each folder noted before it is listed
        (``TakenStats.walk``)."""
        return self.taken.walk(top)

    def read_before_taken(self, since_ns: int) -> None:
        """Files were read for the results to keep from ``since_ns`` on, before their stat data were
        noted (``TakenStats.read_before_taken``)."""
        self.taken.read_before_taken(since_ns)

    def unchanged_since_taken(self) -> bool:
        """Whether every file and folder that went into this run's keys is still as it was then
        (``TakenStats.unchanged_since_taken``): asked before a result worked out from the files is
        kept under those keys."""
        return self.taken.unchanged_since_taken()

    def save(self) -> None:
        """Keep what this run found for the next (only when it differs: nothing is written on a
        warm run); files gone since are forgotten. The files of folders vouched for whole are
        kept as they were (this run did not look them up; and the memo holds none gone from such a
        folder: its listing is the one its digest was remembered with, when the memo was saved with
        exactly the files then listed)."""
        if self._cache is None or self._memo is None:
            return  # (not loaded: no file was looked up in it, and none was read)
        for rel, entry in self._memo.items():
            if rel not in self._now and rel.rpartition("/")[0] in self._vouched:
                self._now[rel] = entry
        # (a memo that was missing is written even empty: the next run knows it is not the first)
        if self._now != self._memo or self._memo_missing:
            self._cache.put(_KIND, self._name, b"", self._now)
            self._memo_missing = False


def _stat_key(stat: os.stat_result) -> StatKey:
    return STAT_KEY(stat)


def file_digest(path: str) -> bytes | None:
    """The SHA-256 of the file's bytes; None when it cannot be read."""
    try:
        return hashlib.sha256(file_bytes(path)).digest()
    except OSError:
        return None


def file_bytes(path: str, size: int | None = None) -> bytes:
    """The bytes of the file at ``path`` (following links), raising ``OSError`` as ``open`` does.
    ``size``: its size as a stat just taken says, if the caller has one (no other stat is made).

    In four system calls (open, stat, read, close), three with ``size``, where
    ``open(path, "rb").read()`` makes eight (the buffered file's terminal test and seeks, a second
    stat): for a small file that is about a third of the time, and a cold ``check`` reads a year's
    20,600 records files (their digests; their rows are then made from the same bytes, see
    :meth:`FileDigests.keep_bytes_below`). A read of one byte more than the size that gives the
    size has met the end: no read is made to find it (100,000 calls at five years). Any other
    answer reads on to the end: a file that grew since, one that shrank, and one larger than a
    single read gives (Linux: 2 GiB)."""
    fd = os.open(path, _READ_FLAGS)
    try:
        expected = os.fstat(fd).st_size if size is None else size
        first = os.read(fd, expected + 1)
        if len(first) == expected:
            return first
        chunks = [first]
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # (O_BINARY: Windows' untranslated bytes)
