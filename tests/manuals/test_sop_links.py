"""Links in an SOP, printed: only to what the learner site publishes (site_url is its address)."""

from __future__ import annotations

from dataclasses import replace

from trainops.manuals.sop_html import sop_to_html


def test_links_to_coordinator_pages_and_instructor_files_print_as_text(example_project):
    sop = example_project.sops["join-an-online-session"]
    body = sop.body + (
        "\n\n[cohort set-up](new-hire-cohort-setup.md), [notes](../content/files/onboarding-facilitator-notes.txt),"
        " [the guide](../programs/onboarding.yaml), [handbook](../content/files/handbook.pdf)\n"
    )
    html = sop_to_html(example_project, replace(sop, body=body), set())
    site = example_project.settings.site_url
    assert f'href="{site}programs/onboarding/"' in html and f'href="{site}files/handbook.pdf"' in html
    assert "new-hire-cohort-setup" not in html and "facilitator-notes" not in html
    assert ">cohort set-up</a>" in html and ">notes</a>" in html  # the words stay
