"""Rendering many manuals: cached by digest, in parallel worker processes with time and memory
limits, with progress.

Each manual renders in a process of its own (:func:`~trainops.render.workers.each_in_its_own_process`:
a fork of a server process that has imported WeasyPrint once), under an address-space limit and a
wall-clock limit: a pathological SOP ends in an error that names it, never in a hung build, and a
worker the system kills fails its manual alone, saying so. A bug in a worker is a bug of the build
(exit 3, with the worker's traceback). A manual whose digest (HTML, CSS, the images it uses, the
fonts installed, the WeasyPrint version) is in the cache, with the SHA-256 recorded when it was
made (:mod:`trainops.manuals.store`), is copied, not rendered.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from ..model.errors import RenderFailed
from ..render.workers import each_in_its_own_process, usable_cores
from ..store.salt import code_digest
from .store import ManualStore, manual_store, pages_file

__all__ = ["ManualJob", "ManualResult", "build_manuals", "manual_digest", "TIME_LIMIT", "MEMORY_LIMIT"]

TIME_LIMIT = 180.0  # seconds a manual may take
MEMORY_LIMIT = 3 * 1024**3  # bytes of address space a worker may use


@dataclass(frozen=True)
class ManualJob:
    docs_path: str  # where it goes in the site: manuals/onboarding.pdf, sessions/<id>/sign-in.pdf
    html: str
    digest: str
    parts: tuple[tuple[str, str], ...] = ()  # (SOP path, HTML of that SOP alone), to name a culprit


@dataclass
class ManualResult:
    docs_path: str
    status: str  # "rendered", "cached" or "failed"
    seconds: float = 0.0
    message: str = ""
    refused: list = field(default_factory=list)
    pages: int | None = None  # None: failed, or rendered without a readable page count


@lru_cache(maxsize=1)
def fonts_fingerprint() -> str:
    """The installed fonts (a new or updated font must re-render the manuals)."""
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{file}|%{fontversion}\\n"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    return hashlib.sha256("\n".join(sorted(out.splitlines())).encode()).hexdigest()


_FILE_URL = re.compile(r'(?:src|href)="file://([^"]+)"')


def manual_digest(html: str, extra: str = "") -> str:
    import weasyprint

    h = hashlib.sha256()
    # trainops' own code too (the PDF options, the fetcher): a change there renders every manual again.
    for part in (code_digest(), weasyprint.__version__, fonts_fingerprint(), extra, html):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    for path in sorted(set(_FILE_URL.findall(html))):
        try:
            h.update(Path(unquote(path)).read_bytes())
        except OSError:
            h.update(b"missing:" + path.encode())
    return h.hexdigest()


def _render_in_worker(html: str, base_url: str, roots: list[str], target: str, build_date: str | None) -> list:
    """In a worker process: the PDF at ``target`` (its page count beside it); the resources refused.
    Running out of memory (the worker's limit) or of stack (a nesting too deep) is the manual's
    weight, reported as its failure; anything else is a bug. ``build_date``: the building process's
    ``SOURCE_DATE_EPOCH`` (fontTools stamps it in the fonts), passed here because the fork server
    the worker comes from keeps the environment of the moment it started."""
    from .pdf import render_pdf

    if build_date is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = build_date  # (this process renders this manual only)

    try:
        data, refused, pages = render_pdf(html, base_url, [Path(r) for r in roots])
    except MemoryError:
        raise RenderFailed("ran out of memory") from None
    except RecursionError:
        raise RenderFailed("its content is nested too deeply to lay out") from None
    temporary = f"{target}.{os.getpid()}.part"
    with open(temporary, "wb") as fh:
        fh.write(data)
    # Its page count beside it (the learner site says "PDF, 5 pages"), written first: a PDF in
    # the store always has its count.
    Path(temporary).with_suffix(".pages").write_text(str(pages))
    os.replace(Path(temporary).with_suffix(".pages"), pages_file(target))
    os.replace(temporary, target)
    return refused


def _run_all(
    tasks: list[tuple[str, str, str]],
    base_url: str,
    roots: list[str],
    workers: int,
    time_limit: float,
    memory: int,
    on_done: Callable[[str, str, object, float], None],
) -> None:
    """Run (key, html, target) tasks, ``workers`` at a time; report each through ``on_done``."""
    build_date = os.environ.get("SOURCE_DATE_EPOCH")
    calls = [(key, (html, base_url, roots, target, build_date)) for key, html, target in tasks]
    for key, refused, failure, seconds in each_in_its_own_process(
        calls,
        _render_in_worker,
        workers=workers,
        limit=time_limit,
        what="rendering it",
        memory=memory,
        # Imported once by the fork server: WeasyPrint with our use of it, and the program's main
        # module, which each worker would otherwise run again (multiprocessing's own default).
        preload=("__main__", f"{__package__}.pdf"),
    ):
        if failure is None:
            on_done(key, "ok", refused, seconds)
        else:
            on_done(key, "error", str(failure), seconds)


def build_manuals(
    jobs: list[ManualJob],
    out_dir: Path,
    cache_dir: Path | None,
    roots: list[Path],
    base_url: str,
    workers: int | None = None,
    time_limit: float = TIME_LIMIT,
    memory: int = MEMORY_LIMIT,
    progress: Callable[[str], None] | None = None,
    note: Callable[[str], None] | None = None,
) -> list[ManualResult]:
    """Each job's PDF at ``out_dir/<docs_path>``, rendered or taken from ``cache_dir/manuals``
    (``cache_dir`` None, or a folder that cannot be written: nothing is kept, said by ``note``)."""
    with manual_store(cache_dir, note) as store:
        return _build_manuals(jobs, out_dir, store, roots, base_url, workers, time_limit, memory, progress)


def _build_manuals(
    jobs: list[ManualJob],
    out_dir: Path,
    store: ManualStore,
    roots: list[Path],
    base_url: str,
    workers: int | None,
    time_limit: float,
    memory: int,
    progress: Callable[[str], None] | None,
) -> list[ManualResult]:
    workers = max(1, workers or usable_cores())
    results: dict[str, ManualResult] = {}
    by_digest: dict[str, list[ManualJob]] = {}  # (two jobs of the same content render once)
    for job in jobs:
        by_digest.setdefault(job.digest, []).append(job)
    out_dir.mkdir(parents=True, exist_ok=True)

    def publish(digest: str, data: bytes, pages: int | None) -> None:
        """The bytes verified or just rendered (not the file read again), at each job's place;
        written at once, so no more than one manual is held in memory."""
        for job in by_digest[digest]:
            target = out_dir / job.docs_path  # manuals/onboarding.pdf, sessions/<id>/sign-in.pdf
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            results[job.docs_path].pages = pages

    to_render = []
    for digest, same in by_digest.items():
        kept = store.kept(digest)
        if kept is not None:
            for job in same:
                results[job.docs_path] = ManualResult(job.docs_path, "cached")
            publish(digest, *kept)
        else:
            to_render.append(same[0])
    done = 0
    total = len(to_render)
    if progress and total:
        progress(
            f"rendering {total} of {len(jobs)} manuals on {min(workers, total)} {'core' if workers == 1 else 'cores'}"
        )

    def finished(key: str, status: str, payload, seconds: float) -> None:
        nonlocal done
        done += 1
        if status == "ok":
            results[key] = ManualResult(key, "rendered", seconds, refused=list(payload))
        else:
            results[key] = ManualResult(key, "failed", seconds, str(payload))
        if progress:
            progress(f"manuals {done}/{total}: {key} {results[key].status} in {seconds:.1f} s")

    tasks = [(job.docs_path, job.html, str(store.pdf(job.digest))) for job in to_render]
    str_roots = [str(r) for r in roots]
    _run_all(tasks, base_url, str_roots, workers, time_limit, memory, finished)
    for job in to_render:
        result = results[job.docs_path]
        if result.status == "rendered":
            made = store.adopt(job.digest)
            if made is None:
                result.status = "failed"
                result.message = "its rendered file was removed by a build running beside this one"
            else:
                publish(job.digest, *made)
        if result.status == "failed":
            result.message = _name_the_culprit(
                job, result.message, base_url, str_roots, store.folder, workers, time_limit, memory
            )
        for twin in by_digest[job.digest][1:]:  # the same content under another name
            results[twin.docs_path] = ManualResult(
                twin.docs_path, result.status, result.seconds, result.message, result.refused, result.pages
            )
    return [results[job.docs_path] for job in jobs]


def _name_the_culprit(
    job: ManualJob,
    message: str,
    base_url: str,
    roots: list[str],
    store: Path,
    workers: int,
    time_limit: float,
    memory: int,
) -> str:
    """Render each SOP of a failed manual on its own to say which one is at fault."""
    if not job.parts:
        return message
    culprits: list[str] = []

    def done(key, status, payload, seconds):
        if status != "ok":
            culprits.append(key)

    probe = f"probe-{os.getpid()}"  # (of this build: builds may run side by side)
    tasks = [(path, html, str(store / f"{probe}-{i}.pdf")) for i, (path, html) in enumerate(job.parts)]
    _run_all(tasks, base_url, roots, workers, time_limit, memory, done)
    for i in range(len(tasks)):
        (store / f"{probe}-{i}.pdf").unlink(missing_ok=True)
        pages_file(store / f"{probe}-{i}.pdf").unlink(missing_ok=True)
    if culprits:
        return f"{message}; the cause is in {', '.join(sorted(culprits))}"
    return message
