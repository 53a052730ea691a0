"""What the records' git history says: retraining after a significant change, audit locks and
corrections, and the rows that changed between two versions. Plain values, no reader.

A :class:`SignificantChange` is a commit that changed a program's file or one of its SOPs and was
marked significant (its message has the trailer ``Significant: yes``, or it gave an SOP
``significant: true`` in its front matter); learners who completed the program before it are
"retrain due" (:class:`RetrainDue`). A lock (``records/locks.yaml``) names a records file and the
commit an auditor sampled; a correction (``records/corrections.yaml``) names a later commit that
changed a locked row, with the reason and who approved it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = [
    "SignificantChange",
    "RetrainDue",
    "RecordLock",
    "RecordCorrection",
    "RowChange",
    "UNCOMMITTED",
    "same_commit",
]

UNCOMMITTED = ""  # the commit of a row change that is only in the working tree
MIN_COMMIT_PREFIX = 7  # the shortest commit id a locks or corrections file may use (git's own default)


@dataclass(frozen=True)
class SignificantChange:
    day: date  # the commit's date where it was made
    commit: str  # full id
    short: str  # as shown (trainops.model.changes.SHORT characters)
    subject: str  # the commit's subject line
    path: str  # the program or SOP file it changed (one value per file a commit changed)
    why: str  # "trailer" (Significant: yes) or "front matter" (significant: true)


@dataclass(frozen=True)
class RetrainDue:
    """A learner who completed a program before a significant change of it."""

    learner: str
    trained_on: date  # the completion, or the last session of the program attended since
    change: SignificantChange  # the first significant change after that day


@dataclass(frozen=True)
class RecordLock:
    """One entry of ``records/locks.yaml``: the file, as it stood at ``commit``, was sampled."""

    file: str
    commit: str
    note: str
    path: str  # locks.yaml, and the entry's line
    line: int


@dataclass(frozen=True)
class RecordCorrection:
    """One entry of ``records/corrections.yaml``: the change ``commit`` made to ``file``, approved."""

    file: str
    commit: str
    reason: str
    approved_by: str
    path: str
    line: int


@dataclass(frozen=True)
class RowChange:
    """One row of a records file that differs between two versions of it.

    ``key``: what names the row in the file (the learner; an enrolment's learner and cohort; an
    assessment's learner, date and attempt); ``old``/``new``: its values as text, "" when the row
    was added or removed; ``line``: its line in the newer version (the older one's when removed);
    ``changes``: (commit, author) of each version that changed it, oldest first (the commit
    :data:`UNCOMMITTED` for the working tree's edits)."""

    file: str
    subject: str  # the session id, or the program's slug, the file is about
    key: str
    old: str
    new: str
    line: int
    changes: tuple[tuple[str, str], ...] = ()

    @property
    def last(self) -> tuple[str, str]:
        """(commit, author) of the last change of the row."""
        return self.changes[-1] if self.changes else (UNCOMMITTED, "")


def same_commit(named: str, commit: str) -> bool:
    """Whether a commit id written in a file (full, or a prefix of at least 7 characters) names ``commit``."""
    named = named.strip().lower()
    return len(named) >= MIN_COMMIT_PREFIX and commit.lower().startswith(named)
