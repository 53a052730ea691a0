"""The training records for the coordinator site: read here, for its render alone.

The learner site is built from the project only, which cannot hold records; this module is the one
place a build reads them, and what it hands on is the coordinator site's share
(:class:`~trainops.plan.coordinator_records.CoordinatorRecords`), never the records themselves."""

from __future__ import annotations

import os
from pathlib import Path

from ..load.records import ROSTER_VARIABLE, load_records, records_present
from ..load.settings import cache_keeps_out_of
from ..model.project import Project
from ..plan.coordinator_records import CoordinatorRecords, coordinator_records
from ..store.cache import DataCache, data_cache

__all__ = ["coordinator_site_records"]


def coordinator_site_records(project: Project, cache: DataCache | None = None) -> CoordinatorRecords | None:
    """What the coordinator site shows of the project's records; None without records (no records
    folder and no roster). Their problems are ``check``'s to report (``trainops build`` checks
    first): here a row that could not be read is left out, as ``check`` said."""
    root, settings = project.root, project.settings
    # (the coordinator's machine names a roster kept outside the repository; relative to where they are)
    roster_env = os.environ.get(ROSTER_VARIABLE) or None
    if roster_env:
        roster_env = str(Path(roster_env).absolute())
    if not records_present(root, settings, roster_env):
        return None
    if cache is None:
        cache = data_cache(root, cache_keeps_out_of(root, settings))
    records, _problems = load_records(root, settings, project, roster_env, cache)
    return coordinator_records(project, records, settings.ops_names)
