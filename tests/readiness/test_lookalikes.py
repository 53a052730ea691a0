"""Look-alike spellings (a warning at the later one) and retired names matched in any Unicode form."""

from __future__ import annotations

import unicodedata

import pytest

from tests.helpers.counting import count_calls
from trainops.readiness import check_readiness
from trainops.readiness import lookalikes as lookalikes_module
from trainops.readiness.lookalikes import lookalike_names, skeleton

from .healthy import PEOPLE, PROGRAM, SCHEDULE, findings_for

CYR_A, CYR_VE, CYR_DZE = "\u0410", "\u0412", "\u0405"  # А, В, Ѕ: Cyrillic, they look like A, B, S
CAFE_NFC, CAFE_NFD = "Caf\u00e9", "Cafe\u0301"
assert unicodedata.normalize("NFC", CAFE_NFD) == CAFE_NFC != CAFE_NFD


def session(sid: str, room: str, start: str = "2026-12-11 09:00", instructor: str = "ana.ruiz") -> str:
    return (
        f"  - program: forklift\n    id: {sid}\n    start: {start}\n    duration: 1h\n    room: {room}\n"
        f"    capacity: 8\n    instructor: {instructor}\n    backup: call in\n"
    )


def lookalikes(tmp_path, files):
    project, findings = findings_for(tmp_path, files)
    return project, sorted((f.path, f.line, f.message) for f in findings if f.rule == "lookalike-name")


def test_skeleton():
    assert skeleton("jordan.lee") == skeleton("jordan-lee") == skeleton("Jordan_Lee") == skeleton(" jordan lee")
    assert skeleton(f"HQ 4{CYR_VE}") == skeleton("HQ 4B") == skeleton("hq4b")
    assert skeleton(f"{CYR_A}na Ruiz") == skeleton("Ana Ruiz")
    assert skeleton(f"{CAFE_NFD} 2") == skeleton(f"{CAFE_NFC} 2") != skeleton("Cafe 2")
    assert skeleton("\u039dora") == skeleton("Nora")  # Greek capital Nu reads as N, not as its lowercase ν
    assert skeleton("Bay 3") != skeleton("Bay 8")
    # A separator between digits still separates: these are other rooms (as the benchmark's are).
    assert skeleton("Room 3-10") == skeleton("room 3 10") != skeleton("Room 31-0")
    assert skeleton("HQ 4.1") != skeleton("HQ 41")
    assert skeleton("Ｒｏｏｍ\u200b1") == skeleton("Room 1")  # full-width letters, a zero-width space


def test_person_ids_that_differ_only_in_separators(tmp_path):
    people = (
        PEOPLE + "  - {id: jordan-lee, name: Jordan Lee}\n  - {id: jordan.lee, name: Jordan Lee}\n"
        "  - {id: jordan_lee, name: Jordan Lee}\n"
    )
    _, found = lookalikes(tmp_path, {"programs/people.yaml": people})
    assert [(path, line) for path, line, _ in found] == [("programs/people.yaml", 6), ("programs/people.yaml", 7)]
    assert "person id 'jordan.lee' looks like 'jordan-lee' (programs/people.yaml:5)" in found[0][2]
    assert "person id 'jordan_lee' looks like 'jordan-lee' (programs/people.yaml:5)" in found[1][2]
    # One name written the same way by three people is not a look-alike.
    assert not any("person name" in message for _, _, message in found)


def test_a_person_nobody_refers_to_is_still_reported(tmp_path):
    project, found = lookalikes(tmp_path, {"programs/people.yaml": PEOPLE + "  - {id: kei_mori, name: Kei Mori}\n"})
    assert [(path, line) for path, line, _ in found] == [("programs/people.yaml", 5)]
    assert [f.program for f in lookalike_names(project)] == [None]  # no launch's checklist: the whole project's


def test_a_person_name_with_a_cyrillic_letter(tmp_path):
    people = PEOPLE + f"  - id: ana.ruiz2\n    name: {CYR_A}na Ruiz\n"
    schedule = SCHEDULE.replace("instructor: ana.ruiz", "instructor: ana.ruiz2")
    project, found = lookalikes(tmp_path, {"programs/people.yaml": people, "programs/schedule.yaml": schedule})
    assert [(path, line) for path, line, _ in found] == [("programs/people.yaml", 6)]
    message = found[0][2]
    assert f"person name '{CYR_A}na Ruiz' looks like 'Ana Ruiz' (programs/people.yaml:2)" in message
    assert "CYRILLIC CAPITAL LETTER A" in message and message.endswith("write it the same way")
    # Attached to the launch the look-alike person teaches in: its checklist item fails.
    assert {f.program for f in lookalike_names(project)} == {"forklift"}
    item = next(i for i in check_readiness(project)["forklift"].items if i.rule == "lookalike-name")
    assert item.group == "logistics" and [f.line for f in item.findings] == [6]


def test_a_room_with_a_cyrillic_letter_is_one_warning_however_many_sessions(tmp_path):
    extra = "".join(
        session(f"s{i}", "Bay 3" if i % 2 else f"{CYR_VE}ay 3", f"2026-12-{11 + i} 09:00") for i in range(6)
    )
    project, found = lookalikes(tmp_path, {"programs/schedule.yaml": SCHEDULE + extra})
    # fl-1 writes 'Bay 3' on line 7; s0, the first session with the Cyrillic В, on lines 11-18.
    assert found == [
        (
            "programs/schedule.yaml",
            15,
            f"room '{CYR_VE}ay 3' looks like 'Bay 3' (programs/schedule.yaml:7) but is written differently "
            f"(a letter from another alphabet? '{CYR_VE}' in '{CYR_VE}ay 3' is CYRILLIC CAPITAL LETTER VE); "
            "write it the same way",
        )
    ]


def test_the_later_spelling_is_reported_even_when_the_first_is_the_odd_one(tmp_path):
    schedule = SCHEDULE.replace("room: Bay 3", f"room: HQ 4{CYR_VE}") + session("fl-2", "HQ 4B")
    _, found = lookalikes(tmp_path, {"programs/schedule.yaml": schedule})
    assert [(line, message.split(" but ")[0]) for _, line, message in found] == [
        (15, f"room 'HQ 4B' looks like 'HQ 4{CYR_VE}' (programs/schedule.yaml:7)")
    ]
    assert f"'{CYR_VE}' in 'HQ 4{CYR_VE}' is CYRILLIC CAPITAL LETTER VE" in found[0][2]


def test_nfc_and_nfd_forms_of_one_room_and_one_name(tmp_path):
    schedule = SCHEDULE.replace("room: Bay 3", f"room: {CAFE_NFC} 2") + session("fl-2", f"{CAFE_NFD} 2")
    people = PEOPLE + f"  - {{id: rene.roy, name: Ren{chr(0xE9)} Roy}}\n  - {{id: rene.roy2, name: Rene\u0301 Roy}}\n"
    _, found = lookalikes(tmp_path, {"programs/schedule.yaml": schedule, "programs/people.yaml": people})
    assert [(path, line) for path, line, _ in found] == [("programs/people.yaml", 6), ("programs/schedule.yaml", 15)]
    assert all("(Unicode NFC/NFD)" in message for _, _, message in found)
    assert found[1][2].startswith(f"room '{CAFE_NFD} 2' looks like '{CAFE_NFC} 2' (programs/schedule.yaml:7)")


def test_rooms_that_differ_only_in_case_or_spacing_are_one_room_already(tmp_path):
    # The double-booking check compares them as one room; no look-alike warning on top.
    extra = session("fl-2", "bay  3") + session("fl-3", "BAY 3", "2026-12-12 09:00")
    _, found = lookalikes(tmp_path, {"programs/schedule.yaml": SCHEDULE + extra})
    assert found == []
    # Another separator is another room to that check: warned.
    _, found = lookalikes(tmp_path, {"programs/schedule.yaml": SCHEDULE + session("fl-2", "Bay-3")})
    assert [(line, "differ only in case, spacing" in message) for _, line, message in found] == [(15, True)]


def test_program_names(tmp_path):
    other = PROGRAM.replace("name: Forklift Safety", f"name: Forklift {CYR_DZE}afety").replace("SAFE-7", "SAFE-8")
    _, findings = findings_for(tmp_path, {"programs/forklift2.yaml": other})
    hits = [f for f in findings if f.rule == "lookalike-name"]
    assert [(f.path, f.line, f.program) for f in hits] == [("programs/forklift2.yaml", 1, "forklift2")]
    assert hits[0].message.startswith(
        f"program name 'Forklift {CYR_DZE}afety' looks like 'Forklift Safety' (programs/forklift.yaml:1)"
    )


def test_the_example_organisation_has_no_false_lookalike(example_project):
    assert lookalike_names(example_project) == []


def test_two_thousand_sessions_in_a_few_rooms_stay_bounded(tmp_path, monkeypatch):
    """The work grows with the distinct spellings, not with the sessions: each text is reduced
    once, the fine skeleton only for texts that share a coarse one, and the sessions are walked
    again only for a spelling that is reported (counted calls, not seconds)."""
    rooms = ["Bay 3", f"{CYR_VE}ay 3", "HQ 4B", f"HQ 4{CYR_VE}", "bay 3", "Lab 1"]
    sessions = "".join(
        session(
            f"s{i}",
            rooms[i % len(rooms)],
            f"2027-{1 + i % 12:02d}-{1 + i % 28:02d} {7 + i % 12:02d}:00",
            instructor="ben.cole",
        )
        for i in range(2000)
    )
    project, _ = findings_for(tmp_path, {"programs/schedule.yaml": SCHEDULE + sessions})
    assert len(project.upcoming_sessions()) == 2001
    coarse = count_calls(monkeypatch, lookalikes_module, "_coarse")
    fine = count_calls(monkeypatch, lookalikes_module, "skeleton")
    walks = count_calls(monkeypatch, lookalikes_module, "_active")
    found = lookalike_names(project)
    # One warning per odd spelling ('bay 3' is 'Bay 3' to the double-booking check), at its first
    # session (session i's room is on line 15 + 8i): not one per session.
    assert sorted((f.line, f.message.split("'")[1]) for f in found) == [(23, f"{CYR_VE}ay 3"), (39, f"HQ 4{CYR_VE}")]
    texts = (
        len(set(project.people))
        + len({p.name for p in project.people.values() if p})
        + len({s.entry.room for s in project.upcoming_sessions()})
        + len(project.programs)
    )
    assert texts < 20 and coarse.count == texts
    assert fine.count <= 2 * texts  # (a non-ASCII text's coarse form is its skeleton, then the fine grouping)
    assert walks.count <= 1 + len(found)  # the people's programs once, then one walk per reported room


# --- retired names, whatever their Unicode form ---------------------------------------------------


@pytest.mark.parametrize(
    "alias, written",
    [(CAFE_NFC, CAFE_NFD), (CAFE_NFD, CAFE_NFC), (CAFE_NFD, CAFE_NFD)],
    ids=["nfc-alias-nfd-text", "nfd-alias-nfc-text", "both-nfd"],
)
def test_a_retired_alias_is_found_in_either_normalization(tmp_path, alias, written):
    page = f"# Warehouse\n\nÜber {written} Week, für Zoë: sign up for {written.lower()} week now.\n"
    _, findings = findings_for(
        tmp_path, {"programs/forklift.yaml": PROGRAM + f"aliases: ['{alias} Week']\n", "content/index.md": page}
    )
    hits = sorted((f.path, f.line, f.column, f.message) for f in findings if f.rule == "retired-name")
    line = page.split("\n")[2]
    first, second = line.index(written), line.index(written.lower())
    assert hits == [
        ("content/index.md", 3, first + 1, f"'{written} Week' is a retired name: call it 'Forklift Safety'"),
        ("content/index.md", 3, second + 1, f"'{written.lower()} week' is a retired name: call it 'Forklift Safety'"),
    ]


def test_an_alias_is_not_found_inside_an_accented_word(tmp_path):
    # 'Cafe' is not in 'Café' written as e + a combining accent, nor 'week' in 'Zoëweek' (the same).
    page = f"# Warehouse\n\n{CAFE_NFD} and {CAFE_NFC}; Zoe\u0308week.\n"
    _, findings = findings_for(
        tmp_path, {"programs/forklift.yaml": PROGRAM + "aliases: [Cafe, week]\n", "content/index.md": page}
    )
    hits = [(f.line, f.column) for f in findings if f.rule == "retired-name"]
    assert hits == []


def test_an_alias_in_nfd_that_is_the_canonical_name_is_not_retired(tmp_path):
    program = PROGRAM.replace("name: Forklift Safety", f"name: {CAFE_NFC} Safety") + f"aliases: ['{CAFE_NFD} safety']\n"
    _, findings = findings_for(
        tmp_path,
        {"programs/forklift.yaml": program, "content/index.md": f"# Warehouse\n\nStart with {CAFE_NFD} Safety.\n"},
    )
    assert [f for f in findings if f.rule == "retired-name"] == []


def test_a_line_decomposed_by_clusters_is_the_line_decomposed():
    from trainops.readiness.naming import _Decomposed

    # A leading mark, marks out of canonical order, Hangul, a Devanagari vowel sign, a Vietnamese letter.
    line = "\u0301x q\u0307\u0323 \ud55c\uae00 \u0915\u0940 \u1ec7 Cafe\u0301"
    traced = _Decomposed(line)
    assert traced.text == unicodedata.normalize("NFD", line)
    assert [traced.origin[i] for i in range(len(traced.text)) if traced.between_clusters(i)] == [
        0,
        1,
        2,
        3,
        6,
        7,
        8,
        9,
        10,
        12,
        13,
        14,
        15,
        16,
        17,
        18,
    ]
