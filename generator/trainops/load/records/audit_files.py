"""``records/locks.yaml`` and ``records/corrections.yaml`` read from their text: the files an
auditor sampled (at a commit), and the approved changes of them. Pure functions, cached by bytes
like the other records files; an entry with a problem gave a diagnostic and is left out."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter, ValidationError

from ...model.diagnostics import Diagnostic
from ...model.record_audit import RecordCorrection, RecordLock
from ...model.record_formats import CorrectionEntry, LockEntry
from ..validation import error_diagnostic
from ..yamlsource import YamlError, load_yaml_text

__all__ = ["read_locks", "read_corrections"]

_LOCK = TypeAdapter(LockEntry)
_CORRECTION = TypeAdapter(CorrectionEntry)


def read_locks(path: str, text: str) -> tuple[tuple[RecordLock, ...], list[Diagnostic]]:
    """``- {file: records/attendance/2026/x.csv, commit: 3f9c2e1a, note: ...}`` entries."""
    entries, diagnostics = _entries(path, text, _LOCK, LockEntry, "- file: ...")
    locks = tuple(RecordLock(e["file"], e["commit"], e.get("note", ""), path, line) for line, e in entries)
    return locks, diagnostics


def read_corrections(path: str, text: str) -> tuple[tuple[RecordCorrection, ...], list[Diagnostic]]:
    """``- {file, commit, reason, approved_by}`` entries."""
    entries, diagnostics = _entries(path, text, _CORRECTION, CorrectionEntry, "- file: ...")
    found = tuple(
        RecordCorrection(e["file"], e["commit"], e["reason"], e["approved_by"], path, line) for line, e in entries
    )
    return found, diagnostics


def _entries(
    path: str, text: str, adapter: TypeAdapter, model: type, example: str
) -> tuple[list[tuple[int, dict[str, Any]]], list[Diagnostic]]:
    """The valid entries of a YAML list file, each with its line, and the problems of the others."""
    try:
        loaded = load_yaml_text(text, path)
    except YamlError as exc:
        return [], [exc.diagnostic]
    data, source = loaded.data, loaded.source
    if data is None:
        return [], []
    name = path.rpartition("/")[2]
    if not isinstance(data, list):
        return [], [Diagnostic(path, 1, 1, "error", "file-shape", f"{name} is a list: one '{example}' entry each")]
    found, diagnostics = [], []
    for index, item in enumerate(data):
        try:
            entry = adapter.validate_python(item)
        except ValidationError as exc:
            diagnostics += [error_diagnostic(model, err, source, item, (index,)) for err in exc.errors()]
            continue
        found.append((source.locate((index,))[0], entry))
    return found, diagnostics
