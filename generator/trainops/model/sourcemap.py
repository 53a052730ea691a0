"""Where each value of a data file was written: the link from a value back to its line.

:class:`SourceMap` holds a place per path in two dicts, as the readers build it. A schedule's map is
held for as long as its sessions are, and is most of a big project's memory: five years of a large
organisation's schedules are 100,000 entries and a million values, 216 MB of dict entries (a path
tuple and a place tuple each) and most of the bytes the cache pickles and reads back.
:class:`CompactSourceMap` gives the same answers with the entries of one list held as layouts that
the entries written alike share.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

__all__ = ["CompactSourceMap", "SourceMap", "Path", "PathItem"]

PathItem = str | int
Path = tuple[PathItem, ...]


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one file was written, 1-based line and column."""

    path: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Path, key: bool = False) -> tuple[int, int]:
        """The position of ``loc``; for a missing item, the nearest enclosing one."""
        table = self.keys if key else self.values
        if loc in table:
            return table[loc]
        if not key and loc in self.keys:
            return self.keys[loc]
        return self.enclosing(loc, len(loc) - 1)

    def enclosing(self, loc: Path, end: int) -> tuple[int, int]:
        """The position of the longest of ``loc[:end]``, ``loc[:end - 1]``, ... ``()`` written (its
        key's before its value's); (1, 1) when none is."""
        for length in range(end, -1, -1):
            parent = loc[:length]
            if parent in self.keys:
                return self.keys[parent]
            if parent in self.values:
                return self.values[parent]
        return (1, 1)


@dataclass(slots=True)
class _Layout:
    """Where an entry's values and keys are written, relative to the entry: a path below the entry
    gives a slot, and slot ``s`` is at ``places[2s]`` lines below the entry's first line, column
    ``places[2s + 1]``. The slots' dicts are shared by every entry with the same paths, a layout by
    every entry written alike (in a generated schedule, nearly all of them)."""

    value_slots: dict[Path, int]
    key_slots: dict[Path, int]
    places: tuple[int, ...]


@dataclass
class CompactSourceMap:
    """A :class:`SourceMap`'s answers, the entries ``first`` on of the list at ``list_path`` (a
    schedule's ``sessions:``) held per entry as its first line and a shared :class:`_Layout`.

    Made once the map is complete (:meth:`of`); nothing is added afterwards. ``head`` holds every
    place outside those entries."""

    path: str
    head: SourceMap
    list_path: Path
    first: int
    lines: array  # per entry, the line its layout's places are counted from
    layouts: list[_Layout]

    @classmethod
    def of(cls, source: SourceMap, list_path: Path, first: int, count: int) -> CompactSourceMap:
        """``source`` with the entries ``first`` to ``first + count - 1`` of the list at
        ``list_path`` held compactly (a path ``list_path + (i, ...)`` is of entry ``i``)."""
        size = len(list_path)
        head = SourceMap(source.path)
        found: list[tuple[list, list]] = [([], []) for _ in range(count)]
        for side, table, outside in ((0, source.values, head.values), (1, source.keys, head.keys)):
            for loc, place in table.items():
                item = loc[size] if len(loc) > size else None
                index = item - first if isinstance(item, int) and loc[:size] == list_path else -1
                if 0 <= index < count:
                    found[index][side].append((loc[size + 1 :], place))
                else:
                    outside[loc] = place
        lines = array("q", [0]) * count
        layouts: list[_Layout] = []
        alike: dict[tuple, _Layout] = {}  # by the paths and the places: one layout for entries written alike
        shapes: dict[tuple, tuple[dict[Path, int], dict[Path, int]]] = {}  # the slots, by the paths
        for index, (values, keys) in enumerate(found):
            lines[index] = line = min((at for _, (at, _) in values + keys), default=0)
            shape = (tuple(below for below, _ in values), tuple(below for below, _ in keys))
            places = tuple(n for _, (at, column) in values + keys for n in (at - line, column))
            layout = alike.get((shape, places))
            if layout is None:
                if shape not in shapes:
                    # A value's slots first, then the keys' (a field has a place of each).
                    shapes[shape] = (
                        {below: slot for slot, below in enumerate(shape[0])},
                        {below: slot for slot, below in enumerate(shape[1], len(shape[0]))},
                    )
                layout = alike[(shape, places)] = _Layout(*shapes[shape], places)
            layouts.append(layout)
        return cls(source.path, head, list_path, first, lines, layouts)

    def locate(self, loc: Path, key: bool = False) -> tuple[int, int]:
        """:meth:`SourceMap.locate`'s answer for the map this one was made from."""
        size = len(self.list_path)
        item = loc[size] if len(loc) > size else None
        if isinstance(item, int) and loc[:size] == self.list_path:
            index = item - self.first
            if 0 <= index < len(self.layouts):
                return self._locate_in_entry(index, loc, key)
        return self.head.locate(loc, key)

    def _locate_in_entry(self, index: int, loc: Path, key: bool) -> tuple[int, int]:
        layout, size = self.layouts[index], len(self.list_path) + 1
        below = loc[size:]
        # As SourceMap.locate: the item itself (a value of a key's place), then each enclosing item
        # in the entry, its key's place first; above the entry, the head's.
        slot = (layout.key_slots if key else layout.value_slots).get(below)
        if slot is None and not key:
            slot = layout.key_slots.get(below)
        length = len(below)
        while slot is None and length > 0:
            length -= 1
            slot = layout.key_slots.get(below[:length])
            if slot is None:
                slot = layout.value_slots.get(below[:length])
        if slot is None:
            return self.head.enclosing(loc, size - 1)
        return (self.lines[index] + layout.places[2 * slot], layout.places[2 * slot + 1])

    def shifted(self, lines: int) -> CompactSourceMap:
        """This map with its entries written ``lines`` lines lower; what is outside them stays."""
        moved = array("q", (line + lines for line in self.lines))
        return CompactSourceMap(self.path, self.head, self.list_path, self.first, moved, self.layouts)
