"""A digest of everything ``check`` reads, so a whole check's result is reused only when none of
it changed.

``check`` reads the bytes of the source folders (programs, SOPs, docs_dir, the theme), of the
people and schedule files and of mkdocs.yml; and it looks up the names of other files of the
repository, because a link or a material may name any of them. So every file's name counts, and
a source file's bytes too; a symbolic link counts by where it points and, in the sources, by
the bytes it leads to.

Left out are only folders at the repository's root that a check never looks into: hidden ones
(``.git``, the cache folder, ``.venv``: a link or a material naming a hidden path is refused
without looking, see :func:`~trainops.store.paths.is_hidden`), and the built sites (mkdocs.yml's
``site_dir`` and the plugin's ``ops_dir``), which change on every build and would make every
check after a build a cold one. Nothing inside
a source folder is ever left out: an ``ops/``, ``site/``, ``.drafts/`` or ``node_modules/`` there
holds pages like any other folder.

A file in a folder is read only when its stat data changed since the digest taken last
(:class:`~trainops.store.file_digests.FileDigests`, which says why that never lies); a folder's
files whose bytes count are taken together (their names and bytes: one digest for the folder).
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Sequence
from operator import attrgetter
from pathlib import Path

from .file_digests import FileDigests

__all__ = ["project_fingerprint", "fingerprint_apart"]

_NAME = attrgetter("name")


def project_fingerprint(
    root: Path,
    source_folders: Sequence[str],
    source_files: Sequence[str] = (),
    output_folders: Sequence[str] = (),
    cache_folder: str = "",
    digests: FileDigests | None = None,
) -> bytes:
    """The digest. ``source_files``: files read wherever they are (mkdocs.yml always is);
    ``output_folders``: the built sites, left out when they lie at or below the root and hold no
    source; ``cache_folder``: the cache's own folder, left out too; ``digests``: the files'
    digests remembered by an earlier run (the caller saves them), else every file is read."""
    return fingerprint_apart(root, source_folders, source_files, output_folders, cache_folder, digests)[0]


def fingerprint_apart(
    root: Path,
    source_folders: Sequence[str],
    source_files: Sequence[str] = (),
    output_folders: Sequence[str] = (),
    cache_folder: str = "",
    digests: FileDigests | None = None,
    apart: str = "",
) -> tuple[bytes, bytes]:
    """(the digest of :func:`project_fingerprint` but for the bytes of the files below the folder
    ``apart``, the digest of those bytes): what reads only the rest (``check``'s project, which
    never opens the records) is keyed by the first; their names are in it, a link may name one."""
    sources = tuple(_clean(f) + "/" for f in source_folders if _clean(f))
    files = frozenset({"mkdocs.yml", *(_clean(f) for f in source_files)})
    skipped = {".git", *(_clean(f) for f in (cache_folder, *output_folders))}
    skipped = {s for s in skipped if s and not _holds_source(s, sources)}
    h, aside = hashlib.sha256(), hashlib.sha256()
    inputs = _Inputs(sources, files, frozenset(skipped), digests or FileDigests(None))
    inputs.apart, inputs.aside = (_clean(apart) + "/" if _clean(apart) else ""), aside
    _fingerprint(str(root), "", inputs, h)
    # And each source file as the loader reads it, wherever it is (a hidden folder, through a
    # link): where it really leads and its bytes.
    for rel in sorted(files):
        path = os.path.join(root, rel)
        h.update(b"\0file\0" + rel.encode() + b"\0" + os.path.realpath(path).encode() + b"\0")
        (aside if inputs.is_apart(rel) else h).update(inputs.digests.followed_digest(path) or b"unreadable")
    return h.digest(), aside.digest()


class _Inputs:
    def __init__(self, sources: tuple[str, ...], files: frozenset[str], skipped: frozenset[str], digests: FileDigests):
        self.sources, self.files, self.skipped, self.digests = sources, files, skipped, digests
        self.apart, self.aside = "", hashlib.sha256()  # (see fingerprint_apart)

    def is_apart(self, rel: str) -> bool:
        return bool(self.apart) and (rel + "/").startswith(self.apart)

    def read(self, rel: str) -> bool:
        """Whether ``check`` reads this file's bytes (else only its name counts)."""
        return rel in self.files or rel.startswith(self.sources)

    def hidden_outside_sources(self, rel: str) -> bool:
        """A hidden folder at the root that holds no source: nothing in it is ever looked up."""
        return rel.startswith(".") and not _holds_source(rel, self.sources)

    def leads_to_source(self, rel: str) -> bool:
        """Whether the folder ``rel`` is a source folder or holds one: the loader reads through
        such a link (not through a link further down, which rglob and iterdir do not follow)."""
        return any(s.startswith(rel + "/") for s in self.sources)


def _clean(folder: str) -> str:
    """A repository path as settings write it, or "" for one that is not below the root."""
    path = posixpath.normpath(folder.replace(os.sep, "/").strip().strip("/")) if folder.strip() else ""
    return "" if path in ("", ".") or path == ".." or path.startswith("../") else path


def _holds_source(folder: str, sources: tuple[str, ...]) -> bool:
    """Whether ``folder`` is, holds or sits inside a source folder: then it is read, never skipped."""
    inside = folder + "/"
    return any(inside.startswith(s) or s.startswith(inside) for s in sources)


def _fingerprint(root: str, below: str, inputs: _Inputs, h) -> None:
    """``below``: the folder's repository path ("" for the root itself). Each entry's path is that
    and its name (os.path.relpath of each of 100,000 files took 2.4 s of a warm check)."""
    # Directory entries tell their own kind: no stat for a plain file or folder.
    folder = os.path.join(root, below) if below else root
    inputs.digests.note_folder(folder)  # (its listing goes into the key: see FileDigests.unchanged_since_taken)
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=_NAME)
    if below and inputs.read(below + "/"):  # a source folder: each plain file's bytes count
        # (in one pass, not an entry at a time: a year of sign-in sheets is 20,000 files)
        read_here = [entry for entry in entries if entry.is_file(follow_symlinks=False)]
        if len(read_here) < len(entries):
            _other_entries(root, below, [e for e in entries if not e.is_file(follow_symlinks=False)], inputs, h)
    else:
        read_here = _other_entries(root, below, entries, inputs, h)
    if read_here:
        digest = inputs.digests.folder(below, read_here)
        if inputs.is_apart(below):  # (the names here, the bytes apart)
            h.update(f"{below}/\0".encode() + "\0".join(map(_NAME, read_here)).encode())
            inputs.aside.update(f"{below}/\0".encode() + digest)
        else:
            h.update(f"{below}/\0".encode() + digest)


def _other_entries(root: str, below: str, entries: list[os.DirEntry], inputs: _Inputs, h) -> list[os.DirEntry]:
    """Each entry of the folder ``below`` into ``h`` in turn, but the plain files whose bytes
    count: those are returned, to be taken together."""
    read_here = []
    for entry in entries:
        rel = f"{below}/{entry.name}" if below else entry.name
        if entry.is_symlink():
            h.update(rel.encode() + b"\0->" + os.readlink(entry.path).encode() + b"\0")
            if inputs.leads_to_source(rel) and os.path.isdir(entry.path):
                _fingerprint(root, rel, inputs, h)  # a source folder (or one above) that is a link
            elif inputs.read(rel) and os.path.isfile(entry.path):
                # (where it may lead, the loader decides)
                h.update(inputs.digests.followed_digest(entry.path) or b"unreadable")
        elif entry.is_dir():
            if rel not in inputs.skipped and not (not below and inputs.hidden_outside_sources(rel)):
                _fingerprint(root, rel, inputs, h)
        elif not entry.is_file():
            h.update(rel.encode() + b"\0not a file\0")  # a FIFO or a device: never opened
        elif inputs.read(rel):
            read_here.append(entry)
        else:
            h.update(rel.encode() + b"\0")
    return read_here
