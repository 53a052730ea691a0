"""Who must retrain because the work changed after they were trained (a pure function).

Each completion is tied to the version of the program and its SOPs on the learner's completion
date (:attr:`~trainops.plan.progress.LearnerProgress.completed_on`: the last part attended, or the
pass if later), or on the day of a session of the program they attended since (a retraining). A
significant change of the program's file or of one of its SOPs
(:func:`trainops.load.history.significant.significant_changes`) committed on a later day makes that
learner "retrain due"; a change on the day of the session or before it is the version they were
trained on. A learner whose completion is a waiver only has no training date, so no version to
compare: they are never listed.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model.project import Project
from ..model.record_audit import RetrainDue, SignificantChange
from ..model.training_records import ATTENDED_STATUSES, Records
from .progress import ProgramProgress, program_progress

__all__ = ["retrain_due", "program_files", "changes_of_program"]


def program_files(project: Project, slug: str) -> list[str]:
    """The files whose significant changes concern the program: its own and its SOPs'."""
    return [project.programs[slug].path, *(sop.path for sop in project.sops_of(slug))]


def changes_of_program(project: Project, slug: str, changes: list[SignificantChange]) -> list[SignificantChange]:
    """The significant changes of the program's files, oldest first (one per commit)."""
    files = set(program_files(project, slug))
    by_commit: dict[str, SignificantChange] = {}
    for change in sorted(changes, key=lambda c: (c.day, c.commit, c.path)):
        if change.path in files:
            by_commit.setdefault(change.commit, change)
    return sorted(by_commit.values(), key=lambda c: (c.day, c.commit))


def retrain_due(
    project: Project,
    records: Records,
    changes: list[SignificantChange],
    progress: dict[str, ProgramProgress] | None = None,
    programs: Iterable[str] | None = None,
) -> dict[str, list[RetrainDue]]:
    """Program slug -> its completers trained before a significant change, by learner id, each
    with the first such change after their completion; programs with none are left out.
    ``progress``: the programs' progress when the caller has it already; ``programs``: of these
    programs only (None: of all)."""
    due: dict[str, list[RetrainDue]] = {}
    for slug in sorted(project.programs if programs is None else programs):
        program_changes = changes_of_program(project, slug, changes)
        if not program_changes:
            continue
        standing = (progress or {}).get(slug) or program_progress(project, records, slug)
        days = {s.id: s.start.date() for s in project.sessions_of(slug)}
        found: list[RetrainDue] = []
        for same, ids in standing.groups:  # (learners who stand alike were trained on the same days)
            if not same.completed or same.completed_on is None:
                continue
            attended = [days[sid] for sid, status in same.sessions if status in ATTENDED_STATUSES and sid in days]
            trained = max([same.completed_on, *attended])
            later = next((c for c in program_changes if c.day > trained), None)
            if later is not None:
                found.extend(RetrainDue(learner, trained, later) for learner in ids)
        if found:
            due[slug] = sorted(found, key=lambda d: d.learner)
    return due
