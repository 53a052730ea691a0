"""``trainops records export attendance|completions|xapi``: the records on stdout, tidy CSV or
xAPI statements as JSON Lines. Nothing is written; a records file with errors is exported as
read (its bad rows left out, as ``check`` reports them)."""

from __future__ import annotations

import contextlib
import sys
from datetime import date
from pathlib import Path

from ..load.loading import load_project
from ..load.records import load_records
from ..load.settings import cache_keeps_out_of, read_settings
from ..model.errors import EXIT_OK, UsageError
from ..render.records_export import attendance_csv, completions_csv
from ..render.xapi import statement_lines, xapi_statements
from ..store.cache import data_cache
from .check import Quiet

__all__ = ["run_export"]


def run_export(
    root: Path,
    today: date,
    kind: str,
    roster_env: str | None = None,
    loading: Quiet = contextlib.nullcontext,
) -> int:
    settings, _ = read_settings(root)
    cache = data_cache(root, cache_keeps_out_of(root, settings))
    with loading():
        project, _ = load_project(root, settings, today, cache)
        records, _ = load_records(root, settings, project, roster_env, cache)
    if kind == "attendance":
        sys.stdout.write(attendance_csv(project, records))
    elif kind == "xapi":
        sys.stdout.write(statement_lines(xapi_statements(project, records)))
    elif kind == "completions":
        sys.stdout.write(completions_csv(project, records))
    else:
        raise UsageError(f"unknown export '{kind}'")
    return EXIT_OK
