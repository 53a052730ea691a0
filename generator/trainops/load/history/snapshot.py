"""The project's files as one commit has them: how ``trainops report --as-of`` sees the records as
they stood on a past day.

Every file's bytes are read as git stores them (``ls-tree`` and ``cat-file``, through the prefix
of :mod:`.git` that runs nothing a repository's configuration names): no checkout, no
``git archive`` (both run the smudge filters ``.gitattributes`` names), no change to the
repository or its working tree. Symbolic links are left out (see :func:`.git.tree_files`).

The project's files are written into a folder to load the project from (:func:`write_snapshot`);
the records folder's CSV files, a hundred thousand at five years of records, are not: writing
them and removing them again cost this machine 12–30 s. The records loader reads them straight
from git's objects instead, through :class:`CommitFiles`, which lists the folders as the written
folder would.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from pathlib import Path

from ...model.diagnostics import Diagnostic
from ...store.paths import named_below
from ..settings import read_settings
from ..yamlsource import YamlError
from .git import BlobReader, TreeFile

__all__ = ["CommitFiles", "write_snapshot"]


class CommitFiles:
    """One commit's files as the records loader reads them (a
    :class:`~trainops.load.records.reader.RecordFiles`): listed from the commit's tree, each read
    from git's objects when it is wanted."""

    def __init__(self, entries: list[TreeFile], blobs: BlobReader):
        self._blobs = blobs
        # (git refuses paths that leave the tree, or name a folder twice; a crafted one is skipped)
        self._files = {e.path: e.blob for e in entries if _normal(e.path) == e.path and not e.path.startswith("..")}
        self._folders: dict[str, dict[str, bool]] = {}  # folder -> its entries' names -> is a file
        for path in self._files:
            folder, _, name = path.rpartition("/")
            is_file = True
            while True:
                entries_of = self._folders.setdefault(folder, {})
                known = name in entries_of
                entries_of[name] = is_file
                if known or not folder:
                    break
                folder, _, name = folder.rpartition("/")
                is_file = False

    def is_dir(self, rel: str) -> bool:
        return _normal(rel) in self._folders

    def is_file(self, rel: str) -> bool:
        return _normal(rel) in self._files

    def listing(self, rel: str) -> list[tuple[str, bool]]:
        return sorted(self._folders.get(_normal(rel), {}).items())

    def files_below(self, rel: str) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
        prefix = _normal(rel) + "/"
        found = []
        for path in self._files:
            if path.startswith(prefix):
                names = tuple(path[len(prefix) :].split("/"))
                if not any(name.startswith(".") for name in names):
                    found.append(names)
        return sorted(found), []  # (a commit's links are left out: none to tell)

    def raw(self, rel: str) -> bytes:
        blob = self._files.get(_normal(rel))
        if blob is None:
            raise _not_a_file(rel)
        return self._blobs.read(blob)

    def raws(self, rels: list[str]) -> Iterator[bytes | YamlError]:
        blobs = [self._files.get(_normal(rel)) for rel in rels]
        read = self._blobs.read_many([blob for blob in blobs if blob is not None])
        for rel, blob in zip(rels, blobs, strict=True):
            yield _not_a_file(rel) if blob is None else next(read)


def _not_a_file(rel: str) -> YamlError:
    return YamlError(Diagnostic(rel, 1, 1, "error", "not-a-file", "this is not a regular file; replace it with one"))


def _normal(rel: str) -> str:
    """A repository path as the tree names it (``""`` for the top folder)."""
    path = posixpath.normpath(rel.strip("/"))
    return "" if path == "." else path


def write_snapshot(committed: list[TreeFile], dest: Path, blobs: BlobReader) -> None:
    """Write a commit's files (``committed``: :func:`.git.tree_files`) into the empty folder
    ``dest``, but for the CSV files in the records folder its settings name."""
    # (git refuses paths that leave the tree; a crafted one is skipped)
    entries = [entry for entry in committed if named_below(dest, dest / entry.path)]
    folders: set[str] = set()
    # First everything that is not CSV, the settings among it (and the files they inherit from)
    _write(dest, [entry for entry in entries if not entry.path.endswith(".csv")], blobs, folders)
    records = _normal(read_settings(dest)[0].records_dir)
    inside = "" if not records else records + "/"
    tables = [entry for entry in entries if entry.path.endswith(".csv") and not entry.path.startswith(inside)]
    _write(dest, tables, blobs, folders)


def _write(dest: Path, entries: list[TreeFile], blobs: BlobReader, folders: set[str]) -> None:
    for entry in entries:
        target = os.path.join(dest, entry.path)  # (strings: 100,000 paths at five years)
        folder = os.path.dirname(target)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        with open(target, "wb") as out:
            out.write(blobs.read(entry.blob))
