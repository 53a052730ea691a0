"""Whether the project's cache folder may be used: a cache only ever makes a build faster.

Nothing a build needs is only in the cache, so a folder that cannot be used means no cache (a
slower build, with one note saying why), never a failed build. It cannot be steered: a symbolic
link (``.trainops-cache -> content/files`` would publish the pickles) or a folder that lies in
or around a source or a site is not used; and it carries a ``.gitignore`` of its own, so it is
never committed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .paths import CACHE_DIR, overlap

__all__ = ["CACHE_DIR", "UNUSABLE", "cache_folder"]

UNUSABLE = "cache-unusable"  # the id of the note that says why nothing is cached
_SUBFOLDERS = ("data", "manuals")  # (where entries are written: no link may steer them either)
_GITIGNORE = "*\n"  # everything in the folder, this file too


def cache_folder(root: Path | str, protected: Iterable[str | Path] = ()) -> tuple[Path | None, str]:
    """The project's cache folder, made if need be, or None and why it cannot be used.
    ``protected``: the folders (relative to ``root``) it may not be in, nor hold: the sources
    and the sites."""
    folder = Path(root) / CACHE_DIR
    for path in (folder, *(folder / sub for sub in _SUBFOLDERS)):
        if path.is_symlink():
            return None, f"{path.relative_to(root)} is a symbolic link, which could steer the cache; remove it"
    for name in protected:
        if overlap(folder, Path(root) / name):
            return None, f"{CACHE_DIR} lies in or around {name}/, where the cache must not be; move that folder"
    try:
        folder.mkdir(exist_ok=True)
        gitignore = folder / ".gitignore"
        if not _holds(gitignore, _GITIGNORE):
            gitignore.write_bytes(_GITIGNORE.encode())
        probe = folder / f".written-{os.getpid()}"  # (a read-only file system lets a folder be listed, not written)
        probe.write_bytes(b"")
        probe.unlink(missing_ok=True)
    except OSError as exc:
        return None, f"{CACHE_DIR} cannot be written ({exc.strerror or exc}); the build is slower, not wrong"
    return folder, ""


def _holds(path: Path, text: str) -> bool:
    try:
        return os.path.isfile(path) and path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False
