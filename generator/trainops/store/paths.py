"""Where a path really goes: the repository's boundary, for everything read, linked or published.

A path is inside the repository when its real path (every symbolic link followed, ``..`` removed)
is the repository's real path or below it. A link that leaves is refused wherever it is met: a
data file, a file or folder in docs_dir, a link in a page, a material. And an output folder (the
built site) may never be, contain or sit inside the sources, which a build replaces whole.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from ..model.settings import Settings

__all__ = [
    "is_hidden",
    "is_inside",
    "real_path_inside",
    "lies_under",
    "named_below",
    "overlap",
    "linked_repo_path",
    "unsafe_entries",
    "output_dir_problem",
    "mark_built_site",
    "report_dir_problem",
    "REPORTS_GITIGNORE",
    "SITE_MARKER",
    "CACHE_DIR",
    "LEAVES",
    "NOT_A_FILE",
]


CACHE_DIR = ".trainops-cache"  # next to mkdocs.yml; deleting it is always safe (see cache_folder)


def is_hidden(rel: str) -> bool:
    """Whether a repository path names a hidden file or folder (``.git/config``, ``.env``,
    ``.venv/``, ``content/.drafts/``): never published (MkDocs leaves them out of a site), never a
    material, and never looked up, so their contents cannot change what ``check`` says.
    '.' and '..' are a way of writing a path, not a hidden name; where '..' leads is checked resolved."""
    return any(part.startswith(".") and part not in (".", "..") for part in rel.replace("\\", "/").split("/"))


def is_inside(root: Path | str, path: Path | str) -> bool:
    """Whether ``path`` (absolute, or relative to ``root``) really lies inside ``root``."""
    return real_path_inside(root, path) is not None


def real_path_inside(root: Path | str, path: Path | str) -> str | None:
    """The real path of ``path`` (absolute, or relative to ``root``) when it lies inside ``root``,
    else None: for a caller that goes on to look at where the path really is."""
    real = os.path.realpath(os.path.join(root, path))
    return real if lies_under(real, os.path.realpath(root)) else None


def lies_under(real: str, real_root: str) -> bool:
    """Whether the real path ``real`` is ``real_root`` or below it. Both must be real paths
    already: for callers that work out a folder's real path once for many files."""
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def named_below(folder: Path | str, path: Path | str) -> bool:
    """Whether ``path`` is written as a path below ``folder``, by name only (``..`` removed, symbolic
    links not followed): where a file claims to be, before asking where it really is."""
    return os.path.normpath(path).startswith(str(folder).rstrip(os.sep) + os.sep)


def overlap(a: Path | str, b: Path | str) -> bool:
    """Whether one of two folders is, or holds, the other (symbolic links followed)."""
    real_a, real_b = os.path.realpath(a), os.path.realpath(b)
    return lies_under(real_a, real_b) or lies_under(real_b, real_a)


def linked_repo_path(source_path: str, target: str) -> str:
    """The repository path a relative link ``target`` in the repository file ``source_path`` names,
    by name: ``..`` removed, symbolic links not followed; it starts with ``../`` (or is ``..``)
    when the link climbs out of the repository."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_path), target))


def unsafe_entries(root: Path, folder: str) -> list[tuple[str, str]]:
    """``(repository path, why)`` of every entry below ``folder`` that must not be read or
    published, sorted: symbolic links that lead outside the repository or nowhere, and entries
    that are not regular files or folders (a FIFO would block a reader forever, a device never
    end). ``os.walk`` does not descend into linked folders, so nothing is seen twice."""
    base = Path(root) / folder
    if base.is_symlink() and not is_inside(root, base):
        return [(folder, LEAVES)]
    if not base.is_dir():
        return []
    found: list[tuple[str, str]] = []
    _scan(str(root), str(base), found)
    return sorted(found)


def _scan(root: str, folder: str, found: list[tuple[str, str]]) -> None:
    """Directory entries tell their own kind (no stat for a plain file or folder): only symbolic
    links are followed to see where they lead. Linked folders are not descended into."""
    with os.scandir(folder) as entries:
        for entry in entries:
            rel = os.path.relpath(entry.path, root).replace(os.sep, "/")
            if entry.is_symlink():
                if not (os.path.exists(entry.path) and is_inside(root, entry.path)):
                    found.append((rel, LEAVES))
                elif not (os.path.isfile(entry.path) or os.path.isdir(entry.path)):
                    found.append((rel, NOT_A_FILE))
            elif entry.is_dir(follow_symlinks=False):
                _scan(root, entry.path, found)
            elif not entry.is_file(follow_symlinks=False):
                found.append((rel, NOT_A_FILE))


LEAVES = (
    "this symbolic link leads outside the repository (or nowhere), so it is not read or published; "
    "copy the file in instead"
)
NOT_A_FILE = "this is not a regular file (a pipe, a socket or a device), so it is not read or published; remove it"


def output_dir_problem(root: Path, settings: Settings, target: Path | str, what: str = "--site-dir") -> str | None:
    """Why ``target`` may not receive a built site, or None. A build replaces its output folder
    whole, so it may not be the project, hold the project, or be, hold or sit inside one of the
    sources: programs, SOPs, docs_dir, theme, .git (a symbolic link counts where it leads)."""
    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(target))
    if lies_under(str(real_root), str(real)):
        return f"{what} {target} would replace the project itself; use a folder of its own such as 'site'"
    sources = {
        "programs": settings.programs_dir,
        "SOPs": settings.sops_dir,
        "pages": settings.docs_dir,
        "theme": settings.theme_dir or ".git",  # (no custom_dir: nothing more to protect)
        "git history": ".git",
        "cache": CACHE_DIR,  # (the site would replace it, and what is cached next be published)
    }
    for name, folder in sources.items():
        if overlap(real, real_root / folder):
            return f"{what} {target} would overwrite the {name} ({folder}/); use a folder of its own such as 'site'"
    # Whatever is there is replaced: only a new or empty folder, or a site trainops built (its
    # marker). An index.html proves nothing: an intranet folder has one beside its photos/.
    if os.path.lexists(target) and not os.path.isdir(target):
        return f"{what} {target} is a file, not a folder; use a folder of its own such as 'site'"
    if os.path.isdir(real) and any(os.scandir(real)) and not os.path.isfile(real / SITE_MARKER):
        return (
            f"{what} {target} was not built by trainops (it has no {SITE_MARKER}); choose an empty folder "
            "or remove it yourself (a site built by a trainops older than this marker must be removed once)"
        )
    return None


SITE_MARKER = ".trainops-site"  # in every site a build writes: the only folders a build replaces
_MARKER_TEXT = (
    "This folder was built by trainops, which replaces it whole on every build.\n"
    "Do not keep anything else here: it would be deleted by the next build.\n"
)


def mark_built_site(folder: Path | str) -> None:
    """Mark ``folder`` as a site trainops built, so that the next build may replace it."""
    Path(folder, SITE_MARKER).write_text(_MARKER_TEXT, encoding="utf-8")


# The first file ``trainops report`` writes into its folder: git ignores the reports (they name
# people), and the text marks the folder as one the next run may replace whole.
REPORTS_GITIGNORE = "# Written by trainops report, which replaces this folder whole: reports name people.\n*\n"


def report_dir_problem(
    root: Path, settings: Settings, site_dir: str, target: Path | str, what: str = "--out"
) -> str | None:
    """Why ``target`` may not receive the reports, or None. They name people, so they stay inside
    the repository (where its ``.gitignore`` keeps them out of git) and out of everything a build
    publishes or reads: docs_dir, both sites, the sources, the records, the cache. A run replaces
    the folder whole, so it must be new, empty, or one a run wrote (its ``.gitignore``)."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(target)
    if not lies_under(real, real_root) or real == real_root:
        return f"{what} {target} is not a folder inside the repository; use one of its own such as 'reports'"
    kept_out = {
        "pages (docs_dir)": settings.docs_dir,
        "learner site": site_dir,
        "coordinator site": settings.ops_dir,
        "programs": settings.programs_dir,
        "SOPs": settings.sops_dir,
        "records": settings.records_dir,
        "theme": settings.theme_dir or ".git",
        "git history": ".git",
        "cache": CACHE_DIR,
    }
    for name, folder in kept_out.items():
        if overlap(real, os.path.join(real_root, folder)):
            where = f"the {name} ({folder}/)"
            return f"{what} {target} would be inside or hold {where}; use a folder of its own such as 'reports'"
    if os.path.lexists(target) and not os.path.isdir(target):
        return f"{what} {target} is a file, not a folder; use a folder of its own such as 'reports'"
    marker = Path(real, ".gitignore")
    ours = marker.is_file() and marker.read_text(encoding="utf-8", errors="replace") == REPORTS_GITIGNORE
    if os.path.isdir(real) and any(os.scandir(real)) and not ours:
        return f"{what} {target} holds files trainops report did not write; choose a new or empty folder"
    return None
