"""Diagnostics: errors and warnings as values that carry their location.

Every problem trainops finds in a coordinator's files is a :class:`Diagnostic`. They are collected
across all files and reported once, in one of three formats (see the reference, content/guide/reference.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["Diagnostic", "Severity", "field_label", "format_diagnostics", "has_errors", "sort_diagnostics"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    """One problem at one place: ``path:line:col: severity: message [rule]``."""

    path: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str

    def as_text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.rule}]"

    def as_github(self) -> str:
        # Workflow commands: the message must not contain raw newlines or '%'.
        message = _github_escape(f"{self.message} [{self.rule}]")
        path = _github_escape(self.path, prop=True)
        return f"::{self.severity} file={path},line={self.line},col={self.column},title={self.rule}::{message}"


def _github_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Stable, reproducible order: by file, line, column, then rule and message."""
    unique = set(diagnostics)
    return sorted(unique, key=lambda d: (d.path, d.line, d.column, d.rule, d.message, d.severity))


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    return any(d.severity == "error" or strict for d in diagnostics)


def format_diagnostics(diagnostics: Iterable[Diagnostic], fmt: str = "text") -> str:
    """Render diagnostics as ``text`` (one per line), ``json`` or ``github`` annotations."""
    items = sort_diagnostics(diagnostics)
    if fmt == "json":
        return json.dumps([_json_item(d) for d in items], indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        return "".join(d.as_github() + "\n" for d in items)
    return "".join(d.as_text() + "\n" for d in items)


def _json_item(d: Diagnostic) -> dict:
    item = asdict(d)
    return {key: item[key] for key in ("path", "line", "column", "severity", "rule", "message")}


def field_label(loc: Iterable[Any]) -> str:
    """``('sessions', 3, 'instructor')`` → ``sessions[3].instructor`` (lists counted from 1)."""
    label = ""
    for item in loc:
        if isinstance(item, int):
            label += f"[{item + 1}]"
        else:
            label += f".{item}" if label else str(item)
    return label or "file"
