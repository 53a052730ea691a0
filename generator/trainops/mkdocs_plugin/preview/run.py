"""The preview's loop: serve both sites, take each save in, reload the browsers."""

from __future__ import annotations

import sys
import threading
import time
import webbrowser
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from pathlib import Path

from ...load.settings import read_settings
from ...model.errors import ServeFailed
from ..mkdocs_config import load_mkdocs_config
from .server import PreviewServer
from .sites import OPS_MOUNT, Preview
from .watch import SourceWatcher, watched_folders

__all__ = ["serve_preview", "QUIET", "IDLE"]

QUIET = 0.1  # seconds without a save before one is taken in (an editor writes a file in steps)
IDLE = 1.0  # seconds without a save after one before ``when_idle`` is called (its page is served by then)
SAVES_BEFORE_IDLE = 3  # saves taken in without an idle moment between: ``when_idle`` is called before the next
DEFAULT_ADDRESS = ("127.0.0.1", 8000)


def serve_preview(
    root: Path,
    address: tuple[str, int] = DEFAULT_ADDRESS,
    open_in_browser: bool = False,
    today: date | None = None,
    during_save: Callable[[], AbstractContextManager[object]] = nullcontext,
    when_idle: Callable[[], None] = lambda: None,
) -> None:
    """Serve the project at ``root`` until interrupted. mkdocs.yml is read first: a mistake in it
    stops here (MkDocsConfigFailed); any later mistake is shown in the browser. ``during_save``
    is entered around taking a save in and ``when_idle`` called once the preview has had no save
    for ``IDLE`` seconds after one, or before a save once ``SAVES_BEFORE_IDLE`` saves came without
    such a moment (an editor that saves as one types): the command line's process uses them to
    collect the garbage of a save after its page is served, not in the middle of the save, and
    never holds more than a few saves' worth."""
    site_name = load_mkdocs_config(root).site_name
    settings = read_settings(root)[0]
    preview = Preview(root, today, site_name)
    try:
        server = PreviewServer(address, preview)
    except OSError as exc:  # the address is taken, or not this machine's
        raise ServeFailed(f"cannot serve on {address[0]}:{address[1]}: {exc.strerror or exc}") from None
    watcher = SourceWatcher(watched_folders(root, settings))
    serving = threading.Thread(target=server.serve_forever, name="preview-server", daemon=True)
    host, port = address[0], server.server_address[1]
    url = f"http://{host}:{port}/"
    try:
        serving.start()
        watcher.start()
        print(f"trainops: serving the learner site on {url} and the coordinator site on {url[:-1]}{OPS_MOUNT}")
        print("trainops: press Ctrl+C to stop", flush=True)
        if open_in_browser:
            webbrowser.open(url)
        with during_save():
            preview.saved()  # the learner site made before any save (its page is asked for meanwhile)
        server.reload_browsers()
        owed = 1  # (saves taken in since ``when_idle`` was last called)
        while True:
            if not watcher.saved.wait(IDLE if owed else None):
                when_idle()
                owed = 0
                continue
            while watcher.saved.is_set():  # until the files are quiet
                watcher.saved.clear()
                time.sleep(QUIET)
            start = time.monotonic()
            if owed >= SAVES_BEFORE_IDLE:
                when_idle()
                owed = 0
            with during_save():
                preview.saved()
            server.reload_browsers()
            owed += 1
            took = time.monotonic() - start
            print(f"trainops: a file was saved: the preview is updated ({took:.1f} s)", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        server.shutdown()
        server.server_close()
