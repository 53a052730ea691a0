"""A learner page or SOP that links a coordinator's page is a warning at the link."""

from __future__ import annotations

from tests.helpers import TODAY, copy_example
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.readiness import readiness_findings


def _findings(root):
    settings, _ = read_settings(root)
    project, diagnostics = load_project(root, settings, TODAY)
    assert not [d for d in diagnostics if d.severity == "error"]
    return [f for f in readiness_findings(project) if f.rule == "link-to-coordinator-site"]


def test_the_example_has_no_such_link(example_project):
    assert [f for f in readiness_findings(example_project) if f.rule == "link-to-coordinator-site"] == []


def test_links_from_learner_pages_and_sops_into_the_coordinator_site_are_named(tmp_path):
    root = copy_example(tmp_path / "org")
    help_page = root / "content" / "help.md"
    lines = help_page.read_text().count("\n")
    help_page.write_text(
        help_page.read_text() + "See [set-up](../sops/new-hire-cohort-setup.md) and [the guide](guide/index.md).\n"
    )
    sop = root / "sops" / "join-an-online-session.md"
    sop.write_text(
        sop.read_text() + "\nCoordinators: [runbook](launch-day-runbook.md),"
        " [notes](../content/files/onboarding-facilitator-notes.txt).\n"
    )
    # A coordinator's page may link anything: no warning for it.
    guide = root / "content" / "guide" / "index.md"
    guide.write_text(guide.read_text() + "\n[Set-up](../../sops/new-hire-cohort-setup.md)\n")
    found = _findings(root)
    sop_line = sop.read_text().count("\n")
    assert sorted((f.path, f.line, f.column) for f in found) == [
        ("content/help.md", lines + 1, 14),
        ("content/help.md", lines + 1, 64),
        ("sops/join-an-online-session.md", sop_line, 25),
        ("sops/join-an-online-session.md", sop_line, 57),
    ]
    targets = sorted(f.message.split("'")[1] for f in found)
    assert targets == [
        "../content/files/onboarding-facilitator-notes.txt",
        "../sops/new-hire-cohort-setup.md",
        "guide/index.md",
        "launch-day-runbook.md",
    ]
