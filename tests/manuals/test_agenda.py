"""The instructor edition's agenda pages: which sessions get one, and the instructor's own time."""

from __future__ import annotations

from trainops.manuals.agenda import agenda_pages, instructor_time


def test_a_page_for_each_session_that_will_take_place_by_date(example_project):
    pages = agenda_pages(example_project, "onboarding")
    assert [p.session.id for p in pages] == [s.id for s in example_project.running_sessions("onboarding")]
    assert all(p.session.status != "cancelled" for p in pages)
    starts = [p.session.start_utc for p in pages]
    assert starts == sorted(starts)
    by_id = {p.session.id: p for p in pages}
    assert "sign-in sheet" in by_id["onb-2026-12-02"].sign_in  # in HQ 4B
    assert "attendance report" in by_id["onb-2026-12-04"].sign_in  # online only
    assert by_id["onb-2026-12-01"].instructor.name == "Jordan Lee"


def test_the_instructor_reads_the_time_in_their_own_zone_when_it_is_another(example_project):
    pages = agenda_pages(example_project, "compliance-refresher")
    americas = next(p for p in pages if p.session.id == "comp-2027-01-14")
    # Taught from New York, held on Los Angeles time: 10:00 PST is 13:00 EST for Sam Patel.
    assert americas.instructor_time == "Thu 14 Jan 2027, 13:00–14:30 Eastern Standard Time (UTC−05:00)"
    session = americas.session
    same_zone = americas.instructor.model_copy(update={"timezone": session.zone})
    assert instructor_time(session, same_zone) is None
    assert instructor_time(session, americas.instructor.model_copy(update={"timezone": None})) is None
    assert instructor_time(session, None) is None
