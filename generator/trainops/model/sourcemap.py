"""Where each value of a data file was written: the link from a value back to its line.

:class:`SourceMap` holds a place per path in two dicts, as the readers build it. A schedule's map is
held for as long as its sessions are: five years of a large organisation's schedules are 100,000
entries and a million values, and as dict entries (a path tuple and a place tuple each) their maps
were half of the loaded project (501 MB by tracemalloc after a cold load, 239 MB without them) and
half of the bytes the cache pickled and read back. :class:`CompactSourceMap` gives the same answers
with the entries of one list held as their first lines and layouts that entries written alike share."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

__all__ = ["CompactSourceMap", "Layouts", "SourceMap", "Path", "PathItem"]

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
    gives a slot, and slot ``s`` is ``rows[s]`` lines below the entry's first line, at column
    ``columns[s]`` (small ints, which CPython shares). The slots' dicts are shared by every entry
    with the same paths, a layout by every entry written alike (in a generated schedule, nearly
    all of them)."""

    value_slots: dict[Path, int]
    key_slots: dict[Path, int]
    rows: tuple[int, ...]
    columns: tuple[int, ...]


class Layouts:
    """The layouts made so far, by what they hold, for the maps of one file made entry by entry
    (a preview's) to share them as one map of the whole file does; and their heads."""

    def __init__(self) -> None:
        self._alike: dict[tuple, _Layout] = {}  # by the paths and the places
        self._slots: dict[tuple, tuple[dict[Path, int], dict[Path, int]]] = {}  # by the paths
        self._heads: dict[tuple, SourceMap] = {}

    def layout(self, values: list[Path], keys: list[Path], rows: list[int], columns: list[int]) -> _Layout:
        """The layout of an entry whose values at ``values`` and keys at ``keys`` are at ``rows``
        and ``columns``, values' first; the one made before when an entry was written alike."""
        found = (tuple(values), tuple(keys), tuple(rows), tuple(columns))
        layout = self._alike.get(found)
        if layout is None:
            shape = found[:2]
            if shape not in self._slots:  # a value's slots first, then the keys' (a field has one of each)
                self._slots[shape] = (
                    {path: slot for slot, path in enumerate(values)},
                    {path: slot for slot, path in enumerate(keys, len(values))},
                )
            layout = self._alike[found] = _Layout(*self._slots[shape], found[2], found[3])
        return layout

    def head(self, head: SourceMap) -> SourceMap:
        """``head``, or an equal one given before."""
        return self._heads.setdefault((head.path, *head.values.items(), None, *head.keys.items()), head)


@dataclass(slots=True)  # (one per session of a preview's schedule, read entry by entry)
class CompactSourceMap:
    """A :class:`SourceMap`'s answers, the entries ``first`` on of the list under the top-level
    ``list_key`` (a schedule's ``sessions``) held per entry as its first line and a shared
    :class:`_Layout`: a path ``(list_key, i, ...)`` is of entry ``i``, and ``head`` holds every
    place outside the entries. Made once the map is complete (:meth:`of`); never added to."""

    path: str
    head: SourceMap
    list_key: str
    first: int
    lines: array  # per entry, the line its layout's rows are counted from
    layouts: list[_Layout]

    @classmethod
    def of(
        cls, source: SourceMap, list_key: str, first: int, count: int, pool: Layouts | None = None
    ) -> CompactSourceMap:
        """``source`` with the entries ``first`` to ``first + count - 1`` of ``list_key`` held
        compactly, sharing the layouts (and an equal head) of ``pool``'s maps."""
        head = SourceMap(source.path)
        # Per entry: the paths below it (of values, of keys) and their places, values' first.
        below: list[tuple[list[Path], list[Path]]] = [([], []) for _ in range(count)]
        places: list[list[tuple[int, int]]] = [[] for _ in range(count)]
        for side, table, outside in ((0, source.values, head.values), (1, source.keys, head.keys)):
            for loc, place in table.items():
                item = loc[1] if len(loc) > 1 and loc[0] == list_key else None
                index = item - first if isinstance(item, int) else -1
                if 0 <= index < count:
                    below[index][side].append(loc[2:])
                    places[index].append(place)
                else:
                    outside[loc] = place
        lines = array("q", [0]) * count
        layouts: list[_Layout] = []
        if pool is None:
            pool = Layouts()
        for index, ((values, keys), written) in enumerate(zip(below, places, strict=True)):
            lines[index] = line = min(written)[0] if written else 0
            layouts.append(pool.layout(values, keys, [at - line for at, _ in written], [c for _, c in written]))
        return cls(source.path, pool.head(head), list_key, first, lines, layouts)

    def locate(self, loc: Path, key: bool = False) -> tuple[int, int]:
        """:meth:`SourceMap.locate`'s answer for the map this one was made from."""
        item = loc[1] if len(loc) > 1 and loc[0] == self.list_key else None
        if isinstance(item, int) and 0 <= item - self.first < len(self.layouts):
            return self._locate_in_entry(item - self.first, loc, key)
        return self.head.locate(loc, key)

    def _locate_in_entry(self, index: int, loc: Path, key: bool) -> tuple[int, int]:
        layout, below = self.layouts[index], loc[2:]
        # As SourceMap.locate: the item itself (its value's place or its key's), then each item
        # enclosing it in the entry, its key's place first; above the entry, the head's.
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
            return self.head.enclosing(loc, 1)
        return (self.lines[index] + layout.rows[slot], layout.columns[slot])

    def shifted(self, lines: int) -> CompactSourceMap:
        """This map with its entries written ``lines`` lines lower; what is outside them stays."""
        moved = array("q", [line + lines for line in self.lines])
        return CompactSourceMap(self.path, self.head, self.list_key, self.first, moved, self.layouts)
