"""The values of an import (source rows, the plan of what to append) and the lookups every kind
of import shares: which program, which learner, which status word, whether the record is there
already. Pure: no file is read or written; :mod:`trainops.plan.record_import` places the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..model.project import Project, Session
from ..model.record_kinds import IMPORT_KINDS
from ..model.suggest import did_you_mean
from ..model.training_records import Records

__all__ = [
    "ASSESSMENT_COLUMNS",
    "ATTENDANCE_CODES",
    "ATTENDANCE_COLUMNS",
    "ENROLMENT_COLUMNS",
    "FIELDS",
    "COMPLETION_WORDS",
    "IMPORT_KINDS",
    "REQUIRED_FIELDS",
    "FileRows",
    "ImportPlan",
    "SourceRow",
    "Unmatched",
    "ImportContext",
    "parse_pairs",
]


# The fields each kind reads (after --map)...
FIELDS = {
    "attendance": ("session", "learner", "status", "minutes", "note"),
    "enrolments": ("program", "learner", "cohort", "status", "date"),
    "assessments": ("program", "learner", "date", "score", "attempt"),
    "completions": ("program", "learner", "status", "date", "score", "reason"),
}
# ...and those a row cannot be placed without: an export with no column for one is refused.
REQUIRED_FIELDS = {
    "attendance": ("session", "learner", "status"),
    "enrolments": ("program", "learner", "status"),
    "assessments": ("program", "learner", "date", "score"),
    "completions": ("program", "learner", "status"),
}

# The columns of the files written, as the reference names them.
ATTENDANCE_COLUMNS = ("learner", "status", "minutes", "note")
ENROLMENT_COLUMNS = ("learner", "cohort", "status", "date")
ASSESSMENT_COLUMNS = ("learner", "date", "attempt", "score")

# Moodle's attendance plugin marks P, A, L and E by default (its status set's acronyms).
ATTENDANCE_CODES = {"p": "present", "a": "absent", "l": "late", "e": "excused"}

# What a completion report's status means here (Workday Learning's words, and ours).
COMPLETION_WORDS = {
    "completed": "completed",
    "complete": "completed",
    "passed": "completed",
    "registered": "enrolled",
    "enrolled": "enrolled",
    "in progress": "enrolled",
    "not started": "enrolled",
    "dropped": "withdrawn",
    "withdrawn": "withdrawn",
    "cancelled": "withdrawn",
    "waived": "waived",
    "satisfied by equivalency": "waived",
    "exempt": "waived",
}


@dataclass(frozen=True)
class SourceRow:
    """One data row of the export: its line in the file, and its values by trainops field."""

    line: int
    values: Mapping[str, str]

    def get(self, name: str) -> str:
        return (self.values.get(name) or "").strip()


@dataclass(frozen=True)
class Unmatched:
    line: int
    message: str


@dataclass
class FileRows:
    """Rows to append to one records file (a repository path), in the order of ``columns``."""

    path: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)


@dataclass
class ImportPlan:
    files: dict[str, FileRows] = field(default_factory=dict)  # by repository path
    exceptions: list[str] = field(default_factory=list)  # entries to append to exceptions.yaml
    unmatched: list[Unmatched] = field(default_factory=list)
    already_there: int = 0  # rows skipped because the records hold them already

    def add(self, path: str, columns: tuple[str, ...], row: tuple[str, ...]) -> None:
        self.files.setdefault(path, FileRows(path, columns)).rows.append(row)

    @property
    def added(self) -> int:
        return sum(len(f.rows) for f in self.files.values()) + len(self.exceptions)


def parse_pairs(pairs: Iterable[str], option: str) -> dict[str, str]:
    """``["A=b", ...]`` as a dictionary; raises ValueError naming the option for a pair without '='."""
    parsed = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValueError(f"{option} {pair!r}: give it as NAME=VALUE")
        parsed[key.strip()] = value.strip()
    return parsed


@dataclass
class ImportContext:
    project: Project
    records: Records
    records_dir: str
    words: dict[str, str]  # status words and codes, lower case -> a status of the kind
    approved_by: str
    sessions: dict[str, Session]  # by id
    plan: ImportPlan = field(default_factory=ImportPlan)
    # What this import has placed so far, by (kind, subject, learner): a row twice in the export
    # is placed once, and a second value for it is a conflict like one with the records.
    seen: dict = field(default_factory=dict)

    def program(self, row: SourceRow) -> str | None:
        """The slug of the program the row names by slug, code or canonical name (any case)."""
        value = row.get("program")
        if not value:
            self.unmatched(row, "no program")
            return None
        names = self._program_names()
        slug = names.get(value.casefold())
        if slug is None:
            self.unmatched(row, f"unknown program '{value}'{did_you_mean(value, self.project.programs)}")
        return slug

    def _program_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for slug, record in sorted(self.project.programs.items()):
            for name in (record.data.name, record.data.code or "", slug):
                if name:
                    names.setdefault(name.casefold(), slug)
        return names

    def learner(self, row: SourceRow) -> str | None:
        learner = row.get("learner")
        if not learner:
            self.unmatched(row, "no learner id")
            return None
        roster = self.records.roster
        if roster is not None and learner not in roster:
            self.unmatched(row, f"learner '{learner}' is not in the roster{did_you_mean(learner, roster)}")
            return None
        return learner

    def status(self, row: SourceRow, vocabulary: Iterable[str]) -> str | None:
        word = row.get("status")
        status = self.words.get(word.casefold())
        if status is None:
            known = sorted(set(vocabulary) | set(self.words))
            self.unmatched(row, f"unknown status '{word}'{did_you_mean(word.casefold(), known)}")
        return status

    def unmatched(self, row: SourceRow, message: str) -> None:
        self.plan.unmatched.append(Unmatched(row.line, message))

    def known(self, existing: str | None, new: str, row: SourceRow, where: str) -> bool:
        """Whether the record is there already: the same (skipped), or different (a conflict)."""
        if existing is None:
            return False
        if existing == new:
            self.plan.already_there += 1
        else:
            self.unmatched(row, f"{where} already records '{existing}', the export says '{new}'; not changed")
        return True
