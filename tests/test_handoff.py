"""``trainops handoff``: the report, and --write changing nothing but ownership values."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import pytest

from conftest import TODAY, copy_example

from trainops.cli import main


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_report_lists_moves_and_decisions(tmp_path, capsys):
    project = copy_example(tmp_path / "org")
    before = snapshot(project)
    assert main(["handoff", "jordan.lee", "sam.patel", "--project", str(project), "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "programs/onboarding.yaml:9:8: owner of program 'New Hire Onboarding'" in out
    assert "sops/new-hire-cohort-setup.md:3:8: owner of SOP" in out
    assert "Needs a decision" in out and "teaches session 'onb-2026-12-01'" in out
    assert snapshot(project) == before  # without --write nothing changes


def test_write_changes_only_ownership_lines_and_keeps_the_data_valid(tmp_path, capsys):
    project = copy_example(tmp_path / "org")
    # Make one file awkward on purpose: CRLF line ends, a quoted id and a trailing comment.
    sop = project / "sops" / "send-session-reminders.md"
    sop.write_bytes(sop.read_bytes().replace(b"owner: jordan.lee", b"owner: 'jordan.lee'  # since 2025").replace(b"\n", b"\r\n"))
    before = snapshot(project)
    assert main(["handoff", "jordan.lee", "sam.patel", "--write", "--project", str(project), "--today", TODAY.isoformat()]) == 0
    after = snapshot(project)
    changed = {path for path in after if after[path] != before[path]}
    assert changed == {"programs/onboarding.yaml", "sops/new-hire-cohort-setup.md", "sops/send-session-reminders.md"}
    for path in changed:
        old = before[path].decode().splitlines(keepends=True)
        new = after[path].decode().splitlines(keepends=True)
        assert len(old) == len(new)
        diff = [(a, b) for a, b in zip(old, new) if a != b]
        for a, b in diff:
            assert a.replace("jordan.lee", "sam.patel") == b, (a, b)
            assert any(key in a for key in ("owner:", "missed_sessions:", "late_completions:", "improvement_notes:"))
    assert b"owner: 'sam.patel'  # since 2025\r\n" in after["sops/send-session-reminders.md"]
    assert main(["check", "--project", str(project), "--today", TODAY.isoformat()]) == 0
    # Jordan now owns nothing that moves.
    capsys.readouterr()
    main(["handoff", "jordan.lee", "sam.patel", "--project", str(project), "--today", TODAY.isoformat()])
    assert "owns nothing to move" in capsys.readouterr().out


@pytest.mark.parametrize("args, hint", [(["jordan.le", "sam.patel"], "did you mean 'jordan.lee'"),
                                        (["jordan.lee", "new.person"], "people.yaml first"),
                                        (["jordan.lee", "jordan.lee"], "same person")])
def test_unknown_or_same_ids_are_refused(tmp_path, capsys, args, hint):
    project = copy_example(tmp_path / "org")
    assert main(["handoff", *args, "--write", "--project", str(project)]) == 2
    assert hint in capsys.readouterr().err
