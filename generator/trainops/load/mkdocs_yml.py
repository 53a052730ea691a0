"""Read mkdocs.yml as MkDocs reads it, without running anything it names.

MkDocs loads its configuration with PyYAML's full loader and two tags of its own: ``!ENV`` (an
environment variable, the pyyaml_env_tag package) and ``!relative`` (a path for the options of
Markdown extensions); it follows ``INHERIT:`` to a parent file and merges the two. trainops reads
the same file for its settings before MkDocs runs, and must find the same values: both loaders
type plain scalars alike (YAML 1.1: ``yes`` is True in both), ``!ENV`` is resolved here as
pyyaml_env_tag resolves it, and a parent is merged as MkDocs merges it (mappings key by key, any
other value replaced). What the full loader has beyond that (``!!python/name:``,
``!!python/object/apply:``) imports or runs code named in the file: it is refused here with its
line, and ``build`` and ``serve`` stop on that before MkDocs reads the file.
"""

from __future__ import annotations

import copy
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..model.diagnostics import Diagnostic
from ..store.paths import LEAVES, is_inside

__all__ = ["read_mkdocs_yml", "MkDocsYmlError", "RelativeTag", "MKDOCS_YML"]

MKDOCS_YML = "mkdocs.yml"


class MkDocsYmlError(Exception):
    """mkdocs.yml (or a file it inherits) cannot be read: one diagnostic says where and why."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.as_text())
        self.diagnostic = diagnostic


@dataclass(frozen=True)
class RelativeTag:
    """A ``!relative`` value: MkDocs resolves it against the page being rendered, for Markdown
    extensions' options; no setting trainops reads can take one."""

    text: str
    line: int


class _Refused(yaml.MarkedYAMLError):
    """A tag this reader will not construct; the message says what to do instead."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``, exactly as pyyaml_env_tag resolves it:
    the first variable that is set, its text typed as YAML types a plain scalar; else the default
    (the last item of a list of two or more), else null."""
    default = None
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
        if len(children) > 1:
            default = loader.construct_object(children[-1])
            children = children[:-1]
        names = [loader.construct_scalar(child) for child in children]  # (a list in a list: an error)
    else:
        raise _Refused(
            problem="'!ENV' takes a variable's name, or a list of names with a default last, "
            "such as '!ENV [SITE_URL, \"https://learning.example.com/\"]'",
            problem_mark=node.start_mark,
        )
    for name in names:
        if name in os.environ:
            value = os.environ[name]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


def _relative(loader: yaml.SafeLoader, node: yaml.Node) -> RelativeTag:
    return RelativeTag(str(loader.construct_scalar(node)), node.start_mark.line + 1)  # type: ignore[arg-type]


def _python(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    raise _Refused(
        problem=f"'!!python/{suffix}' names Python code to run, which trainops never does; "
        "remove the tag and the option it sets (Material's emoji options work without "
        "'emoji_index' and 'emoji_generator')",
        problem_mark=node.start_mark,
    )


def _unknown(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    raise _Refused(
        problem=f"unknown tag '{node.tag}': MkDocs knows only '!ENV' and '!relative'; remove it",
        problem_mark=node.start_mark,
    )


class _MkDocsLoader(yaml.SafeLoader):
    """PyYAML's safe loader with MkDocs' two tags; every other tag refused with its line."""


_MkDocsLoader.add_constructor("!ENV", _env)
_MkDocsLoader.add_constructor("!relative", _relative)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python)
_MkDocsLoader.add_constructor(None, _unknown)


def read_mkdocs_yml(root: Path) -> dict[str, Any]:
    """The configuration in ``root/mkdocs.yml``, its ``INHERIT`` parents merged in; empty when
    there is no mkdocs.yml. Raises :class:`MkDocsYmlError` for a file that cannot be read."""
    if not os.path.lexists(Path(root) / MKDOCS_YML):
        return {}
    return _read(Path(root), MKDOCS_YML, ())


def _read(root: Path, rel: str, seen: tuple[str, ...]) -> dict[str, Any]:
    if not is_inside(root, rel):
        raise MkDocsYmlError(Diagnostic(rel, 1, 1, "error", "outside-repository", LEAVES))
    try:
        text = (root / rel).read_text(encoding="utf-8-sig")
        data = yaml.load(text, Loader=_MkDocsLoader)
    except _Refused as exc:
        raise MkDocsYmlError(_at(rel, exc, "yaml-tag", str(exc.problem))) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:  # PyYAML builds dates: 2026-02-30
        problem = getattr(exc, "problem", None) or exc
        raise MkDocsYmlError(_at(rel, exc, "yaml-syntax", f"{rel} is not valid YAML: {problem}")) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MkDocsYmlError(Diagnostic(rel, 1, 1, "error", "file-shape", f"{rel} must be a set of 'key: value' lines"))
    if "INHERIT" not in data:
        return data
    return _merge(_parent(root, rel, data.pop("INHERIT"), text, seen), data)


def _parent(root: Path, rel: str, inherit: object, text: str, seen: tuple[str, ...]) -> dict[str, Any]:
    line = line_of(text, "INHERIT")
    if not isinstance(inherit, str) or not inherit.strip():
        raise MkDocsYmlError(
            Diagnostic(rel, line, 1, "error", "invalid-value", "INHERIT: write the path of the file to inherit")
        )
    parent = posixpath.normpath(posixpath.join(posixpath.dirname(rel), inherit.strip()))
    if not is_inside(root, parent):
        message = f"INHERIT: '{inherit}' is outside the repository; copy the file in instead"
        raise MkDocsYmlError(Diagnostic(rel, line, 1, "error", "outside-repository", message))
    if parent == rel or parent in seen:
        message = f"INHERIT: '{inherit}' inherits from {rel} again, a circle; remove one of the INHERIT lines"
        raise MkDocsYmlError(Diagnostic(rel, line, 1, "error", "invalid-value", message))
    if not (root / parent).is_file():
        message = f"INHERIT: '{inherit}' does not exist; write the path of the file to inherit, relative to {rel}"
        raise MkDocsYmlError(Diagnostic(rel, line, 1, "error", "missing-file", message))
    return _read(root, parent, (*seen, rel))


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """The child's values over the parent's, as MkDocs merges (mergedeep's REPLACE): mappings
    merged key by key, lists and everything else replaced whole."""
    for key, value in child.items():
        if isinstance(parent.get(key), dict) and isinstance(value, dict):
            _merge(parent[key], value)
        else:
            parent[key] = copy.deepcopy(value)
    return parent


def _at(rel: str, exc: BaseException, rule: str, message: str) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Diagnostic(rel, line, column, "error", rule, message)


def line_of(text: str, key: str) -> int:
    """The first line that sets ``key`` (at any depth), for a problem with its value; else 1."""
    return next((i for i, s in enumerate(text.splitlines(), 1) if s.lstrip(" -").startswith(f"{key}:")), 1)
