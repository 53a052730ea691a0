"""Dates and times as learners read them, the same on every machine (no locale of the machine's
involved: zone names are always CLDR's English ones)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from babel import Locale
from babel.dates import get_timezone_name

from .values import Duration

__all__ = [
    "days_from",
    "format_day",
    "format_long_date",
    "format_time_range",
    "format_utc_offset",
    "zone_label",
    "utc_iso",
]

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LONG_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_day(value: date | datetime) -> str:
    """``Tue 1 Dec 2026``"""
    return f"{_DAYS[value.weekday()]} {value.day} {_MONTHS[value.month - 1]} {value.year}"


def format_long_date(value: date) -> str:
    """``1 December 2026``"""
    return f"{value.day} {_LONG_MONTHS[value.month - 1]} {value.year}"


def format_utc_offset(value: datetime) -> str:
    """``UTC−05:00`` (a real minus sign), ``UTC+00:00``."""
    offset = value.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "\u2212"
    minutes = abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def zone_label(value: datetime) -> str:
    """The zone of an aware time as every page and message names it: its everyday name and UTC
    offset at that instant, ``Eastern Standard Time (UTC−05:00)``, ``British Summer Time
    (UTC+01:00)``; the offset alone for a zone with no name (``Etc/GMT+5``: ``UTC−05:00``).

    The names are the Unicode CLDR's in English, through Babel: the data browsers' ``Intl`` reads,
    so the "Your time" line that trainops.js writes (its ``zoneLabel``) names a zone the same way."""
    name = get_timezone_name(value, width="long", locale=_ENGLISH)  # a few microseconds: no cache
    offset = format_utc_offset(value)
    return offset if _OFFSET_ONLY.match(name) else f"{name} ({offset})"


# Parsed once: Babel would parse "en" again at each call (three quarters of a label's time).
_ENGLISH = Locale.parse("en")
# CLDR's fallback for a zone without a name is its offset ("GMT-05:00", "GMT"): said once, as UTC.
_OFFSET_ONLY = re.compile(r"^(GMT|UTC)([+\u2212-]|$)")


def format_time_range(start: datetime, end: datetime) -> str:
    """``09:30–12:00`` on one day, ``09:30 – Wed 2 Dec 2026 12:00`` across days."""
    if start.date() == end.date():
        return f"{start:%H:%M}\u2013{end:%H:%M}"
    return f"{start:%H:%M} \u2013 {format_day(end)} {end:%H:%M}"


def utc_iso(value: datetime) -> str:
    """``2026-12-01T14:30:00Z`` for ``<time datetime>``."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def format_duration(value: Duration) -> str:
    """A duration in words, as a reader says it: ``14d`` → ``14 days``, ``2h30m`` → ``2 hours
    30 minutes``, ``18 months`` → ``1 year 6 months``."""
    parts = []
    years, months = divmod(value.months, 12)
    hours, minutes = divmod(value.minutes, 60)
    for count, unit in (
        (years, "year"),
        (months, "month"),
        (value.days, "day"),
        (hours, "hour"),
        (minutes, "minute"),
    ):
        if count:
            parts.append(f"{count} {unit}{'' if count == 1 else 's'}")
    return " ".join(parts) or str(value)


def days_from(today: date, day: date) -> str:
    """``today``, ``tomorrow``, ``in 8 days``, ``yesterday``, ``6 days ago``."""
    n = (day - today).days
    if n == 0:
        return "today"
    if n == 1:
        return "tomorrow"
    if n == -1:
        return "yesterday"
    return f"in {n} days" if n > 0 else f"{-n} days ago"
