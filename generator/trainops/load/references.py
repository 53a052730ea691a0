"""Cross-file checks: every id a file names exists, and every material file is in the repository."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ..model.diagnostics import Diagnostic
from ..model.formats import ESCALATION_DUTIES
from ..model.project import Project
from ..model.suggest import did_you_mean
from ..store.paths import is_hidden, real_path_inside

__all__ = ["check_references"]


def check_references(project: Project, known_programs: set[str], known_sops: set[str]) -> list[Diagnostic]:
    people = set(project.people)
    known_programs, known_sops = set(known_programs), set(known_sops)
    out: list[Diagnostic] = []
    # ``where`` gives (line, column) and is called only for an error: 20,000 sessions are checked.

    def unknown_person(value: str | None) -> bool:
        # Without a readable people file every id would be "unknown": its own error says enough.
        return bool(value) and project.people_loaded and value not in people

    def person(path: str, where: Callable[[], tuple[int, int]], field: str, value: str | None) -> None:
        if value and unknown_person(value):
            hint = did_you_mean(value, people) or f"; add them to {project.settings.people_path}"
            out.append(
                Diagnostic(path, *where(), "error", "unknown-person", f"{field}: unknown person '{value}'{hint}")
            )

    def ref(
        path: str, where: Callable[[], tuple[int, int]], field: str, value: str, pool: set[str], kind: str, rule: str
    ) -> None:
        if value not in pool:
            out.append(
                Diagnostic(
                    path, *where(), "error", rule, f"{field}: unknown {kind} '{value}'{did_you_mean(value, pool)}"
                )
            )

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

    for session in project.sessions:  # (tested before the locators and labels are made: 20,000 of them)
        if session.program not in known_programs:
            ref(
                session.path,
                partial(session.line, "program"),
                f"session '{session.id}' program",
                session.program,
                known_programs,
                "program",
                "unknown-program",
            )
        if unknown_person(session.entry.instructor):
            person(
                session.path,
                partial(session.line, "instructor"),
                f"session '{session.id}' instructor",
                session.entry.instructor,
            )

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
