"""The ``trainops`` command: a thin adapter over the core.

Exit codes: 0 success; 1 the data has errors (or, with ``--strict``, warnings); 2 a usage error;
3 an internal error, which is a bug in trainops and never the user's fault.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
import traceback
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from . import __version__
from .commands.check_run import run_check
from .load.roster_place import roster_from_environment
from .load.settings import read_settings, read_site_dir
from .load.today import resolve_today
from .model.diagnostics import format_diagnostics, has_errors
from .model.errors import EXIT_BUG, EXIT_DATA, EXIT_OK, TrainopsError, UsageError, machine_failure
from .model.record_kinds import EXPORT_KINDS, IMPORT_KINDS
from .store.paths import output_dir_problem

__all__ = ["main"]


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
    build.add_argument(
        "--strict", action="store_true", help="warnings (and a missing git history) fail the build before it starts"
    )
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

    records = sub.add_parser("records", parents=[common], help="commands on the records of what training did")
    records_sub = records.add_subparsers(dest="records_command", metavar="COMMAND")
    records_sub.required = True
    prune = records_sub.add_parser(
        "prune", parents=[common], help="remove the records files older than records_keep (what check warns about)"
    )
    prune.add_argument("--dry-run", action="store_true", help="list the files that would be removed; remove none")
    new_sheet = records_sub.add_parser(
        "new",
        parents=[common],
        help="write a session's attendance file to type its sign-in sheet into (never replaces one)",
    )
    new_sheet.add_argument("session_id", metavar="SESSION-ID", help="the session's id in the schedule")
    imports = records_sub.add_parser(
        "import", parents=[common], help="rows from an LMS or HR export into the records files; twice changes nothing"
    )
    imports.add_argument("kind", choices=IMPORT_KINDS)
    imports.add_argument("file", metavar="FILE", help="the export: CSV with a header row (comma, semicolon or tab)")
    imports.add_argument(
        "--map", action="append", default=[], metavar="COLUMN=FIELD", help="read the export's COLUMN as FIELD"
    )
    imports.add_argument(
        "--value", action="append", default=[], metavar="WORD=STATUS", help="read a status word or code as STATUS"
    )
    imports.add_argument("--approved-by", metavar="PERSON", default="", help="who approved the waivers (completions)")
    export = records_sub.add_parser("export", parents=[common], help="tidy CSV or xAPI statements on stdout")
    export.add_argument("kind", choices=EXPORT_KINDS)
    diff = records_sub.add_parser(
        "diff", parents=[common], help="one line per attendance, enrolment or assessment row changed since BASE"
    )
    diff.add_argument("base", metavar="BASE", help="a commit: its id, a branch (origin/main) or HEAD~1")

    report = sub.add_parser(
        "report", parents=[common], help="per-manager reports, transcripts and follow-ups, kept off both sites"
    )
    report.add_argument(
        "--out", metavar="DIR", help="where to write them, inside the repository (default: reports/ beside mkdocs.yml)"
    )
    report.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=_day,
        help="the records as they stood in the last commit before this day, judged at this day",
    )

    serve = sub.add_parser("serve", parents=[common], help="live preview that reloads on every edit")
    serve.add_argument("--dev-addr", metavar="IP:PORT", help="address to serve on (default 127.0.0.1:8000)")
    serve.add_argument("--open", action="store_true", help="open the preview in a browser")
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        root = Path(getattr(args, "project", ".")).resolve()
        if not root.is_dir():
            raise UsageError(f"--project {getattr(args, 'project', '.')}: no such folder")
        today = resolve_today(getattr(args, "today", None))  # (each command passes it on)
        return COMMANDS[args.command](args, root, today)
    except TrainopsError as exc:  # the user's to act on: its message, and the exit code it means
        print(f"trainops: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a traceback is a bug in trainops, never a mistake in the data
        refusal = machine_failure(exc)
        if refusal:  # a folder that cannot be written, a full disk: the machine, not a bug
            print(f"trainops: {refusal}", file=sys.stderr)
            return EXIT_DATA
        print(
            "trainops: internal error — this is a bug in trainops, not in your files. "
            "Please report it with the text below.",
            file=sys.stderr,
        )
        traceback.print_exc()
        return EXIT_BUG


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
    # The learner site this build replaces: its calendar events are the floor of the new ones.
    site_folder = folders.get("--site-dir") or root / read_site_dir(root)
    # (the loaders, MkDocs and icalendar: imported by the commands that use them, not at every start)
    from .commands.check import load_checked, prune_cache
    from .load.published_calendar import read_published_calendar
    from .plan.urls import ALL_SESSIONS_FEED

    published = read_published_calendar(site_folder, ALL_SESSIONS_FEED)
    started = time.time()  # (the cache is pruned when the build is done, sparing what it used)
    project, diagnostics = load_checked(
        root, today, history=True, loading=_kept_out_of_collector, strict=args.strict,
        published_calendar=published, prune=False,
    )  # fmt: skip
    if has_errors(diagnostics, strict=args.strict) or (args.strict and project.history.problem):
        shown = diagnostics if args.strict else [d for d in diagnostics if d.severity == "error"]
        sys.stdout.write(format_diagnostics(shown))
        failed = "the data has errors" if has_errors(diagnostics) else "--strict: there are warnings"
        print(f"trainops: {failed}; the site was not built and the previous one is unchanged", file=sys.stderr)
        return EXIT_DATA
    from .mkdocs_plugin.build import build_site

    # The plugin takes the project loaded here instead of loading it a second time.
    loaded = [project]
    del project  # build_site passes it on; holding it here would keep 200 MB alive at scale
    site, ops = build_site(
        root,
        site_folder,
        pdf=not args.no_pdf,
        verbose=args.verbose,
        project=loaded.pop(),
        ops_dir=folders.get("--ops-dir"),
        today=today,
        loading=_kept_out_of_collector,
    )
    prune_cache(root, started)
    print(f"built the learner site in {site} and the coordinator site in {ops}", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args, root: Path, today) -> int:
    if not (root / "mkdocs.yml").is_file():
        raise UsageError(f"no mkdocs.yml in {root}; run trainops in your training repository or pass --project")
    from .mkdocs_plugin.build import serve_site

    serve_site(root, args.dev_addr, args.open, today, _collector_paused, _collect_now)
    return EXIT_OK


def cmd_check(args, root: Path, today) -> int:
    return run_check(
        root, today, args.program, args.format, args.strict, loading=_kept_out_of_collector, roster_env=_roster_env()
    )


def _roster_env() -> str | None:
    return roster_from_environment(os.environ)


def cmd_records(args, root: Path, today) -> int:
    if args.records_command == "new":
        from .commands.records_new import write_attendance_file

        return write_attendance_file(root, today, args.session_id, _roster_env(), loading=_kept_out_of_collector)
    if args.records_command == "import":
        from .commands.records_import import run_import

        return run_import(
            root, today, args.kind, Path(args.file), args.map, args.value, args.approved_by, _roster_env(),
            loading=_kept_out_of_collector,
        )  # fmt: skip
    if args.records_command == "export":
        from .commands.records_export import run_export

        return run_export(root, today, args.kind, _roster_env(), loading=_kept_out_of_collector)
    if args.records_command == "diff":
        from .commands.records_diff import run_diff

        return run_diff(root, args.base)
    from .commands.records import prune_records

    return prune_records(root, today, args.dry_run, _roster_env(), loading=_kept_out_of_collector)


def cmd_report(args, root: Path, today) -> int:
    from .commands.report import run_report

    if not (root / "mkdocs.yml").is_file():
        raise UsageError(f"no mkdocs.yml in {root}; run trainops in your training repository or pass --project")
    out = None
    if args.out:
        out = Path(args.out) if Path(args.out).is_absolute() else Path.cwd() / args.out
    return run_report(root, today, out, args.as_of, _roster_env(), loading=_kept_out_of_collector)


def cmd_handoff(args, root: Path, today) -> int:
    from .commands.handoff import run_handoff

    return run_handoff(root, today, args.from_id, args.to_id, args.write, loading=_kept_out_of_collector)


def cmd_new(args, root: Path, today) -> int:
    from .commands.gitignore import GITIGNORE, write_gitignore
    from .commands.scaffold import new_program, new_sop
    from .store.paths import CACHE_DIR

    settings, _ = read_settings(root)
    make = new_program if args.kind == "program" else new_sop
    path = make(root, settings, args.slug, args.owner, args.from_slug, today)
    print(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}")
    try:
        ignore = write_gitignore(root, read_site_dir(root), settings.ops_dir)
    except OSError as exc:  # (the new file is written: only this extra is missing, so say so and go on)
        print(
            f"trainops: note: could not write {GITIGNORE} ({exc.strerror}): keep site, ops, "
            f"{CACHE_DIR} and reports out of git yourself",
            file=sys.stderr,
        )
        return EXIT_OK
    if ignore:
        print(f"wrote {GITIGNORE} (keeps the built sites, {CACHE_DIR}/ and reports/ out of git)")
    return EXIT_OK


def cmd_schema(args, root: Path, today) -> int:
    from .commands.schema import write_schemas

    folder = Path(args.folder) if args.folder else root / "schemas"
    if not folder.is_absolute():
        folder = Path.cwd() / folder
    existing = next(p for p in (folder, *folder.parents) if p.exists())  # (the root always exists)
    if not existing.is_dir():
        raise UsageError(f"{args.folder}: {existing} is a file, not a folder; name a folder for the schemas")
    for path in write_schemas(folder):
        print(f"wrote {path}")
    return EXIT_OK


# Set by the console script, whose process ends after one command (tests call main() many times).
_ONE_COMMAND_PER_PROCESS = False


@contextmanager
def _kept_out_of_collector():
    """What is loaded (for ``report``, made) here lives until the process ends: the collector is
    off meanwhile, then never walks those millions of objects (``gc.freeze``). A collector merely
    paused would walk them all at once (0.3 s after loading 20,000 sessions), and again at later
    collections. Nested, the inner one does nothing. Only in the console script's process."""
    if not _ONE_COMMAND_PER_PROCESS or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


@contextmanager
def _collector_paused():
    """A preview's save makes a new project (600,000 objects at 20,000 sessions) and leaves the
    last one behind: with the collector on, its full collections (0.4 s each) fell inside the
    save, before the page. Off during a save and until the preview has been idle for a moment
    (``_collect_now``, once the page is served). Only in the console script's process."""
    if _ONE_COMMAND_PER_PROCESS:
        gc.disable()
    yield


def _collect_now() -> None:
    if _ONE_COMMAND_PER_PROCESS:
        gc.collect()
        gc.enable()


COMMANDS = {
    "check": cmd_check,
    "build": cmd_build,
    "serve": cmd_serve,
    "handoff": cmd_handoff,
    "new": cmd_new,
    "schema": cmd_schema,
    "records": cmd_records,
    "report": cmd_report,
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
