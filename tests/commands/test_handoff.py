"""``trainops handoff``: the report, and --write changing nothing but ownership values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_example
from trainops.cli import main


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the project but trainops' cache (which loading may fill)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".trainops-cache" not in p.parts
    }


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
    sop.write_bytes(
        sop.read_bytes().replace(b"owner: jordan.lee", b"owner: 'jordan.lee'  # since 2025").replace(b"\n", b"\r\n")
    )
    before = snapshot(project)
    assert (
        main(["handoff", "jordan.lee", "sam.patel", "--write", "--project", str(project), "--today", TODAY.isoformat()])
        == 0
    )
    after = snapshot(project)
    changed = {path for path in after if after[path] != before[path]}
    assert changed == {"programs/onboarding.yaml", "sops/new-hire-cohort-setup.md", "sops/send-session-reminders.md"}
    for path in changed:
        old = before[path].decode().splitlines(keepends=True)
        new = after[path].decode().splitlines(keepends=True)
        assert len(old) == len(new)
        diff = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
        for a, b in diff:
            assert a.replace("jordan.lee", "sam.patel") == b, (a, b)
            assert any(key in a for key in ("owner:", "missed_sessions:", "late_completions:", "improvement_notes:"))
    assert b"owner: 'sam.patel'  # since 2025\r\n" in after["sops/send-session-reminders.md"]
    assert main(["check", "--project", str(project), "--today", TODAY.isoformat()]) == 0
    # Jordan now owns nothing that moves.
    capsys.readouterr()
    main(["handoff", "jordan.lee", "sam.patel", "--project", str(project), "--today", TODAY.isoformat()])
    assert "owns nothing to move" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, hint",
    [
        (["jordan.le", "sam.patel"], "did you mean 'jordan.lee'"),
        (["jordan.lee", "new.person"], "people.yaml first"),
        (["jordan.lee", "jordan.lee"], "same person"),
    ],
)
def test_unknown_or_same_ids_are_refused(tmp_path, capsys, args, hint):
    project = copy_example(tmp_path / "org")
    assert main(["handoff", *args, "--write", "--project", str(project)]) == 2
    assert hint in capsys.readouterr().err


# --- values written in every way a coordinator may write them ------------------------------------

ESCALATION_BLOCK = (
    b"escalation:\n"
    b"  missed_sessions: jordan.lee\n"
    b"  late_completions: jordan.lee\n"
    b"  learner_questions: sam.patel\n"
    b"  improvement_notes: jordan.lee\n"
)


def handoff_write(project: Path, to_id: str = "sam.patel") -> int:
    return main(["handoff", "jordan.lee", to_id, "--write", "--project", str(project), "--today", TODAY.isoformat()])


def rewrite(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert data.count(old) == 1, old
    path.write_bytes(data.replace(old, new))


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("to_id", ["sam.patel", "maria.garcia"])  # a shorter and a longer id than jordan.lee
def test_several_owners_on_one_line_of_a_flow_mapping(tmp_path, capsys, to_id, newline):
    project = copy_example(tmp_path / "org")
    program = project / "programs" / "onboarding.yaml"
    flow = (
        b"escalation: {missed_sessions: jordan.lee, late_completions: hanako.sato, "
        b"learner_questions: 'jordan.lee', improvement_notes: \"jordan.lee\"}  # all four"
    )
    rewrite(program, ESCALATION_BLOCK, flow + b"\n")
    program.write_bytes(b"\xef\xbb\xbf" + program.read_bytes().replace(b"\n", newline))
    before = program.read_bytes()
    assert handoff_write(project, to_id) == 0
    new = to_id.encode()
    expected_flow = (
        b"escalation: {missed_sessions: " + new + b", late_completions: hanako.sato, "
        b"learner_questions: '" + new + b"', improvement_notes: \"" + new + b'"}  # all four'
    )
    expected = before.replace(flow, expected_flow).replace(b"owner: jordan.lee", b"owner: " + new)
    assert program.read_bytes() == expected
    assert "Moved 6 ownership values in 3 files." in capsys.readouterr().out
    assert main(["check", "--project", str(project), "--today", TODAY.isoformat()]) == 0


def test_a_flow_mapping_spread_over_lines(tmp_path):
    project = copy_example(tmp_path / "org")
    program = project / "programs" / "onboarding.yaml"
    flow = (
        b"escalation: {missed_sessions: jordan.lee, late_completions: jordan.lee,\n"
        b"  learner_questions: sam.patel, improvement_notes: jordan.lee}\n"
    )
    rewrite(program, ESCALATION_BLOCK, flow)
    before = program.read_bytes()
    assert handoff_write(project, "maria.garcia") == 0
    assert program.read_bytes() == before.replace(b"jordan.lee", b"maria.garcia")
    assert main(["check", "--project", str(project), "--today", TODAY.isoformat()]) == 0


def test_quoted_owners_keep_their_quotes_and_the_bytes_around_them(tmp_path):
    project = copy_example(tmp_path / "org")
    program = project / "programs" / "onboarding.yaml"
    rewrite(program, b"owner: jordan.lee\n", b'owner:   "jordan.lee"   # double\n')
    program.write_bytes(b"\xef\xbb\xbf" + program.read_bytes().replace(b"\n", b"\r\n"))
    sop = project / "sops" / "new-hire-cohort-setup.md"
    rewrite(sop, b"owner: jordan.lee\n", b"owner: 'jordan.lee' # single\n")
    before = snapshot(project)
    assert handoff_write(project, "hanako.sato") == 0
    after = snapshot(project)
    assert after["programs/onboarding.yaml"] == before["programs/onboarding.yaml"].replace(
        b"jordan.lee", b"hanako.sato"
    )
    assert b'\r\nowner:   "hanako.sato"   # double\r\n' in after["programs/onboarding.yaml"]
    assert after["sops/new-hire-cohort-setup.md"] == before["sops/new-hire-cohort-setup.md"].replace(
        b"owner: 'jordan.lee'", b"owner: 'hanako.sato'"
    )
    assert main(["check", "--project", str(project), "--today", TODAY.isoformat()]) == 0


@pytest.mark.parametrize("block", [b"|", b">-", b"|+"])
def test_values_that_cannot_be_rewritten_in_place_are_named_and_nothing_is_written(tmp_path, capsys, block):
    project = copy_example(tmp_path / "org")
    program = project / "programs" / "onboarding.yaml"
    rewrite(program, b"owner: jordan.lee\n", b"owner: " + block + b"\n  jordan.lee\n")
    rewrite(program, b"  late_completions: jordan.lee\n", b"  late_completions: ' jordan.lee'\n")
    sop = project / "sops" / "new-hire-cohort-setup.md"
    rewrite(sop, b"owner: jordan.lee\n", b'owner: "jordan\\x2elee"\n')
    other = project / "sops" / "send-session-reminders.md"  # this one could be rewritten: it is not
    other.write_bytes(other.read_bytes().replace(b"\n", b"\r\n"))
    before = snapshot(project)
    assert main(["check", "--project", str(project), "--today", TODAY.isoformat()]) == 0  # all valid data
    capsys.readouterr()
    assert handoff_write(project) == 1
    err = capsys.readouterr().err
    assert (
        "trainops: programs/onboarding.yaml:9:8: owner is written as a block scalar; change it by hand to 'sam.patel'"
    ) in err
    assert (
        "trainops: programs/onboarding.yaml:81:21: escalation.late_completions is not written as the plain id; "
        "change it by hand to 'sam.patel'"
    ) in err
    assert "trainops: sops/new-hire-cohort-setup.md:3:8: owner is written with escapes; change it by hand" in err
    assert "nothing was written: change these 3 values by hand" in err
    assert "changed while reading" not in err
    assert snapshot(project) == before


def test_a_file_changed_between_reading_and_writing_is_still_refused(tmp_path):
    from trainops.commands.handoff import apply_handoff
    from trainops.load.loading import load_project
    from trainops.load.settings import read_settings
    from trainops.plan.handoff import HandoffError, plan_handoff

    project_dir = copy_example(tmp_path / "org")
    settings, _ = read_settings(project_dir)
    project, _ = load_project(project_dir, settings, TODAY)
    plan = plan_handoff(project, "jordan.lee", "sam.patel")
    program = project_dir / "programs" / "onboarding.yaml"
    rewrite(program, b"owner: jordan.lee\n", b"\nowner: jordan.lee\n")  # one line lower now
    with pytest.raises(HandoffError, match=r"programs/onboarding.yaml:9: .*the file changed while reading it"):
        apply_handoff(project_dir, plan)
