"""The project's files as one commit has them, written into a folder to load the project from:
how ``trainops report --as-of`` sees the records as they stood on a past day.

Every file's bytes are read as git stores them (``ls-tree`` and ``cat-file``, through the prefix
of :mod:`.git` that runs nothing a repository's configuration names): no checkout, no
``git archive`` (both run the smudge filters ``.gitattributes`` names), no change to the
repository or its working tree. Symbolic links are not written (see :func:`.git.tree_files`).
"""

from __future__ import annotations

import os
from pathlib import Path

from ...store.paths import named_below
from .git import BlobReader, tree_files

__all__ = ["write_snapshot"]


def write_snapshot(root: Path, commit: str, dest: Path) -> int:
    """Write the project folder's files at ``commit`` into the empty folder ``dest``; how many."""
    # (git refuses paths that leave the tree; a crafted one is skipped)
    entries = [entry for entry in tree_files(root, commit) if named_below(dest, dest / entry.path)]
    folders: set[str] = set()
    with BlobReader(root) as blobs:
        for entry in entries:
            target = os.path.join(dest, entry.path)  # (strings: 100,000 paths at five years)
            folder = os.path.dirname(target)
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            with open(target, "wb") as out:
                out.write(blobs.read(entry.blob))
    return len(entries)
