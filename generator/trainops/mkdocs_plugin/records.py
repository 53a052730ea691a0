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
large organisation: 20,000 sheets, 15 s, and 16 s of working out progress and messages). A
program's status pages are kept under the same key (:class:`PagesInCache`), and so is its
completion status, apart from the rest of its part (:class:`StatusInCache`): read only for the
status pages that are not kept, it is most of the records' data (at a year, 400,000 learners'
standings: 0.4 GB of the build's memory and 1 s of unpickling before the first page). Its reminders
page is kept under that key with the key of the whole project added (:func:`_project_key`: its
messages name people, materials, the history's changes), so an edit of a data file makes every
reminders page again, and an edit of the records only those of the programs whose records changed.
A part worked out from records saved after its key was taken (an editor saving while the site is
built) is what this build shows, but neither it nor its pages are kept under that key
(:meth:`~trainops.store.file_digests.FileDigests.unchanged_since_taken`)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Container, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Generic, TypeGuard, TypeVar

from ..commands.record_checks import program_keys
from ..load.records import ROSTER_VARIABLE, load_records, records_present, roster_location
from ..load.settings import cache_keeps_out_of
from ..model.errors import RenderFailed
from ..model.project import Project
from ..plan.certification import renewal_program
from ..plan.coordinator_records import (
    CoordinatorRecords,
    ProgramShare,
    coordinator_records,
    coordinator_records_of,
    program_share,
)
from ..plan.program_status import ProgramStatus
from ..render.environment import overrides_trainops_templates
from ..render.files import GeneratedFile
from ..render.kept_pages import KeptProgramPages
from ..render.reminder_pages import ReminderPage
from ..store.cache import DataCache, data_cache
from ..store.file_digests import FileDigests

__all__ = ["PagesInCache", "StatusInCache", "coordinator_site_records", "coordinator_site_share"]

# The records of this many programs are read at once when their shares are worked out: five years
# of a large organisation's records read whole were a first build's peak (1.03 GB in its worker).
PROGRAMS_READ_AT_ONCE = 60
_KIND = "coordinator-records-program"  # (its share without its status, and whether it has one)
_STATUS_KIND = "coordinator-records-status"
_PAGES_KIND = "coordinator-status-pages"
_REMINDERS_KIND = "coordinator-reminders-page"

T = TypeVar("T")


class StatusInCache(Mapping[str, ProgramStatus]):
    """The completion status of each program that has one (``entries``: its share's key), read from
    the cache when a page is rendered from it: a build whose status pages are all kept reads none.
    ``known``: the ones worked out by this build; ``work_out``: a program's status from its records,
    for an entry that cannot be read (removed or damaged since its share was read)."""

    def __init__(
        self,
        cache: DataCache,
        entries: dict[str, bytes],
        known: dict[str, ProgramStatus],
        work_out: Callable[[str], ProgramStatus],
    ):
        self.cache, self.entries, self.known, self.work_out = cache, entries, known, work_out

    def __getitem__(self, slug: str) -> ProgramStatus:
        if slug in self.known:
            return self.known[slug]
        found = self.cache.get(_STATUS_KIND, slug, self.entries[slug])  # (KeyError: no status)
        return found if isinstance(found, ProgramStatus) else self.work_out(slug)

    def __contains__(self, slug: object) -> bool:
        # (Mapping's own would read the status: the checklist and the overview only ask whether)
        return slug in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.entries))

    def __len__(self) -> int:
        return len(self.entries)


class PagesInCache(Generic[T]):
    """Each program's pages of one kind (:mod:`trainops.render.kept_pages`) kept in the cache under
    its key (``keys``; a program without one is not kept); ``kind``: the cache's kind of entry,
    ``pages``: whether what the cache holds is such pages; ``not_kept``: the programs whose pages
    are rendered from records read after they changed, which are not what their keys describe
    (neither kept nor taken from the cache; it may grow while the pages are rendered). Only where
    the theme folder overrides none of trainops' templates: an override may show anything of the
    project, which no key covers."""

    def __init__(
        self,
        cache: DataCache,
        kind: str,
        keys: dict[str, bytes],
        pages: Callable[[Any], TypeGuard[T]],
        not_kept: Container[str] = frozenset(),
    ):
        self.cache, self.kind, self.keys, self.pages, self.not_kept = cache, kind, keys, pages, not_kept

    def get(self, slug: str) -> T | None:
        key = self.keys.get(slug)
        found = self.cache.get(self.kind, slug, key) if key is not None and slug not in self.not_kept else None
        return found if self.pages(found) else None

    def put(self, slug: str, pages: T) -> None:
        key = self.keys.get(slug)
        if key is not None and slug not in self.not_kept:
            self.cache.put(self.kind, slug, key, pages)


def _are_status_pages(found: Any) -> TypeGuard[list[GeneratedFile]]:
    return isinstance(found, list) and all(isinstance(f, GeneratedFile) for f in found)


def _is_reminder_page(found: Any) -> TypeGuard[ReminderPage]:
    return isinstance(found, ReminderPage)


def _project_key(project: Project) -> bytes:
    """A key of all the project is made of: every file its load read, its settings, its day and
    the history read (its changes are those of the commit read and of the files' bytes); b"" for
    a project not made by ``load_project``, whose sources are not known."""
    if not project.sources_read:
        return b""
    read = hashlib.sha256()  # (every file by its path and the digest of the bytes read)
    for rel, digest in sorted(project.sources_read.items()):
        path = rel.encode()
        read.update(len(path).to_bytes(8, "little") + path + digest)
    h = project.history
    made_of = f"\0{project.today}\0{project.settings!r}\0{h.available}\0{h.head}\0{h.dirty}\0{h.problem}"
    return read.digest() + made_of.encode()


def coordinator_site_records(project: Project, cache: DataCache | None = None) -> CoordinatorRecords | None:
    """What the coordinator site shows of the project's records; None without records (no records
    folder and no roster). Their problems are ``check``'s to report (``trainops build`` checks
    first): here a row that could not be read is left out, as ``check`` said."""
    return coordinator_site_share(project, cache)[0]


def coordinator_site_share(
    project: Project, cache: DataCache | None = None, directory_urls: bool = True, manuals: bool = False
) -> tuple[CoordinatorRecords | None, KeptProgramPages | None]:
    """:func:`coordinator_site_records`, and where they are kept in the cache, the programs' status
    and reminders pages rendered from them for a site of ``directory_urls`` and ``manuals``."""
    root, settings = project.root, project.settings
    # (the coordinator's machine names a roster kept outside the repository; relative to where they are)
    roster_env = os.environ.get(ROSTER_VARIABLE) or None
    if roster_env:
        roster_env = str(Path(roster_env).absolute())
    if not records_present(root, settings, roster_env):
        return None, None
    if cache is None:
        cache = data_cache(root, cache_keeps_out_of(root, settings))
    names = settings.ops_names
    roster_path, inside = roster_location(root, settings, roster_env)
    if not cache.enabled or not inside:  # (a roster outside the repository is never cached)
        records, _problems = load_records(root, settings, project, roster_env, cache)
        return coordinator_records(project, records, names), None
    digests = FileDigests(cache, "build-records")
    # (the programs' entries are kept under the project's key: not worked out again at each build)
    whole = _project_key(project)
    keys, _owned, _changes = program_keys(root, project, cache, digests, roster_path, whole)
    common = _feedback_digest(root, settings.records_dir, digests) + f"\0{names}".encode()
    keys = {slug: key + common for slug, key in keys.items()}
    salt = f"\0{directory_urls}\0{manuals}".encode()
    pages_kept = not overrides_trainops_templates(project)
    shares: dict[str, ProgramShare] = {}
    with_status: set[str] = set()
    for slug, key in keys.items():
        found = cache.get(_KIND, slug, key)
        if isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], ProgramShare):
            # A status no build has read for long may be gone (the cache's bound lets the entries
            # used least go first): one whose pages are not kept either is worked out with the
            # missing shares (their records read together), not alone when its page is made.
            needed = found[1] is True and not (pages_kept and cache.holds(_PAGES_KIND, slug, key + salt))
            if needed and not cache.holds(_STATUS_KIND, slug, key):
                continue
            shares[slug] = found[0]
            if found[1] is True:
                with_status.add(slug)

    not_kept: set[str] = set()  # (the programs whose records changed while they were read)

    def worked_out(wanted: list[str], keep: bool = True) -> dict[str, ProgramShare]:
        """The shares of the programs ``wanted``, from their records (and their renewal programs'),
        kept for the next build under the keys taken when the build began, when every file is
        still as they saw it; else neither they nor their pages are kept (``keep``: False keeps the
        shares not, only their pages: a status worked out as its page is made). A status
        kept in the cache is let go of as soon as it is (``with_status``), and read back when its
        pages are made: the statuses of every program at once were most of a first build's peak
        memory (a year of a large organisation: 1.26 GB)."""
        read = frozenset({*wanted, *(renewal_program(project, slug) for slug in wanted)})
        records, _problems = load_records(root, settings, project, roster_env, cache, only=read)
        # ResultsToKeep's rule (kept only when no file changed since the keys were taken), written
        # out here for memory: ResultsToKeep holds what it is given until its keep(), and every
        # status held at once is what letting each go of as it is made avoids (see the docstring).
        unchanged = digests.unchanged_since_taken()
        if not unchanged:
            not_kept.update(wanted)
        keep = keep and unchanged
        made = {}
        for slug in wanted:
            share = program_share(project, records, slug, names)
            if keep:
                cache.put(_KIND, slug, keys[slug], (replace(share, status=None), share.status is not None))
                if share.status is not None:
                    cache.put(_STATUS_KIND, slug, keys[slug], share.status)
                    if cache.holds(_STATUS_KIND, slug, keys[slug]):
                        with_status.add(slug)
                        share = replace(share, status=None)
            made[slug] = share
        return made

    missing = sorted(frozenset(project.programs) - frozenset(shares))
    known: dict[str, ProgramStatus] = {}  # (the statuses worked out that the cache could not keep)
    for start in range(0, len(missing), PROGRAMS_READ_AT_ONCE):
        for slug, share in worked_out(missing[start : start + PROGRAMS_READ_AT_ONCE]).items():
            shares[slug] = replace(share, status=None)
            if share.status is not None:
                known[slug] = share.status
    digests.save()

    def status_worked_out(slug: str) -> ProgramStatus:
        # (its entry went while the build ran: the records are read again, the status not kept (its
        # page is made from it now), and its pages kept only when no file changed since the keys)
        status = worked_out([slug], keep=False)[slug].status
        if status is None:
            raise RenderFailed(f"{slug}: the training records changed while the site was built; build again")
        return status

    status_keys = {slug: keys[slug] for slug in sorted(with_status | known.keys())}
    status = StatusInCache(cache, status_keys, known, status_worked_out)
    shown = coordinator_records_of(project, [shares[slug] for slug in sorted(project.programs)], status)
    if not pages_kept:
        return shown, None
    page_keys = {slug: key + salt for slug, key in keys.items()}
    status_pages = PagesInCache(cache, _PAGES_KIND, page_keys, _are_status_pages, not_kept)
    reminder_keys = {slug: key + salt + whole for slug, key in keys.items()} if whole else {}
    reminder_pages = PagesInCache(cache, _REMINDERS_KIND, reminder_keys, _is_reminder_page, not_kept)
    return shown, KeptProgramPages(status_pages, reminder_pages)


def _feedback_digest(root: Path, records_dir: str, digests: FileDigests) -> bytes:
    """The digest of every feedback sheet (a program's metrics take their answers): a sheet is
    named for its session, so an edited one works out every program again, as a rare edit may."""
    h = hashlib.sha256()
    folder = os.path.join(root, records_dir.strip("/"), "feedback")
    for path, _subfolders, files in digests.walk(folder):
        for name in files:
            full = os.path.join(path, name)
            rel = Path(full).relative_to(root).as_posix()
            h.update(rel.encode() + b"\0" + digests.digest(full, rel, os.lstat(full)))
    return h.digest()
