"""The schedule read entry by entry (a preview's loads) gives the whole-file reader's result:
the same sessions at the same lines, the same references, the same diagnostics in the same order."""

import random
from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_example
from trainops.load.loading import load_project
from trainops.load.schedule_entries import read_schedule_by_entries, worth_storing
from trainops.load.schedule_reader import read_schedule
from trainops.load.settings import read_settings
from trainops.store.cache import DataCache, SharedResults

REL = "programs/schedule.yaml"
ROOT = Path(__file__).resolve().parents[2]


def preview_cache() -> DataCache:
    cache = DataCache(None)
    cache.shared = SharedResults()
    return cache


def view(result):
    """Everything a reader's result tells, each session's every field located as callers do."""
    sessions = [
        (s.id, s.entry, s.zone, s.start, s.end, s.path, s.loc, s.start_utc, s.end_utc)
        + tuple(s.line(name) for name in (None, *type(s.entry).model_fields, "no-such-field"))
        for s in result.sessions
    ]
    return sessions, result.references, [d.as_text() for d in result.diagnostics]


def assert_same_as_whole(text: str, cache: DataCache | None = None) -> DataCache:
    cache = cache or preview_cache()
    assert view(read_schedule_by_entries(REL, text, cache)) == view(read_schedule(REL, text))
    return cache


def generated(count: int, seed: int, indent: str = "  ") -> str:
    """A schedule with good entries and every kind of entry problem a reader finds on its own."""
    rng = random.Random(seed)
    out = ["# generated\n", "timezone: Europe/Berlin\n", "sessions:\n", "  # the first comment\n"]
    fields = "    program: p-{k}\n    id: s-{k}\n    start: 2026-03-{day:02d} {hour:02d}:{minute:02d}\n"
    for k in range(count):
        kind = rng.randrange(9)
        body = fields.format(k=k, day=1 + k % 28, hour=8 + k % 9, minute=rng.choice((0, 15, 30)))
        lines = body.replace("    ", "", 1).replace("    ", indent + "  ")
        extra = {
            0: f"{indent}  duration: 1h30m\n",
            1: f"{indent}  end: '{10 + k % 9}:00'\n{indent}  room: 'R&D, room {k}'\n",
            2: f"{indent}  duration: forever\n",  # invalid: a reference is still checked
            3: f"{indent}  end: '07:00'\n",  # end before start
            4: f"{indent}  duration: 2h\n{indent}  timezone: Mars/Olympus\n",
            5: f"{indent}  duration: 1h\n{indent}  notes: |\n{indent}    two lines\n\n{indent}    of text\n",
            6: f"{indent}  duration: 1h\n{indent}  unknown_field: x  # a comment\n",
            7: f"{indent}  duration: 45m\n{indent}  instructor: someone\n\n# a comment between entries\n",
            8: f"{indent}  duration: 1h\n{indent}  timezone: Europe/Berlin\n{indent}  fold: 1\n",
        }[kind]
        out.append(f"{indent}- " + lines + extra)
    out.append("programs_note: after the list\n")
    return "".join(out)


def test_the_example_schedule_reads_the_same_in_parts():
    cache = assert_same_as_whole((ROOT / REL).read_text())
    assert len(cache.shared) > 1  # (read in parts, not handed to the whole-file reader)


@pytest.mark.parametrize("indent", ["  ", "", "    "])
def test_a_generated_schedule_reads_the_same_in_parts(indent):
    text = generated(300, seed=len(indent), indent=indent)
    cache = assert_same_as_whole(text)
    assert len(cache.shared) == 300
    assert any(d.startswith(f"{REL}:") for d in view(read_schedule(REL, text))[2])  # (its errors compared)


def test_the_entries_read_afresh_share_their_places_layouts():
    result = read_schedule_by_entries(REL, generated(300, seed=1), preview_cache())
    assert len(result.sessions) > 40 and len({id(s.source.head) for s in result.sessions}) == 1
    assert len({id(layout) for s in result.sessions for layout in s.source.layouts}) <= 9  # (kinds of entry)


def test_a_save_reads_the_changed_entry_and_reuses_the_others():
    text = generated(200, seed=7)
    cache = assert_same_as_whole(text)
    first = read_schedule_by_entries(REL, text, cache)
    cache.shared.turn()
    edited = text.replace("id: s-5\n", "id: s-5\n    room: a new room\n    capacity: 3\n", 1)
    assert edited != text
    again = assert_same_as_whole(edited, cache)
    second = read_schedule_by_entries(REL, edited, again)
    kept = {id(s) for s in first.sessions} & {id(s) for s in second.sessions}
    # Entries before the edit are the same objects; after it their lines moved (and their places with them).
    assert 0 < len(kept) < len(first.sessions)
    moved = read_schedule_by_entries(REL, edited.replace("  # the first comment\n", ""), again)
    assert view(moved) == view(read_schedule(REL, edited.replace("  # the first comment\n", "")))


@pytest.mark.parametrize(
    "text",
    [
        "timezone: UTC\nsessions:\n  - &a\n    program: p\n    start: 2026-01-01 09:00\n    duration: 1h\n  - *a\n",
        "timezone: UTC\nsessions:\n  - !!map\n    program: p\n",
        "timezone: UTC\nsessions:\n  - program: p\n    start: 2026-01-01 09:00\n    duration: 1h\n  - *a\n",
        "timezone: UTC\nsessions:\n  - program: p\n---\nsessions: []\n",
        "timezone: UTC\nsessions:\n  - program: p\n\tstart: x\n",
        "timezone: UTC\nsessions:\n  - program: p\r    start: 2026-01-01 09:00\n",
        "timezone: UTC\nsessions:\n  - program: p\r    room: a\n  - program: q\n    start: never\n",
        "timezone: UTC\nsessions:\n  - program: p\n    room: a\x85b\n  - program: q\n    start: never\n",
        "timezone: UTC\nsessions:\n  - program: p\n    program: q\n  - program: r\n",
        "timezone: UTC\nsessions:\n  - program: 'p\n  - program: r\n",
        "timezone: UTC\nsessions:\n  -\n  - program: r\n",
        "timezone: UTC\nsessions: [{program: p}]\n",
        "timezone: UTC\nsessions:\n  - program: p\nsessions:\n  - program: q\n",
        "timezone: [UTC\nsessions:\n  - program: p\n",
        "- program: p\n",
        "timezone: UTC\nsessions:\n  - program: p\n    start: 2026-01-01 09:00\n    duration: 1h\n x: y\n",
        "timezone: UTC\nsessions:\n  - program: p\n  - program: q\n    start: 2026-01-01 09:00\n   - bad\n",
        "timezone: UTC\nsessions:\n# only a comment\n",
        'timezone: UTC\nsessions:\n  - program: p\n    title: "an escape \\x1b"\n',
        "timezone: UTC\nsessions:\n  - program: p\n    title: a\u2028b\n",
    ],
)
def test_what_reads_across_entries_or_does_not_read_gives_the_whole_files_result(text):
    assert_same_as_whole(text)


def test_without_a_previews_shared_results_the_whole_file_is_read():
    cache = DataCache(None)
    text = generated(20, seed=3)
    assert view(read_schedule_by_entries(REL, text, cache)) == view(read_schedule(REL, text))


def _project_view(project, diagnostics):
    return [view_session(s) for s in project.sessions], project.unchecked_references, [d.as_text() for d in diagnostics]


def view_session(s):
    return (s.id, s.entry, s.zone, s.start, s.end, s.path, s.loc) + tuple(
        s.line(name) for name in (None, *type(s.entry).model_fields)
    )


def test_a_previews_loads_across_saves_are_plain_loads(tmp_path):
    root = copy_example(tmp_path / "org")
    settings, _ = read_settings(root)
    schedule = root / REL
    schedule.write_text(schedule.read_text() + generated(60, seed=5).split("sessions:\n", 1)[1])
    cache = DataCache(tmp_path / "cache")
    cache.shared = SharedResults()
    saves = [
        lambda text: text,
        lambda text: text.replace("id: s-7\n", "id: s-7\n    room: moved\n", 1),
        lambda text: text.replace("id: s-9\n", "id: s-9\n    capacity: lots\n", 1),
        lambda text: "# a comment on top\n" + text,
    ]
    for save in saves:
        schedule.write_text(save(schedule.read_text()))
        previewed = load_project(root, settings, TODAY, cache)
        cache.shared.turn()
        assert _project_view(*previewed) == _project_view(*load_project(root, settings, TODAY))
        assert cache.shared.get(cache.digest("schedule-in-parts", REL, schedule.read_bytes())) is not None
    # Only the start (every entry read afresh) was written to disk; a new preview hands its entries on.
    fresh = DataCache(tmp_path / "cache")
    fresh.shared = SharedResults()
    assert fresh.enabled
    schedule.write_text(saves[0](schedule.read_text()).replace("# a comment on top\n", "", 1))
    assert _project_view(*load_project(root, settings, TODAY, fresh)) == _project_view(
        *load_project(root, settings, TODAY)
    )
    assert len(fresh.shared) > 60


def test_a_save_that_reads_a_few_entries_is_not_written_to_disk():
    cache = preview_cache()
    text = generated(50, seed=1)
    start = read_schedule_by_entries(REL, text, cache)
    assert worth_storing(start) and start.read_afresh == 50
    cache.shared.turn()
    save = read_schedule_by_entries(REL, text.replace("id: s-3\n", "id: s-3\n    room: a\n    capacity: 2\n", 1), cache)
    # (the entries after it moved two lines down: their places are moved, they are not read again)
    assert not worth_storing(save) and save.read_afresh == 1
