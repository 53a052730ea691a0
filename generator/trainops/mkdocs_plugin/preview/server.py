"""The preview's HTTP server (the standard library's, a thread per request) and its live reload.

Every HTML page gets a small script before its last ``</body>`` that asks ``/livereload/<n>``
whether the sites changed since version ``n``; the answer waits until they have (or half a
minute), so an open page costs no processor while nothing changes, and reloads as soon as the
save it waits for has been taken in. The page itself is byte for byte what ``trainops build``
writes, but for that script.
"""

from __future__ import annotations

import re
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .sites import Preview, Response

__all__ = ["LIVE_RELOAD_SCRIPT", "PreviewServer", "without_live_reload"]

WAIT = 30  # seconds a /livereload/ request is held when nothing changes
LIVE_RELOAD_SCRIPT = """<script>(function () {
  var version = %d;
  function ask() {
    var request = new XMLHttpRequest();
    request.onloadend = function () {
      if (this.status === 200 && parseInt(this.responseText, 10) > version) { location.reload(); }
      else { setTimeout(ask, this.status === 200 ? 0 : 2000); }
    };
    request.open("GET", "/livereload/" + version);
    request.send();
  }
  ask();
})();</script>"""
_SCRIPT = re.compile(rb"<script>\(function \(\) \{\n  var version = \d+;.*?\}\)\(\);</script>", re.S)
_ASK = re.compile(r"/livereload/(\d+)")


def without_live_reload(page: bytes) -> bytes:
    """A served page without the script the preview adds: what ``build`` writes."""
    return _SCRIPT.sub(b"", page, count=1)


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], preview: Preview):
        super().__init__(address, _Handler)
        self.preview = preview
        self.version = 1
        self.changed = threading.Condition()

    def handle_error(self, request, client_address) -> None:
        # A browser that left before its answer was written (a reload, a closed tab) is no error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def reload_browsers(self) -> None:
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def wait_for_change(self, seen: int) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version > seen, timeout=WAIT)
            return self.version


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802  (the standard library's name)
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        asked = _ASK.fullmatch(path)
        if asked:
            version = self.server.wait_for_change(int(asked.group(1)))
            self._send(Response(200, str(version).encode(), "text/plain"))
            return
        version = self.server.version  # (before the page is made: a save meanwhile reloads it again)
        response = self.server.preview.respond(path)
        if response.content_type.startswith("text/html"):
            body = response.body
            end = body.rfind(b"</body>")
            script = (LIVE_RELOAD_SCRIPT % version).encode()
            body = body[:end] + script + body[end:] if end >= 0 else body + script
            response = Response(response.status, body, response.content_type)
        self._send(response)

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        if response.location is not None:
            self.send_header("Location", urllib.parse.quote(response.location))
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(response.body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass  # (a line per request would bury the data's errors in the terminal)
