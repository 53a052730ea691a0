"""Reading records files: never outside the repository, each parsed once per content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...model.diagnostics import Diagnostic
from ...store.cache import DataCache
from ...store.file_digests import FileDigests
from ...store.paths import is_hidden
from ..loading import read_bytes
from ..yamlsource import YamlError, decode_source

__all__ = ["RecordsReader", "csv_files", "work_out"]


class RecordsReader:
    """Reads records files (never outside the repository), each parsed once per content."""

    def __init__(self, root: Path, cache: DataCache, digests: FileDigests | None = None):
        """``digests``: the digests ``check``'s key took, whose reads kept the files' bytes."""
        self.root, self.cache = root, cache
        self.diagnostics: list[Diagnostic] = []
        self.real_folders: dict[str, str] = {}
        self.kept = digests.kept_bytes if digests is not None else None

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
        try:
            return read_bytes(self.root, rel, self.real_folders, self.kept)
        except YamlError as exc:
            self.diagnostics.append(exc.diagnostic)
            return None

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


def csv_files(reader: RecordsReader, folder: Path, rel: str) -> list[tuple[str, str]]:
    """(repository path, stem) of the CSV files directly in ``folder``; a warning for anything else."""
    files = []
    for entry in sorted(folder.iterdir()):
        path = f"{rel}/{entry.name}"
        if is_hidden(entry.name):
            continue
        if entry.suffix == ".csv" and entry.is_file():
            files.append((path, entry.stem))
        else:
            message = f"not a CSV file, so it is not read; {rel}/ holds <name>.csv files"
            reader.error(path, "records-unknown-file", message, "warning")
    return files
