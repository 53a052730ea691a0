"""Spellings a person reads as the same that the data treats as different.

``jordan.lee`` and ``jordan-lee`` are two people to trainops; ``HQ 4В`` (with a Cyrillic В) is
another room than ``HQ 4B``, so the double-booking check never compares them; ``Café 2`` typed
with a separate accent mark (NFD) is another room than the precomposed one (NFC). Each is
compared by its :func:`skeleton`; two different spellings with one skeleton are a warning at the
later one, naming the first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from ..model.project import ProgramRecord, Project, Session
from .conflicts import room_key
from .findings import Finding

__all__ = ["LOOKALIKE", "CONFUSABLES", "skeleton", "lookalike_names"]

LOOKALIKE = "lookalike-name"

# Cyrillic and Greek letters that look like Latin ones, to the Latin letter a reader sees
# (lowercase: skeletons are compared ignoring case). Not complete: the letters that turn up in
# names and room labels typed on another keyboard layout. An uppercase letter is mapped by its own
# look (Greek Ν reads as N, though its lowercase ν reads as v).
CONFUSABLES = str.maketrans(
    {
        # Cyrillic lowercase
        "а": "a",
        "е": "e",
        "ё": "ë",
        "һ": "h",
        "і": "i",
        "ї": "ï",
        "ј": "j",
        "к": "k",
        "о": "o",
        "р": "p",
        "с": "c",
        "ѕ": "s",
        "у": "y",
        "х": "x",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        # Cyrillic uppercase
        "А": "a",
        "В": "b",
        "Е": "e",
        "Ё": "ë",
        "І": "i",
        "Ї": "ï",
        "Ј": "j",
        "К": "k",
        "М": "m",
        "Н": "h",
        "О": "o",
        "Р": "p",
        "С": "c",
        "Ѕ": "s",
        "Т": "t",
        "У": "y",
        "Ү": "y",
        "Х": "x",
        "Ԛ": "q",
        "Ԝ": "w",
        # Greek lowercase
        "α": "a",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "υ": "u",
        "χ": "x",
        # Greek uppercase
        "Α": "a",
        "Β": "b",
        "Ε": "e",
        "Ζ": "z",
        "Η": "h",
        "Ι": "i",
        "Κ": "k",
        "Μ": "m",
        "Ν": "n",
        "Ο": "o",
        "Ρ": "p",
        "Τ": "t",
        "Υ": "y",
        "Χ": "x",
    }
)

# Read as nothing or as a separator: '.', '-', '_', spaces, dashes and invisible format characters
# (soft hyphen, zero-width spaces and joiners, direction marks, word joiner, byte order mark)...
_SEPARATORS = r"[\s._\-\u2010-\u2015\u00ad\u200b-\u200f\u2060\ufeff]+"
_IGNORED = re.compile(_SEPARATORS)
# ...except between two digits, where one still separates: 'Room 3-10' is not 'Room 31-0', nor
# 'HQ 4.1' 'HQ 41' (but 'Room 3-10' is 'Room 3 10').
_BETWEEN_DIGITS = re.compile(rf"(?<=\d){_SEPARATORS}(?=\d)")
_DIGIT_SEPARATOR = "\x00"  # (neither a separator nor anything a name is written with)
# What _IGNORED and _DIGIT_SEPARATOR remove from ASCII text (\s is ASCII's whitespace and \x1c-\x1f).
_ASCII_IGNORED = b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f._-\x00"


def skeleton(text: str) -> str:
    """What ``text`` reads as: compatibility forms folded (NFKC), look-alike letters made Latin,
    case ignored, separators and invisible characters removed (but one kept between digits)."""
    if text.isascii():
        text = text.lower()  # (all the rest leaves ASCII as it is)
    else:
        text = unicodedata.normalize("NFKC", text).translate(CONFUSABLES).casefold().translate(CONFUSABLES)
    return _IGNORED.sub("", _BETWEEN_DIGITS.sub(_DIGIT_SEPARATOR, text))


def _coarse(text: str) -> bytes:
    """The skeleton less what it keeps between digits (as UTF-8): shared by the texts of one
    skeleton, and quick for ASCII text, the usual case (20,000 rooms are compared by this, the
    very few that share it by their skeleton)."""
    if text.isascii():
        return text.lower().encode().translate(None, _ASCII_IGNORED)
    return skeleton(text).replace(_DIGIT_SEPARATOR, "").encode()


def _alike(texts: Iterable[str]) -> list[list[str]]:
    """The distinct ``texts`` that share a skeleton, in groups of two or more."""
    coarse: dict[bytes, list[str]] = {}
    for text in texts:
        coarse.setdefault(_coarse(text), []).append(text)
    groups = []
    for candidates in coarse.values():
        if len(candidates) > 1:  # (nearly never)
            fine: dict[str, list[str]] = {}
            for text in candidates:
                fine.setdefault(skeleton(text), []).append(text)
            groups += [group for group in fine.values() if len(group) > 1]
    return groups


@dataclass
class _Spelling:
    text: str  # as first written
    where: Callable[[], tuple[str, int, int]]  # the file, line and column of its first use
    programs: Callable[[], set[str]]  # the launches it concerns
    # (Both are asked only of the spellings of a look-alike group: rarely, and then few.)


def lookalike_names(project: Project) -> list[Finding]:
    """Person ids, person names, rooms and program names written two look-alike ways."""
    people = _People(project)
    return people.id_findings() + people.name_findings() + _room_findings(project) + _program_findings(project)


def _report(what: str, spellings: list[_Spelling]) -> list[Finding]:
    """One finding for each of a group's spellings but the first one written."""
    placed = sorted(((s.where(), s) for s in spellings), key=lambda pair: pair[0])
    (first_path, first_line, _), first = placed[0]
    out = []
    for (path, line, col), spelling in placed[1:]:
        message = (
            f"{what} '{spelling.text}' looks like '{first.text}' ({first_path}:{first_line}) "
            f"but is written differently ({_why(spelling.text, first.text)}); write it the same way"
        )
        programs: list[str | None] = [*sorted(spelling.programs())]
        for program in programs or [None]:
            out.append(Finding(LOOKALIKE, message, path, line, col, program))
    return out


def _why(text: str, other: str) -> str:
    if unicodedata.normalize("NFC", text) == unicodedata.normalize("NFC", other):
        return "the same letters, but an accent is typed as a separate mark in one of them (Unicode NFC/NFD)"
    for candidate in (text, other):
        for ch in unicodedata.normalize("NFC", candidate):
            if ch.isascii():
                continue
            if ch.translate(CONFUSABLES) != ch:
                return f"a letter from another alphabet? '{ch}' in '{candidate}' is {_name(ch)}"
            if _IGNORED.fullmatch(ch) or unicodedata.normalize("NFKC", ch) != ch:
                return f"'{candidate}' has {_name(ch)}, which looks like another character or none"
    return "they differ only in case, spacing or '.', '-', '_'"


def _name(ch: str) -> str:
    return unicodedata.name(ch, f"U+{ord(ch):04X}")


# --- what is compared ---------------------------------------------------------------------------


def _active(project: Project) -> list[Session]:
    return project.running_sessions()


def _in_file_order(session: Session) -> tuple:
    return (session.path, session.loc)


def _room_findings(project: Project) -> list[Finding]:
    """Rooms of the sessions that can be double-booked. Rooms the double-booking check already
    takes as one (the same but for case and spacing) are one spelling: its first use."""
    first: dict[str, Session] = {}  # room as written -> the session that writes it first in the files
    for s in project.running_sessions():
        room = s.entry.room
        if room:
            seen = first.get(room)
            if seen is None or _in_file_order(s) < _in_file_order(seen):
                first[room] = s
    out = []
    for group in _alike(first):
        as_booked: dict[str, list[str]] = {}  # the rooms of the double-booking check
        for room in group:
            as_booked.setdefault(room_key(room), []).append(room)
        if len(as_booked) < 2:
            continue
        spellings = []
        for rooms in as_booked.values():
            s = min((first[room] for room in rooms), key=_in_file_order)
            used_by = partial(_programs_in, project, set(rooms))
            spellings.append(_Spelling(rooms[0], partial(_session_place, s), used_by))
        out += _report("room", spellings)
    return out


def _programs_in(project: Project, rooms: set[str]) -> set[str]:
    return {s.program for s in _active(project) if s.entry.room in rooms}


def _session_place(session: Session) -> tuple[str, int, int]:
    return (session.path, *session.line("room"))


def _program_findings(project: Project) -> list[Finding]:
    by_name: dict[str, list[ProgramRecord]] = {}  # (one name for two programs is not a look-alike)
    for record in sorted(project.programs.values(), key=lambda r: r.path):
        by_name.setdefault(record.name, []).append(record)
    out = []
    for group in _alike(by_name):
        out += _report(
            "program name",
            [_Spelling(name, partial(_name_place, by_name[name][0]), partial(_slugs, by_name[name])) for name in group],
        )
    return out


def _name_place(record: ProgramRecord) -> tuple[str, int, int]:
    return (record.path, *record.source.locate(("name",)))


def _slugs(records: list[ProgramRecord]) -> set[str]:
    return {r.slug for r in records}


class _People:
    """Person ids and names as spellings. The loaded people keep no position and no list of the
    programs they serve: both are worked out only for a spelling that is reported."""

    def __init__(self, project: Project):
        self.project = project
        self.path = project.settings.people_path
        self._references: dict[str, set[str]] | None = None

    def id_findings(self) -> list[Finding]:
        ids = [pid for pid, person in self.project.people.items() if person is not None]  # (None: invalid)
        out = []
        for group in _alike(ids):
            out += _report(
                "person id", [_Spelling(pid, self._where(pid, "id"), self._programs([pid])) for pid in group]
            )
        return out

    def name_findings(self) -> list[Finding]:
        by_name: dict[str, list[str]] = {}  # (two people of one name are not a look-alike)
        for pid, person in self.project.people.items():
            if person is not None:
                by_name.setdefault(person.name, []).append(pid)
        out = []
        for group in _alike(by_name):
            spellings = [
                _Spelling(name, self._where(by_name[name][0], "name"), self._programs(by_name[name])) for name in group
            ]
            out += _report("person name", spellings)
        return out

    def _where(self, person_id: str, field_name: str) -> Callable[[], tuple[str, int, int]]:
        return lambda: self._locate(person_id, field_name)

    def _programs(self, person_ids: list[str]) -> Callable[[], set[str]]:
        return lambda: set().union(*(self._referenced().get(pid, set()) for pid in person_ids))

    def _locate(self, person_id: str, field_name: str) -> tuple[str, int, int]:
        source = self.project.people_source
        i = self.project.people_index.get(person_id)
        if source is None or i is None:
            return (self.path, 1, 1)
        return (self.path, *source.locate(("people", i, field_name)))

    def _referenced(self) -> dict[str, set[str]]:
        """person id -> the programs whose launch involves them: owner, escalation, SOP owner and
        instructor of an upcoming session."""
        if self._references is not None:
            return self._references
        out: dict[str, set[str]] = {}
        project = self.project
        for slug, record in project.programs.items():
            p = record.data
            ids: list[str | None] = [p.owner]
            if p.escalation:
                e = p.escalation
                ids += [e.missed_sessions, e.late_completions, e.learner_questions, e.improvement_notes]
            for pid in ids:
                if pid:
                    out.setdefault(pid, set()).add(slug)
        for sop in project.sops.values():
            serves = {p for p in sop.meta.programs if p in project.programs} | set(project.programs_listing(sop.slug))
            out.setdefault(sop.meta.owner, set()).update(serves)
        for s in _active(project):
            if s.entry.instructor:
                out.setdefault(s.entry.instructor, set()).add(s.program)
        self._references = out
        return out
