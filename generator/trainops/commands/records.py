"""``trainops records``: commands on the records of what training did. ``prune`` removes the
records files kept longer than the setting ``records_keep`` allows: exactly the files ``check``
warns about with ``[records-expired]``, and nothing else."""

from __future__ import annotations

import contextlib
import os
import sys
from datetime import date
from pathlib import Path
from typing import NamedTuple

from ..load.loading import load_project
from ..load.records import expired_files, load_records
from ..load.settings import cache_keeps_out_of, read_settings
from ..model.errors import EXIT_OK, UsageError
from ..model.project import Project
from ..model.settings import Settings
from ..model.training_records import Records
from ..store.cache import DataCache, data_cache
from .check import Quiet

__all__ = ["prune_records", "RecordsRead", "read_with_records"]


class RecordsRead(NamedTuple):
    settings: Settings
    project: Project
    records: Records
    cache: DataCache


def read_with_records(
    root: Path, today: date, roster_env: str | None = None, loading: Quiet = contextlib.nullcontext
) -> RecordsRead:
    """The project and its records, read through the cache, for a records command. Their problems
    are ``check``'s to report: a command works on the rows that could be read."""
    settings, _ = read_settings(root)
    cache = data_cache(root, cache_keeps_out_of(root, settings))
    with loading():
        project, _ = load_project(root, settings, today, cache)
        records, _ = load_records(root, settings, project, roster_env, cache)
    return RecordsRead(settings, project, records, cache)


def prune_records(
    root: Path,
    today: date,
    dry_run: bool = False,
    roster_env: str | None = None,
    loading: Quiet = contextlib.nullcontext,
) -> int:
    """Remove (or, with ``dry_run``, only list) every expired records file, one line each on stdout."""
    if read_settings(root)[0].records_keep is None:
        raise UsageError("records_keep is not set in mkdocs.yml, so no records file expires; nothing was removed")
    settings, project, records, _ = read_with_records(root, today, roster_env, loading)
    expired = expired_files(records, project, settings.records_keep, today)
    for path, day in expired:
        if not dry_run:
            os.unlink(root / path)  # (a path inside the records folder: load_records read it there)
        print(f"{'would remove' if dry_run else 'removed'} {path} (last record {day})")
    verb = "would be removed" if dry_run else "removed"
    print(
        f"{len(expired)} {'file' if len(expired) == 1 else 'files'} {verb} (records_keep: {settings.records_keep})",
        file=sys.stderr,
    )
    return EXIT_OK
