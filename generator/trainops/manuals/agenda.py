"""The instructor edition's agenda pages: one page for each session still to run, with what an
instructor needs in the room or on the call (when, where, who, how many, what to do if it fails,
what to bring, and the codes learners scan to join, take the assessment and give feedback).

A page says how to get the sign-in sheet in words, never by a path: the sheet is on the
coordinator site, which has no address printed paper could give.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..model.changes import Slot
from ..model.formats import Person
from ..model.project import Project, Session
from ..render.messages import describe_slot

__all__ = ["AgendaPage", "agenda_pages", "instructor_time"]


@dataclass(frozen=True)
class AgendaPage:
    session: Session
    instructor: Person | None
    instructor_time: str | None  # the session in the instructor's own zone, when that is another one
    sign_in: str  # how attendance is taken, in words


def instructor_time(session: Session, instructor: Person | None) -> str | None:
    """The session as ``describe_slot`` words it in the instructor's zone, or None when the
    instructor has no zone or works in the session's (an LA session taught from New York: 13:00)."""
    zone = instructor.timezone if instructor else None
    if not zone or zone == session.zone:
        return None
    here = ZoneInfo(zone)
    return describe_slot(Slot(session.start.astimezone(here), session.end.astimezone(here), zone))


def _sign_in(session: Session) -> str:
    if session.in_person:
        return (
            "Print this session's sign-in sheet from the coordinator site (the program's launch checklist "
            "links it) and pass it round in the first five minutes."
        )
    return "Online: save the video call's attendance report when the session ends."


def agenda_pages(project: Project, slug: str) -> list[AgendaPage]:
    """A page for each upcoming session of the program that will take place (tentative ones too,
    marked as such; cancelled ones have none), by start."""
    pages = []
    for session in project.running_sessions(slug):
        instructor = project.people.get(session.entry.instructor) if session.entry.instructor else None
        pages.append(AgendaPage(session, instructor, instructor_time(session, instructor), _sign_in(session)))
    return pages
