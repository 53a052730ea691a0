"""A small organisation whose one launch passes every readiness rule; tests break it one way at a time."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from trainops.load.loading import load_project
from trainops.readiness import readiness_findings

TODAY = date(2026, 11, 23)

PEOPLE = """\
people:
  - {id: ana.ruiz, name: Ana Ruiz, email: ana@example.com, timezone: Europe/Madrid}
  - {id: ben.cole, name: Ben Cole, timezone: America/Chicago}
  - {id: kei.mori, name: Kei Mori, timezone: Asia/Tokyo}
"""

PROGRAM = """\
name: Forklift Safety
code: SAFE-7
summary: Drive a forklift safely in our warehouses.
owner: ana.ruiz
problem: Near misses doubled last year.
audience: Warehouse staff
outcomes: [Pass the practical test]
format: workshop
access:
  - {system: Training portal, how: Sign in with SSO}
materials:
  - {title: Pocket card, link: https://example.com/card, for: learner}
sops: [lift-check]
assessment: {name: Practical test, pass_mark: 80}
completion: {due: 14d, record_in: Workday Learning}
feedback: {form: https://example.com/form}
reinforcement: Supervisors observe one shift.
metrics: [Near misses per month]
escalation:
  missed_sessions: ana.ruiz
  late_completions: ana.ruiz
  learner_questions: ben.cole
  improvement_notes: ana.ruiz
review: {last_reviewed: 2026-10-01, every: 6 months}
"""

SCHEDULE = """\
timezone: Europe/Madrid
sessions:
  - program: forklift
    id: fl-1
    start: 2026-12-10 09:00
    end: 11:00
    room: Bay 3
    capacity: 8
    instructor: ana.ruiz
    backup: Bay 4 if Bay 3 is blocked
"""

SOP = """\
---
title: Lift check
owner: ana.ruiz
programs: [forklift]
last_reviewed: 2026-09-01
---
1. Check the forks before every session.
"""

BASE = {
    "programs/people.yaml": PEOPLE,
    "programs/forklift.yaml": PROGRAM,
    "programs/schedule.yaml": SCHEDULE,
    "sops/lift-check.md": SOP,
    "content/index.md": "# Warehouse training\n\nStart with Forklift Safety.\n",
}


def write_project(root: Path, overrides: dict[str, str | None] | None = None) -> Path:
    files = {**BASE, **(overrides or {})}
    for rel, text in files.items():
        if text is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def findings_for(root: Path, overrides: dict[str, str | None] | None = None, today: date = TODAY):
    write_project(root, overrides)
    project, diagnostics = load_project(root, today=today)
    errors = [d for d in diagnostics if d.severity == "error"]
    assert not errors, [d.as_text() for d in errors]
    return project, readiness_findings(project)
