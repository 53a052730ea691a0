"""Reminder messages: each planned reminder rendered from its template in ``trainops/reminders/``.

A message template is plain text (no HTML escaping); its first line is the subject and the rest is
the body. Links in messages are absolute when mkdocs.yml has a ``site_url``.
"""

from __future__ import annotations

import io
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment

from ..model.changes import Slot
from ..model.formatting import format_day, format_time_range, zone_label
from ..model.project import Project, Session
from ..plan import urls as layout
from ..plan.reminders import PlannedReminder
from ..plan.urls import Urls, published_material_path
from .calendar import google_calendar_link
from .guide import part_names
from .spreadsheet_csv import spreadsheet_writer

__all__ = [
    "Message",
    "render_messages",
    "send_schedule_row",
    "send_schedule_order",
    "write_send_schedule",
    "session_ics_path",
    "describe_when",
    "describe_slot",
    "describe_changes",
    "next_run",
]


@dataclass(frozen=True)
class Message:
    reminder: PlannedReminder
    subject: str
    body: str

    @property
    def text(self) -> str:
        """What a coordinator pastes into their mail program."""
        return f"Subject: {self.subject}\n\n{self.body}"


def session_ics_path(session: Session) -> str:
    return layout.session_event(session.program, session.id)


def describe_when(s: Session) -> str:
    return describe_slot(Slot(s.start, s.end, s.zone))


def describe_slot(slot: Slot) -> str:
    """``Tue 1 Dec 2026, 09:30–12:00 Eastern Standard Time (UTC−05:00)``: the wording of every
    page (the ``zone_label`` filter)."""
    return f"{format_day(slot.start)}, {format_time_range(slot.start, slot.end)} {zone_label(slot.start)}"


# What a change notice calls each change, and how it shows a value.
_CHANGE_LABELS = {"moved": "When", "room": "Room", "link": "Online link", "instructor": "Instructor"}


def describe_changes(project: Project, r: PlannedReminder) -> list[dict[str, str]]:
    """A change notice's changes: ``label``, ``old`` (what the invite said) and ``new``."""
    s = r.session
    now = {"moved": describe_when(s), "room": s.entry.room, "link": s.entry.link}
    out = []
    for c in r.changes:
        if c.kind == "moved":
            old = describe_slot(c.old) if isinstance(c.old, Slot) else ""
        elif c.kind == "instructor":
            old = project.person_name(str(c.old)) if c.old else ""
        else:
            old = str(c.old or "")
        new = project.person_name(s.entry.instructor) if c.kind == "instructor" else now[c.kind]
        out.append({"label": _CHANGE_LABELS[c.kind], "old": old or "none", "new": new or "none"})
    return out


def _where(s: Session) -> str:
    parts = []
    if s.entry.room:
        parts.append(s.entry.room)
    if s.entry.link:
        parts.append(f"online: {s.entry.link}")
    return " and ".join(parts) or "to be announced"


def render_messages(env: Environment, project: Project, planned: list[PlannedReminder], urls: Urls) -> list[Message]:
    base = project.settings.site_url.rstrip("/")

    def absolute(docs_path: str) -> str:
        url = urls.url(docs_path)
        return f"{base}/{url}" if base else f"/{url}"

    next_after: dict[str, Session] = {}  # session id -> the program's next session that runs
    # (by the session's own program, not the message's: a renewal message is about a run of the
    # renewal program, and its next run is the same whichever programs' messages come together)
    for slug in {r.session.program for r in planned}:
        running = project.running_sessions(slug)  # by start
        starts = [x.start_utc for x in running]
        for x in project.upcoming_sessions(slug):
            i = bisect_right(starts, x.start_utc)
            if i < len(running):
                next_after[x.id] = running[i]
    for r in planned:  # the records' messages are about sessions already over
        if r.recipients is not None and r.session.id not in next_after:
            following = next_run(project, r.session)
            if following is not None:
                next_after[r.session.id] = following
    # 60,000 messages at scale: what depends only on the program or the session is worked out once.
    templates: dict[str, Any] = {}
    per_program: dict[str, dict] = {}
    per_session: dict[str, dict] = {}
    messages = []
    for r in planned:
        s = r.session
        common = per_program.get(r.program)
        if common is None:
            record = project.programs[r.program]
            p = record.data
            contact_id = p.learner_contact
            contact = project.people.get(contact_id)
            materials = [
                {"title": m.title, "url": absolute(published_material_path(project, m.file)) if m.file else m.link}
                for m in p.materials
                if m.for_ == "learner"
            ]
            common = per_program[r.program] = {
                "name": record.name,
                "program": p,
                "materials": materials,
                "guide_url": absolute(layout.guide(r.program)),
                "contact_name": contact.name if contact else contact_id,
                "contact_email": contact.email if contact else None,
                "today": project.today,
                "parts": part_names(project, r.program),  # "part 1 of 2 (Day 1, then Day 2)"
            }
        about = per_session.get(s.id)
        if about is None:
            following = next_after.get(s.id)
            about = per_session[s.id] = {
                "session": s,
                "when": describe_when(s),
                "where": _where(s),
                "ics_url": absolute(session_ics_path(s)),
                "google_url": google_calendar_link(project, s),
                # which of the program's parts the session is a run of (1-based; None without parts)
                "part_number": _part_number(project, s),
                "next_session": following,
                "next_when": describe_when(following) if following else "",
                # a cancelled run's alternatives: what its learners can take instead
                "instead": [{"when": describe_when(x), "where": _where(x)} for x in project.other_runs(s)]
                if s.status == "cancelled"
                else [],
            }
        values = {**common, **about, "changes": describe_changes(project, r) if r.changes else [], "expires": r.expires}
        template = templates.get(r.template)
        if template is None:
            template = templates[r.template] = env.get_template(f"trainops/reminders/{r.template}.txt")
        text = template.render(m=values, **values)
        subject, _, body = text.lstrip("\n").partition("\n")
        body = "\n".join(line.rstrip() for line in body.strip("\n").split("\n"))
        while "\n\n\n" in body:
            body = body.replace("\n\n\n", "\n\n")
        messages.append(Message(r, subject.strip(), body + "\n"))
    return messages


def _part_number(project: Project, s: Session) -> int | None:
    parts = project.programs[s.program].data.parts
    part = project.part_of(s)
    return parts.index(part) + 1 if part in parts else None


def next_run(project: Project, s: Session) -> Session | None:
    """What a learner who missed ``s`` (a session already over) can attend instead: the next run of
    its part where the program has parts, else the program's next session that runs."""
    record = project.programs.get(s.program)
    if record is not None and record.data.parts:
        part = project.part_of(s)
        runs = [x for x in project.running_sessions(s.program) if project.part_of(x) == part]
    else:
        runs = project.running_sessions(s.program)
    return runs[0] if runs else None


def send_schedule_row(m: Message) -> list[str]:
    r = m.reminder
    return [
        r.send_date.isoformat(),
        r.program,
        r.session.id,
        r.template,
        m.subject,
        r.audience,
        "yes" if r.overdue else "no",
        " ".join(r.recipients or ()),
    ]


def send_schedule_order(row: list[str]) -> tuple[str, str]:
    """Where a row of :func:`send_schedule_row` goes in the send schedule: by send date (ISO dates
    sort as text), then program, as the messages are planned
    (:func:`~trainops.plan.record_messages.with_record_messages`); a program's rows of one day keep
    their own order (a stable sort)."""
    return row[0], row[1]


def write_send_schedule(rows: list[list[str]]) -> str:
    """``/reminders/send-schedule.csv``: every message to send, by date (rows of :func:`send_schedule_row`).
    ``recipients``: the learner ids a message goes to, space-separated, where the records name them
    (ids only, never names, even with ``ops_names``: a mail merge joins them with the roster); empty
    where the ``audience`` group is all that is known."""
    out = io.StringIO()
    writer = spreadsheet_writer(out, lineterminator="\r\n")
    writer.writerow(["send_date", "program", "session", "template", "subject", "audience", "overdue", "recipients"])
    writer.writerows(rows)
    return out.getvalue()
