"""A project with alternatives, for the pages and messages: the base project with a two-part go-live
workshop whose Day 1 runs in New York, London and Tokyo (a learner attends one) and whose Day 2
runs in New York.

On TODAY (2026-11-23) every run is ahead. Each run's invite is due 14 days before it (the
default rules), so the first is due on 23 Nov. ``STATUSES`` sets a run's ``status`` and ``note``
(the pages of a cancelled or tentative run); ``SHIFT`` moves the runs earlier by whole days.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.helpers import TODAY
from tests.helpers.base_project import BASE, write_project
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.model.project import Project

__all__ = ["PROGRAM", "RUNS", "go_live_files", "write_go_live", "load_go_live"]

PROGRAM = """\
name: Go-Live Workshop
summary: Run the new ordering system from day one.
owner: jordan.lee
audience: Store managers
outcomes: [Place and correct an order]
parts: [day-1, day-2]
escalation:
  learner_questions: sam.patel
"""

# (id, part, title, local start, zone, room)
RUNS = (
    ("d1-nyc", "day-1", "Day 1 (New York)", date(2026, 12, 7), "America/New_York", "New York 12"),
    ("d1-ldn", "day-1", "Day 1 (London)", date(2026, 12, 8), "Europe/London", "London 3"),
    ("d1-tyo", "day-1", "Day 1 (Tokyo)", date(2026, 12, 9), "Asia/Tokyo", "Tokyo 7"),
    ("d2-nyc", "day-2", "Day 2 (New York)", date(2026, 12, 14), "America/New_York", "New York 12"),
)


def _run(sid: str, part: str, title: str, day: date, zone: str, room: str, fields: dict[str, str]) -> str:
    extra = "".join(f"    {name}: {value}\n" for name, value in fields.items())
    return (
        f"  - program: go-live\n    id: {sid}\n    part: {part}\n    title: {title}\n"
        f"    start: {day.isoformat()} 09:00\n    duration: 3h\n    timezone: {zone}\n    room: {room}\n{extra}"
    )


def go_live_files(statuses: dict[str, dict[str, str]] | None = None, shift: int = 0) -> dict[str, str]:
    """The files over the base project: ``statuses`` gives a run's extra fields by its id
    (``{"d1-ldn": {"status": "cancelled", "note": "..."}}``); ``shift`` moves every run that many
    days earlier."""
    runs = "".join(
        _run(sid, part, title, day - timedelta(days=shift), zone, room, (statuses or {}).get(sid, {}))
        for sid, part, title, day, zone, room in RUNS
    )
    return {
        "programs/go-live.yaml": PROGRAM,
        "programs/schedule.yaml": BASE["programs/schedule.yaml"] + runs,
    }


def write_go_live(root: Path, statuses: dict[str, dict[str, str]] | None = None, shift: int = 0) -> Path:
    return write_project(root, go_live_files(statuses, shift))


def load_go_live(root: Path, statuses: dict[str, dict[str, str]] | None = None, shift: int = 0) -> Project:
    write_go_live(root, statuses, shift)
    settings, problems = read_settings(root)
    project, diagnostics = load_project(root, settings, TODAY)
    errors = [d.as_text() for d in problems + diagnostics if d.severity == "error"]
    assert not errors, errors
    return project
