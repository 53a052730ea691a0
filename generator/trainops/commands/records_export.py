"""``trainops records export attendance|completions|xapi``: the records on stdout, tidy CSV or
xAPI statements as JSON Lines. Nothing is written; a records file with errors is exported as
read (its bad rows left out, as ``check`` reports them). The xAPI export reads the committed
versions of the attendance sheets from git, to void what an earlier version said."""

from __future__ import annotations

import contextlib
import sys
from datetime import date
from pathlib import Path

from ..load.records.attendance_history import committed_attendance
from ..model.errors import EXIT_OK, UsageError
from ..render.records_export import attendance_csv, completions_csv
from ..render.xapi import statement_lines, voiding_statements, xapi_statements
from .check import Quiet
from .records import read_with_records

__all__ = ["run_export"]


def run_export(
    root: Path,
    today: date,
    kind: str,
    roster_env: str | None = None,
    loading: Quiet = contextlib.nullcontext,
) -> int:
    settings, project, records, cache = read_with_records(root, today, roster_env, loading)
    if kind == "attendance":
        sys.stdout.write(attendance_csv(project, records))
    elif kind == "xapi":
        current = xapi_statements(project, records)
        with loading():
            earlier, why = committed_attendance(root, settings, records.attendance, cache)
        if why:
            sys.stderr.write(f"trainops: no voiding statements, the attendance files' history is unread: {why}\n")
        # A record store must learn that a statement is void before it gets the corrected one.
        sys.stdout.write(statement_lines([*voiding_statements(project, current, earlier), *current]))
    elif kind == "completions":
        sys.stdout.write(completions_csv(project, records))
    else:
        raise UsageError(f"unknown export '{kind}'")
    return EXIT_OK
