"""The parts of a program definition (``programs/<slug>.yaml``): prerequisites, access, materials,
assessment, completion, certification, observation, feedback, reminders, escalation, FAQ and
review. The program itself is :class:`trainops.model.formats.Program`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from . import values as v
from .field_types import DateValue, DurationValue, Percent, PersonId, Slug, Text, Url
from .field_types import FormatModel as _Model

__all__ = [
    "FORMATS",
    "REMINDER_TEMPLATES",
    "DEFAULT_REMINDERS",
    "ESCALATION_DUTIES",
    "Prerequisite",
    "Access",
    "Material",
    "Assessment",
    "Completion",
    "CERTIFICATION_SINCE",
    "Certification",
    "ObservationWindow",
    "Feedback",
    "ReminderRule",
    "Escalation",
    "FaqEntry",
    "Review",
    "prerequisite_entry",
]

FORMATS = ("course", "workshop", "guide", "video", "checklist", "blended")
REMINDER_TEMPLATES = ("invite", "reminder", "follow-up", "missed-session", "cancellation")


class Prerequisite(_Model):
    text: Text = Field(
        description="What learners must have or have done before the program.",
        examples=["Laptop issued and activated by IT"],
    )
    link: Url | None = Field(None, description="Where to do it or read more.")


def prerequisite_entry(value):
    return {"text": value} if isinstance(value, str) else value


class Access(_Model):
    system: Text = Field(description="The system learners need, e.g. Workday.")
    how: str | None = Field(None, description="How to get access.", examples=["Sign in with company SSO"])
    link: Url | None = Field(None, description="Where to sign in or request access.")


class Material(_Model):
    title: Text = Field(description="Title shown in the guide and the manual.", examples=["Employee handbook"])
    file: str | None = Field(
        None,
        description="A path inside the repository (give either file or link).",
        examples=["content/files/handbook.pdf"],
    )
    link: Url | None = Field(None, description="A web link (give either file or link).")
    for_: Literal["learner", "instructor"] = Field(
        "learner", alias="for", description="Who the material is for: learner (default) or instructor."
    )

    @model_validator(mode="after")
    def _one_source(self):
        if (self.file is None) == (self.link is None):
            raise ValueError("a material needs exactly one of 'file' or 'link'")
        return self


class Assessment(_Model):
    name: Text = Field(description="Name of the quiz, exam or skills check.", examples=["Onboarding quiz"])
    link: Url | None = Field(None, description="Where learners take it.")
    pass_mark: int | None = Field(None, ge=0, le=100, description="Pass mark in percent.", examples=[80])


class Completion(_Model):
    due: DurationValue | None = Field(None, description="Due this long after the first session.", examples=["14d"])
    record_in: str | None = Field(None, description="Where completion is recorded.", examples=["Workday Learning"])
    target: Percent | None = Field(
        None,
        description="The share of learners expected to complete by their due date; the status page compares.",
        examples=["90%"],
    )


# What an early renewal's new period runs from: the renewing completion, or the expiry it replaces
# (so that renewing early loses no time).
CERTIFICATION_SINCE = ("completion", "previous-expiry")
# A year's worth of calendar to compare two written durations on (months have no fixed length).
_SOME_DAY = v.parse_date("2001-01-01")


class Certification(_Model):
    valid_for: DurationValue = Field(
        description="How long a completion certifies the learner.", examples=["1 year", "24 months"]
    )
    renew_within: DurationValue = Field(
        default_factory=lambda: v.parse_duration("90d"),
        description="The renewal window before expiry (default 90d): the certification is 'expiring' inside it, "
        "renewal messages start at it, and check looks for sessions to renew in.",
        examples=["90d", "3 months"],
    )
    since: Literal[CERTIFICATION_SINCE] = Field(  # type: ignore[valid-type]
        "completion",
        description="What a renewal's new period runs from: 'completion' (default: the renewing completion) or "
        "'previous-expiry' (the expiry it replaces, when renewed before it: renewing early loses no time).",
    )
    renewal: Slug | None = Field(
        None,
        description="The program whose completions renew it (default: this program itself).",
        examples=["compliance-refresher"],
    )

    @model_validator(mode="after")
    def _window_inside_period(self):
        if self.valid_for.after(_SOME_DAY) == _SOME_DAY:
            raise ValueError(f"valid_for '{self.valid_for.text}' is shorter than a day; write e.g. 1 year or 24 months")
        if self.renew_within.before(self.valid_for.after(_SOME_DAY)) <= _SOME_DAY:
            raise ValueError(
                f"renew_within '{self.renew_within.text}' must be shorter than valid_for '{self.valid_for.text}'"
            )
        return self


class ObservationWindow(_Model):
    within: DurationValue = Field(
        description="A manager observes each learner applying it at work within this long after completion.",
        examples=["60d"],
    )


class Feedback(_Model):
    form: Url = Field(description="Link to the feedback form learners fill in.")


class ReminderRule(_Model):
    template: Literal[REMINDER_TEMPLATES] = Field(description="Which message to send.")  # type: ignore[valid-type]
    before: DurationValue | None = Field(
        None, description="Send this long before each session (give before or after).", examples=["14d", "1d"]
    )
    after: DurationValue | None = Field(
        None, description="Send this long after each session (give before or after).", examples=["1d"]
    )

    @model_validator(mode="after")
    def _one_offset(self):
        if (self.before is None) == (self.after is None):
            raise ValueError("a reminder needs exactly one of 'before' or 'after'")
        return self


DEFAULT_REMINDERS = (
    ReminderRule(template="invite", before=v.parse_duration("14d"), after=None),
    ReminderRule(template="reminder", before=v.parse_duration("1d"), after=None),
    ReminderRule(template="follow-up", before=None, after=v.parse_duration("1d")),
)


class Escalation(_Model):
    missed_sessions: PersonId | None = Field(None, description="Person id who follows up a missed session.")
    late_completions: PersonId | None = Field(None, description="Person id who chases a late completion.")
    learner_questions: PersonId | None = Field(None, description="Person id who answers learners' questions.")
    improvement_notes: PersonId | None = Field(
        None, description="Person id who acts on feedback and improvement notes."
    )


# The duties of an escalation, in the order the pages and messages name them: its fields.
ESCALATION_DUTIES = tuple(Escalation.model_fields)


class FaqEntry(_Model):
    q: Text = Field(description="The question, as learners ask it.", examples=["Where do I park?"])
    a: Text = Field(description="The answer.", examples=["Visitor lot B for the first week."])


class Review(_Model):
    last_reviewed: DateValue = Field(description="When the program was last reviewed (YYYY-MM-DD).")
    every: DurationValue = Field(
        default_factory=lambda: v.parse_duration("1 year"),
        description="How often it is reviewed (default 1 year).",
        examples=["6 months"],
    )
