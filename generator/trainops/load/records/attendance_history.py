"""Earlier versions of the attendance sheets, from git: what a sheet said before a later commit
corrected it, so that the xAPI export can void the statements those versions gave (a learning
record store never edits a statement; it is voided, and the corrected one sent).

Kept small and bounded: one ``git log`` over the attendance folder alone (only the commits that
touched it, HEAD's first-parent line, as the rest of the history is read), then each distinct
version of a sheet read once through one ``git cat-file --batch``, and parsed once per content
(the project's cache, as the current files are). Every git call goes through :mod:`..history.git`.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path, PurePosixPath

from ...model.settings import Settings
from ...model.training_records import Attendance
from ...store.cache import DataCache
from ..history import git
from ..history.blobs import BlobReader
from ..yamlsource import YamlError, decode_source
from .files import read_attendance

__all__ = ["committed_attendance"]


def committed_attendance(
    root: Path, settings: Settings, sessions: Collection[str], cache: DataCache | None = None
) -> tuple[list[Attendance], str]:
    """Every row of every committed version of the sheets of ``sessions`` (the sheets there are
    now: a sheet deleted since, pruned or moved away, corrects nothing), and "" — or no rows and
    why the history cannot be read (no git, not a repository, a shallow clone, no commit yet).
    A version that cannot be read (not UTF-8) is passed over: ``check`` spoke of it in its day."""
    try:
        state = git.repo_state(root)
        if state.shallow:
            return [], "this is a shallow clone, whose history is cut off"
        versions = _versions(root, settings, set(sessions))
        rows: list[Attendance] = []
        with BlobReader(root) as blobs:
            for blob, (path, session_id) in sorted(versions.items(), key=lambda item: (item[1], item[0])):
                rows += _rows(blobs.read(blob), path, session_id, cache or DataCache(None))
    except git.GitUnavailable as exc:
        return [], str(exc)
    return rows, ""


def _versions(root: Path, settings: Settings, sessions: set[str]) -> dict[str, tuple[str, str]]:
    """blob id -> (the path it was committed at, its session id), for each version of a sheet."""
    folder = f"{settings.records_dir.strip('/')}/attendance"
    versions: dict[str, tuple[str, str]] = {}
    for commit in git.log(root, [folder]):
        for change in commit.files:
            if change.path is None or change.new_blob is None:
                continue  # deleted in this commit (its earlier versions came with earlier commits)
            name = PurePosixPath(change.path)
            if name.suffix == ".csv" and name.stem in sessions:
                versions.setdefault(change.new_blob, (change.path, name.stem))
    return versions


def _rows(raw: bytes, path: str, session_id: str, cache: DataCache) -> tuple[Attendance, ...]:
    # (the same cache entries as the current sheets': a version read today is one read before)
    found = cache.get("records-attendance", path, raw)
    if found is None:
        try:
            found = read_attendance(session_id, path, decode_source(raw, path))
        except YamlError as exc:
            found = (None, [exc.diagnostic])
        cache.put("records-attendance", path, raw, found)
    return found[0] or ()
