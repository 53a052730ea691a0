"""``trainops records import KIND FILE``: read another system's export, place its rows with
:func:`trainops.plan.record_import.plan_import`, append them to the records files, and list the
rows that could not be placed at FILE:LINE.

The export may be anywhere (it comes from the coordinator's downloads); what is written stays
inside the records folder. A file is appended to, never rewritten: the rows already in it keep
their bytes, its header decides the order of the columns, and its line ends are kept.
"""

from __future__ import annotations

import contextlib
import csv
import io
import sys
from datetime import date
from pathlib import Path

from ..model.errors import EXIT_DATA, EXIT_OK, TrainopsError, UsageError
from ..model.project import Project
from ..model.training_records import Records
from ..plan.import_values import FIELDS, REQUIRED_FIELDS, ImportPlan, SourceRow, parse_pairs
from ..plan.record_import import plan_import
from ..store.paths import is_inside
from .check import Quiet
from .records import read_with_records

__all__ = ["import_records", "read_export", "run_import", "write_import"]


def run_import(
    root: Path,
    today: date,
    kind: str,
    export: Path,
    maps: list[str],
    values: list[str],
    approved_by: str = "",
    roster_env: str | None = None,
    loading: Quiet = contextlib.nullcontext,
) -> int:
    """``trainops records import``: load the project and its records, then :func:`import_records`."""
    settings, project, records, _ = read_with_records(root, today, roster_env, loading)
    return import_records(project, records, settings.records_dir, kind, export, maps, values, approved_by)


def import_records(
    project: Project,
    records: Records,
    records_dir: str,
    kind: str,
    export: Path,
    maps: list[str],
    values: list[str],
    approved_by: str = "",
) -> int:
    """The command: exit 0 when every row was placed (or was there already), 1 when some were not."""
    try:
        mapping, words = parse_pairs(maps, "--map"), parse_pairs(values, "--value")
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if approved_by and approved_by not in project.people:
        raise UsageError(f"--approved-by {approved_by}: not a person id in the people file")
    rows = read_export(export, kind, mapping)
    plan = plan_import(kind, rows, project, records, records_dir, words, approved_by)
    written = write_import(project.root, records_dir, plan)
    shown = str(export)
    for miss in plan.unmatched:
        print(f"{shown}:{miss.line}: not imported: {miss.message}")
    rows_word = "row" if plan.added == 1 else "rows"
    print(
        f"imported {plan.added} {rows_word} into {len(written)} file(s); {plan.already_there} already recorded; "
        f"{len(plan.unmatched)} not imported",
        file=sys.stderr,
    )
    return EXIT_DATA if plan.unmatched else EXIT_OK


def read_export(path: Path, kind: str, mapping: dict[str, str]) -> list[SourceRow]:
    """The export's data rows, their columns renamed to trainops fields by ``mapping`` (COLUMN ->
    FIELD; a column already named like a field needs no entry). Comma, semicolon or tab separated;
    a byte-order mark (Excel, Moodle) is skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text; save the export as CSV UTF-8") from None
    except OSError as exc:  # a folder, a file that cannot be read
        raise UsageError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    line = 1
    try:
        header = next(reader, None)
        if not header:
            raise UsageError(f"{path}: empty; expected a header row and data rows")
        fields = _fields(path, kind, [cell.strip() for cell in header], mapping)
        rows = []
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append(SourceRow(line, {fields[i]: cell for i, cell in enumerate(cells) if i in fields}))
            line = reader.line_num + 1
    except csv.Error as exc:  # an unclosed quote, a cell over the csv module's 128 KB limit
        raise TrainopsError(f"{path}:{line}: this row cannot be read as CSV ({exc}); nothing was imported") from None
    return rows


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max(("\t", ";", ","), key=lambda sep: (first.count(sep), sep == ","))


def _fields(path: Path, kind: str, header: list[str], mapping: dict[str, str]) -> dict[int, str]:
    """Column position -> trainops field, from ``--map`` and the columns already named like a field."""
    known = FIELDS[kind]
    by_name = {name.casefold(): i for i, name in enumerate(header)}
    fields: dict[int, str] = {}
    for column, name in mapping.items():
        if name not in known:
            raise UsageError(f"--map {column}={name}: '{name}' is not a field of {kind} (fields: {', '.join(known)})")
        if column.casefold() not in by_name:
            raise UsageError(f"--map {column}={name}: {path} has no column '{column}' (columns: {', '.join(header)})")
        fields[by_name[column.casefold()]] = name
    for i, name in enumerate(header):
        if name.casefold() in known and i not in fields and name.casefold() not in fields.values():
            fields[i] = name.casefold()
    missing = [name for name in REQUIRED_FIELDS[kind] if name not in fields.values()]
    if missing:
        raise UsageError(
            f"{path} has no column for {', '.join(missing)}: give --map COLUMN={missing[0]} "
            f"(columns: {', '.join(header)})"
        )
    return fields


def write_import(root: Path, records_dir: str, plan: ImportPlan) -> list[str]:
    """Append the plan's rows to their files (created with a header when new); the repository
    paths written, sorted."""
    folder = root / records_dir
    if not is_inside(root, folder):
        raise TrainopsError(f"records_dir {records_dir!r} is outside the repository; nothing was written")
    changes: dict[str, bytes] = {}
    for path, rows in sorted(plan.files.items()):
        target = _inside_records(root, records_dir, path)
        old = target.read_bytes() if target.is_file() else b""
        changes[path] = _appended(path, old, rows.columns, rows.rows)
    if plan.exceptions:
        path = f"{records_dir.strip('/')}/exceptions.yaml"
        target = _inside_records(root, records_dir, path)
        old = target.read_bytes() if target.is_file() else b""
        newline = b"\r\n" if b"\r\n" in old else b"\n"
        lines = newline.join(entry.encode() for entry in plan.exceptions) + newline
        changes[path] = old + (newline if old and not old.endswith(b"\n") else b"") + lines
    for path, data in changes.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.import")
        temporary.write_bytes(data)
        temporary.replace(target)
    return sorted(changes)


def _inside_records(root: Path, records_dir: str, path: str) -> Path:
    """``root / path``, checked before it is read or written: it really lies in the records folder
    (a file or folder linked out of it is neither read nor replaced)."""
    target = root / path
    if not is_inside(root / records_dir, target):
        raise TrainopsError(f"{path}: outside the records folder {records_dir}; nothing was written")
    return target


def _appended(path: str, old: bytes, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> bytes:
    """``old`` with ``rows`` after it, in the order of its header (``columns`` for a new file)."""
    text = old.decode("utf-8-sig") if old.strip() else ""
    first = text.split("\n", 1)[0]
    newline = "\r\n" if first.endswith("\r") else "\n"
    header = [name.strip() for name in next(csv.reader([first]), [])] if text else []
    if header and sorted(header) != sorted(columns):
        raise TrainopsError(
            f"{path}: its header is '{','.join(header)}', an import writes '{','.join(columns)}'; nothing was written"
        )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    if not header:  # a new file (or an empty one)
        old, header = b"", list(columns)
        writer.writerow(columns)
    order = [columns.index(name) for name in header]
    for row in rows:
        writer.writerow([row[i] for i in order])
    lead = b"" if not old or old.endswith(b"\n") else newline.encode()
    return old + lead + out.getvalue().encode("utf-8")
