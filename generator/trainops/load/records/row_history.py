"""The rows of records files that changed since a commit, each with the commits that changed it.

``records diff BASE`` and the audit locks both ask: which rows of this file differ between the
version at a commit and the working tree, and which commits (or uncommitted edits) made each
difference? One ``git log BASE..HEAD`` over the files asked about gives the commits with their
authors and blob ids; each version is read from git (``cat-file``) and compared row by row
(:mod:`trainops.load.records.row_keys`). The working tree's files are read by trainops itself,
never through git (:mod:`trainops.load.history.git` says why).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...model.record_audit import UNCOMMITTED, RowChange
from ..history import git
from ..history.blobs import BlobReader
from .row_keys import Rows, keyed_rows

__all__ = ["changed_rows", "files_at", "resolve_commit"]

_RECORD = re.compile(r"\x1e(?=(?:[0-9a-f]{40}|[0-9a-f]{64})\x1f)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class _Version:
    commit: str  # full id, or UNCOMMITTED
    author: str
    blob: str | None  # None: the file does not exist in this version


def resolve_commit(root: Path, name: str) -> str:
    """The full id of the commit ``name`` names (an id, a branch, a tag, ``HEAD~3``);
    GitUnavailable with git's reason when it names none."""
    if name.startswith("-"):  # (never an option to git)
        raise git.GitUnavailable(f"'{name}' is not a commit")
    out = git.run(root, ["rev-parse", "--verify", "--end-of-options", f"{name}^{{commit}}"])
    return out.decode("ascii", "replace").strip()


def files_at(root: Path, commit: str, folder: str) -> dict[str, str]:
    """Path -> blob id of every regular file under ``folder`` in ``commit``."""
    out = git.run(root, ["--literal-pathspecs", "ls-tree", "-r", "-z", commit, "--", folder])
    found = {}
    for entry in out.decode("utf-8", "surrogateescape").split("\0"):
        if entry:
            meta, _, name = entry.partition("\t")
            mode, kind, blob = meta.split()
            if kind == "blob" and mode in ("100644", "100755"):
                found[name] = blob
    return found


def changed_rows(
    root: Path, base: str, files: dict[str, str], base_blobs: dict[str, str], object_format: str = "sha1"
) -> list[RowChange]:
    """Every row of ``files`` (path -> its kind) that differs between ``base`` (a full commit id,
    whose blob ids of those files are ``base_blobs``) and the working tree, in file order then
    key order, each with the commits that changed it since ``base`` (oldest first)."""
    paths = sorted(files)
    if not paths:
        return []
    versions = _versions(root, base, paths, base_blobs)
    out = []
    with BlobReader(root) as blobs:
        for path in paths:
            now = _working_bytes(root, path)
            chain = versions.get(path, [_Version(base, "", base_blobs.get(path))])
            now_blob = git.blob_id(now, object_format) if now is not None else None
            if now_blob != chain[-1].blob:
                chain = [*chain, _Version(UNCOMMITTED, "", now_blob)]
            if len(chain) == 1:
                continue
            out += _file_changes(blobs, files[path], path, chain, now)
    return out


def _versions(root: Path, base: str, paths: list[str], base_blobs: dict[str, str]) -> dict[str, list[_Version]]:
    """Each path's versions from ``base`` to HEAD along HEAD's first parents: the base's, then
    one per commit that changed it."""
    fmt = "%x1e%H%x1f%an"
    args = ["log", "--first-parent", "--diff-merges=first-parent", "--raw", "--no-abbrev", "--relative", "--no-renames"]
    args += ["--no-color", "--no-ext-diff", "--no-textconv", "--reverse", "-z", f"--format={fmt}"]
    out = git.run(root, ["--literal-pathspecs", *args, f"{base}..HEAD", "--", *paths])
    chains = {p: [_Version(base, "", base_blobs.get(p))] for p in paths}
    for record in _RECORD.split(out.decode("utf-8", "surrogateescape"))[1:]:
        head, _, rest = record.partition("\0")
        full, _, author = head.partition("\x1f")
        for change in git.raw_changes(rest):
            path = change.path or change.old_path
            if path in chains:
                chains[path].append(_Version(full, _CONTROL.sub(" ", author).strip(), change.new_blob))
    return chains


def _working_bytes(root: Path, path: str) -> bytes | None:
    full = root / path
    if full.is_symlink() or not full.is_file():
        return None
    try:
        return full.read_bytes()
    except OSError:
        return None


def _file_changes(blobs: BlobReader, kind: str, path: str, chain: list[_Version], now: bytes | None) -> list[RowChange]:
    """The rows that differ between the chain's first and last versions, with who changed them."""

    def rows_of(version: _Version) -> Rows:
        if version.commit == UNCOMMITTED:
            return keyed_rows(kind, path, now)
        return keyed_rows(kind, path, blobs.read(version.blob) if version.blob else None)

    first = previous = rows_of(chain[0])
    by: dict[str, list[tuple[str, str]]] = {}  # key -> (commit, author) of each change to it
    for version in chain[1:]:
        current = rows_of(version)
        for key in previous.keys() | current.keys():
            if _value(previous.get(key)) != _value(current.get(key)):
                by.setdefault(key, []).append((version.commit, version.author))
        previous = current
    subject = path.rpartition("/")[2].removesuffix(".csv")
    out = []
    for key in sorted(first.keys() | previous.keys()):
        old, new = first.get(key), previous.get(key)
        if _value(old) == _value(new):
            continue
        line = new[1] if new else old[1] if old else 1
        before, after = _shown(old, new)
        out.append(RowChange(path, subject, key, before, after, line, tuple(by.get(key, ()))))
    return out


def _shown(old: tuple[tuple[str, ...], int] | None, new: tuple[tuple[str, ...], int] | None) -> tuple[str, str]:
    """The two versions of a row as text: of a row in both, only the values that differ."""
    a, b = (old[0] if old else ()), (new[0] if new else ())
    if a and b:
        pairs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        a, b = tuple(x or "(blank)" for x, _ in pairs), tuple(y or "(blank)" for _, y in pairs)
    return ", ".join(v for v in a if v), ", ".join(v for v in b if v)


def _value(row: tuple[tuple[str, ...], int] | None) -> tuple[str, ...] | None:
    return row[0] if row is not None else None
