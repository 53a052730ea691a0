"""Every launch-readiness rule, listed once, in the order of the checklist.

A rule is a function of one program's :class:`~trainops.readiness.rules.RuleContext` that
``@rule`` gives its id, group and title; nothing is registered by being imported. A new rule
goes into this list, where its place is its place in every checklist.
"""

from __future__ import annotations

from .history_rules import stale_sops, unsent_change_notices
from .rules import (
    Rule,
    access,
    backups,
    brief_format,
    brief_metrics,
    brief_problem,
    brief_reinforcement,
    capacities,
    completion,
    confirmed,
    enrolment_path,
    escalation,
    feedback,
    hours,
    instructor_conflicts,
    instructors,
    locations,
    lookalikes,
    materials,
    names,
    overdue_reminders,
    parts_to_attend,
    placeholders,
    printable,
    program_review,
    reminders,
    room_conflicts,
    sop_reviews,
    upcoming,
)

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = (
    enrolment_path,
    upcoming,
    parts_to_attend,
    instructors,
    locations,
    backups,
    confirmed,
    capacities,
    instructor_conflicts,
    room_conflicts,
    lookalikes,
    hours,
    placeholders,
    access,
    materials,
    sop_reviews,
    printable,
    names,
    reminders,
    overdue_reminders,
    completion,
    feedback,
    escalation,
    brief_problem,
    brief_format,
    brief_reinforcement,
    brief_metrics,
    program_review,
    unsent_change_notices,
    stale_sops,
)
