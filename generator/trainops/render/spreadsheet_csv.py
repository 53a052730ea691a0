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
from collections.abc import Iterable
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
        # (spreadsheet_cell's test written out: a call per cell was most of the time of the
        # reports' millions of cells)
        self._writer.writerow([("'" + c) if isinstance(c, str) and c.startswith(FORMULA_STARTS) else c for c in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        self._writer.writerows(
            [("'" + c) if isinstance(c, str) and c.startswith(FORMULA_STARTS) else c for c in row] for row in rows
        )


def spreadsheet_writer(out: _Output, lineterminator: str = "\n") -> SpreadsheetWriter:
    """A CSV writer into ``out`` for a file people open in a spreadsheet."""
    return SpreadsheetWriter(out, lineterminator)
