"""A preview's loads keep the checks across files (parts, links) for the inputs they read: across
saves of every kind, including a change on disk that no data file shows, each load gives what a
plain load gives (the project and every diagnostic, in order), and a save redoes only what changed."""

import pytest

from tests.helpers import TODAY, copy_example
from trainops.load import kept_checks, parts, references
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.store.cache import DataCache, SharedResults

from .test_schedule_entries import _project_view

SCHEDULE = "programs/schedule.yaml"
ONBOARDING = "programs/onboarding.yaml"
RUNBOOK = "sops/launch-day-runbook.md"
CHECKLIST = "content/files/carelink-cutover-checklist.txt"


def _edit(path, old, new):
    def save(root):
        text = (root / path).read_text(encoding="utf-8")
        assert old in text, (path, old)
        (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")

    return save


def _remove(path):
    def save(root):
        (root / path).rename(root / (path + ".away"))

    return save


def _restore(path):
    def save(root):
        (root / (path + ".away")).rename(root / path)

    return save


SAVES = {
    "nothing": lambda root: None,
    "parts added to a program": _edit(ONBOARDING, "\nowner:", "\nparts: [day-1, day-2]\nowner:"),
    "a session's part": _edit(SCHEDULE, "id: onb-2026-10-06\n", "id: onb-2026-10-06\n    part: day-1\n"),
    "a misspelt part": _edit(SCHEDULE, "part: day-1\n", "part: day-one\n"),
    "a line above every session": _edit(SCHEDULE, "sessions:\n", "sessions:\n# moved\n"),
    "a session's title and room": _edit(SCHEDULE, "title: Exam pilot - Europe", "title: Day 1 - Welcome (Berlin)"),
    "an instructor misspelt": _edit(SCHEDULE, "instructor: jordan.lee", "instructor: jordan.leee"),
    "a session's program misspelt": _edit(SCHEDULE, "program: compliance-refresher", "program: compliance-refreshr"),
    "a person renamed": _edit("programs/people.yaml", "id: jordan.lee", "id: jordan.lea"),
    "an SOP's link broken": _edit(RUNBOOK, "(prepare-session-materials.md)", "(prepare-materials.md)"),
    "a linked file deleted": _remove(CHECKLIST),
    "the file back": _restore(CHECKLIST),
    "a page's links": _edit(
        "content/help.md",
        "\n",
        "\n[gone](files/gone.pdf) [sop](../sops/no-such-sop.md) [bad](javascript:alert(1))\n",
    ),
    "a program removed": _remove("programs/platform-rollout.yaml"),
    "the program back": _restore("programs/platform-rollout.yaml"),
    "parts taken away": _edit(ONBOARDING, "\nparts: [day-1, day-2]", ""),
}


@pytest.mark.parametrize("disk_cache", [False, True])
def test_a_previews_loads_across_saves_are_plain_loads(tmp_path, disk_cache):
    root = copy_example(tmp_path / "org")
    settings, _ = read_settings(root)
    cache = DataCache(tmp_path / "cache" if disk_cache else None)
    cache.shared = SharedResults()
    seen = set()
    for what, save in SAVES.items():
        save(root)
        previewed = load_project(root, settings, TODAY, cache, history=True)
        cache.shared.turn()
        plain = load_project(root, settings, TODAY, history=True)
        assert _project_view(*previewed) == _project_view(*plain), what
        seen |= {d.rule for d in plain[1]}
    # (the comparison means something only if the checks found what the saves brought in)
    assert {"missing-part", "unknown-part", "part-without-session", "broken-link", "unsafe-link"}
    assert {"unknown-person", "unknown-program"} <= seen


def test_a_save_redoes_the_checks_of_what_it_changed(tmp_path, monkeypatch):
    root = copy_example(tmp_path / "org")
    settings, _ = read_settings(root)
    cache = DataCache(None)
    cache.shared = SharedResults()
    project, _ = load_project(root, settings, TODAY, cache)
    cache.shared.turn()
    programs, sops, sessions_of = [], [], []
    real_parts, real_links = parts._program_parts, kept_checks.links_by_name
    monkeypatch.setattr(
        parts, "_program_parts", lambda record, *a: programs.append(record.slug) or real_parts(record, *a)
    )
    monkeypatch.setattr(
        kept_checks, "links_by_name", lambda found, path, index: sops.append(path) or real_links(found, path, index)
    )

    real_sessions = references._Findings.sessions

    def sessions_checked(findings, sessions):
        sessions_of.extend({s.program for s in sessions})
        return real_sessions(findings, sessions)

    monkeypatch.setattr(references._Findings, "sessions", sessions_checked)

    def save_and_load(save):
        programs.clear()
        sops.clear()
        sessions_of.clear()
        save(root)
        load_project(root, settings, TODAY, cache)
        cache.shared.turn()
        return sorted(programs), sorted(sops), sorted(sessions_of)

    assert save_and_load(SAVES["nothing"]) == ([], [], [])
    assert save_and_load(SAVES["parts added to a program"]) == (["onboarding"], [], [])
    # (a save that keeps every line where it was: a session moved down is another session to the
    # checks, which say its line)
    a_part = _edit(
        SCHEDULE, "id: onb-2026-10-06\n    title: Day 1 - Welcome\n", "id: onb-2026-10-06\n    part: day-1\n"
    )
    assert save_and_load(a_part) == (["onboarding"], [], ["onboarding"])
    assert save_and_load(SAVES["an SOP's link broken"]) == ([], [RUNBOOK], [])
    # A file's existence is asked again at every load, not kept: nothing to redo, and still seen.
    assert save_and_load(SAVES["a linked file deleted"]) == ([], [], [])
    # The known programs changed: every SOP's (and page's) links and every session's references are
    # checked again; no program's parts.
    redone_programs, redone_sops, redone_sessions = save_and_load(SAVES["a program removed"])
    assert "platform-rollout" not in redone_programs
    assert "platform-rollout" in redone_sessions and len(redone_sessions) == len({s.program for s in project.sessions})
    assert [path for path in redone_sops if path.startswith("sops/")] == sorted(
        f"sops/{p.name}" for p in (root / "sops").glob("*.md")
    )
