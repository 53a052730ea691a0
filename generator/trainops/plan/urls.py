"""The generated sites' layout: where each document lives (its docs path, as MkDocs names a source
file) and the URL it gets, and relative links between documents.

Every docs path of a generated page, feed, sheet or manual is written here and nowhere else: the
renderers, the publishing rules, the navigation and the templates (through ``paths``, a Jinja
global made from :data:`TEMPLATE_PATHS`) ask these functions. Generated pages are raw HTML inside
Markdown, so MkDocs does not rewrite their links; :class:`Urls` computes the same URLs MkDocs
would (with or without ``use_directory_urls``).
"""

from __future__ import annotations

import posixpath
from datetime import date
from types import MappingProxyType

from ..model.project import Project

__all__ = [
    "Urls",
    "HOME",
    "CATALOGUE",
    "SCHEDULE",
    "ALL_SESSIONS_FEED",
    "CHANGES",
    "CHANGES_FEED",
    "SOP_LIBRARY",
    "HANDOFF",
    "SEND_SCHEDULE",
    "PROGRAMS_FOLDER",
    "SCHEDULE_FOLDER",
    "CHANGES_FOLDER",
    "SOPS_FOLDER",
    "HANDOFF_FOLDER",
    "REMINDERS_FOLDER",
    "SESSIONS_FOLDER",
    "MANUALS_FOLDER",
    "MATERIALS_FOLDER",
    "LAUNCHES_FOLDER",
    "FOLLOW_UP_FOLDER",
    "STATUS_FOLDER",
    "FOLLOW_UP_CSV",
    "CATALOGUE_PAGES",
    "SOP_LIBRARY_PAGES",
    "COORDINATOR_PAGES",
    "guide",
    "launch_checklist",
    "reminders_page",
    "status_page",
    "status_learners",
    "status_cohorts_csv",
    "program_feed",
    "session_event",
    "sign_in_sheet",
    "manual",
    "sop_page",
    "sop_slug",
    "person_page",
    "person_sessions",
    "handoff_list",
    "list_page",
    "schedule_month",
    "schedule_week",
    "schedule_day",
    "published_material_path",
    "printed_address",
    "is_instructor_manual",
    "manual_slug",
    "TEMPLATE_PATHS",
]

# The folders of the generated documents (each with its trailing slash, as a prefix of docs paths).
PROGRAMS_FOLDER = "programs/"
SCHEDULE_FOLDER = "schedule/"
CHANGES_FOLDER = "changes/"
SOPS_FOLDER = "sops/"
HANDOFF_FOLDER = "handoff/"
REMINDERS_FOLDER = "reminders/"
SESSIONS_FOLDER = "sessions/"
MANUALS_FOLDER = "manuals/"
MATERIALS_FOLDER = "materials/"
LAUNCHES_FOLDER = "launches/"  # the coordinator overview's table, when it has too many programs
# The follow-ups of the training records (coordinator site only): the overview's list when it is
# long, and every follow-up with every learner id in one CSV.
FOLLOW_UP_FOLDER = "follow-up/"
# The learners' rows of each program's completion status, on pages, and all its cohorts in a CSV
# (coordinator site only).
STATUS_FOLDER = "status/"

HOME = "index.md"
CATALOGUE = f"{PROGRAMS_FOLDER}index.md"
SCHEDULE = f"{SCHEDULE_FOLDER}index.md"
ALL_SESSIONS_FEED = f"{SCHEDULE_FOLDER}all.ics"
CHANGES = f"{CHANGES_FOLDER}index.md"
CHANGES_FEED = f"{CHANGES_FOLDER}feed.xml"
SOP_LIBRARY = f"{SOPS_FOLDER}index.md"
HANDOFF = f"{HANDOFF_FOLDER}index.md"
SEND_SCHEDULE = f"{REMINDERS_FOLDER}send-schedule.csv"
FOLLOW_UP_CSV = f"{FOLLOW_UP_FOLDER}follow-up.csv"
# The folders of the pages of long lists (``<folder>/<n>.md``, see :func:`list_page`). An SOP's
# page is ``sops/<slug>.md`` and a guide ``programs/<slug>/index.md``: no slug can clash with these.
CATALOGUE_PAGES = f"{PROGRAMS_FOLDER}a-z"
SOP_LIBRARY_PAGES = f"{SOPS_FOLDER}a-z"

# A program's pages for coordinators, beside its guide (the file names in its folder).
COORDINATOR_PAGES = ("launch-checklist.md", "reminders.md", "status.md")
_INSTRUCTOR_MANUAL = "-instructor"


def guide(slug: str) -> str:
    """A program's guide for learners."""
    return f"{PROGRAMS_FOLDER}{slug}/index.md"


def launch_checklist(slug: str) -> str:
    return f"{PROGRAMS_FOLDER}{slug}/{COORDINATOR_PAGES[0]}"


def reminders_page(slug: str) -> str:
    """The messages to send for a program's sessions."""
    return f"{PROGRAMS_FOLDER}{slug}/{COORDINATOR_PAGES[1]}"


def status_page(slug: str) -> str:
    """A program's completion status and metrics, from the training records."""
    return f"{PROGRAMS_FOLDER}{slug}/{COORDINATOR_PAGES[2]}"


def status_learners(slug: str) -> str:
    """The folder of the pages of a program's learners' rows, when its status page cannot hold them."""
    return f"{STATUS_FOLDER}{slug}"


def status_cohorts_csv(slug: str) -> str:
    """Every cohort of a program's completion status (its page shows the latest), as a spreadsheet."""
    return f"{STATUS_FOLDER}{slug}/cohorts.csv"


def program_feed(slug: str) -> str:
    """The calendar feed of every session of a program."""
    return f"{PROGRAMS_FOLDER}{slug}/sessions.ics"


def session_event(slug: str, session_id: str) -> str:
    """The calendar file of one session."""
    return f"{PROGRAMS_FOLDER}{slug}/sessions/{session_id}.ics"


def sign_in_sheet(session_id: str) -> str:
    return f"{SESSIONS_FOLDER}{session_id}/sign-in.pdf"


def manual(slug: str, instructor: bool = False) -> str:
    """A program's printed manual, the learners' or the instructors'."""
    return f"{MANUALS_FOLDER}{slug}{_INSTRUCTOR_MANUAL if instructor else ''}.pdf"


def is_instructor_manual(docs_path: str) -> bool:
    return docs_path.endswith(f"{_INSTRUCTOR_MANUAL}.pdf")


def manual_slug(docs_path: str) -> str:
    """The program of a manual's docs path (``manuals/<slug>.pdf``; learners' editions only)."""
    return docs_path[len(MANUALS_FOLDER) : -len(".pdf")]


def sop_page(slug: str) -> str:
    return f"{SOPS_FOLDER}{slug}.md"


def sop_slug(docs_path: str) -> str:
    """The slug of an SOP's page (``index`` for the SOP library)."""
    return posixpath.splitext(docs_path[len(SOPS_FOLDER) :])[0]


def person_page(person_id: str) -> str:
    """A person's handoff page (a folder of its own: a person may be called "index")."""
    return f"{HANDOFF_FOLDER}people/{person_id}.md"


def person_sessions(person_id: str) -> str:
    """The folder of the pages of a person's sessions, when they are too many for their page."""
    return f"{HANDOFF_FOLDER}people/{person_id}/sessions"


def handoff_list(kind: str) -> str:
    """The folder of the pages of one of the handoff's full lists (``not-ready``, ``reviews``, ``restaff``)."""
    return f"{HANDOFF_FOLDER}{kind}"


def list_page(folder: str, number: int) -> str:
    """Page ``number`` (from 1) of a long list whose pages are in ``folder``."""
    return f"{folder.rstrip('/')}/{number}.md"


def schedule_month(year: int, month: int) -> str:
    return f"{SCHEDULE_FOLDER}{year:04d}-{month:02d}.md"


def schedule_week(month_first: date, number: int) -> str:
    """Week ``number`` (from 1, weeks from Monday cut at the month's ends) of the month."""
    return f"{SCHEDULE_FOLDER}{month_first:%Y-%m}-w{number}.md"


def schedule_day(day: date) -> str:
    return f"{SCHEDULE_FOLDER}{day.isoformat()}.md"


def published_material_path(project: Project, file: str) -> str:
    """The docs path a material file is published at: its place in docs_dir, or ``materials/…``."""
    docs = project.settings.docs_dir.strip("/") + "/"
    path = posixpath.normpath(file)
    return path[len(docs) :] if path.startswith(docs) else f"{MATERIALS_FOLDER}{path}"


# What the templates see as ``paths``: the docs paths above by lower-case name, and no more (a
# sandboxed template override must not reach this module's imports through it).
TEMPLATE_PATHS = MappingProxyType(
    {
        "home": HOME,
        "catalogue": CATALOGUE,
        "schedule": SCHEDULE,
        "all_sessions_feed": ALL_SESSIONS_FEED,
        "changes": CHANGES,
        "changes_feed": CHANGES_FEED,
        "sop_library": SOP_LIBRARY,
        "handoff": HANDOFF,
        "send_schedule": SEND_SCHEDULE,
        "follow_up_csv": FOLLOW_UP_CSV,
        "guide": guide,
        "launch_checklist": launch_checklist,
        "reminders_page": reminders_page,
        "status_page": status_page,
        "status_cohorts_csv": status_cohorts_csv,
        "program_feed": program_feed,
        "session_event": session_event,
        "sign_in_sheet": sign_in_sheet,
        "manual": manual,
        "sop_page": sop_page,
        "person_page": person_page,
    }
)


class Urls:
    def __init__(self, use_directory_urls: bool = True):
        self.use_directory_urls = use_directory_urls

    def url(self, docs_path: str) -> str:
        """The site-relative URL of a document: ``programs/x/index.md`` → ``programs/x/``."""
        stem, ext = posixpath.splitext(docs_path)
        if ext != ".md":
            return docs_path
        folder, name = posixpath.split(stem)
        if name in ("index", "README"):
            if not self.use_directory_urls:  # as MkDocs has it: a site opened from file:// needs the file
                return f"{folder}/index.html" if folder else "index.html"
            return f"{folder}/" if folder else "./"
        if self.use_directory_urls:
            return f"{stem}/"
        return f"{stem}.html"

    def output_file(self, docs_path: str) -> str:
        """The file of the built site that holds the document: ``programs/x/index.md`` → ``programs/x/index.html``."""
        url = self.url(docs_path)
        if url == "./":
            return "index.html"
        return f"{url}index.html" if url.endswith("/") else url

    def page_dir(self, docs_path: str) -> str:
        url = self.url(docs_path)
        return url if url.endswith("/") else posixpath.dirname(url)

    def rel(self, from_docs_path: str, to_docs_path: str) -> str:
        """A relative link from the page ``from_docs_path`` to the document ``to_docs_path``."""
        target = self.url(to_docs_path)
        base = self.page_dir(from_docs_path).rstrip("/") or "."
        if target == "./":
            target = "."
        relative = posixpath.relpath(target.rstrip("/") or ".", base)
        if target.endswith("/") and relative != ".":
            relative += "/"
        return "./" if relative == "." else relative


_PRINTED = Urls()


def printed_address(site_url: str, docs_path: str) -> str:
    """The address printed on paper (a manual, a QR code) of a page of the learner site: ``site_url``
    and the page's URL in the form site_url gives it (directory URLs)."""
    return f"{site_url.rstrip('/')}/{_PRINTED.url(docs_path)}"
