"""The training records for the coordinator site: read here, for its render alone.

The learner site is built from the project only, which cannot hold records; this module is the one
place a build reads them, and what it hands on is the coordinator site's share
(:class:`~trainops.plan.coordinator_records.CoordinatorRecords`), never the records themselves.

Each program's part (:class:`~trainops.plan.coordinator_records.ProgramShare`) is kept in the cache
under the key ``check`` keeps that program's records problems under
(:func:`~trainops.commands.record_checks.program_keys`: the digests of its records files and its
renewal program's, the roster's, the exceptions', its entry and sessions, its significant changes,
today and the settings), with the feedback sheets' digests added. The records files of a program
whose part is kept are not read: a build after a check, or a second build, reads none (a year of a
large organisation: 20,000 sheets, 15 s, and 16 s of working out progress and messages)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..commands.record_checks import program_keys
from ..load.records import ROSTER_VARIABLE, load_records, records_present, roster_location
from ..load.settings import cache_keeps_out_of
from ..model.project import Project
from ..plan.certification import renewal_program
from ..plan.coordinator_records import (
    CoordinatorRecords,
    ProgramShare,
    coordinator_records,
    coordinator_records_of,
    program_share,
)
from ..store.cache import DataCache, data_cache
from ..store.file_digests import FileDigests

__all__ = ["coordinator_site_records"]

_KIND = "coordinator-records-program"


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
    names = settings.ops_names
    roster_path, inside = roster_location(root, settings, roster_env)
    if not cache.enabled or not inside:  # (a roster outside the repository is never cached)
        records, _problems = load_records(root, settings, project, roster_env, cache)
        return coordinator_records(project, records, names)
    digests = FileDigests(cache, "build-records")
    keys, _owned, _changes = program_keys(root, project, cache, digests, roster_path)
    common = _feedback_digest(root, settings.records_dir, digests) + f"\0{names}".encode()
    keys = {slug: key + common for slug, key in keys.items()}
    shares: dict[str, ProgramShare] = {}
    for slug, key in keys.items():
        found = cache.get(_KIND, slug, key)
        if isinstance(found, ProgramShare):
            shares[slug] = found
    missing = sorted(frozenset(project.programs) - frozenset(shares))
    if missing:
        wanted = frozenset({*missing, *(renewal_program(project, slug) for slug in missing)})
        records, _problems = load_records(root, settings, project, roster_env, cache, only=wanted)
        for slug in missing:
            shares[slug] = program_share(project, records, slug, names)
            cache.put(_KIND, slug, keys[slug], shares[slug])
    digests.save()
    return coordinator_records_of(project, [shares[slug] for slug in sorted(project.programs)])


def _feedback_digest(root: Path, records_dir: str, digests: FileDigests) -> bytes:
    """The digest of every feedback sheet (a program's metrics take their answers): a sheet is
    named for its session, so an edited one works out every program again, as a rare edit may."""
    h = hashlib.sha256()
    folder = os.path.join(root, records_dir.strip("/"), "feedback")
    for path, subfolders, files in os.walk(folder):
        subfolders.sort()
        for name in sorted(files):
            full = os.path.join(path, name)
            rel = Path(full).relative_to(root).as_posix()
            h.update(rel.encode() + b"\0" + digests.digest(full, rel, os.lstat(full)))
    return h.digest()
