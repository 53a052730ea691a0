"""What a readiness rule reports: a failure point at a file, line and column (the values are
:mod:`trainops.model.findings`), and how a finding names a session."""

from __future__ import annotations

from ..model.findings import GROUPS, Finding
from ..model.formatting import format_day
from ..model.project import Session

__all__ = ["Finding", "GROUPS", "session_label"]


def session_label(session: Session) -> str:
    """A session as a coordinator names it: ``Day 1 - Welcome, Tue 1 Dec 2026`` (its start time
    instead of a title it does not have), in the session's own zone."""
    if session.entry.title:
        return f"{session.entry.title}, {format_day(session.start)}"
    return f"the session of {format_day(session.start)} at {session.start:%H:%M}"
