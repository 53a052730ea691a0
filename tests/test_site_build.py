"""The example organisation built once through ``trainops build``; assertions on the site."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from tests.helpers.sites import broken_links
from trainops.render.guide import GUIDE_SECTIONS

PROGRAMS = ("compliance-refresher", "onboarding", "platform-rollout", "support-training")
SOPS = (
    "handle-missed-session",
    "join-an-online-session",
    "launch-day-runbook",
    "new-hire-cohort-setup",
    "prepare-session-materials",
    "send-session-reminders",
    "update-completion-records",
)


def page(site, path):
    return (site / path).read_text(encoding="utf-8")


def article(html: str) -> str:
    return re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S).group(1)


def test_every_generated_page_exists(built_site):
    paths = ["programs/index.html", "schedule/index.html", "sops/index.html", "index.html", "help/index.html"]
    paths += [f"programs/{slug}/index.html" for slug in PROGRAMS]
    paths += ["sops/join-an-online-session/index.html"]  # the one learner SOP
    missing = [p for p in paths if not (built_site / p).is_file()]
    assert not missing


def test_nothing_is_written_into_content(built_site):
    from tests.helpers import REPO

    assert not (REPO / "content" / "programs").exists()
    assert not (REPO / "content" / "sops").exists()


@pytest.mark.parametrize("slug", PROGRAMS)
def test_guides_have_the_same_sections_in_the_same_order(built_site, slug, example_project):
    html = page(built_site, f"programs/{slug}/index.html")
    headings = [
        unescape(re.sub(r"<[^>]+>", "", h)).replace("¶", "").strip()
        for h in re.findall(r"<h2 id=[^>]*>(.*?)</h2>", article(html))
    ]
    assert headings == list(GUIDE_SECTIONS)
    name = example_project.programs[slug].name
    assert f"<title>{name} - " in unescape(html)


def test_guide_answers_the_learner_questions_at_the_top(built_site):
    html = article(page(built_site, "programs/onboarding/index.html"))
    glance = html[: html.index('id="what-and-why"')]
    for label in ("Before you start", "Next session", "Questions"):
        assert label in glance
    assert "Tue 1 Dec 2026, 09:30–12:00 Eastern Standard Time (UTC−05:00)" in glance
    assert 'href="mailto:' in glance


def test_schedule_lists_upcoming_sessions_by_date_in_their_own_zone(built_site):
    index = article(page(built_site, "schedule/index.html"))
    assert "2026-10-06" not in index and "Tue 6 Oct" not in index  # past sessions are gone
    assert re.findall(r'<li><a class="trainops-schedule-link" href="([\d-]+/)">', index) == [
        "2026-12/",
        "2027-01/",
        "2027-02/",
        "2027-03/",
        "2027-04/",
    ]
    assert re.findall(r'scope="rowgroup">([^<]+)<', index)[0] == "Tue 1 Dec 2026"
    march = article(page(built_site, "schedule/2027-03/index.html"))
    assert (
        "Central European Summer Time" in march and "Japan Standard Time" in march and "Eastern Daylight Time" in march
    )
    assert "Cancelled" in page(built_site, "schedule/2027-02/index.html")
    assert "Tentative" in page(built_site, "schedule/2027-04/index.html")
    # The session on the US daylight-saving change day shows the new offset.
    assert "10:00–14:00 Eastern Daylight Time (UTC−04:00)" in march


def test_sop_pages_show_owner_review_and_rewrite_repository_links(ops_site, example_project):
    html = article(page(ops_site, "sops/new-hire-cohort-setup/index.html"))
    assert "Owner" in html and "Next review" in html
    assert "Review overdue" not in html
    links = re.findall(r'href="([^"]+)"', html)
    assert "../send-session-reminders/" in links
    assert f"{example_project.settings.site_url}programs/onboarding/" in links  # the guide, on the learner site
    assert not [link for link in links if link.endswith((".yaml", ".md"))]


def test_overdue_sop_has_a_warning_banner_for_coordinators_only(built_site, ops_site):
    html = article(page(ops_site, "sops/update-completion-records/index.html"))
    assert 'class="admonition warning trainops-overdue"' in html
    assert "overdue" in article(page(ops_site, "sops/index.html"))
    learner = article(page(built_site, "sops/join-an-online-session/index.html"))
    assert "Next review" not in learner and "Next review" in article(
        page(ops_site, "sops/join-an-online-session/index.html")
    )


def test_hand_written_pages_link_to_generated_pages(built_site):
    links = re.findall(r'href="([^"]+)"', article(page(built_site, "index.html")))
    assert any(link.startswith("programs/onboarding/") for link in links)
    assert not [link for link in links if link.endswith(".yaml")]


def test_navigation_is_small_and_has_the_sections(built_site):
    html = page(built_site, "index.html")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', html, re.S).group(0)
    for title in ("Programs", "Schedule", "How-to guides"):
        assert f"{title}" in nav
    assert "Coordinator guide" not in nav and "Handoff" not in nav
    assert "Join an online training session" not in nav  # SOPs are reached through the library and search


def test_search_finds_programs_and_sop_text(built_site, example_project):
    index = json.loads(page(built_site, "search/search_index.json"))
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    for record in example_project.programs.values():
        assert record.name in text
    sop = example_project.sops["join-an-online-session"]
    body_words = re.findall(r"[A-Za-z]{9,}", sop.body)[:5]
    assert all(word in text for word in body_words)


def test_material_files_are_published(built_site):
    assert (built_site / "files" / "handbook.pdf").read_bytes().startswith(b"%PDF")
    assert 'href="../../files/handbook.pdf"' in page(built_site, "programs/onboarding/index.html")


def test_sitemap_dates_come_from_today(built_site):
    assert "<lastmod>2026-11-23</lastmod>" in page(built_site, "sitemap.xml")


@pytest.mark.parametrize("slug", PROGRAMS)
def test_launch_checklists_name_their_failure_points(ops_site, slug):
    html = article(page(ops_site, f"programs/{slug}/launch-checklist/index.html"))
    assert ("✓ Ready to launch" in html) or re.search(r"✗ Not ready: \d+ failure point", html)
    groups = [
        unescape(re.sub(r"<[^>]+>", "", h)).replace("¶", "").strip()
        for h in re.findall(r"<h2 id=[^>]*>(.*?)</h2>", html)
    ]
    review = ["Audience", "Logistics", "What learners need", "Follow-through", "Ownership", "Program brief"]
    assert groups in (review, ["Fix these first", *review])  # what to fix first, when anything fails
    assert "Passed:" in html  # state in words, not colour alone


def test_onboarding_checklist_points_at_the_tentative_session(ops_site):
    html = article(page(ops_site, "programs/onboarding/launch-checklist/index.html"))
    assert "✗ Not ready: 6 failure points" in html  # 3 overdue invites, backup, tentative, SOP review
    assert "Day 1 - Welcome, Mon 26 Apr 2027</a>: still tentative" in html and "programs/schedule.yaml:293" in html
    assert "Failed:</span> Every upcoming session is confirmed" in html


def test_handoff_page_shows_each_owner(ops_site):
    html = article(page(ops_site, "handoff/index.html"))
    assert "Needs someone first" in html and "Update completion records" in html  # the overdue review
    assert '<a href="people/jordan.lee/">Jordan Lee</a>' in html
    jordan = article(page(ops_site, "handoff/people/jordan.lee/index.html"))
    assert "Handoff: Jordan Lee (jordan.lee)" in jordan
    assert "Sessions they teach" in jordan and "Upcoming launches" in jordan
    assert "✗ review overdue since" in article(page(ops_site, "handoff/people/zoe.muller/index.html"))


def test_reminder_pages_have_every_message_with_a_copy_button_target(ops_site):
    html = article(page(ops_site, "programs/onboarding/reminders/index.html"))
    assert "3 messages to send now, 3 overdue" in html
    assert html.count('<pre class="trainops-message__text"><code>Subject: ') >= 3 * 7
    assert "⚠ Overdue:" in html
    assert (ops_site / "reminders" / "send-schedule.csv").read_bytes().startswith(b"send_date,program,session,template")


def test_guides_and_schedule_link_calendar_files(built_site):
    guide = page(built_site, "programs/onboarding/index.html")
    # Feeds are subscriptions (webcal://, and the plain address), never a snapshot to import;
    # one session is a file to add ("download").
    assert 'href="webcal://learning.example.com/programs/onboarding/sessions.ics"' in guide
    assert 'href="https://learning.example.com/programs/onboarding/sessions.ics"' in guide
    assert 'sessions.ics" download' not in guide
    assert 'href="sessions/onb-2026-12-01.ics" download' in guide
    assert (built_site / "programs/onboarding/sessions/onb-2026-12-01.ics").is_file()
    schedule = page(built_site, "schedule/index.html")
    assert 'href="webcal://learning.example.com/schedule/all.ics"' in schedule and 'all.ics" download' not in schedule


def test_pages_name_no_generator_and_load_no_web_font(built_site):
    """No "Made with Material for MkDocs" footer, no Google Fonts: a page asks no other host."""
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Made with" not in page and "fonts.googleapis.com" not in page and "fonts.gstatic.com" not in page


def test_a_cancelled_session_has_no_join_link(built_site):
    schedule = (built_site / "schedule" / "index.html").read_text(encoding="utf-8")
    row = schedule[schedule.index('id="session-comp-2027-02-16"') :]
    row = row[: row.index("</tr>")]
    assert "Cancelled" in row and 'href="https://example.com/meet' not in row and ">Online<" in row


# --- the two sites ---------------------------------------------------------------------------------

COORDINATOR_ONLY = (
    "launch-checklist",
    "reminders/",
    "handoff",
    "send-schedule",
    "-instructor.pdf",
    "guide/",
    "facilitator-notes",
    "new-hire-cohort-setup",
    "launch-day-runbook",
)


def _files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_the_learner_site_holds_no_coordinator_page_or_file(built_site):
    leaked = [path for path in _files(built_site) if any(word in path for word in COORDINATOR_ONLY)]
    assert leaked == []
    assert sorted(p.name for p in (built_site / "manuals").iterdir()) == [f"{slug}.pdf" for slug in PROGRAMS]
    assert sorted(p.name for p in (built_site / "sops").iterdir()) == ["index.html", "join-an-online-session"]


def test_the_coordinator_site_holds_checklists_reminders_handoff_sops_and_instructor_manuals(ops_site):
    paths = [
        "index.html",
        "handoff/index.html",
        "sops/index.html",
        "reminders/send-schedule.csv",
        "guide/index.html",
        "guide/reference/index.html",
        "files/onboarding-facilitator-notes.txt",
    ]
    for slug in PROGRAMS:
        paths += [
            f"programs/{slug}/launch-checklist/index.html",
            f"programs/{slug}/reminders/index.html",
            f"manuals/{slug}-instructor.pdf",
        ]
    paths += [f"sops/{slug}/index.html" for slug in SOPS]
    assert [p for p in paths if not (ops_site / p).is_file()] == []
    # No learner page: the guides, the schedule and the calendar files are the learner site's.
    learner_only = [p for p in _files(ops_site) if p.startswith("schedule/") or p.endswith((".ics", "help/index.html"))]
    learner_only += [
        p
        for p in _files(ops_site)
        if re.fullmatch(r"programs/[^/]+/index\.html|manuals/[a-z-]+(?<!-instructor)\.pdf", p)
    ]
    assert learner_only == []


@pytest.mark.parametrize("which", ["learner", "coordinator"])
def test_every_link_of_a_site_stays_on_that_site(built_site, ops_site, which):
    """Followed like a browser: each relative link of each page lands on a file of the same site
    (so no learner page leads into the coordinator site, which is hosted apart)."""
    assert broken_links(built_site if which == "learner" else ops_site) == []


def test_the_coordinator_site_links_learner_pages_at_the_learner_site(ops_site, example_project):
    home = article(page(ops_site, "index.html"))
    base = example_project.settings.site_url
    assert f'href="{base}programs/onboarding/"' in home
    assert 'href="programs/onboarding/launch-checklist/"' in home
    assert "coordinators" in page(ops_site, "index.html").split("</title>")[0]


def test_the_learner_site_says_nothing_internal(built_site):
    """No file:line, no overdue review, no readiness in any learner page."""
    for html_path in built_site.rglob("*.html"):
        body = html_path.read_text(encoding="utf-8")
        assert "programs/schedule.yaml:" not in body and "review overdue" not in body.lower(), html_path


def test_both_sites_carry_the_organisations_logo_and_name(built_site, ops_site):
    for root in (built_site, ops_site):
        html = page(root, "index.html")
        assert 'src="images/harbor-health-logo.svg"' in html and (root / "images" / "harbor-health-logo.svg").is_file()
        assert "Harbor Health Learning" in html.split("</header>")[0]
