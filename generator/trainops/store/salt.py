"""What made a cache entry, so that an entry made by other code is never served: a digest of
trainops' own files, the versions of the libraries whose objects the entries hold or whose
behaviour decides their content, the time-zone rules and the Python that ran.

A version number would not do: ``__version__`` stays the same from commit to commit, and a
hand-raised format number is forgotten the day a message or a reader changes. The digest of the
package's bytes changes with any edit, so a new or edited trainops starts from a cold cache.
Worked out once per process (about 15 ms: reading the package is most of it).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import sys
import zoneinfo
from pathlib import Path

__all__ = ["CACHED_LIBRARIES", "cache_salt", "code_digest", "library_versions", "zone_rules_version"]

PACKAGE = Path(__file__).resolve().parents[1]  # generator/trainops (or site-packages/trainops)

# What the cached work runs on: the models (pydantic, pydantic-core), the YAML reader (PyYAML),
# the HTML sanitiser that decides which links a page may carry (nh3), the template compiler of
# `check` (jinja2 with markupsafe) and the zone database when it is the package (tzdata). MkDocs,
# Material, Markdown, icalendar and WeasyPrint build outputs, never a cached result.
CACHED_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "nh3", "jinja2", "markupsafe", "tzdata")


@functools.cache
def cache_salt() -> bytes:
    """The part of every entry's key that names what made it (see the module's docstring)."""
    parts = [code_digest(), *library_versions(), zone_rules_version(), sys.version]
    return "\0".join(parts).encode()


@functools.cache
def code_digest() -> str:
    """A digest of every file of the trainops package (code, templates, assets; not the bytecode
    Python writes beside it), each hashed with its path, in sorted order: the same files give the
    same digest on any machine and file system."""
    h = hashlib.sha256()
    for rel in _package_files(PACKAGE):
        with open(PACKAGE / rel, "rb") as file:
            data = file.read()
        for part in (rel.encode(), data):
            h.update(len(part).to_bytes(8, "little"))
            h.update(part)
    return h.hexdigest()


def _package_files(package: Path) -> list[str]:
    files = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [s for s in subfolders if s != "__pycache__"]
        rel_folder = Path(folder).relative_to(package).as_posix()
        for name in names:
            if not name.endswith((".pyc", ".pyo")):
                files.append(name if rel_folder == "." else f"{rel_folder}/{name}")
    return sorted(files)


def library_versions() -> list[str]:
    """``name==version`` of each of :data:`CACHED_LIBRARIES` (``name absent`` when not installed).
    importlib.metadata is imported by pydantic already; the look-ups cost about 10 ms."""
    found = []
    for name in CACHED_LIBRARIES:
        try:
            found.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return found


def zone_rules_version() -> str:
    """Which zone rules ``zoneinfo`` reads: the system's database comes before the tzdata
    package, so its version decides session times wherever there is one. Debian, Ubuntu,
    Alpine and Fedora say it in the first line of ``tzdata.zi``; elsewhere the folder's
    modification time stands for it (an update rewrites the folder)."""
    for folder in zoneinfo.TZPATH:
        try:
            with open(os.path.join(folder, "tzdata.zi"), "rb") as file:
                return f"{folder}: {file.readline().strip().decode('ascii', 'replace')}"
        except OSError:
            pass
        try:
            return f"{folder}: modified {os.stat(folder).st_mtime_ns}"
        except OSError:
            continue
    return "no system zone database"  # then the tzdata package's version (in library_versions) decides
