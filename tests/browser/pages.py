"""The page kinds of both sites that the browser tests visit, and their expected titles. The
coordinator site is served under ``ops/`` (see conftest)."""

from __future__ import annotations

GUIDE = "programs/onboarding/"
CHECKLIST = "ops/programs/onboarding/launch-checklist/"
REMINDERS = "ops/programs/onboarding/reminders/"
OPS = "ops/"
OPS_SOP = "ops/sops/new-hire-cohort-setup/"
SCHEDULE = "schedule/"
SCHEDULE_MONTH = "schedule/2027-04/"  # the month of the Tokyo session onb-2027-04-05
SOP = "sops/join-an-online-session/"  # a learner SOP (the others are on the coordinator site)

# One page of every kind the generator writes (the hand-written pages are the organisation's).
PAGE_KINDS = {
    "catalogue": "programs/",
    "guide": GUIDE,
    "launch-checklist": CHECKLIST,
    "reminders": REMINDERS,
    "schedule": SCHEDULE,
    "schedule-month": SCHEDULE_MONTH,
    "changes": "changes/",
    "sop-library": "sops/",
    "sop-page": SOP,
    "ops-home": OPS,
    "handoff": "ops/handoff/",
    "ops-sop-page": OPS_SOP,
}


def expected_title(project, path: str) -> str:
    """The page's <title> as Material writes it: page title, then the site name."""
    program = project.programs["onboarding"].name  # the canonical name, from the data
    titles = {
        "programs/": "Programs",
        GUIDE: program,
        CHECKLIST: f"Launch checklist: {program}",
        REMINDERS: f"Reminders: {program}",
        SCHEDULE: "Schedule",
        SCHEDULE_MONTH: "Schedule: April 2027",
        "changes/": "What changed",
        "sops/": "How-to guides",
        SOP: project.sops["join-an-online-session"].meta.title,
        OPS: "Overview",
        "ops/handoff/": "Handoff",
        OPS_SOP: project.sops["new-hire-cohort-setup"].meta.title,
    }
    site_name = project.settings.site_name + (": coordinators" if path.startswith(OPS) else "")
    return f"{titles[path]} - {site_name}"
