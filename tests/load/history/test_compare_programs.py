"""What counts as a change of a program's learner guide."""

from __future__ import annotations

from tests.helpers import REPO
from trainops.load.history.compare import PROGRAM_SECTIONS, compare_programs


def test_an_instructors_handout_is_no_change_of_the_learner_guide():
    old = (REPO / "programs" / "onboarding.yaml").read_text(encoding="utf-8")
    assert "for: instructor" in old
    new = old.replace("Facilitator notes", "Facilitator notes and answer key", 1)
    assert new != old
    readable, fields, _ = compare_programs("onboarding", "programs/onboarding.yaml", old, new)
    assert readable and list(fields) == ["instructor_materials"]
    assert not PROGRAM_SECTIONS[list(fields)[0]]  # no section of the learner guide
