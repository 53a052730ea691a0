"""A tentative session's sign-in sheet says so: the coordinator confirms before printing for the day."""

from __future__ import annotations

from tests.helpers.go_live import load_go_live
from trainops.manuals.plan import print_run
from trainops.manuals.signin import render_sign_in_html
from trainops.render.environment import project_environment


def test_a_tentative_runs_sheet_is_marked_tentative(tmp_path):
    project = load_go_live(tmp_path, {"d1-nyc": {"status": "tentative"}})
    env = project_environment(project)
    sheets = {
        s.id: render_sign_in_html(project, s, env, "", print_run(project)) for s in project.running_sessions("go-live")
    }
    assert "<strong>Tentative</strong>: confirm before printing for the day" in sheets["d1-nyc"]
    assert "Tentative" not in sheets["d1-tyo"]
