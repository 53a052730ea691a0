"""The repository a project's history is read from: its state, why there is no history, whose
history it is, and which paths of the project count."""

from __future__ import annotations

import os
from pathlib import Path

from ...model.project import Settings
from ...store.paths import is_inside
from . import git

__all__ = ["data_paths", "enclosing_note", "history_state", "no_history_message", "repo_and_problem", "source_paths"]


def data_paths(settings: Settings) -> list[str]:
    """The folders and files whose history is read (relative to the project)."""
    paths = [settings.programs_dir, settings.sops_dir, settings.people_path, settings.schedule]
    return sorted({p.strip("/") for p in paths if p and p.strip("/")})


def no_history_message(why: str) -> str:
    return (
        f"no history of changes: {why}. Calendars cannot tell clients what moved, and nothing lists "
        f"what changed; to get it, {git.HOW_TO_GET_IT}"
    )


def source_paths(root: Path, settings: Settings) -> list[str]:
    """Everything the outputs are made of, inside the repository: the data files, docs_dir, the
    theme folder and mkdocs.yml (what "uncommitted changes" in the printed version covers)."""
    paths = [*data_paths(settings), settings.docs_dir.strip("/"), (settings.theme_dir or "").strip("/"), "mkdocs.yml"]
    return sorted({p for p in paths if p and is_inside(root, p)})


def history_state(root: Path) -> tuple[str, str, str]:
    """``(HEAD's id, "", note)``, or ``("", why there is no history, "")``: what a whole check's
    cache key needs (the working tree's bytes are in that key already), and the note to say when
    the repository encloses the project (:func:`enclosing_note`)."""
    state, problem = repo_and_problem(root)
    if state is None or problem:
        return "", problem, ""
    return state.head, "", enclosing_note(root, state)


def enclosing_note(root: Path, state: git.RepoState) -> str:
    """ "" when the project is its repository's top folder; else a sentence saying whose history is
    read, so a project copied without its .git into another repository is never read silently."""
    top = os.path.realpath(state.toplevel) if state.toplevel else ""
    here = os.path.realpath(root)
    if not top or top == here:
        return ""
    rel = os.path.relpath(here, top)
    return (
        f"the history is that of the repository at {top} (the project is its folder {rel}/): "
        "if the project has a repository of its own, copy its .git folder in with it"
    )


def repo_and_problem(root: Path) -> tuple[git.RepoState | None, str]:
    """The repository's state and why its history cannot be read ("" when it can; a shallow clone
    has a state but no history)."""
    try:
        state = git.repo_state(root)
    except git.GitUnavailable as exc:
        return None, no_history_message(str(exc))
    if state.shallow:
        return state, no_history_message("this is a shallow clone, whose history is cut off")
    return state, ""
