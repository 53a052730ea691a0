"""``read_history``: what changed in the data files, commit by commit, from git.

One ``git log`` lists every commit of HEAD's first-parent line that touched the data files, with
their blob ids; each changed file is compared with its previous version (:mod:`.compare`, cached
by the two blob ids), and the working tree's uncommitted edits are the newest version, dated
``--today``. The walk over the commits is cached by HEAD's id: after an edit only the working
tree is compared again. Sessions are matched by id (across files), programs by slug, SOPs by path
(a rename keeps its history). Without a history (no git, not a repository, a shallow clone, no
commit yet) the result is empty and says why; nothing here ever changes the repository.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import PurePosixPath

from ...model.changes import WORK_TREE, Change, History, SessionState, SopDiff
from ...model.project import Project
from ...model.settings import Settings
from ...store.cache import DataCache
from ..yamlsource import YamlError, decode_source
from . import git, work_tree
from .blobs import BlobReader
from .compare import PROGRAM_SECTIONS, SessionDelta, compare_programs, compare_schedules, compare_sops, session_kinds
from .state import data_paths, enclosing_note, enclosing_top, no_history_message, repo_and_problem, source_paths

__all__ = ["read_history"]

_FORMAT = "3"  # raise when what the walk keeps changes shape


def read_history(project: Project, cache: DataCache | None = None) -> History:
    """Every change of the project's data files in the history of its repository, and the commit
    read with whether the working tree differs from it (a shallow clone has these two only)."""
    cache = cache or DataCache(None)
    state, problem = repo_and_problem(project.root)
    if state is None:
        return History(problem=problem)
    head = state.head
    try:
        edited = work_tree.dirty(project.root, source_paths(project.root, project.settings), state.object_format)
        if problem:
            return History(
                problem=problem, head=head, uncommitted=bool(edited), note=enclosing_note(project.root, state)
            )
        with BlobReader(project.root) as blobs:
            walk = _committed(project, cache, state, blobs).copy()  # (the uncommitted edits are added to it)
            dirty = _work_tree(project, cache, state, walk, blobs, edited)
            diffs = _sop_diffs(project, walk, blobs)
    except git.GitUnavailable as exc:
        return History(problem=no_history_message(str(exc), enclosing_top(project.root, state.toplevel)))
    note = enclosing_note(project.root, state)
    return History(
        walk.final_changes(),
        available=True,
        head=head,
        dirty=dirty,
        uncommitted=bool(edited),
        sop_diffs=diffs,
        note=note,
    )


@dataclass
class _Walk:
    """What the walk over the versions knows after each one (pickled: the walk up to HEAD is cached)."""

    settings: Settings
    files: dict[str, str] = field(default_factory=dict)  # path -> blob id of every data file now
    base: dict[str, str] = field(default_factory=dict)  # path -> the last version that read
    # path -> (blob, day, commit) of each version, oldest first
    sop_versions: dict[str, list[tuple[str, date, str]]] = field(default_factory=dict)
    sop_chain: dict[str, int] = field(default_factory=dict)  # path -> its SOP's number (renames keep it)
    changes: list[Change] = field(default_factory=list)
    sop_changes: dict[int, list[int]] = field(default_factory=dict)  # an SOP's number -> its changes' places
    sops_seen: int = 0  # SOP files followed so far (each gets a number)
    last_when: datetime | None = None  # the newest commit's time

    def kind(self, path: str | None) -> str | None:
        if path is None:
            return None
        s = self.settings
        p = PurePosixPath(path)
        programs, sops = s.programs_dir.strip("/"), s.sops_dir.strip("/")
        if path == s.schedule.strip("/") or (
            not s.schedule
            and (
                path in (f"{programs}/schedule.yaml", f"{programs}/schedule.csv")
                or (str(p.parent) == f"{programs}/schedule" and p.suffix in (".yaml", ".yml"))
            )
        ):
            return "schedule"
        if s.is_program_file(path):
            return "program"
        if str(p.parent) == sops and p.suffix == ".md":
            return "sop"
        return None

    def copy(self) -> _Walk:
        """A walk that can take more versions while this one (cached, shared by a preview's
        loads: :class:`~trainops.store.cache.SharedResults`) stays as it is."""
        return replace(
            self,
            files=dict(self.files),
            base=dict(self.base),
            sop_versions={path: list(versions) for path, versions in self.sop_versions.items()},
            sop_chain=dict(self.sop_chain),
            changes=list(self.changes),
            sop_changes={number: list(places) for number, places in self.sop_changes.items()},
        )

    def final_changes(self) -> list[Change]:
        """The changes, each SOP's under the slug its file has now."""
        final = {number: path for path, number in self.sop_chain.items()}
        out = list(self.changes)
        for number, places in self.sop_changes.items():
            if number in final:
                slug = PurePosixPath(final[number]).stem
                for i in places:
                    out[i] = replace(out[i], subject=slug)
        return out


class _Texts:
    """Blobs' texts: from git, or the working tree's files (given by id)."""

    def __init__(self, blobs: BlobReader, extra: dict[str, bytes] | None = None):
        self.blobs, self.extra = blobs, extra or {}
        self._last: dict[str, str | None] = {}  # a version is the new one of a pair, then the old one of the next

    def __call__(self, blob: str | None, rel: str) -> str | None:
        if blob is None:
            return None
        if blob in self._last:
            return self._last[blob]
        raw = self.extra[blob] if blob in self.extra else self.blobs.read(blob)
        try:
            text: str | None = decode_source(raw, rel)
        except YamlError:
            text = None
        if len(self._last) > 3:
            self._last.pop(next(iter(self._last)))
        self._last[blob] = text
        return text


def _committed(project: Project, cache: DataCache, state: git.RepoState, blobs: BlobReader) -> _Walk:
    settings = project.settings
    where = (settings.programs_dir, settings.sops_dir, settings.schedule, settings.people)
    key = f"{_FORMAT}\0{state.head}\0{where!r}".encode()
    walk = cache.get("history", "", key, shared=True)
    if isinstance(walk, _Walk):
        return walk
    walk = _Walk(settings)
    texts = _Texts(blobs)
    for commit in git.log(project.root, data_paths(settings)):
        _step(walk, cache, texts, commit)
    cache.put("history", "", key, walk, shared=True)
    return walk


def _work_tree(
    project: Project, cache: DataCache, state: git.RepoState, walk: _Walk, blobs: BlobReader, edited: list[str]
) -> bool:
    """The uncommitted edits to the data files (of the ``edited`` files), as one more version dated
    ``--today``, the build's own date (never before HEAD's last change)."""
    files: list[git.FileChange] = []
    extra: dict[str, bytes] = {}
    for rel in edited:
        if walk.kind(rel) is None:  # (not a data file: a page, the theme, mkdocs.yml)
            continue
        before = walk.files.get(rel)
        full = project.root / rel
        if os.path.isfile(full) and not os.path.islink(full):
            with open(full, "rb") as file:
                data = file.read()
            now = git.blob_id(data, state.object_format)
            extra[now] = data
        else:
            now = None
        if before != now:
            status = "A" if before is None else "D" if now is None else "M"
            files.append(git.FileChange(status, rel if before else None, rel if now else None, before, now))
    if not files:
        return False
    when = datetime(project.today.year, project.today.month, project.today.day, tzinfo=UTC)
    if walk.last_when is not None:
        # A minute after HEAD's last change at the earliest: the calendar events this version changes
        # get a SEQUENCE above that change's (trainops.model.event_versions counts whole minutes).
        when = max(when, walk.last_when + timedelta(minutes=1))
    tree = git.Commit(WORK_TREE, WORK_TREE, when, project.today, "uncommitted edits", files)
    _step(walk, cache, _Texts(blobs, extra), tree)
    return True


def _step(walk: _Walk, cache: DataCache, texts: _Texts, commit: git.Commit) -> None:
    """One version: every file it changed compared with the file's last version that read."""
    before: dict[str, SessionState] = {}
    after: dict[str, SessionState] = {}
    where: dict[str, str] = {}  # session id -> its file
    if commit.id != WORK_TREE:
        walk.last_when = commit.when
    for fc in commit.files:
        if fc.old_path is not None:
            walk.files.pop(fc.old_path, None)
        if fc.path is not None and fc.new_blob is not None:
            walk.files[fc.path] = fc.new_blob
        old_kind, new_kind = walk.kind(fc.old_path), walk.kind(fc.path)
        if "schedule" in (old_kind, new_kind):
            for sid in _schedule_file(walk, cache, texts, fc, before, after, old_kind, new_kind):
                where[sid] = fc.path or fc.old_path or ""
        if "program" in (old_kind, new_kind):
            _program_file(walk, cache, texts, commit, fc, old_kind, new_kind)
        if "sop" in (old_kind, new_kind):
            _sop_file(walk, cache, texts, commit, fc, old_kind, new_kind)
    for sid in sorted(before.keys() | after.keys()):
        old, new = before.get(sid), after.get(sid)
        state = new or old
        assert state is not None
        common = {"subject": sid, "program": state.program, "title": state.title or "", "path": where.get(sid, "")}
        if old is None:
            walk.changes.append(_change(commit, "added", new=new, **common))
        elif new is None:
            walk.changes.append(_change(commit, "removed", old=old, **common))
        else:
            for kind in session_kinds(old, new):
                walk.changes.append(_change(commit, kind, old=old.value(kind), new=new.value(kind), **common))


def _change(commit: git.Commit, kind: str, **values) -> Change:
    return Change(kind=kind, when=commit.when, day=commit.day, commit=commit.short, summary=commit.subject, **values)


def _schedule_file(walk, cache, texts, fc, before, after, old_kind, new_kind) -> list[str]:
    """Compares one schedule file's versions into ``before`` and ``after``; the ids it found."""
    old_path = fc.old_path if old_kind == "schedule" else None
    path = fc.path if new_kind == "schedule" else None
    old_blob = walk.base.pop(old_path, None) if old_path else None
    new_blob = fc.new_blob if path else None
    if old_blob == new_blob:
        if path and new_blob:
            walk.base[path] = new_blob
        return []
    rel, old_rel = path or old_path or "", old_path or path or ""
    key = f"{old_rel}\0{old_blob}\0{new_blob}".encode()
    delta = cache.get("history-sessions", rel, key)
    if not isinstance(delta, SessionDelta):
        delta = compare_schedules(old_rel, texts(old_blob, old_rel), rel, texts(new_blob, rel))
        cache.put("history-sessions", rel, key, delta)
    if delta.readable or new_blob is None:
        before.update(delta.old)
        after.update(delta.new)
        if path and new_blob:
            walk.base[path] = new_blob
        return [*delta.old, *delta.new]
    if path and old_blob:
        walk.base[path] = old_blob  # the next version is compared with the last one that read
    return []


def _compared(cache, texts, kind: str, compare, slug: str, path: str, old_blob: str, new_blob: str) -> tuple:
    """``compare`` of a file's two versions, cached by the two blob ids."""
    key = f"{old_blob}\0{new_blob}".encode()
    found = cache.get(kind, path, key)
    if not isinstance(found, tuple):
        found = compare(slug, path, texts(old_blob, path) or "", texts(new_blob, path) or "")
        cache.put(kind, path, key, found)
    return found


def _program_file(walk, cache, texts, commit, fc, old_kind, new_kind) -> None:
    old_path = fc.old_path if old_kind == "program" else None
    path = fc.path if new_kind == "program" else None
    if old_path and path and PurePosixPath(old_path).stem != PurePosixPath(path).stem:
        old_path = None  # another slug is another program
        walk.base.pop(fc.old_path or "", None)
    old_blob = walk.base.pop(old_path, None) if old_path else None
    if path is None or fc.new_blob is None:
        return
    if old_blob is None or old_blob == fc.new_blob:
        walk.base[path] = fc.new_blob
        return
    slug = PurePosixPath(path).stem
    readable, fields, name = _compared(
        cache, texts, "history-program", compare_programs, slug, path, old_blob, fc.new_blob
    )
    walk.base[path] = fc.new_blob if readable else old_blob
    if readable and fields:
        sections = tuple(dict.fromkeys(PROGRAM_SECTIONS[f] for f in fields if PROGRAM_SECTIONS.get(f)))
        old = {f: values[0] for f, values in fields.items()}
        new = {f: values[1] for f, values in fields.items()}
        walk.changes.append(
            _change(
                commit,
                "program",
                subject=slug,
                program=slug,
                title=name,
                old=old,
                new=new,
                fields=tuple(fields),
                sections=sections,
                path=path,
            )
        )


def _sop_file(walk, cache, texts, commit, fc, old_kind, new_kind) -> None:
    old_path = fc.old_path if old_kind == "sop" else None
    path = fc.path if new_kind == "sop" else None
    old_blob = walk.base.pop(old_path, None) if old_path else None
    number = walk.sop_chain.pop(old_path, None) if old_path else None
    versions = walk.sop_versions.pop(old_path, []) if old_path else []
    if path is None or fc.new_blob is None:
        return
    if number is None:
        walk.sops_seen += 1
        number = walk.sops_seen
    walk.sop_chain[path] = number
    walk.sop_versions[path] = versions
    if old_blob is None or old_blob == fc.new_blob:
        walk.base[path] = fc.new_blob
        versions.append((fc.new_blob, commit.day, commit.short))
        return
    slug = PurePosixPath(path).stem
    found = _compared(cache, texts, "history-sop", compare_sops, slug, path, old_blob, fc.new_blob)
    readable, fields, title, steps = found
    if not readable:
        walk.base[path] = old_blob
        return
    walk.base[path] = fc.new_blob
    versions.append((fc.new_blob, commit.day, commit.short))
    if fields:
        walk.sop_changes.setdefault(number, []).append(len(walk.changes))
        change = _change(commit, "sop", subject=slug, program=None, title=title, fields=fields, path=path, steps=steps)
        walk.changes.append(change)


def _sop_diffs(project: Project, walk: _Walk, blobs: BlobReader) -> dict[str, SopDiff]:
    """Each SOP changed since its last review: the version it had on that day (its first version,
    if it is younger) and the working tree's."""
    changed_since: dict[str, date] = {}
    for c in walk.final_changes():
        sop = project.sops.get(c.subject) if c.kind == "sop" else None
        if sop is not None and c.day > sop.meta.last_reviewed:
            changed_since[sop.slug] = sop.meta.last_reviewed
    diffs = {}
    for slug, reviewed in sorted(changed_since.items()):
        sop = project.sops[slug]
        versions = walk.sop_versions.get(sop.path, [])
        if not versions:
            continue
        blob, day, commit = ([v for v in versions if v[1] <= reviewed] or versions[:1])[-1]
        try:
            old = decode_source(blobs.read(blob), sop.path)
            new = decode_source((project.root / sop.path).read_bytes(), sop.path)
        except (YamlError, OSError):
            continue
        diffs[slug] = SopDiff(old, new, commit, day, reviewed)
    return diffs
