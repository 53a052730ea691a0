"""The organisation's ``.gitignore``, written by ``trainops new`` when the organisation has none.

What trainops writes beside mkdocs.yml is output, not data: the learner site (``site_dir``), the
coordinator site (``ops_dir``), the cache (``.trainops-cache/``) and ``trainops report``'s folder
(``reports/``, which names people). Left untracked, one ``git add -A`` commits them. A
``.gitignore`` that exists is the organisation's own and is never changed: adding lines to it
would be a decision about their repository that is theirs to make.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..store.paths import CACHE_DIR

__all__ = ["GITIGNORE", "gitignore_text", "write_gitignore"]

GITIGNORE = ".gitignore"
REPORTS_DIR = "reports"  # `trainops report`'s default --out


def _folder_pattern(folder: str) -> str | None:
    """``site`` → ``/site/``: the folder beside mkdocs.yml only (not one of that name in content).
    None for a folder outside the organisation (``../public``, ``/srv/site``): not ours to ignore."""
    path = PurePosixPath(folder.replace("\\", "/").strip())
    if not path.parts or path.is_absolute() or ".." in path.parts or path == PurePosixPath("."):
        return None
    return f"/{path.as_posix()}/"


def gitignore_text(site_dir: str, ops_dir: str) -> str:
    """The ``.gitignore`` of an organisation whose sites are built into ``site_dir`` and ``ops_dir``."""
    lines = [
        "# Written by `trainops new`: what trainops builds and keeps here, never to be committed.",
        "# The learner site, the coordinator site, the cache and `trainops report`'s reports (they name people).",
    ]
    patterns = [_folder_pattern(site_dir), _folder_pattern(ops_dir), f"/{CACHE_DIR}/", f"/{REPORTS_DIR}/"]
    lines += list(dict.fromkeys(p for p in patterns if p))  # (site_dir and ops_dir may be one folder)
    return "\n".join(lines) + "\n"


def write_gitignore(root: Path, site_dir: str, ops_dir: str) -> Path | None:
    """Write ``root/.gitignore`` when there is none (or there is something else of that name, a
    link or a folder: left alone too); its path, or None when nothing was written."""
    target = Path(root) / GITIGNORE
    if target.exists() or target.is_symlink():
        return None
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as fh:  # ("x": never over one made meanwhile)
            fh.write(gitignore_text(site_dir, ops_dir))
    except FileExistsError:
        return None
    return target
