"""The ``git`` command, read only: the repository's state, the log of the data files, their blobs.

``git`` through ``subprocess`` rather than a library: nothing to install (pygit2 needs libgit2,
dulwich is slow on long histories), and it understands every repository git does (worktrees,
packs, alternates, partial clones, SHA-256). Every call has a time limit, never changes the
repository (``--no-optional-locks``: no index refresh written), and any failure is a
:class:`GitUnavailable` with a sentence saying why.

A repository is untrusted: its ``.git/config`` and ``.gitattributes`` come with it (a zip of a
colleague's repository carries them) and may name programs for git to run. Every call therefore
goes through :func:`_command`, one prefix that turns off each way git runs something a
repository's configuration names while reading: the file-system monitor, hooks, pagers,
external diff and textconv drivers, signature checks, lazy fetches of a partial clone (and so
credential helpers and ssh commands). Clean filters (``filter.<name>.clean`` for a path in
``.gitattributes``) run whenever git hashes a working-tree file, as ``git status`` does: so
trainops never asks git about the working tree, and compares the files itself (:func:`dirty`).
The environment loses every ``GIT_*`` variable, which could point git at another repository,
index or configuration.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from ...model.changes import SHORT

__all__ = [
    "GitUnavailable",
    "RepoState",
    "Commit",
    "FileChange",
    "TreeFile",
    "repo_state",
    "log",
    "run",
    "commit_time",
    "raw_changes",
    "commit_before",
    "tree_files",
    "blob_id",
    "git_command",
    "git_environment",
]

TIMEOUT = 120  # seconds for one call; a 200-commit log takes well under one
HOW_TO_GET_IT = (
    "build from a git clone with its full history (`git fetch --unshallow` in a shallow clone; "
    "in GitHub Actions, `actions/checkout` with `fetch-depth: 0`)"
)
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C", "GIT_NO_LAZY_FETCH": "1"}
# Each setting that would make a read run a program the repository's configuration names (the
# command line's -c outranks every configuration file).
_SAFE = (
    "core.fsmonitor=false",
    "core.hooksPath=" + os.devnull,
    "core.pager=cat",
    "core.untrackedCache=false",
    "diff.external=",
    "log.showSignature=false",
    "protocol.allow=never",
    "credential.helper=",
    "core.quotePath=false",
)
_NULL = {"0" * 40, "0" * 64}


class GitUnavailable(Exception):
    """No history to read; the message says why, as the end of a sentence. ``toplevel``: the
    repository's top folder when it is known (what to do depends on whether it is the project's)."""

    def __init__(self, why: str, toplevel: str = ""):
        super().__init__(why)
        self.toplevel = toplevel


@dataclass(frozen=True)
class RepoState:
    head: str  # full commit id
    shallow: bool
    object_format: str  # "sha1" or "sha256"
    toplevel: str = ""  # the repository's top folder (the project's own, or one enclosing it)


@dataclass(frozen=True)
class FileChange:
    status: str  # A, M, D, R (renamed), T (type); C (copied) is read as A
    old_path: str | None
    path: str | None
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True)
class Commit:
    id: str
    short: str
    when: datetime  # aware, UTC
    day: date  # the date where it was committed
    subject: str
    files: list[FileChange] = field(default_factory=list)


def git_command(*args: str) -> list[str]:
    """``git`` with ``args``, as every call runs it: nothing the repository names is executed."""
    settings = [part for setting in _SAFE for part in ("-c", setting)]
    return ["git", "--no-pager", "--no-optional-locks", *settings, *args]


def git_environment() -> dict[str, str]:
    """This process's environment without git's own variables (``GIT_DIR``, ``GIT_CONFIG_*``,
    ``GIT_EXTERNAL_DIFF``...), and with ours."""
    return {**{k: v for k, v in os.environ.items() if not k.startswith("GIT_")}, **_ENV}


def run(root: Path, args: list[str]) -> bytes:
    """What ``git args`` writes on stdout, run as every call here is (:func:`_command`): for the
    readers of this package that need a call of their own (a log with other fields)."""
    return _run(root, args)


def _run(root: Path, args: list[str], data: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            git_command(*args),
            cwd=root,
            input=data,
            capture_output=True,
            timeout=TIMEOUT,
            env=git_environment(),
            check=False,
        )
    except FileNotFoundError:
        raise GitUnavailable("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitUnavailable(f"git took longer than {TIMEOUT} s to answer ({args[0]})") from None
    except OSError as exc:
        raise GitUnavailable(f"git could not be run ({exc.strerror or exc})") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        first = message[0].removeprefix("fatal: ") if message else f"exit code {done.returncode}"
        raise GitUnavailable(f"git says: {first}")
    return done.stdout


def repo_state(root: Path) -> RepoState:
    """The commit checked out (a detached HEAD too); GitUnavailable outside a repository or
    before its first commit."""
    try:
        out = _run(
            root,
            ["rev-parse", "--is-shallow-repository", "--show-object-format", "--show-toplevel", "--verify", "HEAD"],
        )
    except GitUnavailable as exc:
        if "not a git repository" in str(exc):
            raise GitUnavailable("the project is not in a git repository") from None
        if "HEAD" in str(exc) or "Needed a single revision" in str(exc):
            raise GitUnavailable("the repository has no commit yet", _toplevel(root)) from None
        raise
    shallow, object_format, toplevel, head = out.decode("utf-8", "surrogateescape").splitlines()
    return RepoState(head, shallow == "true", object_format, toplevel)


def _toplevel(root: Path) -> str:
    try:
        return _run(root, ["rev-parse", "--show-toplevel"]).decode("utf-8", "surrogateescape").strip()
    except GitUnavailable:
        return ""


_RECORD = re.compile(r"\x1e(?=(?:[0-9a-f]{40}|[0-9a-f]{64})\x1f)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def log(root: Path, paths: list[str]) -> list[Commit]:
    """Every commit of HEAD's first-parent line that changed ``paths``, oldest first, with its
    files' blob ids. First parents: a merged branch's changes are dated when they reached the
    branch that is built, which is when learners saw them."""
    fmt = "%x1e%H%x1f%ct%x1f%cI%x1f%s"
    args = ["log", "--first-parent", "--diff-merges=first-parent", "-M", "--raw", "--no-abbrev", "--relative"]
    args += ["--no-color", "--no-ext-diff", "--no-textconv", "--reverse", "-z", f"--format={fmt}", "HEAD", "--", *paths]
    out = _run(root, ["--literal-pathspecs", *args]).decode("utf-8", "surrogateescape")
    commits = []
    # A record starts at the separator followed by a commit id: a subject may hold the separator.
    for record in _RECORD.split(out)[1:]:
        head, _, rest = record.partition("\0")
        try:
            full, stamp, iso, subject = head.split("\x1f", 3)
        except ValueError:
            raise GitUnavailable(f"git's log could not be read at {head[:40]!r}") from None
        when, day = commit_time(full, stamp, iso)
        # (--no-abbrev, which the blob ids need, makes %h the full id too)
        commits.append(Commit(full, full[:SHORT], when, day, _CONTROL.sub(" ", subject), raw_changes(rest)))
    return commits


_LOCAL_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})T")


def commit_time(full: str, stamp: str, iso: str) -> tuple[datetime, date]:
    """When a commit was made (UTC) and the day where it was made. git stores any offset it is
    given (``+2400``, ``-9959``) and writes the local day with it, which ``fromisoformat`` refuses:
    the day is read from the text alone. A time past year 9999 (or before year 1) is one no
    Python date can hold: the history is unreadable, said in a sentence."""
    local = _LOCAL_DAY.match(iso)
    try:
        when = datetime.fromtimestamp(int(stamp), UTC)
        if not local:
            raise ValueError(iso)
        return when, date(int(local[1]), int(local[2]), int(local[3]))
    except (OverflowError, OSError, ValueError):
        raise GitUnavailable(
            f"commit {full[:SHORT]} has a date trainops cannot read ({stamp.strip()[:30]} seconds since 1970)"
        ) from None


def commit_before(root: Path, day: date | None = None) -> Commit | None:
    """The last commit of HEAD's first-parent line made before ``day`` began (UTC): the state the
    branch was in then (a merged branch's own commits are not states the branch was ever in).
    HEAD itself when ``day`` is None. None when HEAD's line has no commit that old."""
    fmt = "%H%x1f%ct%x1f%cI%x1f%s"
    args = ["log", "--first-parent", "-1", "--no-color"]
    if day is not None:
        args.append(f"--before={day.isoformat()}T00:00:00+00:00")
    out = _run(root, [*args, f"--format={fmt}", "HEAD", "--"]).decode("utf-8", "surrogateescape").strip()
    if not out:
        return None
    full, stamp, iso, subject = out.split("\x1f", 3)
    when, committed_on = commit_time(full, stamp, iso)
    return Commit(full, full[:SHORT], when, committed_on, _CONTROL.sub(" ", subject))


@dataclass(frozen=True)
class TreeFile:
    path: str  # relative to the project
    blob: str


def tree_files(root: Path, commit: str) -> list[TreeFile]:
    """The regular files of the project's folder at ``commit``, by path relative to it (``ls-tree``
    names them relative to the folder it runs in). Symbolic links and
    submodules are left out: a link's target is not a file of that commit to read."""
    out = _run(root, ["--literal-pathspecs", "ls-tree", "-r", "-z", commit, "--", "."])
    files = []
    for entry in out.decode("utf-8", "surrogateescape").split("\0"):
        if entry:
            meta, _, path = entry.partition("\t")
            mode, kind, blob = meta.split()
            if kind == "blob" and mode in ("100644", "100755"):
                files.append(TreeFile(path, blob))
    return sorted(files, key=lambda f: f.path)


def raw_changes(raw: str) -> list[FileChange]:
    """The files of one commit in ``git log --raw -z --no-abbrev`` (what follows its header)."""
    tokens = raw.lstrip("\n").split("\0")
    files, i = [], 0
    while i < len(tokens) and tokens[i].startswith(":"):
        meta = tokens[i][1:].split(" ")
        old_mode, new_mode, old_blob, new_blob, status = meta[0], meta[1], meta[2], meta[3], meta[4][:1]
        if status in ("R", "C"):
            old_path, path, i = tokens[i + 1], tokens[i + 2], i + 3
        else:
            old_path = path = tokens[i + 1]
            i += 2
        regular = ("100644", "100755")
        old = old_blob if old_blob not in _NULL and old_mode in regular else None
        new = new_blob if new_blob not in _NULL and new_mode in regular else None
        if status == "C":
            status, old_path, old = "A", path, None
        files.append(FileChange(status, old_path if old else None, path if new else None, old, new))
    return files


def blob_id(data: bytes, object_format: str) -> str:
    """The id git gives these bytes as a blob."""
    h = hashlib.sha256() if object_format == "sha256" else hashlib.sha1()  # noqa: S324 - git's own id
    h.update(b"blob %d\0" % len(data))
    h.update(data)
    return h.hexdigest()
