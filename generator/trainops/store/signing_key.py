"""The key that signs cache entries: made once per user, kept outside every repository, in
``$XDG_CACHE_HOME/trainops/cache-key`` (by default ``~/.cache/trainops/cache-key``).

Whoever can read the key can sign a pickle that this user's next ``check`` unpickles, and so run
code as this user; whoever can write it can do the same. So, as Jinja's ``FileSystemBytecodeCache``
does for its folder, the key is trusted only when the folder and the file are owned by the
current user and closed to group and others: the folder is made (or, when it is ours, set) 0700,
the key file 0600; the file is opened without following a symbolic link and checked on the open
file, so it cannot be swapped between the check and the read.

When they are not (a shared ``XDG_CACHE_HOME``, a key copied in with loose modes), nothing is
cached and the command says why, once. A fresh key elsewhere was the other choice; but there is
no place that is safe for certain when the usual one is not, and a slow check that says how to
fix it is better than a fast one on a key someone else may hold.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from pathlib import Path

__all__ = ["KEY_BYTES", "key_file", "signing_key"]

KEY_BYTES = 32


def key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "trainops" / "cache-key"


def signing_key() -> tuple[bytes | None, str]:
    """``(key, "")``, made on first use; or ``(None, why nothing can be cached)``."""
    path = key_file()
    problem = _safe_folder(path.parent)
    if problem:
        return None, problem
    key, problem = _read_key(path)
    if key is not None or problem:
        return key, problem
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent)  # (made 0600)
        with os.fdopen(fd, "wb") as out:
            out.write(secrets.token_bytes(KEY_BYTES))
        os.replace(temporary, path)
    except OSError as exc:
        return None, f"cannot write the cache key {path}: {exc.strerror or exc}"
    return _read_key(path)  # another process may have won the race: use what is there


def _safe_folder(folder: Path) -> str:
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, 0o700)
        info = os.lstat(folder)
        if _owned(info) and stat.S_ISDIR(info.st_mode) and stat.S_IMODE(info.st_mode) != 0o700:
            os.chmod(folder, 0o700)  # ours (made by an older trainops with the umask's mode): close it
            info = os.lstat(folder)
    except OSError as exc:
        return f"cannot make the cache key's folder {folder}: {exc.strerror or exc}"
    if not stat.S_ISDIR(info.st_mode):
        return f"the cache key's folder {folder} is not a folder (a symbolic link?); remove it"
    if not _owned(info) or stat.S_IMODE(info.st_mode) & 0o077:
        return f"the cache key's folder {folder} belongs to someone else or is open to others; remove it"
    return ""


def _read_key(path: Path) -> tuple[bytes | None, str]:
    """The key; ``(None, "")`` when there is none yet (or a short one: made anew)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None, ""
    except OSError as exc:  # ELOOP: a symbolic link
        return None, f"cannot read the cache key {path}: {exc.strerror or exc}; remove it"
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode) or not _owned(info) or stat.S_IMODE(info.st_mode) & 0o077:
            return None, (
                f"the cache key {path} belongs to someone else or is readable or writable by others; "
                "remove it (a new one is made)"
            )
        key = file.read()
    return (key, "") if len(key) >= KEY_BYTES else (None, "")


def _owned(info: os.stat_result) -> bool:
    # Without user ids (Windows) the folder's access rules stand in: nothing to compare.
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()
