"""Damaged input never crashes or hangs the loader (STYLE habit 3: a traceback is a bug in trainops).

Seeded random damage to each data file of the small valid project of the error goldens: characters
and lines deleted, duplicated, swapped, YAML punctuation and raw bytes (invalid UTF-8 too)
inserted, files truncated. Every mutation must load in-process without an exception, with no more
work than a few loads of the undamaged project (function calls counted, not seconds), and every
diagnostic must carry a usable location. Then a few inputs built to hurt: deep nesting, an
alias bomb, an oversized file, and symlinks that lead out of the repository.
"""

from __future__ import annotations

import builtins
import contextlib
import functools
import os
import pathlib
import random
import signal
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import trainops
from tests.helpers import TODAY
from tests.helpers.base_project import BASE, write_project
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.model.diagnostics import Diagnostic, format_diagnostics

# Work is bounded by counting function calls (the same on any machine, however busy): a damaged
# or hostile input may cost at most WORK_LIMIT times the calls of loading the undamaged base
# project (each of them costs under twice as many today; an alias bomb that expanded, or a parser
# that went quadratic, costs hundreds of times as many).
WORK_LIMIT = 5
# A load that stops calling functions (a loop in C, a lock) is broken by an alarm after this many
# seconds: a hang breaker a thousand times what a load takes, never a speed limit.
HANG_AFTER = 60.0
# The loader's code, whose calls are counted.
COUNTED = tuple(str(Path(module.__file__).parent) + os.sep for module in (trainops, yaml))

PUNCTUATION = ":-[]{}&*!|>'\"#%@`\t\n ,?"

CSV_SCHEDULE = """\
program,id,title,start,end,timezone,room,instructor,capacity
onboarding,onb-2026-12-01,Day 1 - Welcome,2026-12-01 09:30,12:00,America/New_York,HQ 4B,sam.patel,20
onboarding,onb-2026-12-02,"Day 2, systems",2026-12-02 09:30,12:00,America/New_York,HQ 4B,jordan.lee,
"""

# (file to damage, how many mutations): about 300 in all.
TARGETS = [
    ("mkdocs.yml", 25),
    ("programs/people.yaml", 45),
    ("programs/onboarding.yaml", 60),
    ("programs/schedule.yaml", 60),
    ("programs/schedule.csv", 35),
    ("sops/cohort-setup.md", 60),
    ("content/index.md", 15),
]


# --- damage -------------------------------------------------------------------------------------


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _delete_chars(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    for _ in range(rng.randint(1, 5)):
        if data:
            i = rng.randrange(len(data))
            data = data[:i] + data[i + 1 :]
    return data, "delete characters"


def _delete_line(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    return b"\n".join(lines[:i] + lines[i + 1 :]), f"delete line {i + 1}"


def _duplicate_line(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    return b"\n".join(lines[: i + 1] + lines[i:]), f"duplicate line {i + 1}"


def _swap_lines(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = _lines(data)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines), f"swap lines {i + 1} and {j + 1}"


def _insert_punctuation(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    for _ in range(rng.randint(1, 4)):
        i = rng.randint(0, len(data))
        data = data[:i] + rng.choice(PUNCTUATION).encode() + data[i:]
    return data, "insert punctuation"


def _insert_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    i = rng.randint(0, len(data))
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 3)))
    return data[:i] + junk + data[i:], f"insert bytes {junk!r} at {i}"


def _truncate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    i = rng.randint(0, len(data))
    return data[:i], f"truncate at {i}"


def _reindent(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    if lines[i].startswith(b" ") and rng.random() < 0.5:
        lines[i] = lines[i][rng.randint(1, 2) :]
    else:
        lines[i] = b" " * rng.randint(1, 3) + lines[i]
    return b"\n".join(lines), f"re-indent line {i + 1}"


def _replace_char(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    if not data:
        return data, "replace nothing"
    i = rng.randrange(len(data))
    return data[:i] + rng.choice(PUNCTUATION + "aZ09é").encode() + data[i + 1 :], f"replace byte {i}"


MUTATIONS = [
    _delete_chars,
    _delete_line,
    _duplicate_line,
    _swap_lines,
    _insert_punctuation,
    _insert_bytes,
    _truncate,
    _reindent,
    _replace_char,
]


def mutate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """One to three kinds of damage, chosen by ``rng``."""
    steps = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        data, step = rng.choice(MUTATIONS)(rng, data)
        steps.append(step)
    return data, "; ".join(steps)


# --- checking one load --------------------------------------------------------------------------


class _Hung(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` in the core hides it."""


@dataclass
class Work:
    """The calls made in a :func:`counted` block by the loader's code (trainops and PyYAML's
    Python side): a function of theirs, or a built-in one they call."""

    calls: int = 0


@contextlib.contextmanager
def counted(limit: int | None = None):
    """Count the loader's calls made in this thread inside the block and fail past ``limit``
    (imports and the first build of a pydantic model, whose work depends on what ran before in
    the process, are not the loader's code and not counted); an alarm
    breaks a real hang, which a count alone would wait for forever."""
    work = Work()

    def on_event(frame, event, arg):
        if (event == "call" or event == "c_call") and frame.f_code.co_filename.startswith(COUNTED):
            work.calls += 1

    def on_alarm(signum, frame):
        raise _Hung(f"still loading after {HANG_AFTER:.0f} s")

    use_alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, HANG_AFTER)
    sys.setprofile(on_event)
    try:
        yield work
    finally:
        sys.setprofile(None)
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    if limit is not None:
        assert work.calls <= limit, f"{work.calls:,} calls (limit {limit:,}: {WORK_LIMIT}x the base project's load)"


def load(root: Path) -> list[Diagnostic]:
    """``check`` in-process: settings, then the project; both must return, never raise."""
    settings, problems = read_settings(root)
    _, diagnostics = load_project(root, settings, TODAY)
    return problems + diagnostics


def assert_well_formed(diagnostics: list[Diagnostic], root: Path, context: str) -> None:
    for d in diagnostics:
        where = f"{context}\n  diagnostic: {d!r}"
        assert isinstance(d.path, str) and d.path and not Path(d.path).is_absolute(), where
        assert isinstance(d.line, int) and d.line >= 1, where
        assert isinstance(d.column, int) and d.column >= 1, where
        assert d.severity in ("error", "warning"), where
        assert isinstance(d.rule, str) and d.rule and " " not in d.rule, where
        assert isinstance(d.message, str) and d.message.strip(), where
        assert str(root) not in d.message, f"{where}\n  (the message leaks the absolute project path)"
        target = root / d.path
        if target.is_file() and not target.is_symlink():
            # A diagnostic points at a line that exists (or just after the last one).
            assert d.line <= target.read_bytes().count(b"\n") + 2, f"{where}\n  (line past the end of the file)"
    for fmt in ("text", "json", "github"):
        format_diagnostics(diagnostics, fmt)


@functools.cache
def work_limit() -> int:
    """WORK_LIMIT times the calls of loading the undamaged base project (after a first load, so
    that imports and caches of parsed values are not counted)."""
    with tempfile.TemporaryDirectory() as folder:
        root = write_project(Path(folder))
        load(root)
        with counted() as work:
            load(root)
    assert work.calls > 1_000  # (the profile saw the load)
    return WORK_LIMIT * work.calls


# --- random damage ------------------------------------------------------------------------------


def _write_base_for(target: str, root: Path) -> bytes:
    """The base project in ``root`` (with the CSV schedule when that is the target); the
    target's undamaged bytes."""
    overrides = {"programs/schedule.yaml": None, target: CSV_SCHEDULE} if target.endswith(".csv") else {}
    write_project(root, overrides)
    return (root / target).read_bytes()


@pytest.mark.parametrize("target,count", TARGETS, ids=[t for t, _ in TARGETS])
def test_random_damage_never_crashes(target: str, count: int, tmp_path: Path):
    original = _write_base_for(target, tmp_path)
    with counted(work_limit()):
        assert not [d for d in load(tmp_path) if d.severity == "error"], "the undamaged project must be clean"
    seed = sum(map(ord, target))  # fixed per target: a failure is reproducible by its seed and step
    rng = random.Random(seed)
    for step in range(count):
        damaged, how = mutate(rng, original)
        (tmp_path / target).write_bytes(damaged)
        context = f"{target}, seed {seed}, mutation {step}: {how}\n  content: {damaged[:600]!r}"
        try:
            with counted(work_limit()):
                diagnostics = load(tmp_path)
        except (AssertionError, KeyboardInterrupt):
            raise
        except BaseException as exc:  # noqa: BLE001 - any exception here is the bug we look for
            pytest.fail(f"load raised {type(exc).__name__}: {exc}\n  {context}")
        assert_well_formed(diagnostics, tmp_path, context)
    (tmp_path / target).write_bytes(original)


# --- inputs built to hurt -----------------------------------------------------------------------


def _load_bounded(root: Path) -> list[Diagnostic]:
    with counted(work_limit()):
        diagnostics = load(root)
    assert_well_formed(diagnostics, root, "pathological input")
    return diagnostics


def _rules(diagnostics: list[Diagnostic], path: str) -> set[str]:
    return {d.rule for d in diagnostics if d.path == path and d.severity == "error"}


def test_ten_thousand_deep_flow_list(tmp_path: Path):
    root = write_project(tmp_path, {"programs/onboarding.yaml": "[" * 10_000 + "]" * 10_000 + "\n"})
    assert _rules(_load_bounded(root), "programs/onboarding.yaml") == {"yaml-depth"}


def test_ten_thousand_deep_block_list(tmp_path: Path):
    nested = "- " * 10_000 + "deep\n"  # compact block lists: 10,000 levels on one line
    root = write_project(tmp_path, {"programs/onboarding.yaml": nested})
    assert _rules(_load_bounded(root), "programs/onboarding.yaml") == {"yaml-depth"}


def test_deep_front_matter(tmp_path: Path):
    sop = "---\ntitle: " + "[" * 10_000 + "]" * 10_000 + "\n---\nbody\n"
    root = write_project(tmp_path, {"sops/cohort-setup.md": sop})
    assert _rules(_load_bounded(root), "sops/cohort-setup.md") == {"yaml-depth"}


@pytest.mark.parametrize("raised", ["libyaml-limit", "recursion"])
def test_deep_nesting_is_yaml_depth_whatever_the_parser_says(raised: str, tmp_path: Path, monkeypatch):
    """libyaml 0.2.6 and later stop at 1,000 levels with their own message ("exceeded maximum
    nesting depth"); older ones, and the pure-Python composer, recurse until RecursionError. Both
    are reported as yaml-depth at the right place."""
    import yaml

    def compose(text, Loader):  # noqa: N803 - PyYAML's own argument name
        if raised == "recursion":
            raise RecursionError("maximum recursion depth exceeded")
        mark = yaml.Mark("<unicode string>", 1002, 0, 1002, None, None)
        raise yaml.scanner.ScannerError("while increasing flow level", None, "exceeded maximum nesting depth", mark)

    monkeypatch.setattr(yaml, "compose", compose)
    root = write_project(tmp_path, {"programs/onboarding.yaml": "[" * 2_000 + "]" * 2_000 + "\n"})
    found = [d for d in _load_bounded(root) if d.path == "programs/onboarding.yaml"]
    assert {d.rule for d in found} == {"yaml-depth"}
    assert found[0].message.startswith("nesting is too deep to be data")
    assert found[0].column == (1003 if raised == "libyaml-limit" else 1)


def test_billion_laughs(tmp_path: Path):
    bomb = ['lol0: &lol0 "lol"']
    for i in range(1, 10):
        bomb.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 10) + "]")
    bomb.append("name: *lol9")
    root = write_project(
        tmp_path,
        {
            "programs/onboarding.yaml": "\n".join(bomb) + "\n",
            "programs/people.yaml": BASE["programs/people.yaml"] + "extra: *lol9\n",
        },
    )
    diagnostics = _load_bounded(root)
    assert _rules(diagnostics, "programs/onboarding.yaml") == {"yaml-alias"}
    # An alias to an anchor of another file is just an undefined alias.
    assert _rules(diagnostics, "programs/people.yaml") == {"yaml-syntax"}


@pytest.mark.parametrize("rel", ["programs/onboarding.yaml", "sops/cohort-setup.md", "programs/schedule.yaml"])
def test_oversized_file_is_refused_quickly(rel: str, tmp_path: Path):
    root = write_project(tmp_path)
    with (root / rel).open("ab") as handle:
        line = b"# " + b"x" * 1022 + b"\n"
        for _ in range(25 * 1024):  # 25 MB of comment lines
            handle.write(line)
    diagnostics = _load_bounded(root)
    assert _rules(diagnostics, rel) == {"file-too-large"}
    [message] = [d.message for d in diagnostics if d.path == rel]
    assert "20 MB" in message


def _schedule_with_unknown_instructors(count: int) -> str:
    sessions = "".join(
        f"  - {{program: onboarding, id: s{i}, start: 2026-12-15 09:30, duration: 1h, instructor: sam.patle}}\n"
        for i in range(count)
    )
    return "timezone: UTC\nsessions:\n" + sessions


def test_a_large_schedule_loads_in_linear_time(tmp_path: Path):
    """Four times the sessions cost about four times the work, not sixteen: the function calls of
    each load counted (after a first load of each, so imports and caches of parsed values are not)."""
    calls = {}
    for count in (1_000, 4_000):
        root = write_project(
            tmp_path / str(count), {"programs/schedule.yaml": _schedule_with_unknown_instructors(count)}
        )
        load(root)
        with counted() as work:
            diagnostics = load(root)
        assert len([d for d in diagnostics if d.rule == "unknown-person"]) == count
        calls[count] = work.calls
    assert calls[4_000] / calls[1_000] < 4.5, f"1,000 sessions {calls[1_000]:,} calls, 4,000 sessions {calls[4_000]:,}"


# Inputs that once made the loader raise: each must load and report, never raise.
CRASHERS = {
    "field-name-with-bracket": {
        "programs/onboarding.yaml": BASE["programs/onboarding.yaml"].replace("escalation:", "escal[tion:"),
    },
    # An unknown field named like a type ('time', 'date', 'str', 'int') once lost its location.
    "field-named-time": {
        "programs/people.yaml": BASE["programs/people.yaml"].replace(
            "timezone: America/New_York", "time: America/New_York", 1
        ),
    },
    "mkdocs-plugins-not-a-list": {
        "mkdocs.yml": BASE["mkdocs.yml"].replace("plugins: [search, trainops]", "plugins: 25:00")
    },
    "mkdocs-impossible-date": {"mkdocs.yml": BASE["mkdocs.yml"] + "extra:\n  launched: 2026-02-29\n"},
}


@pytest.mark.parametrize("name", sorted(CRASHERS))
def test_inputs_that_once_crashed(name: str, tmp_path: Path):
    root = write_project(tmp_path, CRASHERS[name])
    assert_well_formed(_load_bounded(root), root, name)


@pytest.fixture
def reads_outside(monkeypatch, tmp_path):
    """Record every file read (through pathlib or open) that resolves outside ``tmp_path/repo``."""
    repo = (tmp_path / "repo").resolve()
    seen: list[str] = []

    def outside(path) -> bool:
        try:
            resolved = Path(path).resolve()
        except (OSError, TypeError, ValueError):
            return False
        return resolved.is_relative_to(tmp_path.resolve()) and not resolved.is_relative_to(repo)

    real_read_bytes, real_read_text, real_open = pathlib.Path.read_bytes, pathlib.Path.read_text, builtins.open

    def read_bytes(self, *args, **kwargs):
        if outside(self):
            seen.append(str(self))
        return real_read_bytes(self, *args, **kwargs)

    def read_text(self, *args, **kwargs):
        if outside(self):
            seen.append(str(self))
        return real_read_text(self, *args, **kwargs)

    def open_(file, *args, **kwargs):
        if isinstance(file, (str, Path)) and outside(file):
            seen.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    monkeypatch.setattr(pathlib.Path, "read_text", read_text)
    monkeypatch.setattr(builtins, "open", open_)
    return seen


def test_symlinks_out_of_the_repository_are_refused_not_read(tmp_path: Path, reads_outside: list[str]):
    secret_dir = tmp_path / "elsewhere"
    secret_dir.mkdir()
    secret = secret_dir / "secret.yaml"
    secret.write_text(BASE["programs/onboarding.yaml"].replace("New Hire Onboarding", "TOP SECRET"))
    (secret_dir / "secret.md").write_text(BASE["sops/cohort-setup.md"].replace("Set up", "TOP SECRET"))
    (secret_dir / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    root = write_project(
        tmp_path / "repo",
        {
            "programs/onboarding.yaml": BASE["programs/onboarding.yaml"].replace(
                "link: https://example.com/handbook", "file: content/files/handbook.pdf"
            ),
        },
    )
    (root / "programs/leaked.yaml").symlink_to(secret)
    (root / "sops/leaked.md").symlink_to(secret_dir / "secret.md")
    (root / "content/leaked.md").symlink_to(secret_dir / "secret.md")
    (root / "content/files").mkdir()
    (root / "content/files/handbook.pdf").symlink_to(secret_dir / "secret.pdf")

    settings, _ = read_settings(root)
    with counted(work_limit()):
        project, diagnostics = load_project(root, settings, TODAY)
    assert_well_formed(diagnostics, root, "symlinks")
    for rel in ("programs/leaked.yaml", "sops/leaked.md", "content/leaked.md"):
        assert _rules(diagnostics, rel) == {"outside-repository"}, [d.as_text() for d in diagnostics]
    assert [d.rule for d in diagnostics if d.path == "programs/onboarding.yaml"] == ["material-file"]
    assert "leaked" not in project.programs and "leaked" not in project.sops
    assert all("TOP SECRET" not in page.text for page in project.pages)
    assert reads_outside == [], f"files outside the repository were read: {reads_outside}"


def test_symlinked_people_file_is_refused(tmp_path: Path, reads_outside: list[str]):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(BASE["programs/people.yaml"])
    root = write_project(tmp_path / "repo", {"programs/people.yaml": None})
    (root / "programs/people.yaml").symlink_to(outside)
    diagnostics = _load_bounded(root)
    assert _rules(diagnostics, "programs/people.yaml") == {"outside-repository"}
    assert reads_outside == []
