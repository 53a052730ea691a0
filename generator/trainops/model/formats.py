"""The data formats as pydantic models: what a coordinator may write, and nothing else.

``extra="forbid"`` everywhere, so a misspelt field is an error (with a suggestion, see
:mod:`trainops.load.validation`). Field text is parsed by :mod:`trainops.model.values`; the models never see
YAML's own guesses about types. The JSON Schemas of ``trainops schema`` are generated from here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, field_validator, model_validator

from . import values as v
from .field_types import (
    DateValue,
    DurationValue,
    Email,
    EndValue,
    LocalDateTime,
    PersonId,
    Slug,
    Text,
    TimeZoneName,
    Url,
)
from .field_types import FormatModel as _Model
from .program_fields import (
    DEFAULT_REMINDERS,
    ESCALATION_DUTIES,
    FORMATS,
    REMINDER_TEMPLATES,
    Access,
    Assessment,
    Certification,
    Completion,
    Escalation,
    FaqEntry,
    Feedback,
    Material,
    ObservationWindow,
    Prerequisite,
    ReminderRule,
    Review,
    prerequisite_entry,
)

__all__ = [
    "Person",
    "PeopleFile",
    "Program",
    "ScheduleFile",
    "MAX_CAPACITY",
    "WALK_INS",
    "SessionEntry",
    "SopFrontMatter",
    "Prerequisite",
    "Access",
    "Material",
    "Assessment",
    "Completion",
    "Certification",
    "ObservationWindow",
    "Feedback",
    "ReminderRule",
    "Escalation",
    "FaqEntry",
    "Review",
    "REMINDER_TEMPLATES",
    "DEFAULT_REMINDERS",
    "ESCALATION_DUTIES",
    "FORMATS",
    "Slug",
    "PersonId",
    "DateValue",
]


# --- people.yaml --------------------------------------------------------------------------------


class Person(_Model):
    id: PersonId = Field(description="Unique id used everywhere a person is referenced.", examples=["jordan.lee"])
    name: Text = Field(description="Full name as learners see it.", examples=["Jordan Lee"])
    email: Email | None = Field(
        None,
        description="Work e-mail address.",
        examples=["jordan.lee@example.com"],
    )
    timezone: TimeZoneName | None = Field(
        None, description="The IANA time zone the person works in; session times are checked against it."
    )


class PeopleFile(_Model):
    """``programs/people.yaml``: everyone referenced by id."""

    people: list[Person] = Field(description="Coordinators, instructors and contacts.")


def _listed_once(items: list[str]) -> list[str]:
    twice = sorted({item for item in items if items.count(item) > 1})
    if twice:
        raise ValueError(f"'{twice[0]}' is listed twice; list each once")
    return items


class Program(_Model):
    """``programs/<slug>.yaml``: one training program."""

    name: Text = Field(
        description="The canonical name, used on every page, invite, calendar entry and manual.",
        examples=["New Hire Onboarding"],
    )
    code: str | None = Field(None, description="Course code in the learning platform.", examples=["ONB-101"])
    aliases: list[Text] = Field(
        default_factory=list, description="Retired or informal names; check flags them in SOPs and pages."
    )
    summary: Text = Field(description="What this program is and why it matters, in one sentence.")
    owner: PersonId = Field(
        description="The coordinator who owns it (a person id from people.yaml).", examples=["jordan.lee"]
    )
    problem: str | None = Field(None, description="The capability gap or business problem it addresses.")
    audience: Text = Field(description="Who must take it.", examples=["All new hires in their first two weeks"])
    outcomes: list[Text] = Field(min_length=1, description="What learners can do afterwards (at least one).")
    format: Literal[FORMATS] | None = Field(None, description="How it is delivered.")  # type: ignore[valid-type]
    prerequisites: list[Annotated[Prerequisite, BeforeValidator(prerequisite_entry)]] = Field(
        default_factory=list, description="What learners need first: a line of text, or {text, link}."
    )
    access: list[Access] = Field(default_factory=list, description="Systems learners need before day one.")
    materials: list[Material] = Field(
        default_factory=list, description="Handouts and links, for learners or instructors."
    )
    sops: list[Slug] = Field(
        default_factory=list, description="SOP slugs that run this program.", examples=[["new-hire-cohort-setup"]]
    )
    parts: Annotated[list[Slug], AfterValidator(_listed_once)] = Field(
        default_factory=list,
        description="The parts, in order: a learner attends one run of each (the sessions naming it in 'part:' "
        "are alternatives). Without parts, a learner needs every session of their cohort.",
        examples=[["day-1", "day-2"]],
        json_schema_extra={"uniqueItems": True},
    )
    assessment: Assessment | None = Field(None, description="How learners are assessed.")
    completion: Completion | None = Field(None, description="When completion is due and where it is recorded.")
    certification: Certification | None = Field(
        None, description="A completion certifies the learner for a time and must be renewed before it runs out."
    )
    observation: ObservationWindow | None = Field(
        None, description="When a manager observes learners applying it at work, after completion."
    )
    feedback: Feedback | None = Field(None, description="Where learners give feedback.")
    reinforcement: str | None = Field(None, description="How managers reinforce it after training.")
    metrics: list[Text] = Field(default_factory=list, description="How we know it worked.")
    reminders: list[ReminderRule] | None = Field(
        None, description="Absent: invite 14d before, reminder 1d before, follow-up 1d after."
    )
    escalation: Escalation | None = Field(None, description="Who owns what goes wrong; each a person id.")
    faq: list[FaqEntry] = Field(default_factory=list, description="Repeated learner questions, answered once.")
    review: Review | None = Field(None, description="When the program was last reviewed and how often.")

    @property
    def reminder_rules(self) -> tuple[ReminderRule, ...]:
        return tuple(self.reminders) if self.reminders is not None else DEFAULT_REMINDERS

    @property
    def learner_contact(self) -> str:
        """The person id learners ask: ``escalation.learner_questions``, else the owner."""
        return (self.escalation.learner_questions if self.escalation else None) or self.owner


# --- programs/schedule.yaml ---------------------------------------------------------------------

# The sign-in sheet has a row a seat, so capacity sets the size of a manual: 100,000 seats took
# a worker past 3 GB. A thousand (a 44-page sheet) is more than any room a coordinator books.
MAX_CAPACITY = 1000
# The rows for walk-ins under the seats of a sign-in sheet; attendance past seats and walk-ins
# cannot have come from the sheet (the records rule over-capacity).
WALK_INS = 3


class SessionEntry(_Model):
    program: Slug = Field(description="The program's slug (its file name in programs/).", examples=["onboarding"])
    id: Slug | None = Field(
        None, description="Unique; default derived from program and start.", examples=["onb-2026-12-01"]
    )
    title: str | None = Field(
        None, description="Shown after the program's canonical name.", examples=["Day 1 - Welcome"]
    )
    part: Slug | None = Field(
        None,
        description="Which of the program's 'parts:' this session is a run of; a learner attends one run of each part.",
        examples=["day-1"],
    )
    cohort: Text | None = Field(
        None,
        description="The intake the session belongs to; the learner guide lists each intake's sessions "
        "under this heading (without it, sessions are grouped by consecutive days).",
        examples=["April 2027 intake"],
    )
    start: LocalDateTime = Field(description="Local date and time in the session's zone.")
    end: EndValue | None = Field(None, description="A time on the same day or a full date-time (or give duration).")
    duration: DurationValue | None = Field(None, description="Instead of end: how long it lasts.", examples=["2h30m"])
    timezone: TimeZoneName | None = Field(None, description="The session's IANA time zone (default: the schedule's).")
    room: str | None = Field(None, description="Where it happens in person.", examples=["HQ 4B"])
    link: Url | None = Field(None, description="The video call link for online sessions.")
    instructor: PersonId | None = Field(None, description="Person id of the instructor.", examples=["sam.patel"])
    capacity: int | None = Field(
        None, ge=1, le=MAX_CAPACITY, description=f"Seats available (1 to {MAX_CAPACITY}).", examples=[20]
    )
    backup: str | None = Field(
        None,
        description="The backup plan if something fails, for instructors and coordinators: the instructor "
        "edition, the sign-in sheet and the coordinator site show it, never learners (see 'if_it_fails').",
        examples=["Use the paper scenarios in the facilitator box"],
    )
    if_it_fails: str | None = Field(
        None,
        description="What learners should do if something fails, shown in the learner guide, the learner "
        "manual, the invitation and the calendar event.",
        examples=["If the video call drops, rejoin from the same link; after 5 minutes call +1 555 0100"],
    )
    status: Literal["confirmed", "tentative", "cancelled"] = Field(
        "confirmed", description="confirmed (default), tentative or cancelled."
    )
    note: Text | None = Field(
        None,
        description="Why the session is cancelled or tentative, in a learner's words; shown beside its status "
        "on the pages and in the cancellation message.",
        examples=["The trainer is ill; the London run on 3 Dec has seats"],
    )
    fold: int | None = Field(None, ge=0, le=1, description="For a time that happens twice: 0 first, 1 second.")

    @field_validator("duration")
    @classmethod
    def _fixed_length(cls, value):
        if value is not None and value.months:
            raise ValueError(f"a session lasts hours or minutes, not '{value.text}'")
        return value

    @model_validator(mode="after")
    def _one_end(self):
        if self.end is not None and self.duration is not None:
            raise ValueError("give either 'end' or 'duration', not both")
        if self.end is None and self.duration is None:
            raise ValueError("a session needs an 'end' (e.g. end: 12:00) or a 'duration' (e.g. duration: 2h)")
        return self


class ScheduleFile(_Model):
    """``programs/schedule.yaml``: the session schedule."""

    timezone: TimeZoneName | None = Field(None, description="Default zone for sessions that name none.")
    sessions: list[SessionEntry] = Field(default_factory=list, description="One entry per session.")


# --- sops/<slug>.md front matter ----------------------------------------------------------------


class SopFrontMatter(_Model):
    """The front matter of ``sops/<slug>.md``: one standard operating procedure."""

    title: Text = Field(description="The SOP's title.", examples=["Set up a new hire cohort"])
    owner: PersonId = Field(description="Person id of the SOP's owner.", examples=["jordan.lee"])
    programs: list[Slug] = Field(default_factory=list, description="Slugs of the programs this SOP serves.")
    audience: Literal["coordinator", "instructor", "learner"] = Field(
        "coordinator", description="Who follows it: coordinator (default), instructor or learner."
    )
    last_reviewed: DateValue = Field(description="When it was last reviewed (YYYY-MM-DD).")
    review_every: DurationValue = Field(
        default_factory=lambda: v.parse_duration("1 year"),
        description="How often it is reviewed (default 1 year).",
        examples=["6 months"],
    )
    significant: bool = Field(
        False,
        description=(
            "true in the commit that changes what people must do: learners who completed its programs "
            "before that commit are due to retrain."
        ),
    )
