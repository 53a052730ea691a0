"""The rapidyaml fast path of the YAML loader gives libyaml's answer or none (STYLE habit 3).

``yamlsource`` reads files of 64 KB and more with rapidyaml first and falls back to libyaml, the
reference, whenever the fast reader declines. The differential tests here run both readers on a
corpus -- every YAML text of the error goldens (and the goldens themselves), the example
project's data files and SOP front matter, a schedule and a people file in the benchmark's shape,
and seeded random damage of all of these -- and require the fast reader either to decline
or to give exactly the reference's data and source map: every value's and key's line and column,
in the same order. Small inputs are read with ``_load_with_ryml`` directly, below the threshold.
"""

from __future__ import annotations

import pickle
import random
import sys
from pathlib import Path

import pytest
import yaml

from trainops import yamlfast, yamlsource
from trainops.yamlfast import load_with_ryml as _load_with_ryml
from trainops.yamlsource import YamlError, _load_with_libyaml, load_yaml_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_error_goldens import BASE  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ERRORS_DIR = REPO / "tests" / "errors"



def test_the_pinned_rapidyaml_is_usable():
    """Its node layout is the one read here (else every big file would quietly take libyaml's path)."""
    assert yamlfast.prepare_fast_path()

# Characters the robustness tests insert, the YAML indicators, and letters beyond ASCII.
INSERTED = ":-[]{}&*!|>'\"#%@`\t\n ,?" + "éßøç€日本😀"


# --- the corpus ---------------------------------------------------------------------------------


def front_matter(text: str) -> str | None:
    """An SOP's front matter as frontmatter.py hands it to the loader (leading line kept)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n" + "\n".join(lines[1:i])
    return None


def yaml_texts_of(name: str, text: str) -> list[str]:
    if name.endswith((".yaml", ".yml")):
        return [text]
    if name.endswith(".md"):
        meta = front_matter(text)
        return [meta] if meta is not None else []
    return []


def schedule_text(sessions: int, seed: int = 1) -> str:
    """A schedule in the benchmark's shape (bench/generate_org.py), with a few hand-written turns."""
    rng = random.Random(seed)
    words = ("safety", "customer", "platform", "privacy", "leadership", "quality", "coaching", "handover",
             "sécurité", "übung", "研修")  # some lines beyond ASCII, most not: both ways of counting columns
    zones = ("America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney")
    lines = ["# Sessions for the benchmark", "timezone: UTC", "sessions:"]
    for k in range(sessions):
        title = " ".join(rng.choice(words) for _ in range(3)).capitalize()
        lines.append(f"  - program: program-{k % 40:04d}\n    id: s-{k:06d}\n    title: {title}\n"
                     f"    start: 2026-12-{1 + k % 28:02d} {8 + k % 9:02d}:00\n    duration: 1h30m\n"
                     f"    timezone: {zones[k % 4]}\n    room: Room {k % 97}-{k // 97}\n    capacity: 12\n"
                     f"    instructor: person.{k % 150:03d}\n    backup: Call the coordinator\n")
        if k % 50 == 7:
            lines.append(f"  - {{program: program-0001, id: f-{k}, start: '2027-01-05 10:00', end: \"12:00\", "
                         f"link: https://example.com/meet?id={k}, tags: [a, b], notes: []}}\n")
        if k % 50 == 21:
            lines.append(f"  - program: program-0002\n    id: b-{k}\n    start: 2027-02-01 09:00\n"
                         f"    description: >-\n      Bring your badge\n      and a laptop.\n\n"
                         f"      Parking is free.\n    note: |\n      Room changes\n      are posted.\n"
                         f"    cancelled:\n    owner: 'José Ñúñez'\n    empty: []\n    none: {{}}\n")
    return "\n".join(lines) + "\n"


def people_text(people: int) -> str:
    lines = ["people:"]
    for i in range(people):
        lines.append(f"  - {{id: person.{i:03d}, name: Person {i:03d}, email: person.{i:03d}@example.com, "
                     f"timezone: Europe/Berlin}}")
    return "\n".join(lines) + "\n"


def corpus() -> list[tuple[str, str]]:
    """(name, YAML text) for every text the differential tests start from."""
    texts: list[tuple[str, str]] = []
    for name, text in sorted(BASE.items()):
        texts += [(f"BASE/{name}", t) for t in yaml_texts_of(name, text)]
    for case in sorted(ERRORS_DIR.glob("*.yaml")):
        text = case.read_text(encoding="utf-8")
        texts.append((case.name, text))
        for name, content in sorted((yaml.safe_load(text).get("files") or {}).items()):
            if isinstance(content, str):
                texts += [(f"{case.name}/{name}", t) for t in yaml_texts_of(name, content)]
    for folder in ("programs", "sops"):
        for path in sorted((REPO / folder).iterdir()):
            texts += [(f"{folder}/{path.name}", t) for t in yaml_texts_of(path.name, path.read_text(encoding="utf-8"))]
    texts.append(("mkdocs.yml", (REPO / "mkdocs.yml").read_text(encoding="utf-8")))
    texts += [("schedule-small", schedule_text(60)), ("people", people_text(40))]
    return texts


# --- damage, as in test_robustness.py, on text ---------------------------------------------------


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.choice((1, 1, 2, 3))):
        lines = text.split("\n")
        how = rng.randrange(8)
        if how == 0 and len(lines) > 1:
            del lines[rng.randrange(len(lines))]
        elif how == 1:
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
        elif how == 2:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif how == 3:
            i = rng.randrange(len(lines))
            lines[i] = lines[i][rng.randint(1, 2):] if lines[i].startswith(" ") and rng.random() < 0.5 else " " * rng.randint(1, 3) + lines[i]
        if how <= 3:
            text = "\n".join(lines)
        elif how == 4:
            for _ in range(rng.randint(1, 4)):
                i = rng.randint(0, len(text))
                text = text[:i] + rng.choice(INSERTED) + text[i:]
        elif how == 5 and text:
            i = rng.randrange(len(text))
            text = text[:i] + rng.choice(INSERTED + "aZ09") + text[i + 1:]
        elif how == 6 and text:
            for _ in range(rng.randint(1, 5)):
                if text:
                    i = rng.randrange(len(text))
                    text = text[:i] + text[i + 1:]
        elif how == 7:
            text = text[:rng.randint(0, len(text))]
    return text


# --- the comparison -------------------------------------------------------------------------------


def reference(text: str):
    try:
        loaded = _load_with_libyaml(text, "f.yaml")
    except YamlError as exc:
        return ("error", exc.diagnostic)
    return ("ok", loaded.data, list(loaded.source.values.items()), list(loaded.source.keys.items()))


def check_same(text: str, context: str) -> bool:
    """The fast reader declines or agrees with the reference; True when it answered."""
    fast = _load_with_ryml(text, "f.yaml")
    if fast is None:
        return False
    expected = reference(text)
    assert expected[0] == "ok", f"{context}: the fast path read a text libyaml refuses ({expected[1]})\n{text[:800]!r}"
    assert fast.data == expected[1], f"{context}: different data\n{text[:800]!r}"
    # Positions the fast path leaves pending are worked out when asked for: first ask for each
    # one as a rule would (locate), on a fresh read, then compare the whole maps.
    asked = _load_with_ryml(text, "f.yaml").source
    for loc, position in expected[2]:
        assert asked.locate(loc) == position, f"{context}: locate({loc}) gives {asked.locate(loc)}, libyaml {position}"
    for loc, position in expected[3]:
        assert asked.locate(loc, key=True) == position, f"{context}: locate({loc}, key=True) differs"
    got = fast.source.complete()
    assert not got.pending
    for kind, table, reference_table in (("value", got.values, expected[2]), ("key", got.keys, expected[3])):
        assert table == dict(reference_table), \
            f"{context}: different {kind} positions\n{_first_difference(table, reference_table)}\n{text[:800]!r}"
    return True


def _first_difference(got: dict, expected: list) -> str:
    for loc, position in expected:
        if got.get(loc) != position:
            return f"{loc}: fast {got.get(loc)} != libyaml {position}"
    return f"fast has {len(got)} entries, libyaml {len(expected)}"


# --- tests ----------------------------------------------------------------------------------------


CORPUS = corpus()


def test_the_corpus_is_read_alike():
    answered = [name for name, text in CORPUS if check_same(text, name)]
    # The fast path must actually read the ordinary files, or the differential tests prove nothing.
    for name in ("BASE/programs/people.yaml", "BASE/programs/onboarding.yaml", "BASE/programs/schedule.yaml",
                 "programs/schedule.yaml", "programs/people.yaml", "programs/onboarding.yaml",
                 "schedule-small", "people", "sops/launch-day-runbook.md"):
        assert name in answered, f"the fast path declined {name}"
    assert len(answered) > len(CORPUS) // 2


@pytest.mark.parametrize("seed", range(8))
def test_damaged_corpus_is_read_alike_or_declined(seed: int):
    rng = random.Random(seed)
    answered = 0
    for name, text in CORPUS:
        for step in range(25):
            damaged = mutate(rng, text)
            answered += check_same(damaged, f"{name}, seed {seed}, mutation {step}")
    assert answered > 100  # enough damaged texts that still read, to compare their positions


def test_big_schedule_is_read_alike_whole_truncated_and_damaged():
    text = schedule_text(900)
    assert len(text) > 200_000
    assert check_same(text, "schedule")
    assert check_same(text.encode("ascii", "ignore").decode(), "schedule in ASCII")
    for end in (50_000, 123_457, 200_000):
        check_same(text[:end], f"schedule cut at {end}")
    rng = random.Random(7)
    for step in range(12):
        check_same(mutate(rng, text), f"damaged schedule {step}")


def test_positions_left_pending_are_placed_as_libyaml_places_them_and_survive_a_pickle():
    # The bench's shape, text rapidyaml leaves as it is (no folded scalars), a few lines beyond ASCII.
    text = "timezone: UTC\nsessions:\n" + "".join(
        f"  - program: program-{k % 40:04d}\n    id: s-{k:06d}\n    start: 2026-12-{1 + k % 28:02d} 08:00\n"
        + ("    é:   ü and ü\n" if k % 40 == 3 else "") + f"    room:  Room {k}\n\n    # a comment\n    capacity: 12\n"
        for k in range(300))
    fast, reference_map = _load_with_ryml(text, "f.yaml").source, _load_with_libyaml(text, "f.yaml").source
    assert len(fast.pending) >= 300  # the sessions' pairs are left until asked for
    # Where rules ask: fields written, fields missing (the nearest enclosing position), keys.
    for i in (0, 1, 150, 299):
        for field in ("start", "room", "é", "no-such-field", None):
            loc = ("sessions", i) + ((field,) if field else ())
            assert fast.locate(loc) == reference_map.locate(loc), loc
            assert fast.locate(loc, key=True) == reference_map.locate(loc, key=True), loc
    copy = pickle.loads(pickle.dumps(_load_with_ryml(text, "f.yaml").source))
    assert not copy.pending and copy == reference_map


@pytest.mark.parametrize("text", [
    "a: 1\nb: plain text\nc: 'single'\nd: \"double\"\ne:\nf: ~\ng: null\nh: ''\n",
    "list:\n- a\n- 'b'\n-   c\nnested:\n  - - x\n    - y\n  - - z\n",
    "- a: 1\n  b: 2\n- c: [x, y]\n  d: {k: v}\n-   e: 3\n",
    "flow: {a: 1, b: [x, 'y', \"z\"], c: {}}\nempty: []\nnone: {}\n",
    "text: |\n  line one\n  line two\n\nfolded: >-\n  one\n  two\n\n  three\nkeep: >\n  x\n# end\n",
    "é: [ü, x]\n日本: 語 and more\nc: 😀 d\nd: 'ñ'\n",
    "# comment first\n\na: 1  # trailing\n\n# between\nb:   # nothing\n  c: 2\n",
    "'quoted key': 1\n\"double key\": 2\nplain key: 3\n",
    "[a, b, [c, d], {e: f}]\n",
    "plain scalar document\n",
    "",
    "# only a comment\n",
    "a:\n  b:\n    c:\n      - d: e\n        f: [g]\n",
])
def test_every_node_kind_is_placed_as_libyaml_places_it(text: str):
    fast = _load_with_ryml(text, "f.yaml")
    assert fast is not None, "the fast path should read this"
    assert check_same(text, "kinds")


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "<<: {a: 1}\n", "a: 1\na: 2\n", "a:\n\tb: 1\n", "a: b: c\n",
    "--- \na: 1\n", "a: 1\n---\nb: 2\n", "%YAML 1.1\n---\na: 1\n", "\ufeffa: 1\n", "a: 1\r\nb: 2\r\n",
    "a: \"esc\\tape\"\n", "a: 'it''s'\n", "a: folded\n  plain\n", "? a\n: b\n", "a: |2\n   x\n",
    "a: @x\n", "a: `x\n", "x: " + "[" * 70 + "]" * 70 + "\n", "k" * 1100 + ": v\n", "a: =\n",
    "a: |+\n  x\n\n", "a: [x,\n  y]\n", "key with spaces  : 3\n", "a: |\n   x\n  y\n", "a: >\n  x\n    more\n  y\n", "- |\n  x\n",
])
def test_what_the_fast_path_leaves_to_libyaml(text: str):
    assert _load_with_ryml(text, "f.yaml") is None


def test_big_files_take_the_fast_path_and_errors_keep_their_reference_message(monkeypatch, capfd):
    text = schedule_text(400)
    assert len(text) >= yamlsource.FAST_PATH_MIN_CHARS
    calls = []
    monkeypatch.setattr(yamlsource, "_load_with_libyaml", lambda *args: calls.append(args))
    load_yaml_text(text, "programs/schedule.yaml")
    assert calls == []  # read by rapidyaml alone
    monkeypatch.undo()
    broken = text.replace("    capacity: 12\n", "    capacity: [12\n", 1)
    with pytest.raises(YamlError) as info:
        load_yaml_text(broken, "programs/schedule.yaml")
    with pytest.raises(YamlError) as reference_info:
        _load_with_libyaml(broken, "programs/schedule.yaml")
    assert info.value.diagnostic == reference_info.value.diagnostic
    assert capfd.readouterr() == ("", ""), "rapidyaml's own error report must not reach the terminal"


def test_without_rapidyaml_libyaml_reads_everything(monkeypatch):
    text = schedule_text(400)
    monkeypatch.setattr(yamlfast, "_ryml", None)
    assert _load_with_ryml(text, "f.yaml") is None
    assert load_yaml_text(text, "f.yaml").data == _load_with_libyaml(text, "f.yaml").data
