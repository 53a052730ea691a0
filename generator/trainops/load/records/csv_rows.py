"""A records CSV file's text → its header and validated rows, each with the line it starts at.

CSV with a header row, UTF-8 (a BOM is tolerated: :func:`~trainops.load.yamlsource.decode_source`),
one row a line. A cell may hold a comma or a line break inside double quotes; such a row is
reported at its first line. Every problem is one diagnostic at file:line:col with what to write
instead; a row with a problem is left out and the others are kept.

Rows are validated by the typed dictionaries of :mod:`trainops.model.record_formats`, a whole
file in one call into pydantic's core (a row at a time only when the file has an error); the rows
of sign-in sheets and enrolment files by plain code first (:mod:`.plain_rows`), pydantic seeing
only those it is not sure of.

A file with no double quote is cut into lines and cells with ``str.split``: without quotes, CSV
is exactly that (a carriage return never gets here: it is a control character, refused first),
and it takes half the time of the ``csv`` module.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ...model.diagnostics import Diagnostic
from ...model.record_formats import all_columns, required_columns
from ...model.sourcemap import SourceMap
from ...model.suggest import closest
from ..validation import error_diagnostic
from ..yamlsource import CONTROL_CHARACTER, control_character_problem
from .plain_rows import PLAIN_CHECKS

__all__ = ["CsvFile", "read_csv", "validate_rows", "cell_column"]


@dataclass
class CsvFile:
    """A CSV file as read: its header, and each row's first line and cells (blank cells left out,
    cells of unknown columns too). ``ok`` is False when the file cannot be read at all."""

    path: str
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ok: bool = True
    text: str = ""
    header_line: int = 1

    def error(self, line: int, col: int, rule: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, col, "error", rule, message))


def read_csv(path: str, text: str, columns: tuple[str, ...] | None, required: frozenset[str] = frozenset()) -> CsvFile:
    """The rows of ``text``. ``columns``: the file's known columns (None: any, as in a feedback
    file); a header without one of ``required`` makes the file unreadable (every row would fail)."""
    out = CsvFile(path, text=text)
    found = CONTROL_CHARACTER.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        out.error(line, col, "control-character", control_character_problem(found.group()) or "")
        out.ok = False
        return out
    reader = _rows_of(text)
    try:
        header = next(reader, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(reader, None)  # (blank lines before the header)
    except csv.Error as exc:
        out.error(reader.line_num or 1, 1, "csv-syntax", f"the header cannot be read as CSV: {exc}")
        out.ok = False
        return out
    if header is None:
        example = ",".join(columns or ("question",))
        out.error(1, 1, "csv-header", f"this file is empty; write the header '{example}' on its first line")
        out.ok = False
        return out
    out.header_line = header_line = reader.line_num
    out.header = names = [cell.strip() for cell in header]
    if columns is not None:
        _check_header(out, header_line, names, columns, required)
    keep = [(i, name) for i, name in enumerate(names) if columns is None or name in columns]
    width = len(names)
    last = header_line
    try:
        for row in reader:
            first, last = last + 1, reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # a blank line
            if len(row) > width:
                out.error(
                    first,
                    _offset(text, first, width),
                    "csv-row",
                    f"this row has {len(row)} values but the header has {width} columns; "
                    "put a value that holds a comma in double quotes",
                )
                continue
            out.rows.append((first, {name: row[i] for i, name in keep if i < len(row) and row[i]}))
    except csv.Error as exc:
        out.error(last + 1, 1, "csv-syntax", f"this row cannot be read as CSV ({exc}); close the double quote")
    return out


def _check_header(
    out: CsvFile, line: int, names: list[str], columns: tuple[str, ...], required: frozenset[str]
) -> None:
    suggested = set()
    seen: set[str] = set()
    for index, name in enumerate(names):
        col = cell_column(out.text, line, index) if name in seen or name not in columns else 1
        if name in seen:
            out.error(line, col, "csv-header", f"column '{name}' is in the header twice; keep one")
            out.ok = False
        seen.add(name)
        if name in columns:
            continue
        match = closest(name, [c for c in columns if c not in names], cutoff=0.6)
        if match:
            suggested.add(match)
            hint = f" — did you mean '{match}'?"
        else:
            hint = f"; the columns are {','.join(columns)}"
        out.error(line, col, "unknown-column", f"unknown column '{name}'{hint}")
        out.ok = out.ok and match not in required
    missing = [c for c in columns if c in required and c not in names and c not in suggested]
    if missing:
        listed = ", ".join(f"'{c}'" for c in missing)
        out.error(line, 1, "missing-column", f"the header has no column {listed}; the columns are {','.join(columns)}")
        out.ok = False


def validate_rows(out: CsvFile, row_type: type) -> list[tuple[int, dict[str, Any]]]:
    """The rows of ``out`` that ``row_type`` accepts, validated (numbers and dates parsed), each
    with its line; a diagnostic for every problem of the others."""
    rows = out.rows
    plain = PLAIN_CHECKS.get(row_type)
    if plain is not None:
        return _checked_plainly(out, row_type, plain)
    adapter = _list_adapter(row_type)
    try:
        return list(zip((line for line, _ in rows), adapter.validate_python([cells for _, cells in rows]), strict=True))
    except ValidationError:
        pass  # some rows are wrong: find them one at a time, and keep the others
    valid: list[tuple[int, dict[str, Any]]] = []
    for line, cells in rows:
        _validate_one(out, row_type, line, cells, valid)
    return valid


def _checked_plainly(out: CsvFile, row_type: type, plain) -> list[tuple[int, dict[str, Any]]]:
    valid: list[tuple[int, dict[str, Any]]] = []
    for line, cells in out.rows:
        values = plain(cells)
        if values is not None:
            valid.append((line, values))
        else:  # (pydantic accepts it, or says what is wrong)
            _validate_one(out, row_type, line, cells, valid)
    return valid


def _validate_one(
    out: CsvFile, row_type: type, line: int, cells: dict[str, str], valid: list[tuple[int, dict[str, Any]]]
) -> None:
    try:
        valid.append((line, _adapter(row_type).validate_python(cells)))
    except ValidationError as exc:
        source = _RowSource(out, line)
        for err in exc.errors():
            out.diagnostics.append(_row_problem(row_type, err, source, cells))


class _SplitRows:
    """The rows of a CSV text with no double quote, as ``csv.reader`` gives them (a blank line is
    an empty row), with the same ``line_num``."""

    def __init__(self, text: str):
        self._lines = text.split("\n")
        if self._lines and self._lines[-1] == "":
            self._lines.pop()  # (the line end of the last line)
        self.line_num = 0

    def __iter__(self) -> _SplitRows:
        return self

    def __next__(self) -> list[str]:
        if self.line_num >= len(self._lines):
            raise StopIteration
        line = self._lines[self.line_num]
        self.line_num += 1
        return line.split(",") if line else []


def _rows_of(text: str):
    """A reader of the rows of ``text``: ``csv.reader``, or plain splitting where that gives the
    same rows (no quote, and no cell longer than the csv module's limit, which it refuses)."""
    limit = csv.field_size_limit()
    if '"' in text or (len(text) > limit and max(map(len, text.split("\n"))) > limit):
        return csv.reader(io.StringIO(text, newline=""), strict=True)
    return _SplitRows(text)


def _row_problem(row_type: type, err: Any, source: _RowSource, cells: dict[str, str]) -> Diagnostic:
    loc = tuple(err["loc"])
    name = loc[0] if loc else ""
    if err["type"] == "string_pattern_mismatch" and name in ("learner", "manager", "observer"):
        line, col = source.locate(loc)
        what = "a learner" if name == "learner" else f"the {name}"
        message = (
            f"{name} '{err['input']}' is not an id: {what} is written as an id such as an employee number, "
            "never a name or an e-mail address; use the roster's id"
        )
        return Diagnostic(source.path, line, col, "error", "learner-id", message)
    return error_diagnostic(row_type, err, source, cells)


class _RowSource(SourceMap):
    """Where the cells of one row are: the row's first line, and each cell's column."""

    def __init__(self, out: CsvFile, line: int):
        super().__init__(out.path)
        self.out, self.line = out, line

    def locate(self, loc: tuple, key: bool = False) -> tuple[int, int]:
        name = loc[0] if loc else None
        if name in self.out.header:
            return self.line, cell_column(self.out.text, self.line, self.out.header.index(name))
        return self.line, 1


def cell_column(text: str, line: int, index: int) -> int:
    """The column (from 1) where cell ``index`` of the row starting at ``line`` begins: commas
    inside double quotes do not count. Asked only for a problem, so not fast."""
    return _offset(text, line, index)


def _offset(text: str, line: int, index: int) -> int:
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return 1
    quoted, cell, col = False, 0, 1
    for char in text[start:]:
        if cell == index:
            return col
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            cell += 1
        elif char == "\n" and not quoted:
            break
        col += 1
    return col


@cache
def _list_adapter(row_type: type) -> TypeAdapter:
    return TypeAdapter(list[row_type])  # type: ignore[valid-type]


@cache
def _adapter(row_type: type) -> TypeAdapter:
    return TypeAdapter(row_type)


def known_columns(row_type: type) -> tuple[tuple[str, ...], frozenset[str]]:
    """(every column, the required ones) of a file of ``row_type``."""
    return all_columns(row_type), required_columns(row_type)
