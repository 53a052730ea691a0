"""The smallest valid project, written into a folder: the base of the error goldens and of the
tests that damage one file of a project (robustness, Markdown depth, template checks)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["BASE", "write_project"]

# The smallest project that uses every data file: two people, one program, one schedule with two
# sessions, one SOP and a home page. It loads with no diagnostics at all, and it is ready to launch
# on TODAY (sessions far enough ahead that no reminder is overdue), so `check` prints nothing.
BASE: dict[str, str] = {
    "mkdocs.yml": """\
site_name: Harbor Health Learning
site_url: https://learning.example.com/
docs_dir: content
theme: {name: material, custom_dir: theme}
plugins: [search, trainops]
""",
    "programs/people.yaml": """\
people:
  - id: jordan.lee
    name: Jordan Lee
    email: jordan.lee@example.com
    timezone: America/New_York
  - id: sam.patel
    name: Sam Patel
    email: sam.patel@example.com
    timezone: America/New_York
""",
    "programs/onboarding.yaml": """\
name: New Hire Onboarding
code: ONB-101
summary: Gets every new hire signed in, safe and productive in their first two weeks.
owner: jordan.lee
problem: New hires waited up to nine days for system access.
audience: All new hires in their first two weeks
outcomes:
  - Sign in to every core system without help
format: blended
materials:
  - {title: Employee handbook, link: https://example.com/handbook, for: learner}
sops: [cohort-setup]
completion: {due: 14d, record_in: Workday Learning}
feedback: {form: https://example.com/forms/onboarding}
reinforcement: Managers hold a check-in at the end of week one.
metrics: [Days from start date to first sign-in to every core system]
escalation:
  missed_sessions: jordan.lee
  late_completions: jordan.lee
  learner_questions: sam.patel
  improvement_notes: jordan.lee
review: {last_reviewed: 2026-10-01, every: 6 months}
""",
    "programs/schedule.yaml": """\
timezone: America/New_York
sessions:
  - program: onboarding
    id: onb-2026-12-15
    title: Day 1 - Welcome
    start: 2026-12-15 09:30
    end: 12:00
    room: HQ 4B
    instructor: sam.patel
    capacity: 20
    backup: If HQ 4B is taken, use HQ 3A
  - program: onboarding
    id: onb-2026-12-16
    title: Day 2 - Systems
    start: 2026-12-16 09:30
    duration: 2h
    link: https://example.com/meet/onb-day2
    instructor: jordan.lee
    backup: Dial in to the conference line in the invite
""",
    "sops/cohort-setup.md": """\
---
title: Set up a new hire cohort
owner: jordan.lee
programs: [onboarding]
last_reviewed: 2026-09-15
review_every: 6 months
---
Use this for every cohort of [New Hire Onboarding](../programs/onboarding.yaml).

1. Book the room three weeks before Day 1.
2. Send the invites.
""",
    "content/index.md": """\
# Harbor Health Learning

Start with [New Hire Onboarding](../programs/onboarding.yaml).
""",
    "content/coordinators.md": """\
---
audience: coordinator
---
# For coordinators

Read how a cohort is [set up](../sops/cohort-setup.md).
""",
}


def write_project(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """The base project in ``root`` with ``files`` written over it (None deletes a file)."""
    for rel, text in BASE.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for rel, content in (files or {}).items():
        target = root / rel
        if content is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root
