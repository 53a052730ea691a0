"""The people file, a program file and an SOP: each read and validated from its text alone.

Pure functions of one file's path and text, so :mod:`trainops.load.loading` can cache their results
by the file's digest. References between files are checked when the project is put together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.diagnostics import Diagnostic
from ..model.formats import PeopleFile, Person, Program, SopFrontMatter
from ..model.project import ProgramRecord, Sop
from ..model.sourcemap import SourceMap
from .frontmatter import split_front_matter
from .links import find_links, unsafe_link_diagnostics
from .markdown_depth import check_markdown_depth
from .schedule_reader import expect_mapping
from .validation import validate_model
from .yamlsource import YamlError, load_yaml_text

__all__ = ["PeopleResult", "read_people", "read_program", "read_sop"]


@dataclass
class PeopleResult:
    people: dict[str, Person | None] = field(default_factory=dict)  # None: known id, invalid entry
    index: dict[str, int] = field(default_factory=dict)  # person id -> its entry in the file
    source: SourceMap | None = None
    loaded: bool = False  # a readable 'people:' list: ids can be checked against it
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read_people(rel: str, text: str) -> PeopleResult:
    result = PeopleResult()
    try:
        loaded = load_yaml_text(text, rel)
    except YamlError as exc:
        result.diagnostics.append(exc.diagnostic)
        return result
    if not expect_mapping(result.diagnostics, loaded, rel, "the people file"):
        return result
    result.source = loaded.source
    raw_people = loaded.data.get("people")
    result.loaded = isinstance(raw_people, list)
    # The head is validated without the list (each person is validated on its own, below), but
    # a 'people:' that is not a list at all must still be reported.
    head = {**loaded.data, "people": []} if isinstance(raw_people, list) else loaded.data
    _, problems = validate_model(PeopleFile, head, loaded.source)
    result.diagnostics += problems
    if not isinstance(raw_people, list):
        return result
    for i, raw in enumerate(raw_people):
        person, problems = validate_model(Person, raw, loaded.source, ("people", i))
        result.diagnostics += problems
        if person is None:
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                result.people.setdefault(raw["id"], None)  # known but invalid
            continue
        if result.people.get(person.id) is not None:
            line, c = loaded.source.locate(("people", i, "id"))
            result.diagnostics.append(
                Diagnostic(
                    rel, line, c, "error", "duplicate-id", f"person id '{person.id}' is used twice; ids must be unique"
                )
            )
            continue
        result.people[person.id] = person
        result.index[person.id] = i
    return result


def read_program(slug: str, rel: str, text: str) -> tuple[ProgramRecord | None, list[Diagnostic]]:
    try:
        loaded = load_yaml_text(text, rel)
    except YamlError as exc:
        return None, [exc.diagnostic]
    diagnostics: list[Diagnostic] = []
    if not expect_mapping(diagnostics, loaded, rel, "a program file"):
        return None, diagnostics
    program, problems = validate_model(Program, loaded.data, loaded.source)
    record = ProgramRecord(slug, program, rel, loaded.source) if program is not None else None
    return record, diagnostics + problems


def read_sop(slug: str, rel: str, text: str) -> tuple[Sop | None, list[Diagnostic]]:
    try:
        split = split_front_matter(text, rel)
    except YamlError as exc:
        return None, [exc.diagnostic]
    diagnostics: list[Diagnostic] = []
    if not expect_mapping(diagnostics, split.meta, rel, "an SOP's front matter"):
        return None, diagnostics
    meta, problems = validate_model(SopFrontMatter, split.meta.data, split.meta.source)
    # What the body alone says (kept with the cached result): links it may not carry, too-deep
    # nesting, and its links, checked against the repository each time it is loaded.
    problems += unsafe_link_diagnostics(split.body, rel, split.body_line)
    problems += check_markdown_depth(split.body, rel, split.body_line)
    links = find_links(split.body)
    sop = Sop(slug, meta, split.body, split.body_line, rel, split.meta.source, links) if meta is not None else None
    return sop, diagnostics + problems
