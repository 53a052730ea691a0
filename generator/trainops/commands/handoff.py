"""``trainops handoff FROM TO``: what moves from one owner to the next, and moving it in place.

Only the ownership values change: the new id is written over the old one at the exact line and
column the loader recorded, so comments, order, quoting, blank lines and line ends stay as they
were. Sessions the old owner teaches are not moved (see ``plan/handoff.py``).
"""

from __future__ import annotations

import contextlib
import re
import sys
from datetime import date
from pathlib import Path

import yaml

from ..load.frontmatter import split_front_matter
from ..load.yamlsource import YamlError, decode_source
from ..model.diagnostics import format_diagnostics
from ..model.errors import EXIT_DATA, EXIT_OK, UsageError
from ..plan.handoff import HandoffError, HandoffPlan, Move, plan_handoff
from .check import Quiet, load_checked

__all__ = ["apply_handoff", "run_handoff"]

try:  # libyaml, as the loader uses: the same lines and columns
    _LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _LOADER = yaml.SafeLoader


def run_handoff(
    root: Path, today: date, from_id: str, to_id: str, write: bool, loading: Quiet = contextlib.nullcontext
) -> int:
    project, diagnostics = load_checked(root, today, loading=loading)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        sys.stdout.write(format_diagnostics(errors))
        print("trainops: fix the errors above before a handoff", file=sys.stderr)
        return EXIT_DATA
    try:
        plan = plan_handoff(project, from_id, to_id)
    except HandoffError as exc:
        raise UsageError(str(exc)) from None
    name = project.person_name
    print(f"Handoff from {name(plan.from_id)} ({plan.from_id}) to {name(plan.to_id)} ({plan.to_id}), as of {today}")
    print(f"\nMoves to {plan.to_id} ({len(plan.moves)}):" if plan.moves else f"\n{plan.from_id} owns nothing to move.")
    for m in plan.moves:
        print(f"  {m.path}:{m.line}:{m.column}: {m.what}")
    if plan.decisions:
        print(f"\nNeeds a decision, not moved ({len(plan.decisions)}):")
        for d in plan.decisions:
            print(f"  {d.path}:{d.line}:{d.column}: {d.what}")
    if not write:
        if plan.moves:
            print("\nRun again with --write to move the ownership in the files.")
        return EXIT_OK
    try:
        changed = apply_handoff(root, plan)
    except HandoffError as exc:
        for line in str(exc).splitlines():  # one line per value that must be changed by hand
            print(f"trainops: {line}", file=sys.stderr)
        return EXIT_DATA
    for path, data in changed.items():
        target = root / path
        temporary = target.with_name(f".{target.name}.handoff")
        temporary.write_bytes(data)
        temporary.replace(target)
    _, after = load_checked(root, today, loading=loading)
    problems = [d for d in after if d.severity == "error"]
    values = "value" if len(plan.moves) == 1 else "values"  # (a flow mapping holds several on one line)
    files = "file" if len(changed) == 1 else "files"
    print(f"\nMoved {len(plan.moves)} ownership {values} in {len(changed)} {files}.")
    if problems:
        sys.stdout.write(format_diagnostics(problems))
        return EXIT_DATA
    return EXIT_OK


def apply_handoff(root: Path, plan: HandoffPlan) -> dict[str, bytes]:
    """The new bytes of every file a move touches (nothing is written here).

    Each value is found again in the file as it is now (the same YAML reader, the same line and
    column) and replaced only where its text is the id as written: plain, or in quotes without
    escapes. A value written otherwise (a block scalar, escapes, spread over lines) is refused,
    naming every such value, and then no file is changed at all.
    """
    by_file: dict[str, list[Move]] = {}
    for move in plan.moves:
        by_file.setdefault(move.path, []).append(move)
    out: dict[str, bytes] = {}
    by_hand: list[str] = []
    for path, moves in sorted(by_file.items()):
        raw = (Path(root) / path).read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        try:
            text = (raw[3:] if bom else raw).decode("utf-8")
        except UnicodeDecodeError:
            raise _changed(path, moves[0], plan.from_id) from None
        scalars = _value_scalars(text, path)
        # Where each line starts in ``text``, counting line breaks as the YAML reader does.
        starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        edits: list[tuple[int, int, str]] = []
        for move in moves:
            node = scalars.get((move.line, move.column))
            if node is None or node.value.strip() != plan.from_id:
                raise _changed(path, move, plan.from_id)
            if node.style in ("|", ">"):
                by_hand.append(_by_hand(path, move, plan.to_id, "is written as a block scalar"))
                continue
            start, end = _offset(starts, node.start_mark), _offset(starts, node.end_mark)
            quote = node.style if node.style in ("'", '"') else ""
            if text[start:end] != f"{quote}{plan.from_id}{quote}":
                if node.start_mark.line != node.end_mark.line:
                    reason = "is written over several lines"
                elif quote == '"' and "\\" in text[start:end]:
                    reason = "is written with escapes"
                else:
                    reason = "is not written as the plain id"
                by_hand.append(_by_hand(path, move, plan.to_id, reason))
            else:
                if not quote and plan.to_id in _NULL_WORDS:  # plain, it would read as "no one"
                    quote = "'"
                edits.append((start, end, f"{quote}{plan.to_id}{quote}"))
        # Right to left, so that each replacement leaves the offsets of the ones before it valid.
        for start, end, new in sorted(edits, reverse=True):
            text = text[:start] + new + text[end:]
        out[path] = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    if by_hand:
        count = "this value" if len(by_hand) == 1 else f"these {len(by_hand)} values"
        raise HandoffError("\n".join([*by_hand, f"nothing was written: change {count} by hand, then run again"]))
    return out


# libyaml's line breaks (decode_source has already made CRLF one break); str.splitlines knows more.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_NULL_WORDS = {"null", "Null", "NULL"}


def _offset(starts: list[int], mark: yaml.Mark) -> int:
    return starts[mark.line] + mark.column


def _changed(path: str, move: Move, old: str) -> HandoffError:
    return HandoffError(
        f"{path}:{move.line}: expected '{old}' at column {move.column}; the file changed while reading it"
    )


def _by_hand(path: str, move: Move, new: str, reason: str) -> str:
    return f"{path}:{move.line}:{move.column}: {move.key} {reason}; change it by hand to '{new}'"


def _value_scalars(text: str, path: str) -> dict[tuple[int, int], yaml.ScalarNode]:
    """The scalar values (not keys) of the file's YAML as it is now, by 1-based line and column."""
    try:
        if path.endswith(".md"):  # an SOP: its front matter, with the line numbers the loader gives it
            split = split_front_matter(decode_source(text.encode("utf-8"), path), path)
            lines = text.replace("\r\n", "\n").split("\n")
            text = "\n" + "\n".join(lines[1 : split.body_line - 2])
        root = yaml.compose(text.replace("\r\n", "\n"), Loader=_LOADER)
    except (YamlError, yaml.YAMLError, RecursionError):
        return {}
    found: dict[tuple[int, int], yaml.ScalarNode] = {}
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias: the loader refuses those, and they are walked once here
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            found[(node.start_mark.line + 1, node.start_mark.column + 1)] = node
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(value for _key, value in node.value)
    return found
