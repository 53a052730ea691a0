"""``load_project``: read every data file of a repository into a :class:`~trainops.model.project.Project`.

All problems in all files are collected (never only the first), each with its file, line and
column. A file with errors is left out of the project, but its id is still known, so one broken
program does not also make every session that uses it an "unknown program".

Each data file is read by a pure function of its text (:mod:`trainops.load.file_readers`,
:mod:`trainops.load.schedule_reader`); with a :class:`~trainops.store.cache.DataCache`, an unchanged file's
result comes from the cache instead. What needs several files (references, links, parts, ids used
in two schedule files) is worked out here; a preview's loads keep the parts and links checks'
results for the inputs they read (:mod:`trainops.load.kept_checks`, :func:`~trainops.load.parts.check_parts`).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..model.diagnostics import Diagnostic
from ..model.event_versions import PublishedCalendar
from ..model.project import MARKDOWN_SUFFIXES, ContentPage, Project
from ..model.settings import Settings
from ..model.values import SLUG_PATTERN
from ..store.cache import DataCache
from ..store.file_digests import file_bytes
from ..store.paths import LEAVES, is_inside, lies_under, unsafe_entries
from .file_readers import PeopleResult, read_people, read_program, read_sop
from .history.reader import read_history
from .kept_checks import kept_broken_links, kept_link_index, kept_page_checks
from .links import LinkIndex
from .page_audience import read_page_audience
from .parts import check_parts
from .references import check_references
from .schedule_entries import read_schedule_by_entries, share_entries, worth_storing
from .schedule_reader import ScheduleFileResult, read_schedule
from .settings import ignored_schedule_files, schedule_files
from .yamlsource import YamlError, decode_source

__all__ = ["load_project", "not_a_file", "read_bytes"]


class _Reader:
    """Reads repository files (never outside it), through the cache when there is one."""

    def __init__(self, root: Path, cache: DataCache | None):
        self.root = root
        self.cache = cache or DataCache(None)
        self.diagnostics: list[Diagnostic] = []
        self.texts: dict[str, str] = {}
        self.real_folders: dict[str, str] = {}  # folders' real paths, resolved once per load
        self.digests: dict[str, bytes] = {}  # each file's digest, as read (Project.sources_read)

    def error(self, path: str, line: int, col: int, rule: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(path, line, col, "error", rule, message))

    def bytes_of(self, rel: str) -> bytes | None:
        try:
            raw = read_bytes(self.root, rel, self.real_folders)
        except YamlError as exc:
            self.diagnostics.append(exc.diagnostic)
            return None
        self.digests[rel] = hashlib.sha256(raw).digest()
        return raw

    def text_of(self, rel: str, raw: bytes) -> str | None:
        try:
            return decode_source(raw, rel)
        except YamlError as exc:
            self.diagnostics.append(exc.diagnostic)
            return None

    def parsed(self, kind: str, rel: str, read, keep_text: bool = True, worth_storing=None):
        """``read(text)`` for the file at ``rel``, from the cache when its bytes are unchanged.
        ``keep_text``: the text is kept too (the launch review scans YAML files for placeholders).
        ``worth_storing(result)``: whether a result worked out goes to the disk cache (always
        when not given; the shared results always)."""
        raw = self.bytes_of(rel)
        if raw is None:
            return None
        result = self.cache.get(kind, rel, raw, shared=True)  # (a file's result is never changed)
        if result is not None and not keep_text:
            return result
        text = self.text_of(rel, raw)
        if text is None:
            return None
        if keep_text:
            self.texts[rel] = text
        if result is None:
            result = read(text)
            if worth_storing is None or worth_storing(result):
                self.cache.put(kind, rel, raw, result, shared=True)
            elif self.cache.shared is not None:
                self.cache.shared.keep(self.cache.digest(kind, rel, raw), result)
        return result


def not_a_file(rel: str) -> YamlError:
    """The error of a path read as a file that is none (a folder, a FIFO, a device, nothing)."""
    return YamlError(Diagnostic(rel, 1, 1, "error", "not-a-file", "this is not a regular file; replace it with one"))


def read_bytes(
    root: Path,
    rel: str,
    real_folders: dict[str, str] | None = None,
    kept: Callable[[str, os.stat_result], bytes | None] | None = None,
) -> bytes:
    """The bytes of a repository file; refuses files that resolve outside the repository.
    ``kept``: the bytes already read of a file (not a link) with these stat data, if any
    (:meth:`~trainops.store.file_digests.FileDigests.kept_bytes`)."""
    real_folders = {} if real_folders is None else real_folders
    full = os.path.join(root, rel)
    folder, name = os.path.split(full)
    for path in (str(root), folder):
        if path not in real_folders:
            real_folders[path] = os.path.realpath(path)
    try:
        found = os.lstat(full)
    except OSError:
        found = None  # (no such file: said below, as not a regular file)
    mode = found.st_mode if found is not None else 0
    link = stat.S_ISLNK(mode)
    real = os.path.realpath(full) if link else os.path.join(real_folders[folder], name)
    if not lies_under(real, real_folders[str(root)]):
        raise YamlError(
            Diagnostic(
                rel,
                1,
                1,
                "error",
                "outside-repository",
                "this file links to a place outside the repository; copy the file in instead",
            )
        )
    # (a FIFO or a device would block or never end; one lstat tells a file that is not a link)
    if not (os.path.isfile(full) if link else stat.S_ISREG(mode)):
        raise not_a_file(rel)
    if kept is not None and found is not None and not link:
        data = kept(rel, found)
        if data is not None:
            return data
    return file_bytes(full, found.st_size if found is not None and not link else None)


def load_project(
    root: Path,
    settings: Settings | None = None,
    today: date | None = None,
    cache: DataCache | None = None,
    history: bool = False,
    published_calendar: PublishedCalendar | None = None,
    cross_checks: bool = True,
) -> tuple[Project, list[Diagnostic]]:
    """Load and validate everything. Returns the project (what is valid of it) and all diagnostics.
    ``history``: read what changed from git too (``Project.history``; it says why when it cannot).
    ``published_calendar``: the calendar events of the site a build replaces
    (:func:`trainops.load.published_calendar.read_published_calendar`).
    ``cross_checks``: False leaves out the checks across files (links, references, parts), which
    only give diagnostics, for a caller that does not use them (0.3 s at 20,000 sessions)."""
    settings = settings or Settings()
    root = Path(root)
    reader = _Reader(root, cache)
    _check_folders(root, settings, reader)
    # Diagnostics in the order of the files: people, programs, schedule, SOPs, pages, links.
    people = _load_people(settings, reader) or PeopleResult()
    # The project is frozen (no attribute is ever assigned): what is read next fills its lists and
    # dictionaries here, before anyone else sees it; ``texts`` is the reader's own, filled as it reads.
    project = Project(
        root=root,
        settings=settings,
        today=today or date.today(),
        people=people.people,
        people_source=people.source,
        people_index=people.index,
        people_loaded=people.loaded,
        texts=reader.texts,
        published_calendar=published_calendar,
    )
    known_programs = _load_programs(project, reader)
    _load_schedules(project, reader)
    _load_sops(project, reader)
    _load_pages(project, reader)
    # (reading the history needs the project; a copy with it and the digest of what was read, before
    # anything is worked out from the project: a copy starts its indexes afresh, and check_parts
    # builds the sessions' index)
    history_read = read_history(project, reader.cache) if history else project.history
    project = replace(project, history=history_read, sources_read=reader.digests)
    diagnostics = reader.diagnostics
    if not cross_checks:
        return project, diagnostics
    # A preview's loads keep each check's results for the next (``reader.cache.shared``): each is
    # reused for the very inputs it was worked out from, so a save redoes what it changed.
    shared = reader.cache.shared
    known_sops = _stems(root, settings.sops_dir, ".md")
    index = kept_link_index(LinkIndex(root, settings, frozenset(known_programs), frozenset(known_sops)), shared)
    for sop in project.sops.values():
        diagnostics += kept_broken_links(sop, index, shared)
    for page in project.pages:
        diagnostics += kept_page_checks(page.path, page.text, index, shared)
    diagnostics += check_references(project, known_programs, known_sops, shared)
    diagnostics += check_parts(project, shared)
    return project, diagnostics


def _check_folders(root: Path, settings: Settings, reader: _Reader) -> None:
    """Every source folder stays inside the repository, and so does everything in it."""
    folders = {"docs_dir": settings.docs_dir, "theme custom_dir": settings.theme_dir}
    for what, folder in folders.items():
        if folder is not None and not is_inside(root, folder):
            reader.error("mkdocs.yml", 1, 1, "outside-repository", f"{what} '{folder}' is outside the repository")
    if (root / "mkdocs.yml").is_symlink() and not is_inside(root, "mkdocs.yml"):
        reader.error("mkdocs.yml", 1, 1, "outside-repository", LEAVES)
    for folder in dict.fromkeys(settings.source_folders()):
        for rel, why in unsafe_entries(root, folder.strip("/")):
            reader.error(rel, 1, 1, "outside-repository" if why == LEAVES else "not-a-file", why)


def _stems(root: Path, folder: str, *suffixes: str) -> set[str]:
    base = root / folder
    if not base.is_dir():
        return set()
    return {p.stem for p in base.iterdir() if p.is_file() and p.suffix in suffixes}


# --- people -------------------------------------------------------------------------------------


def _load_people(settings: Settings, reader: _Reader) -> PeopleResult | None:
    """The people file as read (its ``people`` maps a known but invalid id to None); None when it
    is missing or unreadable."""
    rel = settings.people_path
    if not (reader.root / rel).is_file():
        reader.error(rel, 1, 1, "missing-file", f"no people file; create {rel} with a 'people:' list")
        return None
    result = reader.parsed("people", rel, lambda text: read_people(rel, text))
    if result is None:
        return None
    reader.diagnostics += result.diagnostics
    return result


# --- programs -----------------------------------------------------------------------------------


def _program_files(project: Project) -> list[str]:
    base = project.root / project.settings.programs_dir
    if not base.is_dir():
        return []
    files = []
    for p in sorted(base.iterdir(), key=lambda p: (p.stem, p.suffix != ".yaml", p.name)):
        rel = f"{project.settings.programs_dir.strip('/')}/{p.name}"
        if project.settings.is_program_file(rel) and p.is_file():
            files.append(rel)
    return files


def _load_programs(project: Project, reader: _Reader) -> set[str]:
    known = set()
    for rel in _program_files(project):
        slug = Path(rel).stem
        if slug in known:
            reader.error(
                rel,
                1,
                1,
                "duplicate-program",
                f"program '{slug}' is defined twice ({slug}.yaml and {Path(rel).name}); keep one file",
            )
            continue
        known.add(slug)
        if not re.match(SLUG_PATTERN, slug):
            reader.error(
                rel,
                1,
                1,
                "file-name",
                f"'{Path(rel).name}' is not a valid program file name; use lowercase letters, digits and hyphens",
            )
            continue
        result = reader.parsed("program", rel, lambda text, slug=slug, rel=rel: read_program(slug, rel, text))
        if result is None:
            continue
        record, problems = result
        reader.diagnostics += problems
        if record is not None:
            project.programs[slug] = record
    return known


# --- schedule -----------------------------------------------------------------------------------


def _load_schedules(project: Project, reader: _Reader) -> None:
    """Every schedule file (one file, or a folder of them): ids are unique across all of them."""
    first: dict[str, str] = {}  # session id -> where it was first used
    for rel, message in ignored_schedule_files(project.root, project.settings):
        reader.error(rel, 1, 1, "schedule-file-ignored", message)
    for rel in schedule_files(project.root, project.settings):
        is_yaml = not rel.endswith(".csv")
        result = _parsed_schedule(reader, rel, is_yaml)
        if result is None:
            continue
        reader.diagnostics += result.diagnostics
        project.unchecked_references.extend(result.references)
        for session in result.sessions:
            where = f"{session.path}, sessions[{session.loc[-1] + 1}]"
            if session.id in first:
                line, c = session.line("id") if session.entry.id else session.line("start")
                how = "" if session.entry.id else " (the id made from its program and start)"
                shown = (
                    first[session.id].split(", ", 1)[1]
                    if first[session.id].startswith(rel + ",")
                    else first[session.id]
                )
                reader.error(
                    rel,
                    line,
                    c,
                    "duplicate-id",
                    f"session id '{session.id}'{how} is used twice (first in {shown}); give each session its own 'id:'",
                )
                continue
            first[session.id] = where
            project.sessions.append(session)
    project.sessions.sort(key=lambda s: (s.start_utc, s.id))


def _parsed_schedule(reader: _Reader, rel: str, is_yaml: bool) -> ScheduleFileResult | None:
    """A preview (its cache shares results between loads) reads a YAML schedule in parts, so a
    save reads the entries it changed; its results are another kind in the disk cache (they carry
    their entries' results), which it hands on to the next load."""
    shared = reader.cache.shared
    if shared is None or not is_yaml:
        return reader.parsed("schedule", rel, lambda text: read_schedule(rel, text), keep_text=is_yaml)
    result = reader.parsed(
        "schedule-in-parts",
        rel,
        lambda text: read_schedule_by_entries(rel, text, reader.cache),
        worth_storing=worth_storing,
    )
    if result is not None:
        share_entries(result, shared)
    return result


# --- SOPs and pages -----------------------------------------------------------------------------


def _load_sops(project: Project, reader: _Reader) -> None:
    base = project.root / project.settings.sops_dir
    if not base.is_dir():
        return
    for p in sorted(base.iterdir()):
        if not (p.is_file() and p.suffix == ".md"):
            continue
        rel = f"{project.settings.sops_dir.strip('/')}/{p.name}"
        if not re.match(SLUG_PATTERN, p.stem):
            reader.error(
                rel,
                1,
                1,
                "file-name",
                f"'{p.name}' is not a valid SOP file name; use lowercase letters, digits and hyphens",
            )
            continue
        result = reader.parsed(
            "sop", rel, lambda text, slug=p.stem, rel=rel: read_sop(slug, rel, text), keep_text=False
        )
        if result is None:
            continue
        sop, problems = result
        reader.diagnostics += problems
        if sop is not None:
            project.sops[p.stem] = sop


def _load_pages(project: Project, reader: _Reader) -> None:
    docs = project.settings.docs_dir.strip("/")
    base = project.root / docs
    if not base.is_dir():
        return
    for p in sorted(base.rglob("*")):
        if not p.name.endswith(MARKDOWN_SUFFIXES) or not p.is_file() or not is_inside(project.root, p):
            continue
        docs_rel = p.relative_to(base).as_posix()
        rel = f"{docs}/{docs_rel}"
        raw = reader.bytes_of(rel)
        text = reader.text_of(rel, raw) if raw is not None else None
        if text is not None:
            audience, problems = read_page_audience(rel, text, home=docs_rel == "index.md")
            reader.diagnostics += problems
            project.pages.append(ContentPage(rel, docs_rel, text, audience))
