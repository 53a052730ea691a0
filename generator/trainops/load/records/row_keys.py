"""The rows of one version of a records CSV file, each under the key that names it in the file:
what ``records diff`` and the audit locks compare between two versions of a file.

A row's key is what stays when its values are corrected: the learner on a sign-in sheet; the
learner and cohort of an enrolment; the learner, date and attempt of an assessment; the learner,
date and observer of an observation. Its values are the rest, as text. Rows that do not
read (a bad status) are left out, as everywhere: ``check`` reports them.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from ..yamlsource import YamlError, decode_source
from .files import read_assessments, read_attendance, read_enrolments, read_observations

__all__ = ["DIFF_KINDS", "LOCK_KINDS", "Rows", "records_kind", "keyed_rows"]

# The files ``records diff`` lists (what a pull request about training records changes), and the
# ones a lock may name.
DIFF_KINDS = ("attendance", "enrolments", "assessments")
LOCK_KINDS = (*DIFF_KINDS, "observations")

Rows = dict[str, tuple[tuple[str, ...], int]]  # key -> (its values, as text, "" for a blank; line)


def records_kind(records_dir: str, path: str) -> str | None:
    """``attendance``, ``enrolments``, ``assessments`` or ``observations`` for a records CSV file
    in its place (``records/attendance/2026/x.csv``, ``records/enrolments/x.csv``...); else None."""
    base = PurePosixPath(records_dir.strip("/"))
    p = PurePosixPath(path)
    if p.suffix != ".csv" or base not in p.parents:
        return None
    parts = p.relative_to(base).parts
    if len(parts) == 3 and parts[0] == "attendance" and parts[1].isdigit():
        return "attendance"
    if len(parts) == 2 and parts[0] in LOCK_KINDS[1:]:
        return parts[0]
    return None


def keyed_rows(kind: str, path: str, raw: bytes | None) -> Rows:
    """The rows of one version of a file of ``kind`` (None: the file does not exist there)."""
    if raw is None:
        return {}
    try:
        text = decode_source(raw, path)
    except YamlError:
        return {}
    stem = PurePosixPath(path).stem
    rows: Rows = {}
    if kind == "attendance":
        for r in read_attendance(stem, path, text)[0]:
            rows[r.learner] = ((r.status or "(blank)", _minutes(r.minutes), _quoted(r.note)), r.line)
    elif kind == "enrolments":
        for e in read_enrolments(stem, path, text)[0]:
            key = f"{e.learner} (cohort {e.cohort})" if e.cohort else e.learner
            rows[key] = ((e.status, e.date.isoformat() if e.date else ""), e.line)
    elif kind == "assessments":
        for s in read_assessments(stem, path, text)[0]:
            rows[f"{s.learner} attempt {s.attempt} on {s.date.isoformat()}"] = ((f"{s.score:g}",), s.line)
    elif kind == "observations":
        for o in read_observations(stem, path, text)[0]:
            key = f"{o.learner} on {o.date.isoformat()} by {o.observer}"
            rows[key] = ((str(o.rating) if o.rating is not None else "", _quoted(o.note)), o.line)
    return rows


def _minutes(minutes: int | None) -> str:
    return f"{minutes} min" if minutes is not None else ""


def _quoted(note: str) -> str:
    return f'"{note}"' if note else ""
