"""The ``trainops`` command: a thin adapter over the core.

Exit codes: 0 success; 1 the data has errors (or, with ``--strict``, warnings); 2 a usage error;
3 an internal error, which is a bug in trainops and never the user's fault.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .load.history.reader import history_state
from .load.loading import load_project, read_bytes
from .load.settings import read_settings
from .load.today import TodayError, resolve_today, source_date_epoch
from .load.yamlsource import YamlError
from .model.diagnostics import format_diagnostics, has_errors, sort_diagnostics
from .model.suggest import did_you_mean
from .readiness import readiness_findings
from .render.template_check import check_templates
from .store.cache import data_cache, project_fingerprint
from .store.paths import output_dir_problem

__all__ = ["main"]

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


class UsageError(Exception):
    pass


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--project",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the training repository (default: the current folder)",
    )
    common.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        default=argparse.SUPPRESS,
        help="judge 'upcoming' and 'overdue' against this date (or set TRAINOPS_TODAY)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="trainops", parents=[common], description="Docs-as-code for training operations."
    )
    parser.add_argument("--version", action="version", version=f"trainops {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    check = sub.add_parser("check", parents=[common], help="validate everything; nothing is written")
    check.add_argument("--format", choices=("text", "json", "github"), default="text")
    check.add_argument("--strict", action="store_true", help="warnings fail the check too")
    check.add_argument("--program", metavar="SLUG", help="check one launch: readiness of this program only")

    build = sub.add_parser("build", parents=[common], help="build both sites, feeds and manuals")
    build.add_argument(
        "--site-dir", metavar="DIR", help="where to write the learner site (default: site_dir of mkdocs.yml)"
    )
    build.add_argument(
        "--ops-dir", metavar="DIR", help="where to write the coordinator site (default: the plugin's ops_dir, ops/)"
    )
    build.add_argument("--no-pdf", action="store_true", help="skip the PDF manuals")
    build.add_argument("--verbose", action="store_true", help="show MkDocs' progress messages")

    handoff = sub.add_parser("handoff", parents=[common], help="what FROM owns and what TO takes over")
    handoff.add_argument("from_id", metavar="FROM", help="person id of the current owner")
    handoff.add_argument("to_id", metavar="TO", help="person id of the new owner (must be in people.yaml)")
    handoff.add_argument("--write", action="store_true", help="move the ownership in the files")

    new = sub.add_parser("new", parents=[common], help="a new program or SOP from the template, valid at once")
    new.add_argument("kind", choices=("program", "sop"))
    new.add_argument("slug", metavar="SLUG", help="the file name: lowercase letters, digits and hyphens")
    new.add_argument("--owner", metavar="ID", help="the owner's person id (default: the first person in people.yaml)")
    new.add_argument("--from", dest="from_slug", metavar="EXISTING", help="copy an existing program or SOP")

    schema = sub.add_parser("schema", parents=[common], help="write the JSON Schemas of the data formats")
    schema.add_argument(
        "folder", metavar="DIR", nargs="?", help="where to write them (default: schemas/ in the project)"
    )

    serve = sub.add_parser("serve", parents=[common], help="live preview that reloads on every edit")
    serve.add_argument("--dev-addr", metavar="IP:PORT", help="address to serve on (default 127.0.0.1:8000)")
    serve.add_argument("--open", action="store_true", help="open the preview in a browser")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        root = Path(getattr(args, "project", ".")).resolve()
        if not root.is_dir():
            raise UsageError(f"--project {getattr(args, 'project', '.')}: no such folder")
        today = resolve_today(getattr(args, "today", None))
        # The plugin and MkDocs read these: the same --today gives the same bytes.
        os.environ["TRAINOPS_TODAY"] = today.isoformat()
        os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(today))
        return COMMANDS[args.command](args, root, today)
    except (UsageError, TodayError) as exc:
        print(f"trainops: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a folder that cannot be written, a full disk: the machine, not a bug
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"trainops: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_DATA
    except Exception:  # a traceback is a bug in trainops, never a mistake in the data
        print(
            "trainops: internal error — this is a bug in trainops, not in your files. "
            "Please report it with the text below.",
            file=sys.stderr,
        )
        traceback.print_exc()
        return EXIT_BUG


def _load(root: Path, today, program: str | None = None, settings_read=None, cache=None, history: bool = False):
    """Data errors of every file, then the launch-readiness warnings (of one program).
    ``settings_read``: what ``read_settings(root)`` gave, when the caller has it already.
    ``history``: read what changed from git (check and build), and say once when it cannot."""
    settings, problems = settings_read or read_settings(root)
    cache = cache or data_cache(root)
    with _kept_out_of_collector():
        project, diagnostics = load_project(root, settings, today, cache, history=history)
        if history and project.history.problem:
            _warn_no_history(project.history.problem)
        if program is not None and program not in project.programs:
            raise UsageError(f"--program: unknown program '{program}'{did_you_mean(program, project.programs)}")
        # Double bookings and hours depend on the schedule, the people and the day only: after an
        # edit elsewhere (an SOP, a program) they come from the cache.
        inputs = [settings.people_path, *settings.schedule_paths(root)]
        key = b"".join(_digest_of(root, rel) for rel in inputs) + str(today).encode()
        kept = project.derived.session_findings = cache.get("session-findings", "", key)
        warnings = [f.as_diagnostic() for f in readiness_findings(project, program)]
        if kept is None:
            cache.put("session-findings", "", key, project.derived.session_findings)
    templates = check_templates(root, cache, settings.theme_dir)
    cache.prune()
    return project, problems + diagnostics + templates + warnings


def _warn_no_history(problem: str) -> None:
    """Once per command, on stderr: not a problem of any file, and not one that fails --strict."""
    print(f"trainops: warning: {problem} [history-unavailable]", file=sys.stderr)


# Set by the console script, whose process ends after one command (tests call main() many times).
_ONE_COMMAND_PER_PROCESS = False


@contextmanager
def _kept_out_of_collector():
    """What is loaded here lives until the process ends: the cycle collector is off meanwhile,
    and then never walks those millions of objects (``gc.freeze``). Once re-enabled, a collector
    that had merely been paused would walk them all at once (0.3 s after loading 20,000 sessions),
    and again at the collections that later work causes. Only in the console script's process."""
    if not _ONE_COMMAND_PER_PROCESS or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _digest_of(root: Path, rel: str) -> bytes:
    try:
        return hashlib.sha256(read_bytes(root, rel)).digest()  # (never a file outside the repository)
    except (OSError, YamlError):
        return b"-" * 32


def cmd_check(args, root: Path, today) -> int:
    # Nothing changed since a check on the same day: its diagnostics, without loading anything.
    settings_read = read_settings(root)
    settings, cache = settings_read[0], data_cache(root)
    folders = [settings.programs_dir, settings.sops_dir, settings.docs_dir, settings.theme_dir]
    # The history is a function of HEAD (the working tree's bytes are in the fingerprint already).
    head, no_history = history_state(root)
    fingerprint = project_fingerprint(root, folders) + f"\0{today}\0{args.program}\0{head}".encode()
    diagnostics = cache.get("check", "", fingerprint)
    if diagnostics is None:
        _, diagnostics = _load(root, today, args.program, settings_read, cache, history=True)
        diagnostics = sort_diagnostics(diagnostics)
        cache.put("check", "", fingerprint, diagnostics)
    elif no_history:
        _warn_no_history(no_history)
    sys.stdout.write(format_diagnostics(diagnostics, args.format))
    if args.format == "text":
        errors = sum(d.severity == "error" for d in diagnostics)
        warnings = len(diagnostics) - errors
        print(
            f"{errors} {'error' if errors == 1 else 'errors'}, {warnings} {'warning' if warnings == 1 else 'warnings'}",
            file=sys.stderr,
        )
    return EXIT_DATA if has_errors(diagnostics, strict=args.strict) else EXIT_OK


def cmd_build(args, root: Path, today) -> int:
    if not (root / "mkdocs.yml").is_file():
        raise UsageError(f"no mkdocs.yml in {root}; run trainops in your training repository or pass --project")
    folders = {}
    for option, value in (("--site-dir", args.site_dir), ("--ops-dir", args.ops_dir)):
        if value:
            folder = Path(value) if Path(value).is_absolute() else Path.cwd() / value
            problem = output_dir_problem(root, read_settings(root)[0], folder, option)
            if problem:
                raise UsageError(f"{problem}; nothing was touched")
            folders[option] = folder
    if len(folders) == 2:
        from .mkdocs_plugin.build import sites_overlap

        problem = sites_overlap(folders["--site-dir"], folders["--ops-dir"])
        if problem:
            raise UsageError(f"{problem}; nothing was touched")
    project, diagnostics = _load(root, today, history=True)
    if has_errors(diagnostics):
        sys.stdout.write(format_diagnostics([d for d in diagnostics if d.severity == "error"]))
        print(
            "trainops: the data has errors; the site was not built and the previous one is unchanged", file=sys.stderr
        )
        return EXIT_DATA
    from .mkdocs_plugin.build import BuildFailed, build_site

    try:
        # The plugin takes the project loaded here instead of loading it a second time.
        loaded = [project]
        del project  # build_site passes it on; holding it here would keep 200 MB alive at scale
        site, ops = build_site(
            root,
            folders.get("--site-dir"),
            pdf=not args.no_pdf,
            verbose=args.verbose,
            project=loaded.pop(),
            ops_dir=folders.get("--ops-dir"),
        )
    except BuildFailed as exc:
        print(f"trainops: build failed, the previous sites are unchanged: {exc}", file=sys.stderr)
        return EXIT_DATA
    print(f"built the learner site in {site} and the coordinator site in {ops}", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args, root: Path, today) -> int:
    if not (root / "mkdocs.yml").is_file():
        raise UsageError(f"no mkdocs.yml in {root}; run trainops in your training repository or pass --project")
    from .mkdocs_plugin.build import BuildFailed, serve_site

    try:
        serve_site(root, args.dev_addr, args.open)
    except BuildFailed as exc:
        print(f"trainops: {exc}", file=sys.stderr)
        return EXIT_DATA
    return EXIT_OK


def cmd_handoff(args, root: Path, today) -> int:
    from .plan.handoff import HandoffError, apply_handoff, plan_handoff

    project, diagnostics = _load(root, today)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        sys.stdout.write(format_diagnostics(errors))
        print("trainops: fix the errors above before a handoff", file=sys.stderr)
        return EXIT_DATA
    try:
        plan = plan_handoff(project, args.from_id, args.to_id)
    except HandoffError as exc:
        raise UsageError(str(exc)) from None
    name = project.person_name
    print(f"Handoff from {name(plan.from_id)} ({plan.from_id}) to {name(plan.to_id)} ({plan.to_id}), as of {today}")
    print(f"\nMoves to {plan.to_id} ({len(plan.moves)}):" if plan.moves else f"\n{plan.from_id} owns nothing to move.")
    for m in plan.moves:
        print(f"  {m.path}:{m.line}:{m.column}: {m.what}")
    if plan.decisions:
        print(f"\nNeeds a decision, not moved ({len(plan.decisions)}):")
        for d in plan.decisions:
            print(f"  {d.path}:{d.line}:{d.column}: {d.what}")
    if not args.write:
        if plan.moves:
            print("\nRun again with --write to move the ownership in the files.")
        return EXIT_OK
    try:
        changed = apply_handoff(root, plan)
    except HandoffError as exc:
        for line in str(exc).splitlines():  # one line per value that must be changed by hand
            print(f"trainops: {line}", file=sys.stderr)
        return EXIT_DATA
    for path, data in changed.items():
        target = root / path
        temporary = target.with_name(f".{target.name}.handoff")
        temporary.write_bytes(data)
        temporary.replace(target)
    _, after = _load(root, today)
    problems = [d for d in after if d.severity == "error"]
    values = "value" if len(plan.moves) == 1 else "values"  # (a flow mapping holds several on one line)
    files = "file" if len(changed) == 1 else "files"
    print(f"\nMoved {len(plan.moves)} ownership {values} in {len(changed)} {files}.")
    if problems:
        sys.stdout.write(format_diagnostics(problems))
        return EXIT_DATA
    return EXIT_OK


def cmd_new(args, root: Path, today) -> int:
    from .commands.scaffold import ScaffoldError, new_program, new_sop

    settings, _ = read_settings(root)
    make = new_program if args.kind == "program" else new_sop
    try:
        path = make(root, settings, args.slug, args.owner, args.from_slug, today)
    except ScaffoldError as exc:
        print(f"trainops: {exc.message}", file=sys.stderr)
        return exc.exit_code
    print(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}")
    return EXIT_OK


def cmd_schema(args, root: Path, today) -> int:
    from .commands.schema import write_schemas

    folder = Path(args.folder) if args.folder else root / "schemas"
    if not folder.is_absolute():
        folder = Path.cwd() / folder
    for path in write_schemas(folder):
        print(f"wrote {path}")
    return EXIT_OK


COMMANDS = {
    "check": cmd_check,
    "build": cmd_build,
    "serve": cmd_serve,
    "handoff": cmd_handoff,
    "new": cmd_new,
    "schema": cmd_schema,
}


def run() -> None:  # pragma: no cover - the console script; tests call main()
    """``trainops``: main(), then exit without tearing the interpreter down object by object.

    Freeing a big project's millions of objects one by one at exit took 0.5-0.9 s of a 4 s check;
    nothing is left to clean up (output is flushed here; worker pools and temporary folders are
    closed by the code that opened them), so the process ends at once, as mypy's does."""
    global _ONE_COMMAND_PER_PROCESS
    _ONE_COMMAND_PER_PROCESS = True
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
