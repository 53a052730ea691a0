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
folder would. (When the settings put a file the project is loaded from in the records folder, or
the records folder around them, every file is written: the project's loader reads a folder.)
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from pathlib import Path

from ..loading import not_a_file
from ..settings import read_settings
from ..yamlsource import YamlError
from .blobs import BlobReader
from .git import TreeFile
from .state import data_paths

__all__ = ["CommitFiles", "write_snapshot"]


class CommitFiles:
    """One commit's files as the records loader reads them (a
    :class:`~trainops.load.records.reader.RecordFiles`): listed from the commit's tree, each read
    from git's objects when it is wanted."""

    def __init__(self, entries: list[TreeFile], blobs: BlobReader):
        self._blobs = blobs
        self._files = {entry.path: entry.blob for entry in entries if _plain(entry.path)}
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

    def raws(self, rels: list[str]) -> Iterator[bytes | YamlError]:
        blobs = [self._files.get(_normal(rel)) for rel in rels]
        read = self._blobs.read_many([blob for blob in blobs if blob is not None])
        for rel, blob in zip(rels, blobs, strict=True):
            yield not_a_file(rel) if blob is None else next(read)


def _plain(path: str) -> bool:
    """Whether a path of the tree is written plainly below its top: git refuses paths that leave
    the tree or name a folder twice, and a crafted one is skipped."""
    return _normal(path) == path and path != ".." and not path.startswith("../")


def _normal(rel: str) -> str:
    """A repository path as the tree names it (``""`` for the top folder)."""
    path = posixpath.normpath(rel.strip("/"))
    return "" if path == "." else path


def write_snapshot(committed: list[TreeFile], dest: Path, blobs: BlobReader) -> None:
    """Write a commit's files (``committed``: :func:`.git.tree_files`) into the empty folder
    ``dest``, but for the CSV files in the records folder its settings name."""
    entries = [entry for entry in committed if _plain(entry.path)]
    folders: set[str] = set()
    # First everything that is not CSV, the settings among it (and the files they inherit from)
    _write(dest, [entry for entry in entries if not entry.path.endswith(".csv")], blobs, folders)
    settings, _ = read_settings(dest)
    records = _normal(settings.records_dir)
    loaded = [*data_paths(settings), settings.docs_dir, settings.theme_dir or ""]
    if any(_overlap(records, _normal(path)) for path in loaded if path):
        tables = [entry for entry in entries if entry.path.endswith(".csv")]  # (see the module's docstring)
    else:
        inside = records + "/"
        tables = [entry for entry in entries if entry.path.endswith(".csv") and not entry.path.startswith(inside)]
    _write(dest, tables, blobs, folders)


def _overlap(a: str, b: str) -> bool:
    """Whether one of two repository paths (``""``: the top folder) is, or holds, the other."""
    return a == b or not a or not b or b.startswith(a + "/") or a.startswith(b + "/")


def _write(dest: Path, entries: list[TreeFile], blobs: BlobReader, folders: set[str]) -> None:
    for entry, data in zip(entries, blobs.read_many([entry.blob for entry in entries]), strict=True):
        target = os.path.join(dest, entry.path)  # (strings: 100,000 paths at five years)
        folder = os.path.dirname(target)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        with open(target, "wb") as out:
            out.write(data)
