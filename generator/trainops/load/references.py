"""Cross-file checks: every id a file names exists, and every material file is in the repository."""

from __future__ import annotations

import heapq
import os
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from ..model.diagnostics import Diagnostic
from ..model.formats import ESCALATION_DUTIES
from ..model.project import Project, Session
from ..model.suggest import did_you_mean
from ..store.cache import SharedResults
from ..store.paths import is_hidden, real_path_inside

__all__ = ["check_references"]


def check_references(
    project: Project, known_programs: set[str], known_sops: set[str], shared: SharedResults | None = None
) -> list[Diagnostic]:
    """Every id a program, session or SOP names, and every material file. ``shared`` (a
    preview's): the sessions' findings, each program's, are kept for the next load, which reuses
    them for the very sessions and the same known programs and people (the 20,000 sessions' part;
    a material file is asked of the disk at every load)."""
    known_programs, known_sops = set(known_programs), set(known_sops)
    found = _Findings(project, known_programs)
    person, ref, out = found.person, found.ref, found.out

    for record in project.programs.values():
        p, src = record.data, record.source
        person(record.path, partial(src.locate, ("owner",)), "owner", p.owner)
        if p.escalation:
            for duty in ESCALATION_DUTIES:
                person(
                    record.path,
                    partial(src.locate, ("escalation", duty)),
                    f"escalation.{duty}",
                    getattr(p.escalation, duty),
                )
        for i, slug in enumerate(p.sops):
            ref(record.path, partial(src.locate, ("sops", i)), f"sops[{i + 1}]", slug, known_sops, "SOP", "unknown-sop")
        if p.certification is not None and p.certification.renewal is not None:
            renewal = partial(src.locate, ("certification", "renewal"))
            field = "certification.renewal"
            ref(record.path, renewal, field, p.certification.renewal, known_programs, "program", "unknown-program")
        for i, material in enumerate(p.materials):
            if material.file:
                problem = _file_problem(project.root, material.file)
                if problem:
                    out.append(
                        Diagnostic(
                            record.path,
                            *src.locate(("materials", i, "file")),
                            "error",
                            "material-file",
                            f"materials[{i + 1}].file: {problem}",
                        )
                    )

    out += _kept_session_references(project, known_programs, shared)

    for raw in project.unchecked_references:
        where = partial(_position, raw.line, raw.column)
        if raw.kind == "person":
            person(raw.path, where, raw.label, raw.value)
        else:
            ref(raw.path, where, raw.label, raw.value, known_programs, "program", "unknown-program")

    for sop in project.sops.values():
        person(sop.path, partial(sop.source.locate, ("owner",)), "owner", sop.meta.owner)
        for i, slug in enumerate(sop.meta.programs):
            ref(
                sop.path,
                partial(sop.source.locate, ("programs", i)),
                f"programs[{i + 1}]",
                slug,
                known_programs,
                "program",
                "unknown-program",
            )
    return out


class _Findings:
    """Diagnostics of unknown ids, collected in ``out``. ``where`` gives (line, column) and is
    called only for an error: 20,000 sessions are checked."""

    def __init__(self, project: Project, known_programs: set[str]):
        self.project, self.known_programs = project, known_programs
        self.people = set(project.people)
        self.out: list[Diagnostic] = []

    def unknown_person(self, value: str | None) -> bool:
        # Without a readable people file every id would be "unknown": its own error says enough.
        return bool(value) and self.project.people_loaded and value not in self.people

    def person(self, path: str, where: Callable[[], tuple[int, int]], field: str, value: str | None) -> None:
        if value and self.unknown_person(value):
            hint = did_you_mean(value, self.people) or f"; add them to {self.project.settings.people_path}"
            self.out.append(
                Diagnostic(path, *where(), "error", "unknown-person", f"{field}: unknown person '{value}'{hint}")
            )

    def ref(
        self,
        path: str,
        where: Callable[[], tuple[int, int]],
        field: str,
        value: str,
        pool: set[str],
        kind: str,
        rule: str,
    ) -> None:
        if value not in pool:
            message = f"{field}: unknown {kind} '{value}'{did_you_mean(value, pool)}"
            self.out.append(Diagnostic(path, *where(), "error", rule, message))

    def sessions(self, sessions: Iterable[Session]) -> list[tuple[tuple, Diagnostic]]:
        """Each session's unknown program and instructor, with the session's place among all
        (its start and id: the project's sessions are in that order)."""
        tagged = []
        for session in sessions:  # (tested before the locators and labels are made: 20,000 of them)
            if session.program in self.known_programs and not self.unknown_person(session.entry.instructor):
                continue
            first = len(self.out)
            if session.program not in self.known_programs:
                self.ref(
                    session.path,
                    partial(session.line, "program"),
                    f"session '{session.id}' program",
                    session.program,
                    self.known_programs,
                    "program",
                    "unknown-program",
                )
            if self.unknown_person(session.entry.instructor):
                self.person(
                    session.path,
                    partial(session.line, "instructor"),
                    f"session '{session.id}' instructor",
                    session.entry.instructor,
                )
            tagged += [((session.start_utc, session.id, k), d) for k, d in enumerate(self.out[first:])]
        return tagged


def _kept_session_references(
    project: Project, known_programs: set[str], shared: SharedResults | None
) -> list[Diagnostic]:
    """The sessions' unknown programs and instructors, in the order of the sessions; with
    ``shared``, each program's sessions' findings kept for the next load."""
    if shared is None:
        return [d for _, d in _Findings(project, known_programs).sessions(project.sessions)]
    # What a session's findings depend on besides the session, compared by equality once a load
    # and then, for each program's sessions, by identity.
    context = (
        frozenset(known_programs),
        frozenset(project.people),
        project.people_loaded,
        project.settings.people_path,
    )
    kept_context = shared.get("references\0context")
    if kept_context is not None and kept_context == context:
        context = kept_context
    shared.keep("references\0context", context)
    per_program = []
    for slug in sorted({s.program for s in project.sessions}):  # (known or not)
        sessions = tuple(project.sessions_of(slug))
        name = f"references\0sessions\0{slug}"
        kept = shared.get(name)
        if (
            kept is None
            or kept[0] is not context
            or len(kept[1]) != len(sessions)
            or not all(a is b for a, b in zip(kept[1], sessions, strict=True))
        ):
            kept = (context, sessions, _Findings(project, known_programs).sessions(sessions))
        shared.keep(name, kept)
        per_program.append(kept[2])
    return [d for _, d in heapq.merge(*per_program, key=lambda pair: pair[0])]


def _file_problem(root: Path, rel: str) -> str | None:
    if rel.startswith("/") or "://" in rel or rel.startswith("~"):
        return f"'{rel}' must be a path inside the repository, e.g. content/files/handbook.pdf"
    hidden = f"'{rel}' is a hidden file or folder; materials must be ordinary files of the repository"
    if is_hidden(rel):  # .git/config (a remote's credentials), .env, .trainops-cache/...
        return hidden
    full = root / rel
    real = real_path_inside(root, rel)
    if real is None:
        return f"'{rel}' is outside the repository; copy the file into content/files/"
    if is_hidden(os.path.relpath(real, os.path.realpath(root))):  # through a symbolic link
        return hidden
    if not full.is_file():
        return f"'{rel}' does not exist in the repository"
    return None


def _position(line: int, column: int) -> tuple[int, int]:
    return line, column
