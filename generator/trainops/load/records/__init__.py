"""Reading the records of what training did (see "Records" in the reference): the roster, enrolments, attendance,
assessments, observations, anonymous feedback and exceptions, into
:class:`~trainops.model.training_records.Records`. Only ``check``, the coordinator site and the
``records`` commands call this; the learner site never does."""

from __future__ import annotations

from .loading import (
    ROSTER_VARIABLE,
    RosterRead,
    load_records,
    load_roster,
    records_present,
    roster_from_environment,
    roster_location,
    sheet_places,
)
from .reader import RecordFiles
from .retention import expired_diagnostics, expired_files

__all__ = [
    "ROSTER_VARIABLE",
    "RecordFiles",
    "RosterRead",
    "load_records",
    "load_roster",
    "records_present",
    "roster_location",
    "roster_from_environment",
    "sheet_places",
    "expired_files",
    "expired_diagnostics",
]
