"""The version each session's calendar event is published as, from the history
(:mod:`trainops.model.event_versions` says why it is made of time), and the warning for an event
whose version comes from an uncommitted edit."""

from __future__ import annotations

from datetime import UTC, datetime

from ..model.changes import WORK_TREE
from ..model.diagnostics import Diagnostic
from ..model.event_versions import EventVersion, sequence_at
from ..model.project import Project, Session

__all__ = ["SEQUENCE_OF_STATUS", "NO_HISTORY_STAMP", "UNCOMMITTED", "event_version", "uncommitted_events"]

# Without a history SEQUENCE cannot tell versions apart: a cancellation is published as a newer
# version (1) of the event so clients that imported the original replace it.
SEQUENCE_OF_STATUS = {"confirmed": 0, "tentative": 0, "cancelled": 1}
# DTSTAMP without a history: fixed, never the build's day, so rebuilding changes no event.
NO_HISTORY_STAMP = datetime(2000, 1, 1, tzinfo=UTC)
UNCOMMITTED = "calendar-uncommitted"


def event_version(project: Project, s: Session) -> EventVersion:
    """SEQUENCE from the committer time of the session's last change (or of its addition), and that
    time as DTSTAMP and LAST-MODIFIED; without a history, or for a session it does not know, the
    status's SEQUENCE and a fixed DTSTAMP."""
    history = project.history
    modified = history.last_modified(s.id) if history.available else None
    if modified is None:
        return EventVersion(SEQUENCE_OF_STATUS[s.status], NO_HISTORY_STAMP)
    return EventVersion(sequence_at(modified), modified, modified)


def uncommitted_events(project: Project) -> list[Diagnostic]:
    """A warning at each session whose event this build would date from an uncommitted edit: a
    build of the commit (in CI, or after the edit is discarded) would publish it with a lower
    SEQUENCE, which clients ignore."""
    history = project.history
    if not (history.available and history.dirty):
        return []
    found = []
    for s in project.sessions:
        last = history.last_change(s.id)
        if last is None or last.commit != WORK_TREE:
            continue
        line, column = s.line()
        label = s.entry.title or s.id
        message = (
            f"the calendar event of '{label}' ({s.id}) comes from an uncommitted edit; commit it before "
            "publishing: a build of the commit would give this event a lower SEQUENCE, which calendar "
            "clients ignore"
        )
        found.append(Diagnostic(s.path, line, column, "warning", UNCOMMITTED, message))
    return found
