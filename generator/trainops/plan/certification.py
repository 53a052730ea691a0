"""Who is certified, and until when (the reference's "Records"): each learner's certification in each program
with a ``certification:``, at the project's day. A pure function of the project and the records.

A completion of the program certifies the learner for ``valid_for``; a later completion of the
program or of its ``renewal`` program renews it (a renewal program's completions before the
learner's first completion of the program itself renew nothing). ``expires`` is the first day a
certification is no longer valid. With ``since: completion`` every new period runs from the
renewing completion; with ``since: previous-expiry``, a renewal inside the renewal window
(``renew_within`` before expiry, up to the expiry day itself) runs from the expiry it replaces, so
renewing early loses no time. A completion before the window opens is not an early renewal but a
new start: its period runs from it. A lapsed certification renewed later runs from the renewal.

Each learner is, at the project's day: ``valid``; ``expiring`` (inside the renewal window);
``expired``; or ``never-certified`` (enrolled in the program, no dated completion: a waiver
excuses the training but gives no day for a certification to run from). The learners are those
enrolled in the program and those who ever completed it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..model.program_fields import Certification
from ..model.project import Project
from ..model.training_records import Records
from .completions import completion_dates
from .progress import ProgramProgress, program_progress

__all__ = [
    "CERTIFICATION_STATUSES",
    "CertificationPeriod",
    "LearnerCertification",
    "ProgramCertification",
    "certification_periods",
    "certification_status",
    "program_certification",
    "renewal_program",
]

# In the order a page counts them.
CERTIFICATION_STATUSES = ("valid", "expiring", "expired", "never-certified")


@dataclass(frozen=True)
class CertificationPeriod:
    start: date  # the completion that began or renewed it
    expires: date  # the first day it is no longer valid
    runs_from: date | None = None  # an early renewal with ``since: previous-expiry``: the expiry it extends
    by_renewal: bool = False  # that completion was of the renewal program, not of the program itself

    @property
    def valid_from(self) -> date:
        """The day this period's validity counts from (the completion, or the expiry it extends)."""
        return self.runs_from or self.start


@dataclass(frozen=True)
class LearnerCertification:
    learner: str
    status: str  # one of CERTIFICATION_STATUSES
    periods: tuple[CertificationPeriod, ...]  # in time order; empty when never certified

    @property
    def expires(self) -> date | None:
        return self.periods[-1].expires if self.periods else None


@dataclass(frozen=True)
class ProgramCertification:
    program: str
    renewal: str  # the program whose completions renew it (the program itself by default)
    rule: Certification
    learners: tuple[LearnerCertification, ...]  # by learner id

    def counts(self) -> dict[str, int]:
        """How many learners have each status, every status named (0 where none)."""
        got = Counter(c.status for c in self.learners)
        return {status: got[status] for status in CERTIFICATION_STATUSES}

    def window_opens(self, expires: date) -> date:
        """The first day of the renewal window of a certification that ``expires``."""
        return self.rule.renew_within.before(expires)


def renewal_program(project: Project, slug: str) -> str:
    """The program whose completions renew the certification of ``slug``."""
    rule = project.programs[slug].data.certification
    renewal = rule.renewal if rule is not None else None
    return renewal if renewal is not None and renewal in project.programs else slug


def certification_periods(
    rule: Certification, certifying: Iterable[date], renewing: Iterable[date] = ()
) -> list[CertificationPeriod]:
    """The periods a learner's completions give: ``certifying`` (of the program itself) and
    ``renewing`` (of its renewal program), in any order."""
    first = min(certifying, default=None)
    if first is None:
        return []
    own = set(certifying)
    periods: list[CertificationPeriod] = []
    for day in sorted({first, *own, *(d for d in renewing if d >= first)}):
        by_renewal = day not in own  # (a day both programs were completed on counts as the program's)
        if periods:
            last = periods[-1]
            in_window = rule.renew_within.before(last.expires) <= day <= last.expires
            if rule.since == "previous-expiry" and in_window:
                extended = rule.valid_for.after(last.expires)
                periods.append(CertificationPeriod(day, extended, last.expires, by_renewal))
                continue
        periods.append(CertificationPeriod(day, rule.valid_for.after(day), None, by_renewal))
    return periods


def certification_status(rule: Certification, periods: list[CertificationPeriod], today: date) -> str:
    if not periods:
        return "never-certified"
    expires = periods[-1].expires
    if today >= expires:
        return "expired"
    return "expiring" if today >= rule.renew_within.before(expires) else "valid"


def program_certification(
    project: Project, records: Records, slug: str, progress: ProgramProgress | None = None
) -> ProgramCertification | None:
    """Every learner's certification in ``slug`` at the project's day; None when the program has
    no ``certification:``. ``progress``: the program's whole :func:`program_progress`, when the
    caller has it already (its learners are the ones whose certification is worked out: a part of
    it would leave the others out)."""
    rule = project.programs[slug].data.certification
    if rule is None:
        return None
    today = project.today
    progress = progress or program_progress(project, records, slug)
    own = completion_dates(project, records, progress)
    renewal = renewal_program(project, slug)
    renewing = (
        own if renewal == slug else completion_dates(project, records, program_progress(project, records, renewal))
    )
    # (the enrolled learners: those the progress stands for, not the enrolments read again)
    learners = {learner for _, ids in progress.groups for learner in ids} | own.keys()
    # Learners with the same completions (a cohort's, say) have the same periods: worked out once
    # for them all, their (status, periods) shared.
    same_dates: dict[tuple[tuple[date, ...], tuple[date, ...]], tuple[str, tuple[CertificationPeriod, ...]]] = {}
    out = []
    for learner in sorted(learners):
        dates = (own.get(learner, ()), renewing.get(learner, ()))
        found = same_dates.get(dates)
        if found is None:
            certifying = [d for d in dates[0] if d <= today]
            periods = certification_periods(rule, certifying, [d for d in dates[1] if d <= today])
            found = same_dates[dates] = (certification_status(rule, periods, today), tuple(periods))
        out.append(LearnerCertification(learner, *found))
    return ProgramCertification(slug, renewal, rule, tuple(out))
