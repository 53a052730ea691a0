"""Two versions of one data file compared: what changed between them that matters.

Each comparison is a pure function of the two texts, read by the same readers as ``load_project``
(so a historical version means what it would have meant then), and cached by the two blob ids.
A version that does not read (a commit with a typo) is not compared: the next version is compared
with the last one that read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...model.changes import SessionState, Slot
from ...model.project import Session
from ...model.text_diff import changed_steps
from ..file_readers import read_program, read_sop
from ..schedule_reader import read_schedule
from .entries import snippet, split_entries

__all__ = [
    "SessionDelta",
    "compare_schedules",
    "session_kinds",
    "compare_programs",
    "compare_sops",
    "PROGRAM_SECTIONS",
    "IGNORED_PROGRAM_FIELDS",
    "IGNORED_SOP_FIELDS",
]

# A program's fields as its learner guide shows them (trainops.render.guide.GUIDE_SECTIONS; a test
# keeps the two in step). Ownership, review and escalation change who looks after a program, not
# what learners or its SOPs rely on: they are no change.
PROGRAM_SECTIONS = {
    "name": "What and why",
    "code": "What and why",
    "aliases": "What and why",
    "summary": "What and why",
    "problem": "What and why",
    "format": "What and why",
    "audience": "Who it is for",
    "outcomes": "What you will be able to do",
    "prerequisites": "Before you start",
    "access": "Before you start",
    "materials": "Materials",  # the learner materials (``compare_programs``)
    "instructor_materials": "",  # not on the learner guide
    "sops": "",  # its learner SOPs are on the guide, but the list names coordinators' SOPs too
    "assessment": "Assessment and completion",
    "completion": "Assessment and completion",
    "feedback": "After training",
    "reinforcement": "After training",
    "metrics": "",  # the coordinators': on the launch checklist, not the guide
    "faq": "Questions",
    "reminders": "",  # not on the guide: the coordinators' messages
}
IGNORED_PROGRAM_FIELDS = frozenset({"owner", "review", "escalation"})
# An SOP's review (and its owner) is no change of what it says; ``significant`` marks a change
# (trainops.load.history.significant), it is none by itself.
IGNORED_SOP_FIELDS = frozenset({"owner", "last_reviewed", "review_every", "significant"})


@dataclass(frozen=True)
class SessionDelta:
    """The sessions whose entries differ between two versions of a schedule file: their states
    before (``old``) and after (``new``), by id. ``readable`` False: the new version's changed
    entries do not read, so it is not compared."""

    readable: bool
    old: dict[str, SessionState]
    new: dict[str, SessionState]


def _state(s: Session) -> SessionState:
    e = s.entry
    return SessionState(s.program, e.title, Slot(s.start, s.end, s.zone), e.room, e.link, e.instructor, s.status)


def _states(rel: str, text: str) -> tuple[bool, dict[str, SessionState]]:
    result = read_schedule(rel, text)
    readable = not any(d.severity == "error" for d in result.diagnostics)
    return readable, {s.id: _state(s) for s in result.sessions}


def compare_schedules(old_rel: str, old: str | None, rel: str, new: str | None) -> SessionDelta:
    """The sessions that differ from ``old`` (the file at ``old_rel``) to ``new`` (at ``rel``);
    None: the file is not there."""
    is_csv = rel.endswith(".csv")
    if old is None or new is None or is_csv != old_rel.endswith(".csv"):
        ok_old, before = _states(old_rel, old) if old is not None else (True, {})
        ok_new, after = _states(rel, new) if new is not None else (True, {})
        return _delta(ok_new, before, after)
    # Each version is cut once (split_entries keeps the last few): the new one of this pair is the
    # old one of the next.
    a, b = split_entries(old, is_csv), split_entries(new, is_csv)
    if a is None or b is None or a.header != b.header:
        # The top-level zone (or the CSV's columns) changed, or the text cannot be cut: every
        # session may have changed, so both versions are read whole.
        _, before = _states(old_rel, old)
        ok, after = _states(rel, new)
        return _delta(ok, before, after)
    old_items, new_items = set(a.items), set(b.items)
    if len(old_items) == len(a.items) and len(new_items) == len(b.items):
        gone, came = old_items - new_items, new_items - old_items  # (sets: C speed for 20,000 entries)
    else:  # the same entry twice (the reader says so): counted
        gone, came = set(Counter(a.items) - Counter(b.items)), set(Counter(b.items) - Counter(a.items))
    _, before = _states(old_rel, snippet(a, [item for item in a.items if item in gone])) if gone else (True, {})
    ok, after = _states(rel, snippet(b, [item for item in b.items if item in came])) if came else (True, {})
    return _delta(ok, before, after)


def _delta(readable: bool, before: dict[str, SessionState], after: dict[str, SessionState]) -> SessionDelta:
    same = {k for k in before.keys() & after.keys() if before[k] == after[k]}  # a comment or spacing edited
    return SessionDelta(
        readable, {k: v for k, v in before.items() if k not in same}, {k: v for k, v in after.items() if k not in same}
    )


def session_kinds(old: SessionState, new: SessionState) -> list[str]:
    """The changes from ``old`` to ``new`` that matter, in the order of ``SESSION_KINDS``."""
    kinds = []
    if (old.slot.start, old.slot.end, old.slot.zone) != (new.slot.start, new.slot.end, new.slot.zone):
        kinds.append("moved")
    kinds += [k for k in ("room", "link", "instructor") if getattr(old, k) != getattr(new, k)]
    if old.status != new.status:
        kinds.append(new.status)
    return kinds


def compare_programs(slug: str, rel: str, old: str, new: str) -> tuple[bool, dict[str, tuple[object, object]], str]:
    """``(readable, {field: (old value, new value)}, the new name)`` of the fields that changed and matter."""
    a, _ = read_program(slug, rel, old)
    b, _ = read_program(slug, rel, new)
    if a is None or b is None:
        return b is not None, {}, b.name if b is not None else ""  # a version that does not read is not compared
    fields = [f for f in type(b.data).model_fields if f not in IGNORED_PROGRAM_FIELDS]
    before, after = _visible(a.data, fields), _visible(b.data, fields)
    changed = {f: (before[f], after[f]) for f in before if before[f] != after[f]}
    return True, changed, b.name


def _visible(program, fields: list[str]) -> dict[str, object]:
    """A program's fields as they matter, with its materials split by who they are for: an
    instructor's handout is no change of the learner guide."""
    values = {f: getattr(program, f) for f in fields}
    materials = values.pop("materials", [])
    values["materials"] = [m for m in materials if m.for_ != "instructor"]
    values["instructor_materials"] = [m for m in materials if m.for_ == "instructor"]
    return values


def compare_sops(slug: str, rel: str, old: str, new: str) -> tuple[bool, tuple[str, ...], str, tuple]:
    """``(readable, the fields that changed and matter ("body" for the text), the new title, the
    text's changed lines in the page's words as (old, new))``."""
    a, _ = read_sop(slug, rel, old)
    b, _ = read_sop(slug, rel, new)
    if b is None:
        return False, (), "", ()
    if a is None:
        return True, (), b.meta.title, ()
    fields = [f for f in type(b.meta).model_fields if f not in IGNORED_SOP_FIELDS]
    changed = tuple(f for f in fields if getattr(a.meta, f) != getattr(b.meta, f))
    steps: tuple = ()
    if a.body != b.body:
        changed += ("body",)
        steps = changed_steps(a.body, b.body)
    return True, changed, b.meta.title, steps
