"""The stat data of what went into a run's cache keys, noted as first taken and looked at again before
a result is kept under those keys (:class:`TakenStats`, held by
:class:`~trainops.store.file_digests.FileDigests`, which notes what its digests take).

Why: the results kept under keys of file digests (``check``'s whole result, its output and its
project's diagnostics, each program's records problems and the programs' entries, the build's
records shares, statuses and status and reminders pages) are worked out by reading the files again
after the key is taken. A file saved in between (an editor saving while a check runs) would give
the result of its new bytes, kept under the key of its old ones and served when the file goes back
to them (an undo, ``git checkout``). So before such a result is kept, every file and folder noted
here is looked at again (:meth:`TakenStats.unchanged_since_taken`); if one changed or went, the
result is what this run shows but it is not kept.

Exactly what is noted (and so covered), by whoever puts it in a key:

- a file whose digest went into a key, read or found in the memo (``FileDigests.digest``) or as
  its folder was listed (``FileDigests.folder``): its stat data, not following a link;
- a file read through a link, or named by TRAINOPS_ROSTER (``FileDigests.followed_digest``): its
  stat data following links (a file replaced behind a link changes them);
- a folder whose listing went into a key (the fingerprint's folders, the attendance and feedback
  walks: :meth:`TakenStats.note_folder`, :meth:`TakenStats.walk`): its stat data following links,
  noted before it is listed (a file added, removed or renamed in it changes its times);
- a file whose absence went into a key (:meth:`TakenStats.note_absent`): that it is still absent;
- for ``check``'s first run, which loads the project while a worker takes the key
  (:meth:`TakenStats.read_before_taken`): any of those changed since the load began.

Not covered here, and covered elsewhere: ``check``'s HEAD (check compares it with the history it
read: ``ResultsToKeep.keep``); the day, the settings as read and the environment's roster path (in
the key as values, not read again); the launch review's findings (kept under the digests of the
bytes the load read, ``Project.sources_read``, so no later save can make their key describe other
bytes). Files read for a result that are in no key are not in it either (nothing here can see them).

The cost: a system call per file and folder noted, paid once by a run that worked results out
(:class:`~trainops.store.results_to_keep.ResultsToKeep`; a warm run keeps nothing and pays
nothing): at a year of a large organisation (22,700 files and folders) 70 ms of a check after one
sheet is edited (1.4 s) and 56 ms of a build (36 s); at five years (104,000) 335 ms of such a
check (6.2 s); on a shared two-core machine (``bench/recheck_cost.py``). A warm run pays only
for noting: each listing is held as the digest its folder is looked up by in the memo anyway
(:func:`listing_signature`) and its latest change time (4 ms at five years).

What it cannot see: a file written twice in place (the same inode) within one tick of the file
system's clock (the kernel's coarse clock, a few milliseconds on Linux; 2 s on FAT), the same size
both times, keeps every stat field (git's "racily clean" problem; a folder whose files are added
or removed twice within a tick, likewise); if the key was taken between the two writes, the result
of the second bytes is kept under the key of the first. The digests' memo closes that window for
itself (``RACY_MARGIN_NS``: a file younger than that is not remembered). It is not closed here:
refusing to keep the results of files younger than the margin would make every build just after a
checkout (or a test's fixture) keep nothing. The window is narrow: only a file young when its key
was taken can be in it (one whose digest came from the memo was older than the margin, so any
write since gives it other times), and an editor that saves by writing a new file and renaming it
over the old (most do) gives it another inode, which is always seen.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterator, Sequence
from operator import attrgetter, itemgetter

__all__ = ["STAT_KEY", "StatKey", "TakenStats", "listing_signature"]

# (size, mtime_ns, ctime_ns, inode, device): what the kernel changes when a file's bytes do.
StatKey = tuple[int, int, int, int, int]
# (a C-level getter: called for each of 100,000 files by a warm five-year check)
STAT_KEY = attrgetter("st_size", "st_mtime_ns", "st_ctime_ns", "st_ino", "st_dev")
_CHANGED = itemgetter(2)  # (a key's change time)
_NAME = attrgetter("name")


class TakenStats:
    """The stat data of every file, absence and folder listing that went into a run's keys, as first
    taken (plain values: it goes to a worker process and back with its digests, pickled)."""

    def __init__(self) -> None:
        # Files by path (None: absent), folders and files read through links by path (following
        # links), and each folder's files as listed (the folder's path with its separator).
        self._files: dict[str, StatKey | None] = {}
        self._followed: dict[str, StatKey | None] = {}
        # A listing's stat data are held as their digest and their latest change time: the names
        # must be kept to look again, the stat data need only be compared (at five years, 100,000
        # files' stat data held as tuples were 28 MB of the cold report's peak RSS, measured).
        self._listings: list[tuple[str, list[str], bytes, int]] = []
        self._read_from: int | None = None  # (see read_before_taken)

    def note_file(self, path: str, key: StatKey) -> None:
        """Note ``key``, the stat data (not following a link) of the file at ``path`` whose digest
        goes into a key."""
        self._files.setdefault(path, key)

    def note_listing(self, folder: str, names: list[str], keys: list[StatKey], signature: bytes) -> None:
        """Note the files of a folder as listed for a key: ``folder`` its path with the separator
        (each file's path is that and its name), ``names`` and ``keys`` their names and stat data,
        ``signature`` their :func:`listing_signature` (the caller has it already)."""
        self._listings.append((folder, names, signature, max(map(_CHANGED, keys), default=0)))

    def note_followed(self, path: str) -> None:
        """Note the stat data of what ``path`` leads to (following links), about to be read."""
        self._followed.setdefault(path, _followed_key(path))

    def note_folder(self, path: str) -> None:
        """Note the stat data of the folder at ``path`` (following links: a source folder may be
        one), which is about to be listed for a key: a file added to it, removed from it or renamed
        in it changes its modification and change times. Before the listing, not after: a file
        added in between would change them before they were noted."""
        self.note_followed(path)

    def note_absent(self, path: str) -> None:
        """Note that the file at ``path``, missing, went into a key as missing."""
        self._files.setdefault(path, None)

    def walk(self, top: str) -> Iterator[tuple[str, list[str], list[str]]]:
        """(a folder, its subfolders' names, the names of its other entries) for ``top`` and each
        folder below it, as ``os.walk`` gives them, but in name order and each folder noted
        (:meth:`note_folder`) before it is listed, for what the walk finds goes into a key. A
        missing ``top`` gives nothing (its absence is noted); a link to a folder is listed among
        the subfolders, not walked into (as ``os.walk``)."""
        self.note_folder(top)
        try:
            with os.scandir(top) as scan:
                entries = sorted(scan, key=_NAME)
        except OSError:
            return
        subfolders = [entry for entry in entries if _is_folder(entry)]
        files = [entry.name for entry in entries if not _is_folder(entry)]
        yield top, [entry.name for entry in subfolders], files
        for entry in subfolders:
            if not entry.is_symlink():
                yield from self.walk(entry.path)

    def read_before_taken(self, since_ns: int) -> None:
        """Say that files were read for the results to keep from ``since_ns`` on, before their stat
        data were noted here (``check``'s first run loads the project while a worker takes its
        key): then a file or folder changed since that time is taken as changed too, as its stat
        data noted may be those of bytes newer than the ones read. (A save within the clock's
        tick after ``since_ns`` may carry a time before it: the window the module's docstring
        describes.)"""
        self._read_from = since_ns if self._read_from is None else min(self._read_from, since_ns)

    def unchanged_since_taken(self) -> bool:
        """Whether every file and folder noted still has the stat data it had then: looked at again
        (a system call each), after the files were read for a result and before the result is kept
        under its key. False when any changed or went: then what was read may not be the bytes the
        key describes, and the result is used by this run but not kept."""
        if self._read_from is not None and not self._all_changed_before(self._read_from):
            return False
        for path, key in self._files.items():
            if _lstat_key(path) != key:
                return False
        for path, key in self._followed.items():
            if _followed_key(path) != key:
                return False
        for folder, names, signature, _latest in self._listings:
            keys = []
            for name in names:
                key = _lstat_key(folder + name)
                if key is None:
                    return False
                keys.append(key)
            if listing_signature(names, keys) != signature:
                return False
        return True

    def _all_changed_before(self, since_ns: int) -> bool:
        """Whether every file and folder noted was last changed before ``since_ns``. By its change
        time alone: the kernel sets it to its own clock on every write, rename or change of the
        stat data (setting the modification time too), and no call sets it otherwise. The
        modification time is anyone's to set (``tar`` and ``touch -d`` restore it; an archive made
        on a fast clock brings times in the future): by it, such a file would seem changed since any
        load began, and a first check that loads beside its worker would keep nothing."""
        noted = [*self._files.values(), *self._followed.values()]
        listed = all(latest < since_ns for _folder, _names, _digest, latest in self._listings)
        return listed and all(key is None or key[2] < since_ns for key in noted)


def listing_signature(names: Sequence[str], keys: Sequence[StatKey]) -> bytes:
    """The digest of a folder's files as listed: their names and stat data (each key a tuple of its
    own, as :data:`STAT_KEY` makes them). Equal values give equal bytes: pickle writes an object met
    a second time as a reference to the first, and no object appears twice here (the names differ,
    and each key is a new tuple). Pickled, not repr'd: twice as quick."""
    return hashlib.sha256(pickle.dumps((names, keys), protocol=5)).digest()


def _lstat_key(path: str) -> StatKey | None:
    """The stat key of the file at ``path``, not following a link; None when there is none."""
    try:
        return STAT_KEY(os.lstat(path))
    except OSError:
        return None


def _followed_key(path: str) -> StatKey | None:
    """The stat key of what ``path`` leads to, following links; None when there is nothing."""
    try:
        return STAT_KEY(os.stat(path))
    except OSError:
        return None


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # (following a link, as os.walk sorts them)
    except OSError:
        return False
