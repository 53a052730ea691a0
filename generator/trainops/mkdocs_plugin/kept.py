"""What a preview keeps from one save to the next, each piece bounded and keyed by what it was
made from, so nothing kept is shown once its inputs changed."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from ..render.environment import CompiledTemplates
from ..render.schedule_rows import ScheduleRows
from ..store.cache import SharedResults

__all__ = ["KeptBetweenSaves", "KeptByKey", "CONVERSIONS_KEPT", "CONVERSIONS_CHARS"]

# Markdown conversions kept (both sites): the navigation's pages and the pages a coordinator goes
# back and forth between, within a budget of characters (a schedule page's HTML is up to 400 KB).
CONVERSIONS_KEPT = 400
CONVERSIONS_CHARS = 40_000_000


class KeptByKey:
    """Values by a key that holds everything they were made from (compared whole), the least
    recently used let go past ``most`` values or ``chars`` characters (as ``size`` counts them).
    Not thread-safe: the preview does one thing at a time."""

    def __init__(self, most: int, chars: int):
        self.most, self.chars = most, chars
        self._kept: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._chars = 0
        self.made = self.reused = 0  # (since the last count: for the tests and the benchmark)

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: Hashable, holds: Callable[[object], bool] | None = None) -> object | None:
        """The value kept under ``key`` (and for which ``holds(value)``, where given), else None."""
        found = self._kept.get(key)
        if found is None or (holds is not None and not holds(found[0])):
            return None
        self._kept.move_to_end(key)
        self.reused += 1
        return found[0]

    def put(self, key: Hashable, value: object, size: int) -> None:
        self.made += 1
        if size > self.chars:
            return  # (bigger than all that may be kept)
        old = self._kept.pop(key, None)
        if old is not None:
            self._chars -= old[1]
        self._kept[key] = (value, size)
        self._chars += size
        while len(self._kept) > self.most or self._chars > self.chars:
            self._chars -= self._kept.popitem(last=False)[1][1]


@dataclass
class KeptBetweenSaves:
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)  # trainops' own, by source
    theme_templates: CompiledTemplates = field(default_factory=CompiledTemplates)  # MkDocs' theme's
    schedule_rows: ScheduleRows = field(default_factory=ScheduleRows)  # the last render's days and pages
    results: SharedResults = field(default_factory=SharedResults)  # the last load's files, by digest
    # Pages' Markdown converted to HTML, by the text and all else the HTML depends on (preview.converting)
    conversions: KeptByKey = field(default_factory=lambda: KeptByKey(CONVERSIONS_KEPT, CONVERSIONS_CHARS))
    # The theme's files, listed once per theme folders' signature (preview.theme_listing)
    theme_files: KeptByKey = field(default_factory=lambda: KeptByKey(4, 1_000_000))
