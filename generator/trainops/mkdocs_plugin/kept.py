"""What a preview keeps from one save to the next, each piece bounded and keyed by what it was
made from, so nothing kept is shown once its inputs changed."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..render.environment import CompiledTemplates
from ..render.schedule_rows import ScheduleRows
from ..store.cache import SharedResults

__all__ = ["KeptBetweenSaves"]


@dataclass
class KeptBetweenSaves:
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)  # trainops' own, by source
    theme_templates: CompiledTemplates = field(default_factory=CompiledTemplates)  # MkDocs' theme's
    schedule_rows: ScheduleRows = field(default_factory=ScheduleRows)  # the last render's days
    results: SharedResults = field(default_factory=SharedResults)  # the last load's files, by digest
