"""Where rendered manuals are kept by digest, and how a kept one is trusted.

A rendered PDF is kept in the cache's ``manuals/`` folder under the digest of what went into it,
and its SHA-256 and page count are recorded in the signed data cache
(:class:`~trainops.store.cache.DataCache`, the user's own key). A kept PDF is used only when its
bytes still have the recorded SHA-256: one overwritten, planted or half-written is rendered again,
never published; anything but a regular file in its place is a miss, removed. When the folder
cannot be written, manuals render into a temporary folder of the build's own (every manual is
then rendered again: slower, never a failed build).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from ..store.cache import DataCache
from ..store.cache_folder import CACHE_DIR, UNUSABLE

__all__ = ["ManualStore", "manual_store", "pages_file"]

_RECORD = "manual-pdf"  # the kind of a record in the data cache: (sha256, pages) of a kept PDF


def pages_file(pdf: str | Path) -> Path:
    """Where a worker writes the page count of the PDF it rendered, beside it."""
    return Path(pdf).with_suffix(".pages")


class ManualStore:
    """The folder manuals render into, and the records that say which kept PDFs can be used."""

    def __init__(self, folder: Path, records: DataCache):
        self.folder = folder
        self.records = records

    def pdf(self, digest: str) -> Path:
        return self.folder / f"{digest}.pdf"

    def kept(self, digest: str) -> tuple[bytes, int | None] | None:
        """The bytes and page count of the kept PDF of ``digest`` when they are what was recorded
        when it was made, else None. Without a record the file is left alone (another build beside
        this one may have just rendered it; a worker replaces it whole anyway); with one that the
        file no longer matches, whatever is in its place is removed, to render anew."""
        record = self.records.get(_RECORD, digest, b"")
        if record is None:
            return None
        try:
            data = self.pdf(digest).read_bytes()
        except OSError:  # missing, or a folder where the file goes
            data = None
        if data is not None and hashlib.sha256(data).hexdigest() == record[0]:
            return data, record[1]
        self.clear(digest)
        return None

    def adopt(self, digest: str) -> tuple[bytes, int | None] | None:
        """A PDF just rendered into the store: its bytes and page count, recorded for the next
        build; None when it is gone already (a build beside this one cleared its place)."""
        try:
            data = self.pdf(digest).read_bytes()
        except OSError:
            return None
        try:
            pages: int | None = int(self.pages_file(digest).read_text())
        except (OSError, ValueError):
            pages = None
        self.records.put(_RECORD, digest, b"", (hashlib.sha256(data).hexdigest(), pages))
        return data, pages

    def pages_file(self, digest: str) -> Path:
        return pages_file(self.pdf(digest))

    def clear(self, digest: str) -> None:
        """Remove what is where the PDF of ``digest`` and its page count go (a worker replaces a
        file, never a folder)."""
        for path in (self.pdf(digest), self.pages_file(digest)):
            with contextlib.suppress(OSError):
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                elif path.is_symlink() or path.exists():
                    path.unlink()


@contextlib.contextmanager
def manual_store(cache_dir: Path | None, note: Callable[[str], None] | None = None) -> Iterator[ManualStore]:
    """The store of this build: the cache's ``manuals/``, or a temporary folder removed afterwards
    (no records: nothing is taken from it). ``cache_dir`` None: the cache folder cannot be used,
    as the build has said already; one whose ``manuals/`` cannot be written is said through ``note``."""
    if cache_dir is not None:
        store = cache_dir / "manuals"
        try:
            if store.is_symlink():  # (it would steer the PDFs elsewhere: into the site, say)
                raise OSError(f"{store} is a symbolic link")
            store.mkdir(parents=True, exist_ok=True)
            probe = store / f".written-{os.getpid()}"  # (of this process: builds may run side by side)
            probe.write_bytes(b"")
            probe.unlink(missing_ok=True)
        except OSError as exc:
            if note is not None:
                reason = exc.strerror or str(exc)
                note(f"{CACHE_DIR}/manuals cannot be used ({reason}); every manual is rendered again [{UNUSABLE}]")
        else:
            yield ManualStore(store, DataCache(cache_dir / "data"))
            return
    with tempfile.TemporaryDirectory(prefix="trainops-manuals-") as temporary:
        yield ManualStore(Path(temporary), DataCache(None))
