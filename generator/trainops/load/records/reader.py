"""Reading records files: never outside the repository, each parsed once per content.

The files come from a :class:`RecordFiles`: the working tree's (:class:`WorkTreeFiles`), or one
commit's, listed from its tree and read from git's objects
(:class:`trainops.load.history.snapshot.CommitFiles`, for ``report --as-of``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from ...model.diagnostics import Diagnostic
from ...store.cache import DataCache
from ...store.file_digests import FileDigests
from ...store.paths import is_hidden
from ..loading import read_bytes
from ..yamlsource import YamlError, decode_source

__all__ = ["RecordFiles", "RecordsReader", "WorkTreeFiles", "csv_files", "stem_and_suffix", "work_out"]

# (the names of the folders down to a file below a folder, and its own name)
NamesBelow = tuple[str, ...]


class RecordFiles(Protocol):
    """Where the records files are read from. Paths are the repository's, relative to its root."""

    def is_dir(self, rel: str) -> bool: ...

    def is_file(self, rel: str) -> bool: ...

    def listing(self, rel: str) -> list[tuple[str, bool]]:
        """(name, whether it is a file) of each entry of the folder ``rel``, sorted by name."""
        ...

    def files_below(self, rel: str) -> tuple[list[NamesBelow], list[NamesBelow]]:
        """(the files below the folder ``rel``, the links to folders in it, not gone through),
        each sorted; nothing in or below a hidden name."""
        ...

    def raws(self, rels: list[str]) -> Iterator[bytes | YamlError]:
        """Each file's bytes in turn, or why it cannot be read (outside the repository, not a
        regular file): many at once, as a commit's are asked of git."""
        ...


class WorkTreeFiles:
    """The records files of the working tree: every read resolved (links too) inside it."""

    def __init__(self, root: Path, digests: FileDigests | None = None):
        """``digests``: the digests ``check``'s key took, whose reads kept the files' bytes."""
        self.root = root
        self.real_folders: dict[str, str] = {}
        self.kept = digests.kept_bytes if digests is not None else None

    def is_dir(self, rel: str) -> bool:
        return (self.root / rel).is_dir()

    def is_file(self, rel: str) -> bool:
        return (self.root / rel).is_file()

    def listing(self, rel: str) -> list[tuple[str, bool]]:
        return [(entry.name, entry.is_file()) for entry in sorted((self.root / rel).iterdir())]

    def files_below(self, rel: str) -> tuple[list[NamesBelow], list[NamesBelow]]:
        """(links to files count as files.) os.scandir: its entries know whether they are files
        without a stat of each, where os.walk and Path.rglob spent more time on 20,000 names than
        reading the sheets."""
        found: list[NamesBelow] = []
        linked: list[NamesBelow] = []
        below: list[tuple[str, NamesBelow]] = [(os.path.join(self.root, rel), ())]
        while below:
            path, prefix = below.pop()
            try:
                entries = list(os.scandir(path))
            except OSError:  # (a folder that cannot be listed is passed over, as os.walk does)
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    below.append((entry.path, (*prefix, entry.name)))
                elif entry.is_symlink() and entry.is_dir():
                    linked.append((*prefix, entry.name))
                elif entry.is_file():
                    found.append((*prefix, entry.name))
        return sorted(found), sorted(linked)

    def raws(self, rels: list[str]) -> Iterator[bytes | YamlError]:
        for rel in rels:
            try:
                yield read_bytes(self.root, rel, self.real_folders, self.kept)
            except YamlError as exc:
                yield exc


class RecordsReader:
    """Reads records files (never outside the repository), each parsed once per content."""

    def __init__(
        self, root: Path, cache: DataCache, digests: FileDigests | None = None, files: RecordFiles | None = None
    ):
        """``digests``: the digests ``check``'s key took, whose reads kept the files' bytes;
        ``files``: where the files are read from (by default the working tree of ``root``)."""
        self.root, self.cache = root, cache
        self.diagnostics: list[Diagnostic] = []
        self.files: RecordFiles = files if files is not None else WorkTreeFiles(root, digests)

    def error(self, rel: str, rule: str, message: str, severity: str = "error") -> None:
        self.diagnostics.append(Diagnostic(rel, 1, 1, severity, rule, message))  # type: ignore[arg-type]

    def parsed(
        self, kind: str, rel: str, read: Callable[[str], tuple[Any, list[Diagnostic]]], cached: bool = True
    ) -> Any:
        """What ``read(text)`` found in the file (its diagnostics joined to the others), from the
        cache when the file's bytes are unchanged (``cached``: a file quicker to read than to
        unpickle is not); None when it cannot be read."""
        raw = self.raw(rel)
        return None if raw is None else self.parsed_bytes(kind, rel, raw, read, self.cache if cached else None)

    def raw(self, rel: str) -> bytes | None:
        """The file's bytes; None (and the reason among the diagnostics) when it cannot be read."""
        return next(self.raws([rel]))

    def raws(self, rels: list[str]) -> Iterator[bytes | None]:
        """:meth:`raw` of each file in turn: a commit's are asked of git many at a time."""
        for raw in self.files.raws(rels):
            if isinstance(raw, YamlError):
                self.diagnostics.append(raw.diagnostic)
                yield None
            else:
                yield raw

    def parsed_bytes(self, kind: str, rel: str, raw: bytes, read, cache: DataCache | None) -> Any:
        result = cache.get(kind, rel, raw) if cache else None
        if result is None:
            result = work_out(rel, raw, read)
            if cache:
                cache.put(kind, rel, raw, result)
        return self.found(result)

    def found(self, result: tuple[Any, list[Diagnostic]]) -> Any:
        """The values of a file's result, its diagnostics joined to the others."""
        values, problems = result
        self.diagnostics += problems
        return values


def work_out(rel: str, raw: bytes, read: Callable[[str], tuple[Any, list[Diagnostic]]]) -> tuple[Any, list[Diagnostic]]:
    """``read`` of the file's text: (values, diagnostics); (None, [why]) when it is not text."""
    try:
        return read(decode_source(raw, rel))
    except YamlError as exc:
        return (None, [exc.diagnostic])


def csv_files(reader: RecordsReader, rel: str) -> list[tuple[str, str]]:
    """(repository path, stem) of the CSV files directly in the folder ``rel``; a warning for
    anything else."""
    files = []
    for name, is_file in reader.files.listing(rel):
        path = f"{rel}/{name}"
        if is_hidden(name):
            continue
        stem, suffix = stem_and_suffix(name)
        if suffix == ".csv" and is_file:
            files.append((path, stem))
        else:
            message = f"not a CSV file, so it is not read; {rel}/ holds <name>.csv files"
            reader.error(path, "records-unknown-file", message, "warning")
    return files


def stem_and_suffix(name: str) -> tuple[str, str]:
    """A file name's ``Path.stem`` and ``Path.suffix`` (without making 20,000 paths a year)."""
    dot = name.rfind(".")
    return (name[:dot], name[dot:]) if 0 < dot < len(name) - 1 else (name, "")
