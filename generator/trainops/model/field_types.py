"""The kinds of field value the data formats are made of (ids, links, zones, durations, dates,
times, text), each parsed by :mod:`trainops.model.values`, and the strict base model of every
format. The formats themselves are :mod:`trainops.model.formats` and
:mod:`trainops.model.program_fields`.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from . import values as v

__all__ = [
    "FormatModel",
    "Slug",
    "PersonId",
    "Url",
    "TimeZoneName",
    "DurationValue",
    "DateValue",
    "LocalDateTime",
    "EndValue",
    "Text",
    "Email",
    "Percent",
    "text_parsed_by",
]


def text_parsed_by(parser):
    """A string field parsed by ``parser`` (which sees the text exactly as written)."""

    def run(value):
        if value.__class__ is str:  # (nearly always: the loader keeps every scalar as text)
            return parser(value)
        if value is None or isinstance(value, (dict, list)):
            return value  # let pydantic report the wrong kind of value
        return parser(str(value))

    return BeforeValidator(run)


_DURATION_SCHEMA = {
    "type": "string",
    "pattern": r"^\s*(\d+\s*[a-zA-Z]+\s*)+$",
    "examples": ["14d", "2h30m", "6 months"],
    "description": "A duration: 14d, 2h, 30m, 2h30m, 2 weeks, 6 months, 1 year.",
}

Slug = Annotated[str, text_parsed_by(v.parse_slug), WithJsonSchema({"type": "string", "pattern": v.SLUG_PATTERN})]
PersonId = Annotated[
    str, text_parsed_by(v.parse_person_id), WithJsonSchema({"type": "string", "pattern": v.PERSON_ID_PATTERN})
]
Url = Annotated[
    str,
    text_parsed_by(v.parse_url),
    WithJsonSchema(
        {"type": "string", "pattern": r"^(https?://\S+|mailto:\S+@\S+)$", "examples": ["https://example.com/form"]}
    ),
]
TimeZoneName = Annotated[
    str,
    text_parsed_by(v.parse_timezone),
    WithJsonSchema(
        {"type": "string", "description": "An IANA time zone name.", "examples": ["America/New_York", "Europe/Berlin"]}
    ),
]
DurationValue = Annotated[v.Duration, text_parsed_by(v.parse_duration), WithJsonSchema(_DURATION_SCHEMA)]
DateValue = Annotated[
    date,
    text_parsed_by(v.parse_date),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{1,2}-\d{1,2}$", "examples": ["2026-10-01"]}),
]
LocalDateTime = Annotated[
    datetime,
    text_parsed_by(v.parse_local_datetime),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{1,2}-\d{1,2}[ T]+\d{1,2}:\d{2}(:\d{2})?$",
            "examples": ["2026-12-01 09:30"],
        }
    ),
]
EndValue = Annotated[
    datetime | time,
    text_parsed_by(v.parse_end),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}[ T]+)?\d{1,2}:\d{2}(:\d{2})?$",
            "examples": ["12:00", "2026-12-02 17:00"],
        }
    ),
]
Text = Annotated[str, Field(min_length=1)]
Email = Annotated[str, text_parsed_by(v.parse_email), WithJsonSchema({"type": "string", "pattern": v.EMAIL_PATTERN})]


class FormatModel(BaseModel):
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, frozen=True, populate_by_name=True, defer_build=True
    )


# A share in percent, written with its sign ("90%"); the value is the number (90.0).
Percent = Annotated[
    float,
    text_parsed_by(v.parse_percent),
    WithJsonSchema({"type": "string", "pattern": v.PERCENT_PATTERN, "examples": ["90%"]}),
]
