"""``check`` with records and ``trainops records prune``, through the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import REPO, TODAY, copy_example
from trainops.cli import main


@pytest.fixture
def org(tmp_path: Path) -> Path:
    root = copy_example(tmp_path / "org")
    shutil.copytree(REPO / "records", root / "records")
    return root


def run(root: Path, *args: str) -> int:
    return main([*args, "--project", str(root), "--today", TODAY.isoformat()])


def keep(root: Path, duration: str) -> None:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("  - trainops\n", f"  - trainops:\n      records_keep: {duration}\n"))


def test_check_reports_records_and_sees_an_edit_after_a_cached_run(org, capsys):
    assert run(org, "check") == 0
    # (the example's records hold follow-ups, which are warnings; none is an error)
    assert not [line for line in capsys.readouterr().out.splitlines() if "records/" in line and ": error:" in line]
    sheet = org / "records/attendance/2026/onb-2026-10-06.csv"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("E1003,late", "E1003,Late"), encoding="utf-8")
    assert run(org, "check") == 1
    out = capsys.readouterr().out
    assert "records/attendance/2026/onb-2026-10-06.csv:3:7: error: status: 'Late' is not one of" in out
    assert "did you mean 'late'?" in out


def test_after_an_edit_of_the_records_only_the_launch_review_comes_from_the_last_check(org, capsys, monkeypatch):
    from trainops.commands import check

    reviews: list[int] = []
    real = check.readiness_findings
    monkeypatch.setattr(check, "readiness_findings", lambda *args: reviews.append(1) or real(*args))
    assert run(org, "check") == 0 and len(reviews) == 1
    capsys.readouterr()
    sheet = org / "records/attendance/2026/onb-2026-10-06.csv"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("E1003,late", "E1003,Late"), encoding="utf-8")
    assert run(org, "check") == 1 and len(reviews) == 1  # (not made again)
    edited = capsys.readouterr().out
    shutil.rmtree(org / ".trainops-cache")
    assert run(org, "check") == 1 and len(reviews) == 2
    assert capsys.readouterr().out == edited  # (the same as worked out from nothing)
    program = org / "programs" / "onboarding.yaml"
    program.write_text(program.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # (an edit of the sources)
    assert run(org, "check") == 1 and len(reviews) == 3


def test_check_counts_a_roster_outside_the_repository_by_its_bytes(org, tmp_path, monkeypatch, capsys):
    roster = tmp_path / "share" / "learners.csv"
    roster.parent.mkdir()
    # The example's roster, moved out of the repository (every learner of the records is in it).
    text = (org / "records" / "learners.csv").read_text(encoding="utf-8")
    roster.write_text(text, encoding="utf-8")
    monkeypatch.setenv("TRAINOPS_ROSTER", str(roster))
    assert run(org, "check") == 0
    capsys.readouterr()
    first_row = text.splitlines()[1]
    roster.write_text(text + first_row + "\n", encoding="utf-8")
    assert run(org, "check") == 1
    twice = len(text.splitlines()) + 1
    learner = first_row.split(",")[0]
    assert f"{roster}:{twice}:1: error: learner '{learner}' is in the roster twice" in capsys.readouterr().out


def test_records_keep_warns_and_prune_removes_exactly_those_files(org, capsys):
    keep(org, "1 month")
    assert run(org, "check") == 0
    warned = sorted(line.split(":")[0] for line in capsys.readouterr().out.splitlines() if "[records-expired]" in line)
    assert warned == [
        "records/assessments/compliance-refresher.csv",
        "records/assessments/onboarding.csv",
        "records/attendance/2026/comp-2026-10-15.csv",
        "records/attendance/2026/onb-2026-10-06.csv",
        "records/enrolments/compliance-refresher.csv",
    ]
    before = sorted(p.relative_to(org).as_posix() for p in (org / "records").rglob("*") if p.is_file())
    assert run(org, "records", "prune", "--dry-run") == 0
    assert [line.split()[2] for line in capsys.readouterr().out.splitlines()] == warned
    assert sorted(p.relative_to(org).as_posix() for p in (org / "records").rglob("*") if p.is_file()) == before
    assert run(org, "records", "prune") == 0
    assert [line.split()[1] for line in capsys.readouterr().out.splitlines()] == warned
    after = sorted(p.relative_to(org).as_posix() for p in (org / "records").rglob("*") if p.is_file())
    assert after == sorted(set(before) - set(warned))
    assert run(org, "check") == 0
    assert "[records-expired]" not in capsys.readouterr().out


def test_prune_without_records_keep_is_a_usage_error(org, capsys):
    assert run(org, "records", "prune") == 2
    assert "records_keep is not set" in capsys.readouterr().err
