"""The meaning of field text: durations, dates, times, time zones, links and slugs.

Each parser takes the text a coordinator wrote and returns a value, or raises ``ValueError``
with a message written for that coordinator. The models attach these parsers to their fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .suggest import did_you_mean

__all__ = [
    "Duration",
    "shift_date",
    "parse_duration",
    "parse_date",
    "parse_local_datetime",
    "parse_end",
    "parse_timezone",
    "parse_url",
    "parse_email",
    "EMAIL_PATTERN",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_DURATION_YEARS",
    "parse_slug",
    "parse_person_id",
    "parse_percent",
    "PERCENT_PATTERN",
    "localize",
    "LocalTimeError",
    "SLUG_PATTERN",
    "PERSON_ID_PATTERN",
]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PERSON_ID_PATTERN = r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$"
_UNITS = {
    "m": "minutes",
    "min": "minutes",
    "mins": "minutes",
    "minute": "minutes",
    "minutes": "minutes",
    "h": "hours",
    "hr": "hours",
    "hrs": "hours",
    "hour": "hours",
    "hours": "hours",
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "y": "years",
    "year": "years",
    "years": "years",
}
_DURATION_PART = re.compile(r"(\d+)\s*([a-z]+)")


@dataclass(frozen=True)
class Duration:
    """A length of time as written: ``14d``, ``2h30m``, ``6 months``, ``1 year``."""

    text: str
    months: int = 0
    days: int = 0
    minutes: int = 0

    def __str__(self) -> str:
        return self.text

    @property
    def timedelta(self) -> timedelta:
        """Only for durations without months or years (those have no fixed length)."""
        if self.months:
            raise ValueError(f"'{self.text}' has no fixed length in hours")
        return timedelta(days=self.days, minutes=self.minutes)

    def after(self, day: date) -> date:
        """``day`` moved forward by this duration (calendar months; the 31st becomes the 30th...).

        Only whole days count: the minutes of ``2h30m`` do not move a date."""
        return shift_date(day, self.months, self.days, 1)

    def before(self, day: date) -> date:
        return shift_date(day, self.months, self.days, -1)


@lru_cache(maxsize=65536)  # reminders ask the same few shifts of the same dates thousands of times
def shift_date(day: date, months: int, days: int, sign: int) -> date:
    """``day`` moved by ``sign`` × (months, then days); the 31st becomes the month's last day."""
    total = day.year * 12 + (day.month - 1) + sign * months
    year, month = divmod(total, 12)
    month += 1
    moved = date(year, month, min(day.day, _days_in_month(year, month)))
    return moved + sign * timedelta(days=days)


def _days_in_month(year: int, month: int) -> int:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


@lru_cache(maxsize=65536)
def parse_duration(text: str) -> Duration:
    raw = str(text).strip()
    cleaned = raw.lower().replace(" ", "")
    parts = _DURATION_PART.findall(raw.lower())
    if not raw or not parts or "".join(n + u for n, u in parts) != cleaned:
        raise ValueError(f"'{raw}' is not a duration; write e.g. 14d, 2h, 30m, 2h30m, 6 months or 1 year")
    months = days = minutes = 0
    for number, unit in parts:
        kind = _UNITS.get(unit)
        n = int(number)
        if kind is None:
            raise ValueError(f"'{raw}': unknown unit '{unit}'; use m, h, d, weeks, months or years")
        if kind == "minutes":
            minutes += n
        elif kind == "hours":
            minutes += 60 * n
        elif kind == "days":
            days += n
        elif kind == "weeks":
            days += 7 * n
        elif kind == "months":
            months += n
        else:
            months += 12 * n
    if months == days == minutes == 0:
        raise ValueError(f"'{raw}' is a duration of zero")
    if months > 12 * MAX_DURATION_YEARS or days + minutes // 1440 > 366 * MAX_DURATION_YEARS:
        raise ValueError(f"'{raw}' is longer than {MAX_DURATION_YEARS} years; check the number")
    return Duration(raw, months, days, minutes)


# Dates a training schedule can mean. Beyond them a date is a typo, and date arithmetic (a
# reminder 14 days before 9999-12-31, 00:30 in Tokyo on 0001-01-01 in UTC) would overflow.
FIRST_YEAR, LAST_YEAR = 1970, 2999
MAX_DURATION_YEARS = 100

_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_DATETIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]+(\d{1,2}:\d{2}(?::\d{2})?)$")


@lru_cache(maxsize=65536)
def parse_date(text: str) -> date:
    raw = str(text).strip()
    m = _DATE.match(raw)
    if not m:
        raise ValueError(f"'{raw}' is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01")
    try:
        day = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise ValueError(f"'{raw}' is not a real date ({exc})") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"'{raw}' is out of range; dates run from {FIRST_YEAR} to {LAST_YEAR}")
    return day


def parse_time(text: str) -> time:
    raw = str(text).strip()
    m = _TIME.match(raw)
    if not m:
        raise ValueError(f"'{raw}' is not a time; write it as HH:MM, e.g. 09:30")
    hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"'{raw}' is not a time of day; hours run 0-23 and minutes 0-59")
    return time(hour, minute, second)


@lru_cache(maxsize=65536)
def parse_local_datetime(text: str) -> datetime:
    """``2026-12-01 09:30`` as a naive local date-time."""
    raw = str(text).strip()
    m = _DATETIME.match(raw)
    if not m:
        raise ValueError(f"'{raw}' is not a date and time; write it as YYYY-MM-DD HH:MM, e.g. 2026-12-01 09:30")
    return datetime.combine(parse_date(m[1]), parse_time(m[2]))


@lru_cache(maxsize=65536)
def parse_end(text: str) -> datetime | time:
    """An end: a time on the start's day (``12:00``) or a full date-time."""
    raw = str(text).strip()
    if _TIME.match(raw):
        return parse_time(raw)
    if _DATETIME.match(raw):
        return parse_local_datetime(raw)
    raise ValueError(f"'{raw}' is not an end time; write HH:MM (same day) or YYYY-MM-DD HH:MM")


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


@lru_cache(maxsize=1024)  # (bounded: a long `serve` sees every zone name typed, typos too)
def parse_timezone(text: str) -> str:
    raw = str(text).strip()
    names = _zone_names()
    if raw in names or raw == "UTC":
        try:
            ZoneInfo(raw)
            return raw
        except (ZoneInfoNotFoundError, ValueError):
            pass
    hint = did_you_mean(raw, names, cutoff=0.5)
    raise ValueError(f"unknown time zone '{raw}'{hint or ' — use an IANA name such as Europe/Berlin'}")


# An address and nothing more: no '?', '&', ',' or spaces, which would add headers or recipients
# to a mailto: link. (Quoted local parts and non-ASCII addresses are not accepted.)
EMAIL_PATTERN = r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"
_EMAIL = re.compile(EMAIL_PATTERN)


def parse_email(text: str) -> str:
    raw = str(text).strip()
    if not _EMAIL.match(raw):
        raise ValueError(f"'{raw}' is not an e-mail address; write just the address, e.g. jordan.lee@example.com")
    return raw


@lru_cache(maxsize=65536)
def parse_url(text: str) -> str:
    raw = str(text).strip()
    parts = urlsplit(raw)
    if parts.scheme in ("http", "https") and parts.netloc and " " not in raw:
        return raw
    if parts.scheme == "mailto" and "@" in parts.path:
        return raw
    if not parts.scheme and "." in raw and " " not in raw:
        raise ValueError(f"'{raw}' is not a full link; did you mean 'https://{raw}'?")
    raise ValueError(f"'{raw}' is not a link; links start with https://, http:// or mailto:")


@lru_cache(maxsize=65536)
def parse_slug(text: str) -> str:
    raw = str(text).strip()
    if not re.match(SLUG_PATTERN, raw):
        suggestion = re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-")
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        raise ValueError(f"'{raw}' is not a slug (lowercase letters, digits and hyphens){hint}")
    return raw


PERCENT_PATTERN = r"^\s*\d{1,3}(\.\d+)?\s*%\s*$"


def parse_percent(text: str) -> float:
    """A share written as a percentage, ``90%`` (the sign required, so 0.9 and 90 are not confused)."""
    raw = str(text).strip()
    if not re.match(PERCENT_PATTERN, raw):
        raise ValueError(f"'{raw}' is not a percentage; write e.g. 90%")
    value = float(raw.rstrip("%").strip())
    if value > 100:
        raise ValueError(f"'{raw}' is more than 100%")
    return value


@lru_cache(maxsize=65536)
def parse_person_id(text: str) -> str:
    raw = str(text).strip()
    if not re.match(PERSON_ID_PATTERN, raw):
        suggestion = re.sub(r"[^a-z0-9._-]+", ".", raw.lower()).strip(".-_")
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        raise ValueError(f"'{raw}' is not a person id (lowercase letters, digits, '.', '-' and '_'){hint}")
    return raw


class LocalTimeError(ValueError):
    """A wall-clock time that the zone skips (DST gap) or repeats without ``fold``."""


@lru_cache(maxsize=65536)  # a schedule repeats its times (cohorts at 09:00): 20,000 sessions, fewer times
def localize(local: datetime, zone_name: str, fold: int | None) -> datetime:
    """Attach ``zone_name`` to a naive local time, refusing DST gaps and unresolved folds."""
    zone = ZoneInfo(zone_name)
    first = local.replace(tzinfo=zone, fold=0)
    second = local.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first  # (PEP 495) the offsets differ only in a gap or a fold: an ordinary time
    round_trip = first.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None)
    if round_trip != local:
        raise LocalTimeError(
            f"{local:%Y-%m-%d %H:%M} does not exist in {zone_name} (the clocks skip it for daylight "
            f"saving); choose a time outside the gap"
        )
    if first.utcoffset() != second.utcoffset():
        if fold is None:
            raise LocalTimeError(
                f"{local:%Y-%m-%d %H:%M} happens twice in {zone_name} (the clocks go back); "
                f"add 'fold: 0' for the first or 'fold: 1' for the second"
            )
        return second if fold else first
    return first
