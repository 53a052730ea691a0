"""What to fix first: a program's failure points, what must happen today first, then in the order
of the sessions they block.

A message that should already have gone out (an overdue invite or reminder, an unsent change
notice: :data:`MESSAGE_RULES`) is a *today* item whatever the session's date: every day it waits,
learners plan without it. The rest are ordered by the session they block.

A failure point of a session blocks that session. A failure point of the whole program (a missing
feedback form, an overdue SOP review) blocks the program's next session: it must be fixed before
that one runs, so it is ordered by that session's date, ahead of the session's own failure points.
A program with no upcoming session blocks nothing yet: its failure points come last.

Apart from the today items, a failure point is *blocking* when the session it blocks starts within
:data:`BLOCKING_DAYS` of today (today included), and *later* otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..model.project import Project, Session
from .checklist import ProgramReadiness
from .findings import GROUPS, Finding

__all__ = ["BLOCKING_DAYS", "MESSAGE_RULES", "Priority", "FixFirst", "fix_first"]

# Two weeks: enough to book a backup room, find an instructor or send a late invite; a launch
# further out can wait for the weekly review.
BLOCKING_DAYS = 14

# The rules whose failure points are messages already due: sent today, they are fixed.
MESSAGE_RULES = frozenset({"reminder-overdue", "change-notice"})

_GROUP_ORDER = {gid: i for i, (gid, _title, _text) in enumerate(GROUPS)}


@dataclass(frozen=True)
class Priority:
    """One failure point, with the session it blocks (``None``: the program has none upcoming)."""

    finding: Finding
    title: str  # the checklist item it fails
    blocks: Session | None
    own_session: bool  # the failure point is the blocked session's own (not the whole program's)
    blocking: bool  # the blocked session starts within the window
    today: bool = False  # a message already due: do it today, whatever the session's date

    @property
    def state(self) -> str:
        """``today``, ``blocking`` or ``later``: the list it is in."""
        return "today" if self.today else "blocking" if self.blocking else "later"

    @property
    def day(self) -> date | None:
        return self.blocks.start.date() if self.blocks else None


@dataclass(frozen=True)
class FixFirst:
    """A program's failure points: today's, then blocking ones, then later ones, each list in the
    order to fix them."""

    today: list[Priority]
    blocking: list[Priority]
    later: list[Priority]
    until: date  # the last day a blocked session makes a failure point blocking

    @property
    def count(self) -> int:
        return len(self.today) + len(self.blocking) + len(self.later)

    @property
    def pressing(self) -> list[Priority]:
        """What cannot wait for the weekly review: today's and the blocking ones."""
        return self.today + self.blocking


def fix_first(project: Project, readiness: ProgramReadiness, days: int = BLOCKING_DAYS) -> FixFirst:
    """``readiness``'s failure points in the order a coordinator fixes them (see the module)."""
    # (--today may be the last day there is: date.max is then the end of the window)
    until = project.today + timedelta(days=min(days, (date.max - project.today).days))
    upcoming = project.running_sessions(readiness.slug)  # by start
    by_id = {s.id: s for s in upcoming}
    following = upcoming[0] if upcoming else None
    ranked = []
    for item in readiness.items:
        for f in item.findings:
            own = by_id.get(f.session) if f.session else None
            blocks = own or following
            blocking = blocks is not None and blocks.start.date() <= until
            today = f.rule in MESSAGE_RULES
            key = (
                not today,
                blocks is None,
                blocks.start_utc if blocks else None,
                blocks.id if blocks else "",
                own is not None,  # the whole program's failure points before the session's own
                _GROUP_ORDER.get(item.group, len(_GROUP_ORDER)),
                f.path,
                f.line,
                f.column,
                f.message,
            )
            ranked.append((key, Priority(f, item.title, blocks, own is not None, blocking, today)))
    # (Two keys without a session are equal up to the group, so no None is ever compared with a time.)
    ranked.sort(key=lambda pair: pair[0])
    ordered = [p for _key, p in ranked]
    return FixFirst(
        [p for p in ordered if p.today],
        [p for p in ordered if p.blocking and not p.today],
        [p for p in ordered if not p.blocking and not p.today],
        until,
    )
