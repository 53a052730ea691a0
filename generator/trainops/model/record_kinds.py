"""The kinds of rows ``trainops records import`` reads and ``records export`` writes: the command
line offers them as choices before anything is loaded, so they live apart from the importers and
writers (:mod:`trainops.plan.import_values`, :mod:`trainops.render.records_export`)."""

from __future__ import annotations

__all__ = ["EXPORT_KINDS", "IMPORT_KINDS"]

IMPORT_KINDS = ("attendance", "enrolments", "assessments", "completions")
EXPORT_KINDS = ("attendance", "completions", "xapi")
