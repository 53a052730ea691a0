"""A YAML schedule read entry by entry, each entry's work kept by a digest of its text.

A save in a preview changes one session of 20,000, yet the whole-file reader
(:func:`~trainops.load.schedule_reader.read_schedule`) composes all 5 MB of YAML again (9 s
profiled). Here the schedule is cut into its entries
(:func:`~trainops.load.history.entries.split_entries`, the history's cut); its top-level fields are
read once from the text with the entries' lines left blank (so every line stays where it is), and
each entry is composed alone from a snippet that keeps its indentation (its columns are the
file's), its lines shifted to where it starts in the file. An entry's result depends on its text,
its index (messages say ``sessions[N]``), the default zone and where ``sessions:`` is written, all
in its key, and on its first line: an entry read at another line (a line was added above it) has
its places moved. A preview keeps the results in its
:class:`~trainops.store.cache.SharedResults` (one load's worth), so a save composes the entries
that changed.

The result is the whole-file reader's, diagnostics included (``tests/load/test_schedule_entries.py``
compares them). What YAML could read across entries (anchors, aliases, tags), line ends other than
line feeds, a layout the cut does not take, and any YAML error send the file to the whole-file
reader, whose one error for the file is what the user must see.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from ..model.diagnostics import Diagnostic
from ..model.sourcemap import CompactSourceMap, Layouts, SourceMap
from ..store.cache import DataCache, SharedResults
from .history.entries import sessions_block, split_entries
from .schedule_reader import (
    ScheduleFileResult,
    hold_places_compactly,
    read_schedule,
    read_schedule_entry,
    read_schedule_head,
)
from .yamlsource import YamlError, composes_in_parts, load_yaml_text

__all__ = ["read_schedule_by_entries", "share_entries", "worth_storing"]

# (sessions, references, diagnostics) of one entry, and with the line it was read at
_EntryResult = tuple[list, list, list[Diagnostic]]
_Kept = tuple[int, _EntryResult]


def read_schedule_by_entries(rel: str, text: str, cache: DataCache) -> ScheduleFileResult:
    """:func:`read_schedule`'s result for the schedule file ``rel``, entry by entry through the
    cache's shared results when it has them (a preview's); else, or when the text cannot be read
    in parts, the whole file at once."""
    if cache.shared is not None and not rel.endswith(".csv"):
        try:
            result = _read_in_parts(rel, text, cache, cache.shared)
        except YamlError:
            result = None  # the whole file's reader says where, as one error for the file
        if result is not None:
            return result
    return read_schedule(rel, text)


def _read_in_parts(rel: str, text: str, cache: DataCache, shared: SharedResults) -> ScheduleFileResult | None:
    block = sessions_block(text) if composes_in_parts(text) else None
    entries = split_entries(text, False) if block is not None else None
    if block is None or entries is None:
        return None
    _key, first, end, indent = block
    if "\n".join(indent + "-" + item for item in entries.items) != text[first:end]:
        return None  # an item the cut leaves out (a bare '-' followed by another)
    head = load_yaml_text(text[:first] + "\n" * text.count("\n", first, end) + text[end:], rel)
    if not isinstance(head.data, dict) or head.data.get("sessions") is not None:
        return None
    first_line = text.count("\n", 0, first) + 1
    # Where the whole file's reader puts the list: its key's place, and the list at its first '-'.
    around = {"key": head.source.keys[("sessions",)], "value": (first_line, len(indent) + 1)}
    head.source.values[("sessions",)] = around["value"]
    result = ScheduleFileResult()
    zone = read_schedule_head(result.diagnostics, {**head.data, "sessions": []}, head.source)
    line = first_line
    # What every entry's result depends on besides its index and text, digested once (20,000 full
    # digests cost a fifth of a save); not the line: an entry moved by a line added above it is the
    # same entry, its places moved.
    context = cache.digest("schedule-entry", rel, repr((zone, indent, around)).encode()).encode()
    layouts = Layouts()  # the entries read afresh share their layouts, as in the whole file's map
    for i, item in enumerate(entries.items):
        name = hashlib.sha256(context + b"%d\0" % i + item.encode()).hexdigest()
        kept: _Kept | None = shared.get(name)
        if kept is None:
            found = _read_entry(rel, indent, item, i, line, zone, around, layouts)
            if found is None:
                return None
            kept = (line, found)
            result.read_afresh += 1
        elif kept[0] != line:
            kept = (line, _moved(kept[1], line - kept[0]))
        shared.keep(name, kept)
        result.entries.append((name, kept))
        result.sessions += kept[1][0]
        result.references += kept[1][1]
        result.diagnostics += kept[1][2]
        line += item.count("\n") + 1
    return result


def _moved(found: _EntryResult, lines: int) -> _EntryResult:
    """An entry's result read ``lines`` lines higher up: every place in it (all within the entry:
    its own node is always in its map, so nothing is located outside it) moved down."""
    sessions, references, diagnostics = found
    moved = []
    for session in sessions:
        # ``("sessions",)`` (where the list is, not the entry) is outside the entries: it stays.
        assert isinstance(session.source, CompactSourceMap)  # (as _read_entry leaves it)
        moved.append(replace(session, source=session.source.shifted(lines)))
    return (
        moved,
        [replace(reference, line=reference.line + lines) for reference in references],
        [replace(diagnostic, line=diagnostic.line + lines) for diagnostic in diagnostics],
    )


def _read_entry(
    rel: str, indent: str, item: str, i: int, line: int, zone: str | None, around: dict, layouts: Layouts
) -> _EntryResult | None:
    """The ``i``-th entry, written from ``line`` on, read as the whole file's reader reads it."""
    snippet = "sessions:\n" + indent + "-" + item + ("" if item.endswith("\n") else "\n")
    loaded = load_yaml_text(snippet, rel)
    raw = loaded.data.get("sessions") if isinstance(loaded.data, dict) else None
    if not isinstance(raw, list) or len(raw) != 1:
        return None
    shift = line - 2  # the snippet's entry starts on its line 2
    source = SourceMap(rel)
    source.keys[("sessions",)] = around["key"]
    source.values[("sessions",)] = around["value"]
    for table, into in ((loaded.source.values, source.values), (loaded.source.keys, source.keys)):
        for loc, (at, column) in table.items():
            if loc[:2] == ("sessions", 0):
                into[("sessions", i, *loc[2:])] = (at + shift, column)
    result = ScheduleFileResult()
    read_schedule_entry(result, result.diagnostics, rel, source, i, raw[0], zone)
    hold_places_compactly(result.sessions, source, i, 1, layouts)  # as the whole file's reader does
    return result.sessions, result.references, result.diagnostics


def share_entries(result: ScheduleFileResult, shared: SharedResults) -> None:
    """A schedule's result, read in parts and handed over whole (from the disk cache at a
    preview's start, or unchanged since the last load): its entries kept for the next load too."""
    for name, found in result.entries:
        shared.keep(name, found)


def worth_storing(result: ScheduleFileResult) -> bool:
    """Whether a preview writes the schedule's result to the disk cache: when most of its entries
    were read afresh (a start, another file), not at a save that changed a few (pickling 20,000
    sessions costs 0.7 s, three times reading the changed entry and handing over the rest). A
    preview started again after saves reads the schedule in parts once (2.4 s at 20,000)."""
    return result.read_afresh * 2 > len(result.entries) or not result.entries
