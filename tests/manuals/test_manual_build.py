"""Manuals of an organisation this repository has never seen: safety (no network, nothing outside
the project, no attachments), reproducible bytes, the cache, and a pathological SOP."""

from __future__ import annotations

import dataclasses
import http.server
import multiprocessing
import os
import signal
import textwrap
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from trainops.load.loading import load_project
from trainops.manuals.build import CACHE_DIR, build_project_manuals
from trainops.manuals.fetcher import ProjectFetcher, RefusedResource
from trainops.model.project import Settings
from trainops.readiness import readiness_findings

TODAY = date(2026, 11, 23)


def _png() -> bytes:
    import io

    from PIL import Image  # WeasyPrint depends on Pillow

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


class Counting(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        Counting.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    Counting.hits = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def organisation(root: Path, server_url: str, extra_sop: str = "") -> Path:
    files = {
        "programs/people.yaml": """\
            people:
              - {id: aiko.tanaka, name: 田中 愛子, email: aiko@example.com, timezone: Asia/Tokyo}
              - {id: omar.haddad, name: عمر حداد, timezone: Asia/Dubai}
              - {id: zoe.muller, name: Zoë Müller-Lüdenscheidt, timezone: Europe/Berlin}
            """,
        "programs/kaizen.yaml": """\
            name: 改善ワークショップ
            code: KZN-1
            summary: Continuous improvement for line leads — «petits pas», خطوة بخطوة.
            owner: aiko.tanaka
            audience: Line leads in Osaka and Dubai
            outcomes: [Run a five-whys session]
            sops: [floor-walk]
            """,
        "programs/schedule.yaml": """\
            sessions:
              - {program: kaizen, id: kz-1, title: 初日, start: 2026-12-07 10:00, end: 12:00, timezone: Asia/Tokyo, room: Osaka 3F, capacity: 6, instructor: aiko.tanaka}
              - {program: kaizen, id: kz-2, start: 2026-12-08 09:00, end: 11:00, timezone: Asia/Dubai, room: Dubai Hall, instructor: omar.haddad}
            """,  # noqa: E501 - a session a line, as coordinators write them
        "sops/floor-walk.md": f"""\
            ---
            title: Floor walk
            owner: zoe.muller
            programs: [kaizen]
            audience: learner
            last_reviewed: 2026-10-01
            ---
            1. Walk the floor with the line lead.

            ![local diagram](../content/files/diagram.png)

            ![pasted from the web]({server_url}/network.png)

            ![someone's disk](file:///etc/hostname)

            <img src="/etc/passwd" alt="absolute path">

            <a rel="attachment" href="../content/files/notes.txt">notes</a>
            <link rel="attachment" href="file:///etc/passwd">
            """,
        "content/index.md": "# Kaizen\n",
        "content/files/notes.txt": "private notes\n",
    }
    for rel, body in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body), encoding="utf-8")
    if extra_sop:
        with open(root / "sops/floor-walk.md", "a", encoding="utf-8") as fh:
            fh.write("\n" + extra_sop + "\n")
    (root / "content/files/diagram.png").write_bytes(PNG)
    return root


def load(root: Path):
    project, diagnostics = load_project(root, Settings(site_name="Kaizen"), TODAY)
    assert not [d for d in diagnostics if d.severity == "error"], diagnostics
    return project


def test_no_request_no_outside_file_no_attachment(tmp_path, server, monkeypatch):
    root = organisation(tmp_path / "org", server)
    project = load(root)
    opened = []
    real_open = open

    def spy(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    results = build_project_manuals(project, tmp_path / "site", workers=1, sign_in_sheets=True)
    monkeypatch.undo()
    assert Counting.hits == [], "the manual build made a network request"
    assert [r.status for r in results] == ["rendered"] * 4  # two editions, two sign-in sheets
    refused = {url for r in results for url, _ in r.refused}
    assert any(url.startswith(server) for url in refused)
    assert "file:///etc/hostname" in refused and "file:///etc/passwd" in refused
    assert not [f for f in opened if f.startswith("/etc")]
    for pdf in (tmp_path / "site").rglob("*.pdf"):
        reader = PdfReader(pdf)
        assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
        body = "\n".join(p.extract_text() for p in reader.pages)
        assert "private notes" not in body
    text = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "site/manuals/kaizen.pdf").pages)
    assert "改善ワークショップ" in text and "Osaka 3F" in text and "Sign-in" not in text
    sheet = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "site/sessions/kz-1/sign-in.pdf").pages)
    assert "改善ワークショップ" in sheet and "Osaka 3F" in sheet and "田中 愛子" in sheet


def test_check_names_the_sop_and_line_of_every_refused_resource(tmp_path, server):
    project = load(organisation(tmp_path / "org", server))
    found = sorted((f.path, f.line) for f in readiness_findings(project) if f.rule == "manual-resource")
    assert found == [
        ("sops/floor-walk.md", 12),
        ("sops/floor-walk.md", 14),
        ("sops/floor-walk.md", 16),
        ("sops/floor-walk.md", 18),
        ("sops/floor-walk.md", 19),
        ("sops/floor-walk.md", 19),
    ]


def test_rebuilds_are_byte_identical_and_the_cache_is_used(tmp_path, server):
    root = organisation(tmp_path / "org", server)
    project = load(root)
    first = build_project_manuals(project, tmp_path / "a", workers=2)
    assert {r.status for r in first} == {"rendered"}
    again = build_project_manuals(project, tmp_path / "b", workers=2)
    assert {r.status for r in again} == {"cached"}
    import shutil

    shutil.rmtree(root / CACHE_DIR)
    fresh = build_project_manuals(project, tmp_path / "c", workers=2)
    assert {r.status for r in fresh} == {"rendered"}
    for name in ("kaizen.pdf", "kaizen-instructor.pdf"):
        assert (tmp_path / "a/manuals" / name).read_bytes() == (tmp_path / "c/manuals" / name).read_bytes()


def test_letter_paper(tmp_path, server):
    from dataclasses import replace

    project = load(organisation(tmp_path / "org", server))
    project = replace(project, settings=replace(project.settings, paper_size="Letter"))
    build_project_manuals(project, tmp_path / "site", workers=1)
    box = PdfReader(tmp_path / "site/manuals/kaizen.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a_pathological_sop_is_named_not_hung(tmp_path, server):
    from trainops.manuals.jobs import build_manuals
    from trainops.manuals.plan import plan_manuals
    from trainops.render.environment import project_environment

    rows = "\n".join(f"| {i} | {'word ' * 30} |" for i in range(6000))
    root = organisation(tmp_path / "org", server, extra_sop="| n | text |\n|---|---|\n" + rows)
    project = load(root)
    jobs = plan_manuals(project, project_environment(project))[:1]
    results = build_manuals(
        jobs, tmp_path / "site/manuals", root / CACHE_DIR, [root], root.as_uri() + "/", workers=2, time_limit=3
    )
    assert results[0].status == "failed"
    assert "took longer than 3 s" in results[0].message and "sops/floor-walk.md" in results[0].message


def test_fetcher_refuses_everything_but_project_files(tmp_path):
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "ok.png").write_bytes(PNG)
    (tmp_path / "secret.txt").write_text("x")
    (tmp_path / "proj" / "link.png").symlink_to(tmp_path / "secret.txt")
    fetcher = ProjectFetcher([tmp_path / "proj"])
    assert fetcher.fetch((tmp_path / "proj" / "ok.png").as_uri()).read() == PNG
    for url in [
        "http://127.0.0.1:9/x.png",
        "https://example.com/x.png",
        (tmp_path / "secret.txt").as_uri(),
        (tmp_path / "proj" / "link.png").as_uri(),
        (tmp_path / "proj" / ".." / "secret.txt").as_uri(),
        "ftp://example.com/x",
        "file://otherhost/etc/passwd",
    ]:
        with pytest.raises(RefusedResource):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 7


def test_a_manual_whose_worker_is_killed_fails_alone_saying_so(tmp_path, server):
    """The out-of-memory killer's SIGKILL, sent to the first manual's worker from outside: that
    manual fails at once, saying its worker died; the next one renders."""
    from trainops.manuals.jobs import ManualJob, build_manuals
    from trainops.manuals.plan import plan_manuals
    from trainops.render.environment import make_environment

    rows = "\n".join(f"| {i} | {'word ' * 30} |" for i in range(6000))  # seconds to lay out: time to kill it
    root = organisation(tmp_path / "org", server, extra_sop="| n | text |\n|---|---|\n" + rows)
    heavy = dataclasses.replace(plan_manuals(load(root), make_environment(root))[0], parts=())
    light = ManualJob("manuals/light.pdf", "<html lang='en'><body><h1>Light</h1><p>A page.</p></body></html>", "light")

    def kill_the_first_worker() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for process in multiprocessing.active_children():
                os.kill(process.pid, signal.SIGKILL)
                return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_the_first_worker)
    killer.start()
    started = time.monotonic()
    try:
        results = build_manuals(
            [heavy, light], tmp_path / "site/manuals", root / CACHE_DIR, [root], root.as_uri() + "/", workers=1
        )
    finally:
        killer.join()
    assert time.monotonic() - started < 120
    assert results[0].status == "failed"
    assert "rendering it failed: its worker process died" in results[0].message
    assert results[1].status == "rendered"
    assert not multiprocessing.active_children()


def test_manuals_render_when_the_cache_cannot_keep_them(tmp_path):
    """A file where the cache's manuals/ folder goes: every manual is rendered again, said once,
    and the build goes on."""
    from trainops.manuals.jobs import ManualJob, build_manuals

    cache = tmp_path / CACHE_DIR
    cache.mkdir()
    (cache / "manuals").write_text("not a folder")
    job = ManualJob("manuals/light.pdf", "<html lang='en'><body><h1>Light</h1><p>A page.</p></body></html>", "light")
    notes: list[str] = []
    for cache_dir in (cache, None):
        results = build_manuals(
            [job], tmp_path / "site", cache_dir, [tmp_path], tmp_path.as_uri() + "/", 1, note=notes.append
        )
        assert [(r.status, r.pages) for r in results] == [("rendered", 1)]
        assert (tmp_path / "site/manuals/light.pdf").read_bytes().startswith(b"%PDF")
    assert len(notes) == 1 and "cannot be used" in notes[0]  # (None: said by the build already)
    assert (cache / "manuals").read_text() == "not a folder"


def _light_manual(tmp_path, cache, **kwargs):
    from trainops.manuals.jobs import ManualJob, build_manuals

    job = ManualJob("manuals/light.pdf", "<html lang='en'><body><h1>Light</h1><p>A page.</p></body></html>", "light")
    return build_manuals([job], tmp_path / "site", cache, [tmp_path], tmp_path.as_uri() + "/", 1, **kwargs)[0]


def test_a_kept_pdf_is_used_only_with_the_digest_recorded_when_it_was_made(tmp_path, monkeypatch):
    """Random bytes over a kept PDF, a folder in its place, a page count rewritten: never published."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # (a signing key of the test's own)
    cache = tmp_path / CACHE_DIR
    first = _light_manual(tmp_path, cache)
    assert (first.status, first.pages) == ("rendered", 1)
    good = (tmp_path / "site/manuals/light.pdf").read_bytes()
    kept = cache / "manuals" / "light.pdf"
    (cache / "manuals" / "light.pages").write_text("99")  # the count comes from the signed record
    again = _light_manual(tmp_path, cache)
    assert (again.status, again.pages) == ("cached", 1)
    kept.write_bytes(os.urandom(len(good)))
    assert _light_manual(tmp_path, cache).status == "rendered"
    assert (tmp_path / "site/manuals/light.pdf").read_bytes() == good
    kept.unlink()
    kept.mkdir()
    (kept / "inside").write_text("x")
    assert _light_manual(tmp_path, cache).status == "rendered"
    assert kept.is_file() and (tmp_path / "site/manuals/light.pdf").read_bytes() == good


def test_a_linked_manuals_folder_is_not_followed(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cache = tmp_path / CACHE_DIR
    cache.mkdir()
    (tmp_path / "published").mkdir()
    (cache / "manuals").symlink_to(tmp_path / "published")
    notes: list[str] = []
    assert _light_manual(tmp_path, cache, note=notes.append).status == "rendered"
    assert len(notes) == 1 and "symbolic link" in notes[0] and not any((tmp_path / "published").iterdir())
