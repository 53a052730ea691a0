"""The schedule file: sessions read, validated and placed in time, from its text alone.

``read_schedule`` is a pure function of one file's path and text (YAML, or CSV with the same
columns), so its result can be cached by the file's digest. What needs the other files (unknown
programs and people, ids used twice across files) is checked when the project is put together.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from ..model.diagnostics import Diagnostic
from ..model.formats import ScheduleFile, SessionEntry
from ..model.project import RawReference, Session
from ..model.sourcemap import CompactSourceMap, Layouts, SourceMap
from ..model.values import Duration, LocalTimeError, localize
from .validation import validate_model
from .yamlsource import LoadedYaml, YamlError, control_character_problem, load_yaml_text

__all__ = [
    "ScheduleFileResult",
    "expect_mapping",
    "hold_places_compactly",
    "read_schedule",
    "read_schedule_entry",
    "read_schedule_head",
]


@dataclass
class ScheduleFileResult:
    sessions: list[Session] = field(default_factory=list)  # in the order of the file
    references: list[RawReference] = field(default_factory=list)  # of entries that did not validate
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Read in parts (:mod:`trainops.load.schedule_entries`): each entry's result by its name, for
    # a preview's next load, and how many were read afresh rather than handed over.
    entries: list[tuple[str, Any]] = field(default_factory=list)
    read_afresh: int = 0


class _Problems(list):
    def error(self, path: str, line: int, col: int, rule: str, message: str) -> None:
        self.append(Diagnostic(path, line, col, "error", rule, message))


def expect_mapping(problems: list[Diagnostic], loaded: LoadedYaml, rel: str, what: str) -> bool:
    if isinstance(loaded.data, dict):
        return True
    problems.append(
        Diagnostic(
            rel,
            1,
            1,
            "error",
            "file-shape",
            f"{what} must be a set of 'field: value' lines" + (" (the file is empty)" if loaded.data is None else ""),
        )
    )
    return False


def read_schedule(rel: str, text: str) -> ScheduleFileResult:
    result = ScheduleFileResult()
    col = _Problems()
    try:
        loaded = _load_csv(col, rel, text) if rel.endswith(".csv") else load_yaml_text(text, rel)
    except YamlError as exc:
        col.append(exc.diagnostic)
        loaded = None
    if loaded is not None and expect_mapping(col, loaded, rel, "the schedule"):
        _read_sessions(result, col, rel, loaded)
        raw_sessions = loaded.data.get("sessions")
        count = len(raw_sessions) if isinstance(raw_sessions, list) else 0
        hold_places_compactly(result.sessions, loaded.source, 0, count)
    result.diagnostics = list(col)
    return result


def hold_places_compactly(
    sessions: list[Session], source: SourceMap, first: int, count: int, pool: Layouts | None = None
) -> None:
    """``sessions`` (read from the entries ``first`` to ``first + count - 1`` of ``sessions:``)
    located through a :class:`CompactSourceMap` of ``source`` (sharing ``pool``'s layouts), every
    problem of their file found.

    From here on a session is only located by its values (``Session.line``, placeholders): the
    keys' places below the top level, half the map of a big schedule, are let go, and the rest is
    held compactly. The result is cached, and reading it back is most of a warm check."""
    kept = SourceMap(source.path, source.values, {k: v for k, v in source.keys.items() if len(k) < 3})
    compact = CompactSourceMap.of(kept, "sessions", first, count, pool)
    for session in sessions:
        session.source = compact


def _read_sessions(result: ScheduleFileResult, col: _Problems, rel: str, loaded: LoadedYaml) -> None:
    raw_sessions = loaded.data.get("sessions")
    head_data = {**loaded.data, "sessions": []} if isinstance(raw_sessions, list) else loaded.data
    default_zone = read_schedule_head(col, head_data, loaded.source)
    if not isinstance(raw_sessions, list):
        return
    for i, raw in enumerate(raw_sessions):
        read_schedule_entry(result, col, rel, loaded.source, i, raw, default_zone)


def read_schedule_head(col: list[Diagnostic], head_data: dict, source: SourceMap) -> str | None:
    """The schedule's top-level fields (``head_data``, its sessions left out) checked; the zone of
    sessions that name none."""
    head, problems = validate_model(ScheduleFile, head_data, source)
    col += problems
    # An invalid top-level zone has its own error; its sessions are skipped, not told they have none.
    return head.timezone if head else (_INVALID_ZONE if isinstance(head_data.get("timezone"), str) else None)


def read_schedule_entry(
    result: ScheduleFileResult, col: list[Diagnostic], rel: str, source: SourceMap, i: int, raw: Any, zone: str | None
) -> None:
    """The ``i``-th entry of ``sessions:`` (``raw``, located in ``source``) into ``result``'s
    sessions (or references, when it is not valid), its problems into ``col``."""
    entry, problems = validate_model(SessionEntry, raw, source, ("sessions", i))
    col += problems
    if entry is None:
        result.references += _raw_references(rel, source, ("sessions", i), raw)
        return
    found = _Problems()
    session = _resolve_session(found, rel, source, i, _sharing_field_names(entry), zone)
    col += found
    if session is not None:
        result.sessions.append(session)


def _sharing_field_names(entry: SessionEntry) -> SessionEntry:
    """``entry`` with the set of the names of its fields written shared with every entry written
    with the same fields. Pydantic keeps such a set in every model (728 bytes for a session
    written with seven fields): at five years of a large organisation, 100,000 sessions held 74 MB of them.
    Made again through ``model_construct`` (its values are the validated ones, nothing is validated
    twice), which takes the set to keep; the models are frozen, so no set is changed afterwards
    (``model_copy`` copies it first). Its values are taken from its attributes (``vars``: pydantic
    keeps a model's field values in its ``__dict__``, and ``extra="forbid"`` leaves nothing else
    there), not by ``dict(entry)``, whose iteration was half of the cost (0.5 s at five years). A
    test holds the copy equal to the entry validated from the same text."""
    return SessionEntry.model_construct(_fields_set=_field_names(frozenset(entry.model_fields_set)), **vars(entry))


@lru_cache(maxsize=256)
def _field_names(names: frozenset[str]) -> set[str]:
    """One set of ``names`` for every entry written with those fields."""
    return set(names)


def _resolve_session(
    col: _Problems, rel: str, source: SourceMap, i: int, entry: SessionEntry, default_zone: str | None
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


def _raw_references(rel: str, source: SourceMap, loc: tuple, raw: Any) -> list[RawReference]:
    """The program and instructor an invalid entry names, to be checked all the same."""
    if not isinstance(raw, dict):
        return []
    found = []
    for field_name, kind in (("instructor", "person"), ("program", "program")):
        value = raw.get(field_name)
        if isinstance(value, str) and value:
            line, col = source.locate(loc + (field_name,))
            found.append(RawReference(rel, line, col, kind, value.strip(), f"sessions[{loc[-1] + 1}] {field_name}"))
    return found


def _load_csv(col: _Problems, rel: str, text: str) -> LoadedYaml | None:
    """The CSV schedule as the same structure (and source map) as the YAML one."""
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
    has_control = control_character_problem(text) is not None  # one search, not one a cell
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
                problem = control_character_problem(cell) if has_control else None
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
