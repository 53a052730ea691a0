"""Launch-readiness rules that read the git history (:mod:`trainops.load.history`): a change learners
were not told of, and an SOP reviewed before its program changed."""

from __future__ import annotations

from ..model.formatting import format_day
from ..plan.reminders import change_notices
from .findings import Finding
from .rules import rule

__all__ = ["unsent_change_notices", "stale_sops", "change_words"]

_SAID = {"moved": "moved", "room": "changed room", "link": "changed its link", "instructor": "changed instructor"}


def change_words(kinds: list[str]) -> str:
    """``moved and changed room``"""
    words = [_SAID[k] for k in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@rule("change-notice", "follow-through", "Learners are told of every change made after their invite went out")
def unsent_change_notices(ctx):
    return [
        ctx.at_session(
            "change-notice",
            f"{change_words([c.kind for c in r.changes])} on {format_day(r.send_date)} after the invite went out: "
            "send the change notice (see the Reminders page)",
            r.session,
        )
        for r in change_notices(ctx.project)
        if r.program == ctx.record.slug
    ]


@rule("sop-may-be-stale", "learner-readiness", "The program's SOPs were reviewed after its last change")
def stale_sops(ctx):
    changes = ctx.project.history.of_program(ctx.record.slug)
    if not changes:
        return []
    found = []
    for sop in ctx.project.sops_of(ctx.record.slug):
        later = [c for c in changes if c.day > sop.meta.last_reviewed]
        if not later:
            continue
        last = later[-1]
        line, col = sop.source.locate(("last_reviewed",))
        fields = " and ".join(", ".join(last.fields).rsplit(", ", 1))
        more = f" (and {len(later) - 1} earlier {'change' if len(later) == 2 else 'changes'})" if len(later) > 1 else ""
        message = (
            f"the SOP '{sop.meta.title}' may be stale: {ctx.record.name} changed its {fields} on "
            f"{format_day(last.day)}{more}, after its review; check it still fits, then update 'last_reviewed:'"
        )
        found.append(Finding("sop-may-be-stale", message, sop.path, line, col, ctx.record.slug))
    return found
