"""``trainops serve``: a live preview that rebuilds when a program file changes."""

from __future__ import annotations

from tests.helpers import TODAY, copy_example
from tests.helpers.serve import serving, wait_for, wait_for_line
from trainops.cli import main


def test_serve_reloads_after_a_program_edit(tmp_path):
    project = copy_example(tmp_path / "org")
    with serving(project) as address:
        url = f"{address}programs/onboarding/"
        assert wait_for(url, "New Hire Onboarding"), "the preview never came up"
        program = project / "programs" / "onboarding.yaml"
        program.write_text(program.read_text().replace("name: New Hire Onboarding", "name: New Hire Welcome Program"))
        assert wait_for(url, "New Hire Welcome Program"), "the edit was not picked up"


def test_a_broken_mkdocs_yml_stops_serve_with_one_line_at_its_line(tmp_path, capsys):
    project = copy_example(tmp_path / "org")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("name: material", "name: nosuchtheme"))
    assert main(["serve", "--project", str(project), "--today", TODAY.isoformat()]) == 1
    err = capsys.readouterr().err
    line = config.read_text().splitlines().index("theme:") + 1  # (the setting MkDocs names)
    assert err.startswith(f"trainops: mkdocs.yml:{line}:1: error: theme: Unrecognised theme name: 'nosuchtheme'")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_broken_mkdocs_yml_while_serving_is_one_line_a_rebuild_and_the_server_stays(tmp_path):
    project = copy_example(tmp_path / "org")
    config = project / "mkdocs.yml"
    good = config.read_text()
    log = tmp_path / "serve.log"
    with serving(project, log) as address:
        assert wait_for(address, "Harbor Health"), "the preview never came up"
        config.write_text(good.replace("name: material", "name: nosuchtheme"))
        assert wait_for_line(log, "error: theme: Unrecognised theme name"), log.read_text()
        config.write_text(good + "nav: [\n")
        assert wait_for_line(log, "[yaml-syntax]"), log.read_text()
        assert wait_for(address, "Harbor Health"), "the server went down"
        config.write_text(good.replace("site_name: Harbor Health", "site_name: Harbour Wealth"))
        assert wait_for(address, "Harbour Wealth"), "mended, the preview rebuilt"
    text = log.read_text()
    assert "Traceback" not in text, text
    failed = [line for line in text.splitlines() if "the preview was not rebuilt" in line]
    assert len(failed) == 2 and all(line.count("mkdocs.yml:") == 1 for line in failed), text
