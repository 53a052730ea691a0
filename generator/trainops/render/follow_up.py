"""The follow-ups of the training records on the coordinator site: the overview's "Follow up"
section (the first :data:`~trainops.plan.paging.SUMMARY_ROWS`, the whole list on pages of its own,
``follow-up/<n>.md``, when longer), each program's share on its launch checklist, and
``follow-up/follow-up.csv``: one row per follow-up and learner, every id (a page shows at most
:data:`IDS_SHOWN` of one follow-up's).

Learners are shown by id; by name only where the setting ``ops_names`` says the coordinator site is
behind a login (:meth:`CoordinatorRecords.label`). The CSV holds ids only, whatever the setting."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

from ..model.formatting import days_from
from ..plan import urls
from ..plan.coordinator_records import CoordinatorRecords, ShownFollowUp
from ..plan.paging import SUMMARY_ROWS, long_list_pages
from ..readiness import session_label
from .files import GeneratedFile
from .list_pages import render_list_pages, rows_title
from .spreadsheet_csv import spreadsheet_writer

__all__ = ["IDS_SHOWN", "follow_up_values", "render_follow_up_pages", "write_follow_up_csv"]

# A follow-up's learners a page lists (about 20 bytes each); the rest are counted, and in the CSV.
IDS_SHOWN = 50


def follow_up_values(ctx, items: list[ShownFollowUp]) -> dict[str, Any]:
    """What a page that shows follow-ups gives ``trainops/_follow_up.html``: the items, the one
    way of naming a learner, and the helpers its macros call."""
    records = ctx.records
    today = ctx.project.today
    return {
        "follow_ups": items,
        "learner": records.label if records is not None else str,
        "label": session_label,
        "days_ago": lambda day: days_from(today, day),
        "ids_shown": IDS_SHOWN,
    }


def render_follow_up_pages(ctx, records: CoordinatorRecords) -> list[GeneratedFile]:
    """The pages of the whole list when the overview cannot hold it, and the CSV."""
    items = list(records.followups)
    pages = long_list_pages(items, urls.FOLLOW_UP_FOLDER, SUMMARY_ROWS)
    files = render_list_pages(
        ctx,
        "trainops/follow-up-page.html",
        pages,
        len(items),
        lambda page: rows_title("Follow up", page, len(items)),
        **{k: v for k, v in follow_up_values(ctx, items).items() if k != "follow_ups"},
    )
    unsearchable = [replace(f, searchable=False) for f in files]  # (learners by id or name: GeneratedFile.searchable)
    return unsearchable + [GeneratedFile(urls.FOLLOW_UP_CSV, write_follow_up_csv(items))]


def write_follow_up_csv(items: list[ShownFollowUp]) -> str:
    """One row per follow-up and learner (one row with no learner for attendance not taken), in the
    list's order: ``kind,program,session,owner,learner``. Ids only: the roster joins them to names."""
    out = io.StringIO()
    writer = spreadsheet_writer(out, lineterminator="\r\n")
    writer.writerow(["kind", "program", "session", "owner", "learner"])
    for f in items:
        session = f.session.id if f.session is not None else ""
        for learner in f.learners or ("",):
            writer.writerow([f.kind, f.program, session, f.owner or "", learner])
    return out.getvalue()
