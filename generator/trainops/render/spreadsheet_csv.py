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
from typing import Any, Protocol

__all__ = ["FORMULA_STARTS", "spreadsheet_cell", "spreadsheet_writer", "SpreadsheetWriter"]

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
    """``csv.writer`` whose every cell has been through :func:`spreadsheet_cell`."""

    def __init__(self, out: _Output, lineterminator: str = "\n"):
        self._writer = csv.writer(out, lineterminator=lineterminator)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow(_guarded(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        self._writer.writerows(_guarded(row) for row in rows)


# A cell that starts a formula, in a row's cells joined with a NUL before each.
_FORMULA_CELL = re.compile("\x00[" + re.escape("".join(FORMULA_STARTS)) + "]")


def _guarded(row: Iterable[Any]) -> Sequence[Any]:
    """The row with :func:`spreadsheet_cell`'s rule applied. Most rows of the reports' millions
    are text with no cell to change: one search of the joined cells finds that, where a test per
    cell took most of the time. (A NUL typed inside a cell can only send its row the long way.)"""
    cells = row if isinstance(row, (tuple, list)) else tuple(row)
    try:
        if _FORMULA_CELL.search("\x00" + "\x00".join(cells)) is None:
            return cells
    except TypeError:  # (a cell that is not text: a number)
        pass
    return [("'" + c) if isinstance(c, str) and c.startswith(FORMULA_STARTS) else c for c in cells]


def spreadsheet_writer(out: _Output, lineterminator: str = "\n") -> SpreadsheetWriter:
    """A CSV writer into ``out`` for a file people open in a spreadsheet."""
    return SpreadsheetWriter(out, lineterminator)
