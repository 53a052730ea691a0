"""Who a hand-written page is for (``trainops.load.page_audience``): every mistake fails closed."""

from __future__ import annotations

import pytest

from tests.helpers import TODAY, copy_example
from trainops.load.loading import load_project
from trainops.load.page_audience import read_page_audience
from trainops.load.settings import read_settings
from trainops.plan.sites import LEARNERS, keeps_source


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("# Plain\n", "learner"),
        ("", "learner"),
        ("---\n---\n# Empty front matter\n", "learner"),
        ("---\naudience: instructor\n---\n", "instructor"),
        ("# Title\n\nKey: value in the body\n", "learner"),
    ],
)
def test_a_page_marked_as_trainops_reads_it_has_no_diagnostic(text, audience):
    assert read_page_audience("content/p.md", text) == (audience, [])


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\nAudience: coordinator\n---\n# A\n", 2),
        ("---\ntitle: x\naudiance: coordinator\n---\n# A\n", 3),
        ("---\nAUDIENCES: coordinator\n---\n# A\n", 2),
        ("---\naudience: learner\nAudience: coordinator\n---\n", 3),  # two answers: the safe one
        ("Title: Rota\nAudience: coordinator\n\n# A\n", 2),
        ("\n\n---\naudience: coordinator\n---\n# A\n", 3),
        ("---\n- audience: coordinator\n---\n", 2),
        ("---\naudience: [coordinator\n---\n", 3),
        ("---\naudience: coordinators\n---\n", 2),
    ],
)
def test_a_page_trainops_cannot_read_is_an_error_and_a_coordinators(text, line):
    audience, diagnostics = read_page_audience("content/p.md", text)
    assert audience == "coordinator"
    assert [(d.line, d.severity) for d in diagnostics] == [(line, "error")]


def test_multimarkdown_metadata_without_an_audience_is_a_warning_only():
    audience, diagnostics = read_page_audience("content/p.md", "Note: hidden by MkDocs\n    and this too\n# A\n")
    assert audience == "learner"
    assert [(d.line, d.severity, d.rule) for d in diagnostics] == [(1, "warning", "front-matter")]


def test_a_misspelt_audience_keeps_the_page_and_its_folders_files_off_the_learner_site(tmp_path):
    root = copy_example(tmp_path / "org")
    folder = root / "content" / "escalation"
    folder.mkdir()
    (folder / "index.md").write_text("---\naudiance: coordinator\n---\n# Escalation\n")
    (folder / "contacts.csv").write_text("names")
    settings, _ = read_settings(root)
    project, diagnostics = load_project(root, settings, TODAY)
    assert [d.as_text() for d in diagnostics if d.severity == "error"] == [
        "content/escalation/index.md:2:1: error: 'audiance' is not a field trainops reads — did you mean "
        "'audience'? (the page is kept off the learner site until it is spelt 'audience', in lowercase) [front-matter]"
    ]
    assert not keeps_source(project, "escalation/index.md", LEARNERS)
    assert not keeps_source(project, "escalation/contacts.csv", LEARNERS)
