"""Whether the project's cache folder may be used: a cache only ever makes a build faster.

Nothing a build needs is only in the cache, so a folder that cannot be used means no cache (a
slower build, with one note saying why), never a failed build.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["CACHE_DIR", "UNUSABLE", "cache_folder"]

CACHE_DIR = ".trainops-cache"  # next to mkdocs.yml; deleting it is always safe
UNUSABLE = "cache-unusable"  # the id of the note that says why nothing is cached


def cache_folder(root: Path | str) -> tuple[Path | None, str]:
    """The project's cache folder, made if need be, or None and why it cannot be used."""
    folder = Path(root) / CACHE_DIR
    try:
        folder.mkdir(exist_ok=True)
        probe = folder / ".written"  # (a read-only file system lets a folder be listed, not written)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return None, f"{CACHE_DIR} cannot be written ({exc.strerror or exc}); the build is slower, not wrong"
    return folder, ""
