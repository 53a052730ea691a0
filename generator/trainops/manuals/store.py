"""Where rendered manuals are kept by digest: the cache's ``manuals/`` folder, or, when that
cannot be written, a temporary folder of this build's own (every manual is then rendered again:
slower, never a failed build)."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from ..store.cache_folder import CACHE_DIR, UNUSABLE

__all__ = ["manual_store"]


@contextlib.contextmanager
def manual_store(cache_dir: Path | None, note: Callable[[str], None] | None = None) -> Iterator[tuple[Path, bool]]:
    """``(folder, kept)``: the folder to render manuals into, and whether it is the cache (kept
    for the next build) or a temporary one removed afterwards. ``cache_dir`` None: the cache
    folder cannot be used, as the build has said already; one that cannot be written is said
    through ``note``."""
    if cache_dir is not None:
        store = cache_dir / "manuals"
        try:
            store.mkdir(parents=True, exist_ok=True)
            probe = store / ".written"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            if note is not None:
                reason = exc.strerror or str(exc)
                note(f"{CACHE_DIR}/manuals cannot be written ({reason}); every manual is rendered again [{UNUSABLE}]")
        else:
            yield store, True
            return
    with tempfile.TemporaryDirectory(prefix="trainops-manuals-") as temporary:
        yield Path(temporary), False
