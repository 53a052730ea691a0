"""MkDocs' build date, pinned to "today" for the length of one build, then let go.

MkDocs reads the build date from the environment variable ``SOURCE_DATE_EPOCH``, in its own
process, while it builds (``mkdocs.utils.get_build_datetime``: each page's ``update_date``, which
the sitemap prints, and the time in sitemap.xml.gz's header); so does fontTools when WeasyPrint
saves a font again into a manual (``fontTools.misc.timeTools.timestampNow``), in the manuals'
worker processes, to which ``manuals/jobs.py`` hands the value of the moment with each manual
(they come from a fork server, whose environment is that of its own start). The
variable is those libraries' only way in, so it is set from the start of a build (``on_config``)
to its end (``on_post_build``, or ``on_build_error``), and removed again. One the user set (a
reproducible build in CI) is left as it is. Of trainops, only the manuals read it, to hand it to each
worker (``manuals/jobs.py``); the day itself always travels as a value.
"""

from __future__ import annotations

import os
from datetime import date

from ..load.today import source_date_epoch

__all__ = ["BuildDate", "VARIABLE"]

VARIABLE = "SOURCE_DATE_EPOCH"


class BuildDate:
    """Sets the variable for one build at a time (a serve rebuilds many times, one by one)."""

    def __init__(self) -> None:
        self._ours = False  # the variable holds our value (a build that is still running set it)

    def pin(self, today: date) -> None:
        if self._ours or VARIABLE not in os.environ:
            os.environ[VARIABLE] = str(source_date_epoch(today))
            self._ours = True

    def release(self) -> None:
        if self._ours:
            os.environ.pop(VARIABLE, None)
            self._ours = False
