"""A CompactSourceMap answers as the SourceMap it was made from: for generated schedules (random
fields, nested lists, entries of every length, odd entries, layouts of every kind) and the example's,
for every path the map holds and for missing paths below and beside them, keys and values."""

import pickle
import random
from pathlib import Path

import pytest
import yaml

from trainops.load.yamlsource import load_yaml_text
from trainops.model.sourcemap import CompactSourceMap, Layouts, SourceMap

ROOT = Path(__file__).resolve().parents[2]
LIST = ("sessions",)


def _value(rng: random.Random, depth: int):
    kind = rng.randrange(9 if depth < 3 else 4)
    if kind == 0:
        return rng.choice(["p-1", "Room 7", "2026-01-01 09:00", "1h30m", "", "a, b: c", "#x"])
    if kind == 1:
        return rng.randrange(-5, 3000)
    if kind == 2:
        return None
    if kind == 3:
        return "line one\n" * rng.randrange(1, 4) + "the last"  # a block or a folded scalar
    if kind in (4, 5):  # instructors, materials: lists of names or of small mappings
        return [_value(rng, depth + 1) for _ in range(rng.randrange(0, 5))]
    names = ["title", "url", "who", "0", "a b"]
    return {rng.choice(names) + str(k): _value(rng, depth + 1) for k in range(rng.randrange(0, 4))}


def _entry(rng: random.Random):
    if rng.random() < 0.08:  # an entry that is not a mapping, or an empty one
        return rng.choice([None, "just text", [1, 2], {}])
    names = ["program", "id", "title", "start", "duration", "room", "instructors", "materials", "notes", "extra"]
    chosen = rng.sample(names, rng.randrange(1, len(names)))
    return {name: _value(rng, 1) for name in chosen}


def generated_schedule(seed: int) -> str:
    """A schedule as YAML, written in one of several layouts (block or flow lists, indents, widths),
    blank lines and comments here and there."""
    rng = random.Random(seed)
    data = {"timezone": "UTC", "sessions": [_entry(rng) for _ in range(rng.randrange(0, 40))]}
    if rng.random() < 0.5:
        data["after"] = {"notes": [_value(rng, 2)]}
    text = yaml.safe_dump(
        data,
        sort_keys=rng.random() < 0.3,
        default_flow_style=rng.choice([False, None]),
        indent=rng.choice([2, 4]),
        width=rng.choice([20, 80, 1000]),
        allow_unicode=True,
    )
    lines = []
    for line in text.split("\n"):
        lines.append(line)
        if rng.random() < 0.1 and line and not line.endswith(("|", "|-", ">", ">-")):
            lines.append("")  # (a blank line in a block scalar would change its text, not its places)
    return "\n".join(lines)


def probes(source: SourceMap, count: int) -> list[tuple]:
    """Every path ``source`` holds, paths below each of them and beside them, and paths around the
    list's entries."""
    found: set[tuple] = {(), ("nothing",), ("nothing", 0), LIST, ("sessions", "0"), ("sessions", -1, "start")}
    found |= {("sessions", i, "start") for i in (count, count + 3)} | {("sessions", count)}
    for loc in (*source.values, *source.keys):
        found |= {loc, loc + ("missing",), loc + (0,), loc + (7, "x"), loc + ("title0", 2)}
        if loc:
            found |= {loc[:-1] + ("beside",), loc[:-1] + (99,)}
            if isinstance(loc[-1], int):
                found |= {loc[:-1] + (loc[-1] + 1,), loc[:-1] + (loc[-1] + 1, "title")}
    return sorted(found, key=repr)


def assert_same_answers(compact: CompactSourceMap, source: SourceMap, count: int) -> int:
    asked = 0
    for loc in probes(source, count):
        for key in (False, True):
            assert compact.locate(loc, key) == source.locate(loc, key), (loc, key)
            asked += 1
    return asked


def kept_keys(source: SourceMap) -> SourceMap:
    """The map as the schedule's reader keeps it: the keys' places below the top level let go."""
    return SourceMap(source.path, source.values, {k: v for k, v in source.keys.items() if len(k) < 3})


def thinned(source: SourceMap, seed: int) -> SourceMap:
    """The map with a third of its values and of its keys left out, at random: a key without its
    value, a value without its key, an item with neither below one with both."""
    rng = random.Random(seed)
    values = {loc: place for loc, place in source.values.items() if rng.random() > 0.33}
    return SourceMap(source.path, values, {loc: place for loc, place in source.keys.items() if rng.random() > 0.33})


def one_entry(source: SourceMap, i: int) -> SourceMap:
    """The map of entry ``i`` read alone (as a preview does), with where the list is."""
    part = SourceMap(source.path)
    for table, into in ((source.values, part.values), (source.keys, part.keys)):
        into.update({loc: place for loc, place in table.items() if loc == LIST or loc[:2] == ("sessions", i)})
    return part


def count_of(data) -> int:
    sessions = data.get("sessions") if isinstance(data, dict) else None
    return len(sessions) if isinstance(sessions, list) else 0


SCHEDULES = [("example", (ROOT / "programs" / "schedule.yaml").read_text())] + [
    (f"generated-{seed}", generated_schedule(seed)) for seed in range(40)
]


@pytest.mark.parametrize("name,text", SCHEDULES, ids=[name for name, _ in SCHEDULES])
def test_a_compact_map_answers_as_the_dict_map(name, text):
    loaded = load_yaml_text(text, "programs/schedule.yaml")
    count = count_of(loaded.data)
    for source in (loaded.source, kept_keys(loaded.source), thinned(loaded.source, len(text))):
        assert assert_same_answers(CompactSourceMap.of(source, "sessions", 0, count), source, count) > 10
    pool = Layouts()  # shared by the entries read one at a time, as a preview's are
    for i in range(count):
        part = one_entry(loaded.source, i)
        compact = CompactSourceMap.of(part, "sessions", i, 1, pool)
        assert_same_answers(compact, part, count)
        # Read lines higher up (a preview's entry, a line added above it): the entry moves, not the list.
        moved = SourceMap(part.path)
        for table, into in ((part.values, moved.values), (part.keys, moved.keys)):
            into.update({loc: (at + (loc != LIST) * 5, column) for loc, (at, column) in table.items()})
        assert_same_answers(compact.shifted(5), moved, count)


def test_the_places_outside_a_list_of_entries_are_answered_from_the_head():
    text = "timezone: UTC\nsessions:\n  '0': x\n  '1': {a: 1}\nafter: [1, [2, 3]]\n"
    loaded = load_yaml_text(text, "s.yaml")
    compact = CompactSourceMap.of(loaded.source, "sessions", 0, 0)  # ``sessions:`` is not a list: no entries
    assert assert_same_answers(compact, loaded.source, 0) > 10
    assert compact.layouts == [] and compact.head == loaded.source


def test_entries_written_alike_share_one_layout_and_the_map_pickles_whole():
    entry = "  - program: p\n    start: 2026-01-01 09:00\n    instructors: [a, b]\n\n"
    text = "timezone: UTC\nsessions:\n" + entry * 500 + "  - program: p\n    room: r\n"
    loaded = load_yaml_text(text, "s.yaml")
    compact = CompactSourceMap.of(loaded.source, "sessions", 0, 501)
    assert len({id(layout) for layout in compact.layouts}) == 2
    assert list(compact.lines[:3]) == [3, 7, 11]
    assert compact.locate(("sessions", 499, "instructors", 1)) == (3 + 4 * 499 + 2, 22)
    again = pickle.loads(pickle.dumps(compact))
    assert again == compact
    assert len({id(layout) for layout in again.layouts}) == 2
    assert_same_answers(again, loaded.source, 501)


def test_maps_made_entry_by_entry_with_one_pool_share_layouts_and_head():
    entry = "  - program: p\n    start: 2026-01-01 09:00\n"
    loaded = load_yaml_text("sessions:\n" + entry * 50, "s.yaml")
    pool = Layouts()
    maps = [CompactSourceMap.of(one_entry(loaded.source, i), "sessions", i, 1, pool) for i in range(50)]
    assert len({id(m.layouts[0]) for m in maps}) == 1 and len({id(m.head) for m in maps}) == 1
    assert [m.locate(("sessions", i, "start")) for i, m in enumerate(maps)] == [(3 + 2 * i, 12) for i in range(50)]
