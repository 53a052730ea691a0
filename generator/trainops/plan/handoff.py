"""``trainops handoff FROM TO``: what moves from one owner to the next, and moving it in place.

Only the ownership values change: the new id is written over the old one at the exact line and
column the loader recorded, so comments, order, quoting, blank lines and line ends stay as they
were. Sessions the old owner teaches are not moved: who teaches is a decision, so they are listed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from ..load.frontmatter import split_front_matter
from ..load.yamlsource import YamlError, decode_source
from ..model.project import Project

__all__ = [
    "Move",
    "Decision",
    "HandoffPlan",
    "HandoffError",
    "plan_handoff",
    "apply_handoff",
    "DUTIES",
    "name_key",
    "OverdueReview",
    "overdue_reviews",
]

DUTIES = ("missed_sessions", "late_completions", "learner_questions", "improvement_notes")

try:  # libyaml, as the loader uses: the same lines and columns
    _LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _LOADER = yaml.SafeLoader


class HandoffError(ValueError):
    pass


def name_key(name: str) -> tuple[str, str, str]:
    """A collation key for people's names, the same on every machine: accents and case set aside
    first ("Ängström" with the A's, "de la Cruz" with the D's, not after "Zoë"), then kept to
    break ties. The standard library's NFKD and casefold, not ``locale.setlocale`` (which changes
    the whole process) nor ICU (a C library for the few names a handoff page lists)."""
    decomposed = unicodedata.normalize("NFKD", name.strip())
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return base, decomposed.casefold(), name


@dataclass(frozen=True)
class OverdueReview:
    kind: str  # "SOP" or "program"
    title: str
    owner: str  # person id
    due: date
    docs_path: str  # the page of the SOP or of the program's launch checklist


def overdue_reviews(project: Project) -> list[OverdueReview]:
    """Every SOP and program whose review date has passed, the longest overdue first."""
    found = [
        OverdueReview("SOP", sop.meta.title, sop.meta.owner, sop.next_review, f"sops/{slug}.md")
        for slug, sop in sorted(project.sops.items())
        if sop.overdue(project.today)
    ]
    for slug, record in sorted(project.programs.items()):
        review = record.data.review
        if review is not None and review.every.after(review.last_reviewed) < project.today:
            due = review.every.after(review.last_reviewed)
            found.append(
                OverdueReview("program", record.name, record.data.owner, due, f"programs/{slug}/launch-checklist.md")
            )
    return sorted(found, key=lambda r: (r.due, r.kind, name_key(r.title)))


@dataclass(frozen=True)
class Move:
    path: str
    line: int
    column: int
    what: str  # "owner of New Hire Onboarding"
    key: str = "owner"  # the field as written: "owner", "escalation.missed_sessions"


@dataclass(frozen=True)
class Decision:
    path: str
    line: int
    column: int
    what: str


@dataclass
class HandoffPlan:
    from_id: str
    to_id: str
    moves: list[Move] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)


def plan_handoff(project: Project, from_id: str, to_id: str) -> HandoffPlan:
    from ..model.suggest import did_you_mean

    known = set(project.people)
    if from_id not in known:
        raise HandoffError(f"unknown person '{from_id}'{did_you_mean(from_id, known)}")
    if to_id not in known:
        raise HandoffError(
            f"unknown person '{to_id}'{did_you_mean(to_id, known)}; add them to {project.settings.people_path} first"
        )
    if from_id == to_id:
        raise HandoffError("FROM and TO are the same person")
    plan = HandoffPlan(from_id, to_id)
    for _slug, record in sorted(project.programs.items()):
        p = record.data
        if p.owner == from_id:
            plan.moves.append(Move(record.path, *record.source.locate(("owner",)), f"owner of program '{p.name}'"))
        if p.escalation:
            for duty in DUTIES:
                if getattr(p.escalation, duty) == from_id:
                    plan.moves.append(
                        Move(
                            record.path,
                            *record.source.locate(("escalation", duty)),
                            f"escalation of {duty.replace('_', ' ')} for '{p.name}'",
                            f"escalation.{duty}",
                        )
                    )
    for _slug, sop in sorted(project.sops.items()):
        if sop.meta.owner == from_id:
            plan.moves.append(Move(sop.path, *sop.source.locate(("owner",)), f"owner of SOP '{sop.meta.title}'"))
    for s in project.upcoming_sessions():
        if s.entry.instructor == from_id and s.status != "cancelled":
            plan.decisions.append(
                Decision(
                    s.path,
                    *s.line("instructor"),
                    f"teaches session '{s.id}' on {s.start:%Y-%m-%d %H:%M} ({s.zone}): choose an instructor",
                )
            )
    return plan


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
