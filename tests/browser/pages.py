"""The page kinds of the learner site that the browser tests visit, and their expected titles."""

from __future__ import annotations

GUIDE = "programs/onboarding/"
CHECKLIST = "programs/onboarding/launch-checklist/"
REMINDERS = "programs/onboarding/reminders/"
SCHEDULE = "schedule/"
SOP = "sops/new-hire-cohort-setup/"

# One page of every kind the generator writes (the hand-written pages are the organisation's).
PAGE_KINDS = {
    "catalogue": "programs/",
    "guide": GUIDE,
    "launch-checklist": CHECKLIST,
    "reminders": REMINDERS,
    "schedule": SCHEDULE,
    "sop-library": "sops/",
    "sop-page": SOP,
    "handoff": "handoff/",
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
        "sops/": "SOP library",
        SOP: project.sops["new-hire-cohort-setup"].meta.title,
        "handoff/": "Handoff",
    }
    return f"{titles[path]} - {project.settings.site_name}"
