"""CSV written for people to open in a spreadsheet: exports, reports, the send schedule and the
follow-up list. Every CSV trainops writes for people goes through :func:`spreadsheet_writer`.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) as a formula: a name or note typed as ``=HYPERLINK(...)`` would send data
away or run a command when the coordinator opens the file ("CSV injection"). As OWASP
recommends, such a cell is written with a leading ``'``, which the spreadsheet shows as text and
does not display. The records files themselves are data trainops reads back, so they are never
changed this way: ``check`` reads them as they are typed.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any, Protocol

__all__ = ["FORMULA_STARTS", "plain_lines", "spreadsheet_cell", "spreadsheet_writer", "SpreadsheetWriter"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """``value`` as a spreadsheet shows it as text: a string that would start a formula gets a
    leading ``'``; anything else is unchanged (numbers are written by the caller as text already)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Output(Protocol):
    def write(self, text: str, /) -> Any: ...


class SpreadsheetWriter:
    """``csv.writer`` whose every cell has been through :func:`spreadsheet_cell`.

    The reports write millions of rows, most of them plain text: a row of two or more text cells
    with nothing the CSV writer would quote or escape (a comma, a quote, a line's end, a NUL) and
    no cell to change is its cells joined with commas, which is what the writer would write; such a
    row is written so, in a fraction of the writer's time, and every other row by the writer.
    :meth:`writerows` checks a block of rows at once (:func:`_plain_block`): the checks of a
    block's text cost what those of one row cost, where a row at a time they were most of the
    time of writing the five-year transcripts."""

    def __init__(self, out: _Output, lineterminator: str = "\n"):
        self._out = out
        self._end = lineterminator
        self._writer = csv.writer(out, lineterminator=lineterminator)
        # (the writer also quotes a cell holding a character of the line's end: only the usual
        # ends, whose characters the short way checks for, take it)
        self._short = lineterminator in ("\n", "\r\n")

    def writerow(self, row: Iterable[Any]) -> None:
        cells = row if isinstance(row, (tuple, list)) else tuple(row)
        plain = _plain_line(cells) if self._short else None
        if plain is None:
            self._writer.writerow(_guarded(cells))
        else:
            self._out.write(plain + self._end)

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """As :meth:`writerow` for each row: a block of :data:`_BLOCK_ROWS` plain rows (see
        :func:`_plain_block`) written at once, any other block row by row."""
        if not self._short:
            self._rows_one_by_one(rows)
            return
        rows = iter(rows)
        while block := list(islice(rows, _BLOCK_ROWS)):
            text = _plain_block(block)
            if text is None:
                self._rows_one_by_one(block)
            else:
                self._out.write(text.replace("\n", self._end) if self._end != "\n" else text)

    def _rows_one_by_one(self, rows: Iterable[Iterable[Any]]) -> None:
        """As :meth:`writerow` for each row (written out here: a call less for each of thousands)."""
        write, end, writer, short = self._out.write, self._end, self._writer, self._short
        for row in rows:
            cells = row if isinstance(row, (tuple, list)) else tuple(row)
            plain = _plain_line(cells) if short else None
            if plain is None:
                writer.writerow(_guarded(cells))
            else:
                write(plain + end)


# A cell after the first that starts a formula, in a row's cells joined with commas (none of them
# holding one).
_FORMULA_AFTER_COMMA = re.compile(",[" + re.escape("".join(FORMULA_STARTS)) + "]")


def _plain_line(cells: Sequence[Any]) -> str | None:
    """The row's line (without its end) when it is its text cells joined with commas; else None.
    (Tests of one character each: a regular expression with an alternative took longer than the
    writer.)"""
    if len(cells) < 2:  # (the writer quotes a row of one empty cell)
        return None
    try:
        line = ",".join(cells)
    except TypeError:  # (a cell that is not text: the writer writes it its own way)
        return None
    if line.count(",") != len(cells) - 1 or '"' in line or "\n" in line or "\r" in line or "\x00" in line:
        return None  # (what the writer quotes or escapes)
    if line.startswith(FORMULA_STARTS) or _FORMULA_AFTER_COMMA.search(line):
        return None  # (a cell to change)
    return line


# Rows checked at once by :meth:`SpreadsheetWriter.writerows` (a block with one row to quote goes
# row by row: the fewer rows a block, the less such a row costs its neighbours).
_BLOCK_ROWS = 512

# A cell after a row's first that starts a formula, or a row's first cell after the first line, in
# rows joined with commas and line feeds (none of them holding either).
_FORMULA_AFTER_SEPARATOR = re.compile("[,\n][" + re.escape("".join(FORMULA_STARTS)) + "]")
# A cell after the first, or a row after the first, that starts with '-' (a search that starts
# at each '-', of which dates and ids have a few, rather than at each comma).
_DASH_AFTER_SEPARATOR = re.compile("-(?<=[,\n]-)")


def _plain_block(rows: list[Any]) -> str | None:
    """The rows' lines, each ended with a line feed, when every row is one :func:`_plain_line`
    would write as its cells joined with commas; else None."""
    try:
        widths = list(map(len, rows))  # (before the join: a row that is an iterator is not used up)
        text = "\n".join(map(",".join, rows)) + "\n"
    except TypeError:  # (a row that is not a list or tuple, or a cell that is not text)
        return None
    if min(widths) < 2 or text.count(",") != sum(widths) - len(rows):
        return None
    return text if plain_lines(text, len(rows)) else None


def plain_lines(text: str, rows: int) -> bool:
    """Whether ``text``, rows of text cells joined with commas, each ended with a line feed, is
    what the writer would write of those rows (as :func:`_plain_line` tests one row), given that
    its commas are as many as the rows' cells less one a row (the caller counts them). The checks
    are made on the whole text: a cell holding a comma or a line feed adds one to the count of
    the commas or line feeds, so the counts are right only when no cell holds either."""
    if text.count("\n") != rows:
        return False
    if '"' in text or "\r" in text or "\x00" in text:
        return False  # (what the writer quotes or escapes)
    if text.startswith(FORMULA_STARTS):
        return False  # (a cell to change)
    # (the signs but '-' are rare: one look for each finds none in most blocks; a search for all
    # of them tries every comma, ten a row, and took longer than the rest of the block's checks)
    if "=" in text or "+" in text or "@" in text or "\t" in text:
        return _FORMULA_AFTER_SEPARATOR.search(text) is None
    return _DASH_AFTER_SEPARATOR.search(text) is None


# A cell that starts a formula, in a row's cells joined with a NUL before each.
_FORMULA_CELL = re.compile("\x00[" + re.escape("".join(FORMULA_STARTS)) + "]")


def _guarded(cells: Sequence[Any]) -> Sequence[Any]:
    """The row with :func:`spreadsheet_cell`'s rule applied. One search of the joined cells finds
    a row with no cell to change, where a test per cell took longer. (A NUL typed inside a cell can
    only send its row the long way.)"""
    try:
        if _FORMULA_CELL.search("\x00" + "\x00".join(cells)) is None:
            return cells
    except TypeError:  # (a cell that is not text: a number)
        pass
    return [("'" + c) if isinstance(c, str) and c.startswith(FORMULA_STARTS) else c for c in cells]


def spreadsheet_writer(out: _Output, lineterminator: str = "\n") -> SpreadsheetWriter:
    """A CSV writer into ``out`` for a file people open in a spreadsheet."""
    return SpreadsheetWriter(out, lineterminator)
