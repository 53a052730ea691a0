"""The repository a project's history is read from: its state, why there is no history, whose
history it is, and which paths of the project count."""

from __future__ import annotations

import os
from pathlib import Path

from ...model.settings import Settings
from ...store.paths import is_inside
from . import git

__all__ = [
    "data_paths",
    "enclosing_note",
    "enclosing_top",
    "history_state",
    "no_history_message",
    "repo_and_problem",
    "source_paths",
]


def data_paths(settings: Settings) -> list[str]:
    """The folders and files whose history is read (relative to the project)."""
    paths = [settings.programs_dir, settings.sops_dir, settings.people_path, settings.schedule]
    return sorted({p.strip("/") for p in paths if p and p.strip("/")})


def no_history_message(why: str, enclosing: str = "", shallow: bool = False) -> str:
    """Why there is no history and what gets it. ``enclosing``: the top folder of a repository the
    project lies inside (not its own), whose history is the one read: a clone of the project
    would not help there, its full history or a repository of the project's own does."""
    if not enclosing:
        remedy = git.HOW_TO_GET_IT
    elif shallow:
        remedy = (
            f"fetch the full history of the repository at {enclosing}, which holds the project and whose "
            f"history is read (`git -C {enclosing} fetch --unshallow`; in GitHub Actions, `actions/checkout` "
            f"with `fetch-depth: 0`), {_OWN_REPOSITORY}"
        )
    else:
        remedy = f"commit the project in the repository at {enclosing}, which holds it, {_OWN_REPOSITORY}"
    return (
        f"no history of changes: {why}. Calendars cannot tell clients what moved, and nothing lists "
        f"what changed; to get it, {remedy}"
    )


_OWN_REPOSITORY = "or give the project a repository of its own (`git init` in its folder, then commit)"


def enclosing_top(root: Path, toplevel: str) -> str:
    """The top folder of the repository that holds the project, when it is not the project's
    own ("" when it is, or is not known)."""
    top = os.path.realpath(toplevel) if toplevel else ""
    return top if top and top != os.path.realpath(root) else ""


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
    top = enclosing_top(root, state.toplevel)
    if not top:
        return ""
    rel = os.path.relpath(os.path.realpath(root), top)
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
        return None, no_history_message(str(exc), enclosing_top(root, exc.toplevel))
    if state.shallow:
        why = "this is a shallow clone, whose history is cut off"
        return state, no_history_message(why, enclosing_top(root, state.toplevel), shallow=True)
    return state, ""
