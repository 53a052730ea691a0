"""``trainops handoff FROM TO``: what moves from one owner to the next, and moving it in place.

Only the ownership values change: the new id is written over the old one at the exact line and
column the loader recorded, so comments, order, quoting, blank lines and line ends stay as they
were. Sessions the old owner teaches are not moved: who teaches is a decision, so they are listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .project import Project

__all__ = ["Move", "Decision", "HandoffPlan", "HandoffError", "plan_handoff", "apply_handoff", "DUTIES"]

DUTIES = ("missed_sessions", "late_completions", "learner_questions", "improvement_notes")


class HandoffError(ValueError):
    pass


@dataclass(frozen=True)
class Move:
    path: str
    line: int
    column: int
    what: str  # "owner of New Hire Onboarding"


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
    from .suggest import did_you_mean

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
    """The new bytes of every file a move touches (nothing is written here)."""
    by_file: dict[str, list[Move]] = {}
    for move in plan.moves:
        by_file.setdefault(move.path, []).append(move)
    out = {}
    for path, moves in sorted(by_file.items()):
        raw = (Path(root) / path).read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        lines = (
            raw[3:].decode("utf-8").splitlines(keepends=True) if bom else raw.decode("utf-8").splitlines(keepends=True)
        )
        for move in moves:
            index = move.line - 1
            lines[index] = _replace_at(lines[index], move.column - 1, plan.from_id, plan.to_id, path, move.line)
        text = "".join(lines).encode("utf-8")
        out[path] = (b"\xef\xbb\xbf" if bom else b"") + text
    return out


def _replace_at(line: str, col: int, old: str, new: str, path: str, line_no: int) -> str:
    for quote in ("", "'", '"'):
        token = f"{quote}{old}{quote}"
        if line.startswith(token, col):
            return line[:col] + f"{quote}{new}{quote}" + line[col + len(token) :]
    raise HandoffError(f"{path}:{line_no}: expected '{old}' at column {col + 1}; the file changed while reading it")
