"""The date that "upcoming", "overdue" and "readiness" are judged against."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from ..model.errors import UsageError

__all__ = ["resolve_today", "source_date_epoch", "TodayError"]


class TodayError(UsageError):
    pass


def resolve_today(explicit: str | None = None) -> date:
    """``--today`` (or the plugin setting), else ``TRAINOPS_TODAY``, else the real date."""
    text = explicit or os.environ.get("TRAINOPS_TODAY", "")
    if not text:
        return date.today()
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise TodayError(f"'{text}' is not a date; write --today as YYYY-MM-DD") from None
    if not 1970 <= day.year <= 9999:
        raise TodayError(f"--today {text}: use a date from 1970 to 9999")
    return day


def source_date_epoch(day: date) -> int:
    """Midnight UTC of ``day``: the build time MkDocs writes into the sitemap and the gzip header.
    gzip stores it in 32 bits, so days after 2106-02-07 are written as that day."""
    return min(int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()), 2**32 - 1)
