"""``significant_changes``: the commits that changed a program or an SOP and were marked significant.

A change is significant when its commit message has the trailer ``Significant: yes`` (git matches
the key in any case; ``yes`` or ``true``), or when it gives an SOP ``significant: true`` in its
front matter (the version before did not have it: a later typo fix that leaves the flag in place
is no new significant change). One ``git log`` over the files asked about, with the trailer and
the blob ids; only an SOP's versions that now say ``significant`` are read from git.

The log follows HEAD's first parents, as the rest of the history does: a change counts from the
day it reached the branch that is built. A branch merged with a merge commit therefore marks its
change with the trailer in the merge commit's message (a squash merge keeps the branch's message).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from ...model.changes import SHORT
from ...model.project import Project
from ...model.record_audit import SignificantChange
from ..file_readers import read_sop
from ..yamlsource import YamlError, decode_source
from . import git
from .blobs import BlobReader

__all__ = ["significant_changes", "project_significant_changes", "YES"]

YES = frozenset({"yes", "true"})
# A record starts at the separator followed by a commit id: a subject may hold the separator.
_RECORD = re.compile(r"\x1e(?=(?:[0-9a-f]{40}|[0-9a-f]{64})\x1f)")
_FORMAT = "%x1e%H%x1f%ct%x1f%cI%x1f%s%x1f%(trailers:key=Significant,valueonly,separator=%x2C)"


def significant_changes(root: Path, paths: list[str], tip: str = "HEAD") -> list[SignificantChange]:
    """Every significant change of ``paths`` (program files and SOP files, relative to ``root``)
    up to the commit ``tip``, oldest first, one per file a significant commit changed.
    GitUnavailable without a history."""
    if not paths:
        return []
    args = ["log", "--first-parent", "--diff-merges=first-parent", "--raw", "--no-abbrev", "--relative"]
    args += ["--no-color", "--no-ext-diff", "--no-textconv", "--reverse", "-z", f"--format={_FORMAT}", tip]
    out = git.run(root, ["--literal-pathspecs", *args, "--", *sorted(set(paths))])
    found: list[SignificantChange] = []
    with BlobReader(root) as blobs:
        for record in _RECORD.split(out.decode("utf-8", "surrogateescape"))[1:]:
            head, _, rest = record.partition("\0")
            try:
                full, stamp, iso, subject, trailers = head.split("\x1f", 4)
            except ValueError:
                raise git.GitUnavailable(f"git's log could not be read at {head[:40]!r}") from None
            day = git.commit_time(full, stamp, iso)[1]
            marked = any(value.strip().lower() in YES for value in re.split(r"[,\n]", trailers))
            for change in git.raw_changes(rest):
                path = change.path or change.old_path
                if path is None:
                    continue
                why = "trailer" if marked else "front matter" if _gains_flag(blobs, change) else ""
                if why:
                    found.append(SignificantChange(day, full, full[:SHORT], subject.strip(), path, why))
    return found


def project_significant_changes(
    project: Project, repository: Path | None = None, tip: str = "HEAD"
) -> list[SignificantChange]:
    """The significant changes of the project's programs and SOPs (what
    :func:`trainops.plan.retrain.retrain_due` takes); none when the history cannot be read, which
    the command has said once already (``project.history.problem``).

    ``repository`` and ``tip``: read the history up to the commit ``tip`` of the project folder
    ``repository`` whether or not the project's own history was read (``report`` reads only this
    log), also for a project loaded from a snapshot of ``tip`` (``report --as-of``), whose files
    have the same paths as in ``repository``; none when that folder has no history."""
    if repository is None:
        if not project.history.available:
            return []
        repository = project.root
    paths = [*(p.path for p in project.programs.values()), *(s.path for s in project.sops.values())]
    try:
        return significant_changes(repository, paths, tip)
    except git.GitUnavailable:
        return []


def _gains_flag(blobs: BlobReader, change: git.FileChange) -> bool:
    """Whether this version of an SOP says ``significant: true`` and the one before did not."""
    if change.path is None or change.new_blob is None or not change.path.endswith(".md"):
        return False
    if not _says_significant(blobs.read(change.new_blob), change.path):
        return False
    if change.old_blob is None or change.old_path is None:
        return True  # a new SOP that is significant from its first version
    return not _says_significant(blobs.read(change.old_blob), change.old_path)


def _says_significant(raw: bytes, rel: str) -> bool:
    if b"significant" not in raw:  # (most versions: nothing to parse)
        return False
    try:
        sop, _ = read_sop(PurePosixPath(rel).stem, rel, decode_source(raw, rel))
    except YamlError:
        return False
    return sop is not None and sop.meta.significant
