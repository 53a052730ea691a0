"""``load_project``: read every data file of a repository into a :class:`~trainops.project.Project`.

All problems in all files are collected (never only the first), each with its file, line and
column. A file with errors is left out of the project, but its id is still known, so one broken
program does not also make every session that uses it an "unknown program".
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic
from .frontmatter import split_front_matter
from .gcpause import collector_paused
from .links import LinkIndex, check_links
from .markdown_depth import check_markdown_depth
from .models import PeopleFile, Person, Program, ScheduleFile, SessionEntry, SopFrontMatter
from .parallel import in_background
from .paths import is_inside, links_leaving
from .project import ContentPage, ProgramRecord, Project, RawReference, Session, Settings, Sop
from .references import check_references
from .validation import validate_model
from .values import SLUG_PATTERN, Duration, LocalTimeError, localize
from .yamlsource import LoadedYaml, SourceMap, YamlError, control_character_problem, decode_source, load_yaml_text

__all__ = ["load_project", "read_text"]


class _Collector:
    def __init__(self, root: Path):
        self.root = root
        self.diagnostics: list[Diagnostic] = []
        self.texts: dict[str, str] = {}
        self.real_folders: dict[str, str] = {}  # for read_text, during this load

    def error(self, path: str, line: int, col: int, rule: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(path, line, col, "error", rule, message))

    def read(self, rel: str) -> str:
        return read_text(self.root, rel, self.real_folders)


def read_text(root: Path, rel: str, real_folders: dict[str, str] | None = None) -> str:
    """The UTF-8 text of a repository file; refuses files that resolve outside the repository.

    ``real_folders`` keeps the folders' real paths between calls (one load reads 1,800 files in
    two folders; resolving every one of them path by path took a third of reading them)."""
    real_folders = {} if real_folders is None else real_folders
    full = os.path.join(root, rel)
    folder, name = os.path.split(full)
    for path in (str(root), folder):
        if path not in real_folders:
            real_folders[path] = os.path.realpath(path)
    real = os.path.realpath(full) if os.path.islink(full) else os.path.join(real_folders[folder], name)
    real_root = real_folders[str(root)]
    if not (real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)):
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
    with open(full, "rb") as file:
        return decode_source(file.read(), rel)


def load_project(
    root: Path, settings: Settings | None = None, today: date | None = None
) -> tuple[Project, list[Diagnostic]]:
    """Load and validate everything. Returns the project (what is valid of it) and all diagnostics."""
    with collector_paused():
        return _load_project(root, settings, today)


def _load_project(root: Path, settings: Settings | None, today: date | None) -> tuple[Project, list[Diagnostic]]:
    settings = settings or Settings()
    root = Path(root)
    project = Project(root=root, settings=settings, today=today or date.today())
    # The schedule is the largest file; the programs, SOPs and pages are read meanwhile (in a
    # second process where that is safe, see trainops.parallel). The result is the same either way.
    library = in_background(_load_library, root, settings, project.today)
    col = _Collector(root)
    _load_people(project, col)
    people_diagnostics, col.diagnostics = col.diagnostics, []
    _load_schedule(project, col)
    lib = library.result()
    project.programs, project.sops, project.pages = lib.programs, lib.sops, lib.pages
    for name, value in lib.derived.items():
        project.remember(name, value)
    col.texts.update(lib.texts)
    # Diagnostics in the order of the files: people, programs, schedule, SOPs, pages, links.
    diagnostics = people_diagnostics + lib.program_diagnostics + col.diagnostics + lib.diagnostics
    diagnostics += check_references(project, lib.known_programs, _stems(root, settings.sops_dir, ".md"))
    project.texts = col.texts
    return project, diagnostics


# Values derived from the programs and SOPs alone (name -> function of a project holding only
# those; see Project.derived), worked out beside them while the schedule loads. Modules of rules
# add theirs; a value not worked out here is computed when first asked for, with the same result.
LIBRARY_DERIVED: dict[str, Callable[[Project], Any]] = {}


@dataclass
class _Library:
    programs: dict[str, ProgramRecord]
    known_programs: set[str]  # every program file's slug, valid or not
    sops: dict[str, Sop]
    pages: list[ContentPage]
    program_diagnostics: list[Diagnostic]
    diagnostics: list[Diagnostic]  # of the SOPs, the pages and the links in them
    texts: dict[str, str]
    derived: dict[str, Any]  # of LIBRARY_DERIVED


def _load_library(root: Path, settings: Settings, today: date) -> _Library:
    """The programs, the SOPs and the hand-written pages, with their links checked."""
    part = Project(root=root, settings=settings, today=today)
    programs_col, col = _Collector(root), _Collector(root)
    known_programs = _load_programs(part, programs_col)
    _load_sops(part, col)
    _load_pages(part, col)
    index = LinkIndex(
        root,
        settings.programs_dir.strip("/"),
        settings.sops_dir.strip("/"),
        settings.docs_dir.strip("/"),
        frozenset(known_programs),
        frozenset(_stems(root, settings.sops_dir, ".md")),
    )
    for sop in part.sops.values():
        col.diagnostics += check_links(sop.body, sop.path, index, sop.body_line)
        col.diagnostics += check_markdown_depth(sop.body, sop.path, sop.body_line)
    for page in part.pages:
        col.diagnostics += check_links(page.text, page.path, index)
        col.diagnostics += check_markdown_depth(page.text, page.path)
    return _Library(
        part.programs,
        known_programs,
        part.sops,
        part.pages,
        programs_col.diagnostics,
        col.diagnostics,
        {**programs_col.texts, **col.texts},
        {name: part.derived(name, fn) for name, fn in LIBRARY_DERIVED.items()},
    )


def _stems(root: Path, folder: str, *suffixes: str) -> set[str]:
    base = root / folder
    if not base.is_dir():
        return set()
    return {p.stem for p in base.iterdir() if p.is_file() and p.suffix in suffixes}


def _load(col: _Collector, rel: str) -> LoadedYaml | None:
    try:
        text = col.read(rel)
        col.texts[rel] = text
        return load_yaml_text(text, rel)
    except YamlError as exc:
        col.diagnostics.append(exc.diagnostic)
        return None


def _expect_mapping(col: _Collector, loaded: LoadedYaml, rel: str, what: str) -> bool:
    if isinstance(loaded.data, dict):
        return True
    col.error(
        rel,
        1,
        1,
        "file-shape",
        f"{what} must be a set of 'field: value' lines" + (" (the file is empty)" if loaded.data is None else ""),
    )
    return False


# --- people -------------------------------------------------------------------------------------


def _load_people(project: Project, col: _Collector) -> None:
    rel = project.settings.people_path
    if not (col.root / rel).is_file():
        col.error(rel, 1, 1, "missing-file", f"no people file; create {rel} with a 'people:' list")
        return
    loaded = _load(col, rel)
    if loaded is None or not _expect_mapping(col, loaded, rel, "the people file"):
        return
    project.people_source = loaded.source
    raw_people = loaded.data.get("people")
    project.people_loaded = isinstance(raw_people, list)
    # The head is validated without the list (each person is validated on its own, below), but
    # a 'people:' that is not a list at all must still be reported.
    head = {**loaded.data, "people": []} if isinstance(raw_people, list) else loaded.data
    _, problems = validate_model(PeopleFile, head, loaded.source)
    col.diagnostics += problems
    if not isinstance(raw_people, list):
        return
    for i, raw in enumerate(raw_people):
        person, problems = validate_model(Person, raw, loaded.source, ("people", i))
        col.diagnostics += problems
        if person is None:
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                project.people.setdefault(raw["id"], None)  # type: ignore[arg-type]  # known but invalid
            continue
        if project.people.get(person.id) is not None:
            line, c = loaded.source.locate(("people", i, "id"))
            col.error(rel, line, c, "duplicate-id", f"person id '{person.id}' is used twice; ids must be unique")
            continue
        project.people[person.id] = person
        project.people_index[person.id] = i


# --- programs -----------------------------------------------------------------------------------


def _program_files(project: Project) -> list[str]:
    base = project.root / project.settings.programs_dir
    if not base.is_dir():
        return []
    skip = {project.settings.people_path, project.settings.schedule_path(project.root)}
    files = []
    for p in sorted(base.iterdir(), key=lambda p: (p.stem, p.suffix != ".yaml", p.name)):
        rel = f"{project.settings.programs_dir.strip('/')}/{p.name}"
        if p.is_file() and p.suffix in (".yaml", ".yml") and rel not in skip and p.stem not in ("schedule", "people"):
            files.append(rel)
    return files


def _load_programs(project: Project, col: _Collector) -> set[str]:
    known = set()
    for rel in _program_files(project):
        slug = Path(rel).stem
        if slug in known:
            col.error(
                rel,
                1,
                1,
                "duplicate-program",
                f"program '{slug}' is defined twice ({slug}.yaml and {Path(rel).name}); keep one file",
            )
            continue
        known.add(slug)
        if not re.match(SLUG_PATTERN, slug):
            col.error(
                rel,
                1,
                1,
                "file-name",
                f"'{Path(rel).name}' is not a valid program file name; use lowercase letters, digits and hyphens",
            )
            continue
        loaded = _load(col, rel)
        if loaded is None or not _expect_mapping(col, loaded, rel, "a program file"):
            continue
        program, problems = validate_model(Program, loaded.data, loaded.source)
        col.diagnostics += problems
        if program is not None:
            project.programs[slug] = ProgramRecord(slug, program, rel, loaded.source)
    return known


# --- schedule -----------------------------------------------------------------------------------


def _load_schedule(project: Project, col: _Collector) -> None:
    rel = project.settings.schedule_path(project.root)
    if not (col.root / rel).is_file():
        return  # no sessions yet is a valid state; readiness rules report programs without any
    loaded = _load_csv(col, rel) if rel.endswith(".csv") else _load(col, rel)
    if loaded is None or not _expect_mapping(col, loaded, rel, "the schedule"):
        return
    raw_sessions = loaded.data.get("sessions")
    head_data = {**loaded.data, "sessions": []} if isinstance(raw_sessions, list) else loaded.data
    head, problems = validate_model(ScheduleFile, head_data, loaded.source)
    col.diagnostics += problems
    # An invalid top-level zone has its own error; its sessions are skipped, not told they have none.
    default_zone = head.timezone if head else (_INVALID_ZONE if isinstance(loaded.data.get("timezone"), str) else None)
    if not isinstance(raw_sessions, list):
        return
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_sessions):
        entry, problems = validate_model(SessionEntry, raw, loaded.source, ("sessions", i))
        col.diagnostics += problems
        if entry is None:
            _remember_references(project, rel, loaded.source, ("sessions", i), raw)
            continue
        session = _resolve_session(col, rel, loaded.source, i, entry, default_zone)
        if session is None:
            continue
        if session.id in seen:
            line, c = session.line("id") if entry.id else session.line("start")
            how = "" if entry.id else " (the id made from its program and start)"
            col.error(
                rel,
                line,
                c,
                "duplicate-id",
                f"session id '{session.id}'{how} is used twice (first in sessions[{seen[session.id]}]); "
                "give each session its own 'id:'",
            )
            continue
        seen[session.id] = i + 1
        project.sessions.append(session)
    project.sessions.sort(key=lambda s: (s.start_utc, s.id))


def _resolve_session(
    col: _Collector, rel: str, source: SourceMap, i: int, entry: SessionEntry, default_zone: str | None
) -> Session | None:
    def where(name: str | None) -> tuple[int, int]:
        return source.locate(("sessions", i) + ((name,) if name else ()))

    zone = entry.timezone or default_zone
    if zone == _INVALID_ZONE:
        return None
    if zone is None:
        line, c = where(None)
        col.error(
            rel,
            line,
            c,
            "no-timezone",
            f"sessions[{i + 1}] has no time zone; add 'timezone:' to it or to the top of the schedule",
        )
        return None
    try:
        if entry.duration is not None:
            start, end, start_utc, end_utc = _times_with_duration(entry.start, zone, entry.fold, entry.duration)
        else:
            start, start_utc, end_utc = localize(entry.start, zone, entry.fold), None, None
    except LocalTimeError as exc:
        line, c = where("start")
        col.error(rel, line, c, "local-time", f"sessions[{i + 1}].start: {exc}")
        return None
    if entry.duration is None:
        assert entry.end is not None  # the model requires an end or a duration
        end_local = entry.end if isinstance(entry.end, datetime) else datetime.combine(entry.start.date(), entry.end)
        try:
            end = localize(end_local, zone, entry.fold)
        except LocalTimeError as exc:
            line, c = where("end")
            col.error(rel, line, c, "local-time", f"sessions[{i + 1}].end: {exc}")
            return None
        if end <= start:
            line, c = where("end")
            col.error(
                rel,
                line,
                c,
                "end-before-start",
                f"sessions[{i + 1}].end: {end_local:%Y-%m-%d %H:%M} is not after the start "
                f"{entry.start:%Y-%m-%d %H:%M}; check the times (use a full date for a session past midnight)",
            )
            return None
    session_id = entry.id or f"{entry.program}-{entry.start:%Y-%m-%d-%H%M}"
    return Session(
        session_id,
        entry,
        zone,
        start,
        end,
        rel,
        source,
        ("sessions", i),
        (start_utc, end_utc) if start_utc is not None else None,
    )


@lru_cache(maxsize=65536)  # cohorts share their times: fewer of these than sessions
def _times_with_duration(local_start: datetime, zone: str, fold: int | None, duration: Duration):
    """A session's start and end, in its zone and in UTC (a duration is real elapsed time)."""
    start = localize(local_start, zone, fold)
    start_utc = start.astimezone(UTC)
    end_utc = start_utc + duration.timedelta
    return start, end_utc.astimezone(start.tzinfo), start_utc, end_utc


_INVALID_ZONE = "\0invalid"


def _remember_references(project: Project, rel: str, source: SourceMap, loc: tuple, raw: Any) -> None:
    if not isinstance(raw, dict):
        return
    for field_name, kind in (("instructor", "person"), ("program", "program")):
        value = raw.get(field_name)
        if isinstance(value, str) and value:
            line, col = source.locate(loc + (field_name,))
            project.unchecked_references.append(
                RawReference(rel, line, col, kind, value.strip(), f"sessions[{loc[-1] + 1}] {field_name}")
            )


def _load_csv(col: _Collector, rel: str) -> LoadedYaml | None:
    """The CSV schedule as the same structure (and source map) as the YAML one."""
    try:
        text = col.read(rel)
    except YamlError as exc:
        col.diagnostics.append(exc.diagnostic)
        return None
    source = SourceMap(rel)
    lines = text.split("\n")
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        col.error(rel, 1, 1, "csv-syntax", f"not valid CSV: {exc}")
        return None
    if not header:
        return LoadedYaml({"sessions": []}, source)
    header = [h.strip() for h in header]
    for j, name in enumerate(header):
        source.keys[("sessions", "__header__", name)] = (1, _column_offset(lines[0], j))
    sessions: list[dict[str, Any]] = []
    source.values[("sessions",)] = (1, 1)
    line_no = 1
    try:
        for row in reader:
            line_no = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            i = len(sessions)
            raw_line = lines[line_no - 1] if line_no - 1 < len(lines) else ""
            source.values[("sessions", i)] = (line_no, 1)
            record: dict[str, Any] = {}
            for j, cell in enumerate(row):
                name = header[j] if j < len(header) else f"column {j + 1}"
                if not cell.strip():
                    continue
                position = (line_no, _column_offset(raw_line, j))
                problem = control_character_problem(cell)
                if problem:
                    col.error(rel, *position, "control-character", f"{name}: {problem}")
                    continue
                record[name] = cell.strip()
                source.values[("sessions", i, name)] = position
                source.keys[("sessions", i, name)] = (1, _column_offset(lines[0], j)) if j < len(header) else position
            sessions.append(record)
    except csv.Error as exc:
        col.error(rel, line_no + 1, 1, "csv-syntax", f"not valid CSV: {exc}")
        return None
    return LoadedYaml({"sessions": sessions}, source)


def _column_offset(raw_line: str, index: int) -> int:
    if '"' in raw_line:
        return 1  # quoted cells may hold commas; the line is exact, the column is not
    parts = raw_line.split(",")
    return sum(len(p) + 1 for p in parts[:index]) + 1


# --- SOPs and pages -----------------------------------------------------------------------------


def _load_sops(project: Project, col: _Collector) -> None:
    base = project.root / project.settings.sops_dir
    if not base.is_dir():
        return
    for p in sorted(base.iterdir()):
        if not (p.is_file() and p.suffix == ".md"):
            continue
        rel = f"{project.settings.sops_dir.strip('/')}/{p.name}"
        if not re.match(SLUG_PATTERN, p.stem):
            col.error(
                rel,
                1,
                1,
                "file-name",
                f"'{p.name}' is not a valid SOP file name; use lowercase letters, digits and hyphens",
            )
            continue
        try:
            text = col.read(rel)
            split = split_front_matter(text, rel)
        except YamlError as exc:
            col.diagnostics.append(exc.diagnostic)
            continue
        if not _expect_mapping(col, split.meta, rel, "an SOP's front matter"):
            continue
        meta, problems = validate_model(SopFrontMatter, split.meta.data, split.meta.source)
        col.diagnostics += problems
        if meta is not None:
            project.sops[p.stem] = Sop(p.stem, meta, split.body, split.body_line, rel, split.meta.source)


def _load_pages(project: Project, col: _Collector) -> None:
    docs = project.settings.docs_dir.strip("/")
    base = project.root / docs
    if not base.is_dir():
        return
    for rel in links_leaving(project.root, docs):
        col.error(
            rel,
            1,
            1,
            "outside-repository",
            "this symbolic link leads outside the repository (or nowhere), so it is not published; "
            "copy the file in instead",
        )
    for p in sorted(base.rglob("*.md")):
        if not p.is_file() or not is_inside(project.root, p):
            continue
        docs_rel = p.relative_to(base).as_posix()
        rel = f"{docs}/{docs_rel}"
        try:
            text = col.read(rel)
        except YamlError as exc:
            col.diagnostics.append(exc.diagnostic)
            continue
        project.pages.append(ContentPage(rel, docs_rel, text))
