"""Which of the two sites publishes what, and links between them (``trainops.plan.sites``)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from trainops.load.links import LinkIndex, rewrite_links
from trainops.model.project import Settings
from trainops.plan.sites import COORDINATORS, LEARNERS, keeps_source, published_on
from trainops.plan.urls import Urls
from trainops.render.environment import project_environment
from trainops.render.site import OFFSITE, RenderContext, render_site

LEARNER_ONLY = [
    "programs/index.md",
    "programs/onboarding/index.md",
    "programs/onboarding/sessions.ics",
    "schedule/index.md",
    "schedule/all.ics",
    "manuals/onboarding.pdf",
    "help.md",
]
COORDINATOR_ONLY = [
    "programs/onboarding/launch-checklist.md",
    "programs/onboarding/reminders.md",
    "reminders/send-schedule.csv",
    "handoff/index.md",
    "manuals/onboarding-instructor.pdf",
    "sops/new-hire-cohort-setup.md",
    "guide/index.md",
    "guide/reference.md",
    "files/onboarding-facilitator-notes.txt",
    "sessions/onb-2026-12-01/sign-in.pdf",
]
BOTH = ["index.md", "sops/index.md", "sops/join-an-online-session.md", "files/handbook.pdf"]


@pytest.mark.parametrize("path", LEARNER_ONLY + COORDINATOR_ONLY + BOTH)
def test_each_document_is_on_its_site(example_project, path):
    on = {site for site in (LEARNERS, COORDINATORS) if published_on(example_project, path, site)}
    expected = (
        {LEARNERS} if path in LEARNER_ONLY else {COORDINATORS} if path in COORDINATOR_ONLY else {LEARNERS, COORDINATORS}
    )
    assert on == expected


def test_the_hand_written_home_page_is_the_learner_sites_only(example_project):
    # The coordinator site's home is generated in its place.
    assert keeps_source(example_project, "index.md", LEARNERS)
    assert not keeps_source(example_project, "index.md", COORDINATORS)


def test_an_instructor_file_that_a_learner_material_uses_too_is_on_both_sites(example_project):
    from trainops.model.formats import Material

    record = example_project.programs["onboarding"]
    shared = Material.model_validate({"title": "Notes", "file": "content/files/onboarding-facilitator-notes.txt"})
    project = replace(
        example_project,
        programs={
            **example_project.programs,
            "onboarding": replace(
                record, data=record.data.model_copy(update={"materials": [*record.data.materials, shared]})
            ),
        },
    )
    assert published_on(project, "files/onboarding-facilitator-notes.txt", LEARNERS)


def test_the_two_sites_share_only_the_home_sop_library_and_learner_sops(example_project):
    learners = {g.docs_path for g in render_site(example_project, site=LEARNERS)}
    coordinators = {g.docs_path for g in render_site(example_project, site=COORDINATORS)}
    assert learners & coordinators == {"sops/index.md", "sops/join-an-online-session.md"}
    assert "index.md" in coordinators and "index.md" not in learners  # the learner home is hand-written


def _context(project, site):
    return RenderContext(project, project_environment(project), Urls(True), False, site)


def test_a_learner_page_never_links_to_the_coordinator_site(example_project):
    ctx = _context(example_project, LEARNERS)
    assert ctx.href("programs/onboarding/index.md", "programs/onboarding/launch-checklist.md") == OFFSITE
    assert ctx.href("programs/onboarding/index.md", "schedule/index.md") == "../../schedule/"


def test_the_coordinator_site_links_learner_pages_at_site_url(example_project):
    ctx = _context(example_project, COORDINATORS)
    assert ctx.href("programs/onboarding/launch-checklist.md", "programs/onboarding/index.md") == (
        "https://learning.example.com/programs/onboarding/"
    )
    assert ctx.href("handoff/index.md", "programs/onboarding/launch-checklist.md") == (
        "../programs/onboarding/launch-checklist/"
    )
    without_url = replace(example_project, settings=replace(example_project.settings, site_url=""))
    assert _context(without_url, COORDINATORS).elsewhere("programs/onboarding/index.md") is None


def test_a_link_to_the_other_site_is_left_as_its_text(example_project):
    ctx = _context(example_project, LEARNERS)
    text = ctx.env.from_string(
        '<p><a href="{{ link(p) }}#x" download>the checklist</a> and <a href="{{ link(q) }}">guide</a></p>'
    )
    page = text.render(
        link=lambda t: ctx.href("programs/onboarding/index.md", t),
        p="programs/onboarding/launch-checklist.md",
        q="programs/onboarding/index.md",
    )
    from trainops.render.site import _OFFSITE_LINK

    assert _OFFSITE_LINK.sub(r"\1", page) == '<p>the checklist and <a href="./">guide</a></p>'


def test_markdown_links_to_pages_a_site_lacks(tmp_path: Path):
    index = LinkIndex(tmp_path, Settings(), frozenset({"onboarding"}), frozenset({"a", "b"}))
    text = (
        "See [A](a.md), ![the diagram](b.md), [B](<b.md#step-2>) and [the program](../programs/onboarding.yaml).\n"
        "\n[ref]: b.md\n"
    )

    def published(docs_path):
        return docs_path == "sops/a.md"

    # On the learner site: links into the coordinator site become their text.
    assert rewrite_links(text, "sops/x.md", "sops/x.md", index, published) == (
        "See [A](a.md), the diagram, B and the program.\n\n[ref]: #\n"
    )

    # On the coordinator site: a learner page is linked at the learner site's address.
    def elsewhere(docs_path):
        return "https://learn.example/programs/onboarding/" if docs_path.startswith("programs/") else None

    assert rewrite_links(text, "sops/x.md", "sops/x.md", index, published, elsewhere) == (
        "See [A](a.md), the diagram, B and [the program](https://learn.example/programs/onboarding/).\n\n[ref]: #\n"
    )


def test_what_only_coordinators_use_stays_off_the_learner_site(tmp_path):
    """Pages of every Markdown suffix MkDocs renders follow their front matter; a file only
    coordinators' pages link, or in a folder of coordinators' pages, is theirs; a Markdown file the
    project could not read as a page is never published to learners."""
    from tests.helpers import TODAY, copy_example
    from trainops.load.loading import load_project
    from trainops.load.settings import read_settings

    root = copy_example(tmp_path / "org")
    content = root / "content"
    (content / "guide" / "secret.markdown").write_text("---\naudience: coordinator\n---\n# Secret\n")
    (content / "guide" / "upper.MD").write_text("# Raw source\n")
    (content / "guide" / "escalation-contacts.txt").write_text("names")
    (content / "guide" / "shared-card.txt").write_text("for everyone")
    (content / "files" / "roster.csv").write_text("names")
    (content / "help.md").write_text((content / "help.md").read_text() + "\n[Card](guide/shared-card.txt)\n")
    (content / "guide" / "index.md").write_text(
        (content / "guide" / "index.md").read_text() + "\n[Roster](../files/roster.csv)\n"
    )
    settings, _ = read_settings(root)
    project, diagnostics = load_project(root, settings, TODAY)
    assert not [d for d in diagnostics if d.severity == "error"]
    assert project.page_at("guide/secret.markdown").audience == "coordinator"
    learner = {
        path
        for path in (
            "guide/secret.markdown",
            "guide/upper.MD",
            "guide/escalation-contacts.txt",
            "guide/shared-card.txt",
            "files/roster.csv",
            "files/handbook.pdf",
        )
        if keeps_source(project, path, LEARNERS)
    }
    assert learner == {"guide/shared-card.txt", "files/handbook.pdf"}
    assert all(keeps_source(project, path, COORDINATORS) for path in ("guide/upper.MD", "files/roster.csv"))


def test_a_file_a_coordinators_document_links_by_raw_html_stays_off_the_learner_site(tmp_path):
    from tests.helpers import TODAY, copy_example
    from trainops.load.loading import load_project
    from trainops.load.settings import read_settings

    root = copy_example(tmp_path / "org")
    files = root / "content" / "files"
    (files / "escalation.pdf").write_bytes(b"%PDF-1.4 names")
    (files / "rota.png").write_bytes(b"png")
    sop = root / "sops" / "launch-day-runbook.md"
    sop.write_text(sop.read_text() + '\n<a href="../content/files/escalation.pdf">Escalation</a>\n')
    page = root / "content" / "guide" / "index.md"
    page.write_text(page.read_text() + "\n<img alt=Rota src='../files/rota.png'>\n")
    settings, _ = read_settings(root)
    project, diagnostics = load_project(root, settings, TODAY)
    assert not [d for d in diagnostics if d.severity == "error"]
    for path in ("files/escalation.pdf", "files/rota.png"):
        assert not keeps_source(project, path, LEARNERS)
        assert keeps_source(project, path, COORDINATORS)
