"""``trainops serve``: a live preview that rebuilds when a program file changes."""

from __future__ import annotations

from tests.helpers import copy_example
from tests.helpers.serve import serving, wait_for


def test_serve_reloads_after_a_program_edit(tmp_path):
    project = copy_example(tmp_path / "org")
    with serving(project) as address:
        url = f"{address}programs/onboarding/"
        assert wait_for(url, "New Hire Onboarding"), "the preview never came up"
        program = project / "programs" / "onboarding.yaml"
        program.write_text(program.read_text().replace("name: New Hire Onboarding", "name: New Hire Welcome Program"))
        assert wait_for(url, "New Hire Welcome Program"), "the edit was not picked up"
