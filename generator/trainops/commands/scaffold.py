"""``trainops new program|sop SLUG``: a new data file that passes ``check`` at once.

A new file comes from a template (``trainops/new-program.yaml``, ``trainops/new-sop.md``) that a
coordinator can override in ``theme/trainops/``. ``--from EXISTING`` copies an existing file
instead, changing only what must not be shared with the original, in place, so that its comments
and layout stay. Nothing is ever overwritten, and a file with errors is never written.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import yaml

from ..load.frontmatter import split_front_matter
from ..load.validation import validate_model
from ..load.yamlsource import YamlError, decode_source, load_yaml_text
from ..model.diagnostics import Diagnostic
from ..model.errors import TrainopsError
from ..model.formats import ESCALATION_DUTIES, Program, SopFrontMatter
from ..model.settings import DATA_FILE_STEMS, Settings
from ..model.suggest import did_you_mean
from ..model.values import parse_slug
from ..render.environment import TemplateOutside, make_environment

__all__ = ["ScaffoldError", "new_program", "new_sop", "program_name_for", "sop_title_for"]


class ScaffoldError(TrainopsError):
    """A reason not to write the file; ``exit_code`` 2 for a usage error, 1 when a file is in the way."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def program_name_for(slug: str) -> str:
    """``forklift-safety`` → ``Forklift Safety``: a first canonical name, to be edited."""
    return " ".join(word.capitalize() for word in slug.split("-"))


def sop_title_for(slug: str) -> str:
    """``run-the-practical-test`` → ``Run the practical test``."""
    return slug.replace("-", " ").capitalize()


def new_program(
    root: Path, settings: Settings, slug: str, owner: str | None, from_slug: str | None, today: date
) -> Path:
    """Write ``programs/<slug>.yaml`` (from the template, or a copy of ``from_slug``); returns its path."""
    root = Path(root)
    folder = settings.programs_dir.strip("/")
    slug = _slug(slug, "program")
    if slug in DATA_FILE_STEMS:
        raise ScaffoldError(f"'{slug}' is the name of the {slug} file, not a program; choose another slug", 2)
    target = root / folder / f"{slug}.yaml"
    _refuse_existing(root, [target, target.with_suffix(".yml")])
    people = _people(root, settings)
    owner = _owner(owner, people, settings, copying=bool(from_slug))
    if from_slug:
        source = _existing(root, folder, from_slug, (".yaml", ".yml"), "program", exclude=DATA_FILE_STEMS)
        text = _copy_program(
            _read(root, source), f"{folder}/{source.name}", slug, owner, today, _schema_path(root, folder)
        )
    else:
        text = _render(
            root,
            settings.theme_dir,
            "trainops/new-program.yaml",
            slug=slug,
            name=program_name_for(slug),
            owner=owner,
            today=today.isoformat(),
            schema=_schema_path(root, folder),
        )
    rel = f"{folder}/{slug}.yaml"
    loaded = _parse(lambda: load_yaml_text(text, rel))
    _, problems = validate_model(Program, loaded.data, loaded.source)
    return _write(target, text, rel, problems)


def new_sop(root: Path, settings: Settings, slug: str, owner: str | None, from_slug: str | None, today: date) -> Path:
    """Write ``sops/<slug>.md`` (from the template, or a copy of ``from_slug``); returns its path."""
    root = Path(root)
    folder = settings.sops_dir.strip("/")
    slug = _slug(slug, "SOP")
    target = root / folder / f"{slug}.md"
    _refuse_existing(root, [target])
    people = _people(root, settings)
    owner = _owner(owner, people, settings, copying=bool(from_slug))
    if from_slug:
        source = _existing(root, folder, from_slug, (".md",), "SOP")
        text = _copy_sop(_read(root, source), f"{folder}/{source.name}", slug, owner, today)
    else:
        text = _render(
            root,
            settings.theme_dir,
            "trainops/new-sop.md",
            slug=slug,
            title=sop_title_for(slug),
            owner=owner,
            today=today.isoformat(),
        )
    rel = f"{folder}/{slug}.md"
    split = _parse(lambda: split_front_matter(text, rel))
    _, problems = validate_model(SopFrontMatter, split.meta.data, split.meta.source)
    return _write(target, text, rel, problems)


# --- checks -------------------------------------------------------------------------------------


def _slug(slug: str, kind: str) -> str:
    try:
        return parse_slug(slug)
    except ValueError as exc:
        raise ScaffoldError(f"invalid {kind} slug: {exc}", 2) from None


def _refuse_existing(root: Path, candidates: list[Path]) -> None:
    for path in candidates:
        if path.exists():
            raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists; nothing was written", 1)


def _people(root: Path, settings: Settings) -> list[str]:
    """Person ids in the order of the people file (the first is the default owner)."""
    rel = settings.people_path
    try:
        data = load_yaml_text(decode_source((root / rel).read_bytes(), rel), rel).data
    except FileNotFoundError:
        raise ScaffoldError(
            f"no people file: create {rel} with a 'people:' list first; every owner is a person", 1
        ) from None
    except YamlError as exc:
        raise ScaffoldError(f"{exc.diagnostic.as_text()}\nfix the people file first", 1) from None
    people = data.get("people") if isinstance(data, dict) else None
    ids = [p["id"] for p in people or [] if isinstance(p, dict) and isinstance(p.get("id"), str)]
    return list(dict.fromkeys(ids))


def _owner(owner: str | None, people: list[str], settings: Settings, copying: bool) -> str | None:
    """``--owner``, checked; without it the first person (a copy keeps the original's owner)."""
    if owner is None and not copying and not people:
        raise ScaffoldError(f"{settings.people_path} lists nobody; add the owner there first", 1)
    if owner is None:
        return None if copying else people[0]
    if owner not in people:
        hint = did_you_mean(owner, people) or f"; add them to {settings.people_path} first"
        raise ScaffoldError(f"--owner: unknown person '{owner}'{hint}", 2)
    return owner


def _existing(
    root: Path, folder: str, name: str, suffixes: tuple[str, ...], kind: str, exclude: tuple[str, ...] = ()
) -> Path:
    """The file ``--from`` names: a slug, or the file's name or path."""
    stem = Path(name).name
    for suffix in suffixes:
        stem = stem.removesuffix(suffix)
    base = root / folder
    known = (
        sorted({p.stem for p in base.iterdir() if p.is_file() and p.suffix in suffixes and p.stem not in exclude})
        if base.is_dir()
        else []
    )
    if stem in known:
        return next(base / f"{stem}{s}" for s in suffixes if (base / f"{stem}{s}").is_file())
    raise ScaffoldError(f"--from: unknown {kind} '{name}'{did_you_mean(stem, known)}", 2)


def _read(root: Path, path: Path) -> str:
    return _parse(lambda: decode_source(path.read_bytes(), path.relative_to(root).as_posix()))


def _parse(read):
    try:
        return read()
    except YamlError as exc:
        raise ScaffoldError(f"{exc.diagnostic.as_text()}\nnothing was written", 1) from None


# --- writing ------------------------------------------------------------------------------------


def _schema_path(root: Path, folder: str) -> str:
    """Where the editor finds the program schema, relative to the programs folder."""
    return Path(os.path.relpath(root / "schemas" / "program.schema.json", root / folder)).as_posix()


def _render(root: Path, theme_dir: str | None, template: str, **context) -> str:
    # The theme folder's copy wins over the packaged one; YAML and Markdown are not HTML, so no escaping.
    env = make_environment(root, theme_dir).overlay(autoescape=False)
    try:
        return env.get_template(template).render(**context)
    except TemplateOutside as exc:  # a link out of the repository: refused, not read
        raise ScaffoldError(str(exc), 1) from None


def _write(target: Path, text: str, rel: str, problems: list[Diagnostic]) -> Path:
    if problems:
        lines = "\n".join(d.as_text() for d in problems)
        raise ScaffoldError(f"{rel} would not pass check, so it was not written:\n{lines}", 1)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8", newline="") as handle:  # "x": never overwrite, even in a race
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{rel} already exists; nothing was written", 1) from None
    return target


# --- copies (--from) ----------------------------------------------------------------------------


def _copy_program(text: str, source_rel: str, slug: str, owner: str | None, today: date, schema: str) -> str:
    """A copy of a program with a name of its own, no retired names or course code of the
    original, ``owner`` taking over what the original's owner held, and reviewed ``today``."""
    root = _mapping(text, source_rel)
    edits = _Edits(text)
    fields = {key.value: (key, value) for key, value in root.value}
    if "name" in fields:
        edits.replace(fields["name"][1], program_name_for(slug))
    for field in ("aliases", "code"):
        if field in fields:
            edits.delete_entry(root, fields[field][0])
    old_owner = fields["owner"][1] if "owner" in fields else None
    if owner is not None and old_owner is not None:
        edits.replace(old_owner, owner)
        escalation = fields.get("escalation", (None, None))[1]
        if isinstance(escalation, yaml.MappingNode):
            for key, value in escalation.value:
                owned = isinstance(value, yaml.ScalarNode) and value.value == old_owner.value
                if key.value in ESCALATION_DUTIES and owned:
                    edits.replace(value, owner)
    review = fields.get("review", (None, None))[1]
    if isinstance(review, yaml.MappingNode):
        for key, value in review.value:
            if key.value == "last_reviewed":
                edits.replace(value, today.isoformat())
    header = f"# yaml-language-server: $schema={schema}\n# Copied from {source_rel} on {today.isoformat()}.\n"
    return edits.apply(header)


def _copy_sop(text: str, source_rel: str, slug: str, owner: str | None, today: date) -> str:
    """A copy of an SOP with a title of its own, ``owner`` and reviewed ``today``; body unchanged."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise ScaffoldError(f"{source_rel} has no front matter to copy", 1)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise ScaffoldError(f"{source_rel}: the front matter is never closed", 1)
    meta_text = "\n".join(lines[1:end]) + "\n"
    root = _mapping(meta_text, source_rel)
    edits = _Edits(meta_text)
    for key, value in root.value:
        if key.value == "title":
            edits.replace(value, sop_title_for(slug))
        elif key.value == "owner" and owner is not None:
            edits.replace(value, owner)
        elif key.value == "last_reviewed":
            edits.replace(value, today.isoformat())
    return "---\n" + edits.apply("") + "\n".join(lines[end:])


def _mapping(text: str, rel: str) -> yaml.MappingNode:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ScaffoldError(f"{rel} is not valid YAML ({exc}); fix it before copying", 1) from None
    if not isinstance(node, yaml.MappingNode):
        raise ScaffoldError(f"{rel} is not a set of 'field: value' lines; nothing to copy", 1)
    return node


class _Edits:
    """Changes to YAML text at node positions, applied at once, so everything else stays as written."""

    def __init__(self, text: str):
        self.text = text
        self.changes: list[tuple[int, int, str]] = []

    def replace(self, node: yaml.Node, value: str) -> None:
        if not isinstance(node, yaml.ScalarNode):
            raise ScaffoldError(f"line {node.start_mark.line + 1}: expected a single value to replace", 1)
        start, end = node.start_mark.index, node.end_mark.index
        # A block scalar ('>-', '|') ends after its last line; keep the line break.
        suffix = "\n" if node.style in (">", "|") else ""
        self.changes.append((start, end, _plain_or_quoted(value) + suffix))

    def delete_entry(self, mapping: yaml.MappingNode, key: yaml.Node) -> None:
        """Remove a top-level ``key: value`` and its lines; comments just above the next key stay."""
        if mapping.flow_style or key.start_mark.column != 0:
            return  # not a line of its own; leaving it is harmless
        lines = self.text.split("\n")
        keys = [k for k, _ in mapping.value]
        position = keys.index(key)
        first = key.start_mark.line
        last = keys[position + 1].start_mark.line - 1 if position + 1 < len(keys) else len(lines) - 1
        while last > first and (not lines[last].strip() or lines[last].lstrip().startswith("#")):
            last -= 1
        offset = sum(len(line) + 1 for line in lines[:first])
        length = sum(len(line) + 1 for line in lines[first : last + 1])
        self.changes.append((offset, min(offset + length, len(self.text)), ""))

    def apply(self, header: str) -> str:
        text = self.text
        for start, end, value in sorted(self.changes, reverse=True):
            text = text[:start] + value + text[end:]
        if header:
            # The original's opening comments describe the original; the copy says where it came from.
            lines = text.split("\n")
            first = next((i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")), 0)
            text = header + "\n".join(lines[first:])
        return text


def _plain_or_quoted(value: str) -> str:
    """A value written as plain YAML when that reads back as the same text, else single-quoted."""
    safe = value and value[0].isalnum() and all(c.isalnum() or c in " ._-" for c in value) and value == value.strip()
    return value if safe else "'" + value.replace("'", "''") + "'"
