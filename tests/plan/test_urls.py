"""The addresses MkDocs gives documents, with and without ``use_directory_urls``."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

import trainops
from trainops.load.links import LinkIndex
from trainops.model.project import Settings
from trainops.plan import urls
from trainops.plan.urls import Urls
from trainops.render.environment import make_environment

CASES = [
    # from, to, directory URLs, file URLs (a site opened from file:// needs the file named)
    ("programs/x/index.md", "schedule/index.md", "../../schedule/", "../../schedule/index.html"),
    ("programs/x/index.md", "index.md", "../..", "../../index.html"),  # (a browser reads "../.." as a folder)
    ("index.md", "programs/x/index.md", "programs/x/", "programs/x/index.html"),
    ("sops/a.md", "sops/b.md", "../b/", "b.html"),
    ("sops/a.md", "sops/index.md", "../", "index.html"),
    ("programs/x/index.md", "programs/x/index.md", "./", "index.html"),
    ("programs/x/index.md", "programs/x/sessions.ics", "sessions.ics", "sessions.ics"),
]


@pytest.mark.parametrize(("source", "target", "directory", "file"), CASES)
def test_relative_links_match_mkdocs(source, target, directory, file):
    assert Urls(True).rel(source, target) == directory
    assert Urls(False).rel(source, target) == file


LAYOUT = [
    (urls.guide("forklift"), "programs/forklift/index.md"),
    (urls.launch_checklist("forklift"), "programs/forklift/launch-checklist.md"),
    (urls.reminders_page("forklift"), "programs/forklift/reminders.md"),
    (urls.program_feed("forklift"), "programs/forklift/sessions.ics"),
    (urls.session_event("forklift", "fk-1"), "programs/forklift/sessions/fk-1.ics"),
    (urls.sign_in_sheet("fk-1"), "sessions/fk-1/sign-in.pdf"),
    (urls.manual("forklift"), "manuals/forklift.pdf"),
    (urls.manual("forklift", instructor=True), "manuals/forklift-instructor.pdf"),
    (urls.sop_page("lift-check"), "sops/lift-check.md"),
    (urls.person_page("ana.ruiz"), "handoff/people/ana.ruiz.md"),
    (urls.schedule_month(2027, 2), "schedule/2027-02.md"),
    (urls.schedule_week(date(2027, 2, 1), 3), "schedule/2027-02-w3.md"),
    (urls.schedule_day(date(2027, 2, 16)), "schedule/2027-02-16.md"),
    (urls.HOME, "index.md"),
    (urls.CATALOGUE, "programs/index.md"),
    (urls.SCHEDULE, "schedule/index.md"),
    (urls.ALL_SESSIONS_FEED, "schedule/all.ics"),
    (urls.CHANGES, "changes/index.md"),
    (urls.CHANGES_FEED, "changes/feed.xml"),
    (urls.SOP_LIBRARY, "sops/index.md"),
    (urls.HANDOFF, "handoff/index.md"),
    (urls.SEND_SCHEDULE, "reminders/send-schedule.csv"),
]


@pytest.mark.parametrize(("docs_path", "expected"), LAYOUT)
def test_the_sites_layout(docs_path, expected):
    # Published addresses: people bookmark them and subscribe to the feeds, so a change is a decision.
    assert docs_path == expected


def test_a_manuals_path_read_back():
    assert urls.is_instructor_manual(urls.manual("a", instructor=True)) and not urls.is_instructor_manual(
        urls.manual("a")
    )
    assert urls.manual_slug(urls.manual("forklift")) == "forklift"
    assert urls.sop_slug(urls.sop_page("lift-check")) == "lift-check" and urls.sop_slug(urls.SOP_LIBRARY) == "index"


@pytest.mark.parametrize("directory", [True, False])
def test_output_file_is_the_built_file(directory):
    assert Urls(directory).output_file(urls.guide("x")) == "programs/x/index.html"
    assert Urls(directory).output_file(urls.HOME) == "index.html"
    assert Urls(directory).output_file(urls.program_feed("x")) == "programs/x/sessions.ics"
    assert Urls(directory).output_file(urls.sop_page("a")) == ("sops/a/index.html" if directory else "sops/a.html")


def test_the_loader_links_to_the_same_pages(tmp_path: Path):
    # load/ sits below plan/ and writes these two docs paths itself: they must agree.
    index = LinkIndex(tmp_path, Settings(), frozenset({"forklift"}), frozenset({"lift-check"}))
    assert index.resolve("lift-check.md", "sops/x.md") == (urls.sop_page("lift-check"), None)
    assert index.resolve("../programs/forklift.yaml", "sops/x.md") == (urls.guide("forklift"), None)


# A site path written out in a template: 'programs/' ~ slug ~ '/index.md' and the like.
_HAND_WRITTEN = re.compile(
    r"""['"]/?(?:programs|schedule|sops|handoff|sessions|manuals|changes|reminders|materials)/"""
)


def test_printed_addresses_are_directory_urls():
    assert urls.printed_address("https://t.example/", urls.guide("x")) == "https://t.example/programs/x/"
    assert urls.printed_address("https://t.example", urls.sop_page("a")) == "https://t.example/sops/a/"


def test_templates_take_the_layout_from_paths():
    folder = Path(trainops.__file__).parent / "templates" / "trainops"
    for template in sorted(folder.glob("*.*")):
        if template.suffix in (".html", ".xml", ".txt"):
            text = template.read_text(encoding="utf-8")
            assert not _HAND_WRITTEN.search(text), f"{template.name} writes a site path: use paths.… instead"


def test_paths_in_a_sandboxed_template_lead_nowhere_else():
    env = make_environment()
    sandbox = SandboxedEnvironment(undefined=StrictUndefined)  # as make_environment has it
    sandbox.globals["paths"] = env.globals["paths"]
    assert (
        sandbox.from_string("{{ paths.guide('x') }} {{ paths.schedule }}").render()
        == "programs/x/index.md schedule/index.md"
    )
    with pytest.raises(SecurityError):
        sandbox.from_string("{{ paths.guide.__globals__ }}").render()
