"""The schedule's reader keeps its sessions' places compactly, with the answers of the map it read:
YAML (the example's schedule, generated ones) and CSV, every place and the places around them."""

import random
from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.model.test_sourcemap import kept_keys, probes
from trainops.load.schedule_reader import _load_csv, _Problems, read_schedule
from trainops.load.yamlsource import load_yaml_text
from trainops.model.formats import SessionEntry
from trainops.model.sourcemap import CompactSourceMap, SourceMap

from .test_schedule_entries import generated

ROOT = Path(__file__).resolve().parents[2]


def assert_located_as_read(rel: str, text: str, read: SourceMap) -> None:
    """Every session of ``text`` answers as ``read`` (the map the reader made), its keys' places
    below the top level let go; every session of the file shares one map."""
    sessions = read_schedule(rel, text).sessions
    assert sessions
    assert len({id(s.source) for s in sessions}) == 1 and isinstance(sessions[0].source, CompactSourceMap)
    kept, source = kept_keys(read), sessions[0].source
    for loc in probes(kept, len(sessions)):
        for key in (False, True):
            assert source.locate(loc, key) == kept.locate(loc, key), (loc, key)
    for s in sessions:
        for name in (None, *type(s.entry).model_fields, "no-such-field"):
            assert s.line(name) == kept.locate(s.loc + ((name,) if name else ()))


# The example's schedule, and generated ones with entries of every kind (valid, invalid, notes
# over several lines, comments and blank lines between entries), indented in three ways; random
# fields and nested lists are tests/model/test_sourcemap.py's (they never validate as sessions).
SCHEDULES = [
    (ROOT / "programs" / "schedule.yaml").read_text(),
    generated(120, 11),
    generated(40, 2, "    "),
    generated(40, 3, ""),
]


@pytest.mark.parametrize("text", SCHEDULES)
def test_a_yaml_schedules_sessions_are_located_as_read(text):
    assert_located_as_read("programs/schedule.yaml", text, load_yaml_text(text, "programs/schedule.yaml").source)


def generated_csv(rows: int, seed: int) -> str:
    """A CSV schedule: blank rows, quoted cells (commas inside), empty cells, a cell beyond the header."""
    rng = random.Random(seed)
    out = ["program,id,start,duration,timezone,room,title\n"]
    for k in range(rows):
        room = rng.choice(["", f"Room {k}", f'"Room {k}, east"'])
        extra = ",surplus" if rng.random() < 0.05 else ""
        out.append(f"p-{k % 3},s-{k},2026-03-{1 + k % 28:02d} 09:{k % 60:02d},1h,UTC,{room},Title {k}{extra}\n")
        if rng.random() < 0.1:
            out.append(",,,\n" if rng.random() < 0.5 else "\n")
    return "".join(out)


@pytest.mark.parametrize("seed", range(3))
def test_a_csv_schedules_sessions_are_located_as_read(seed):
    rel = "programs/schedule.csv"
    text = generated_csv(80, seed)
    problems = _Problems()
    read = _load_csv(problems, rel, text)
    assert read is not None and not problems
    assert_located_as_read(rel, text, read.source)


def test_entries_written_with_the_same_fields_share_one_set_of_their_names():
    """Pydantic keeps the names of the fields written in every model: the sessions written alike
    share one set of them, each entry is still the validated model, and a copy with a field
    changed gets a set of its own."""
    text = (
        "timezone: Europe/Berlin\nsessions:\n"
        "  - {program: onb, start: '2027-01-04 09:00', duration: 2h, room: HQ}\n"
        "  - {program: onb, start: '2027-01-05 09:00', duration: 2h, room: HQ 2}\n"
        "  - {program: onb, start: '2027-01-06 09:00', duration: 1h, link: 'https://meet.example.com/x'}\n"
    )
    a, b, c = (s.entry for s in read_schedule("programs/schedule.yaml", text).sessions)
    assert a.model_fields_set is b.model_fields_set and a.model_fields_set == {"program", "start", "duration", "room"}
    assert c.model_fields_set == {"program", "start", "duration", "link"}
    raw = {"program": "onb", "start": "2027-01-05 09:00", "duration": "2h", "room": "HQ 2"}
    assert (
        b == SessionEntry.model_validate(raw)
        and b.model_dump_json() == SessionEntry.model_validate(raw).model_dump_json()
    )
    changed = a.model_copy(update={"capacity": 3})
    assert "capacity" in changed.model_fields_set and "capacity" not in b.model_fields_set
    with pytest.raises(ValidationError):
        a.room = "elsewhere"  # type: ignore[misc]  (frozen: no set is ever changed in place)
