"""Entry point: parses the command line (ARCHITECTURE.md, Command line), then runs a command or starts the app.

Commands import what they need inside their own function so that launching the app pays only for
Qt before the first window is painted (sqlmodel and reportlab come after, ARCHITECTURE.md, Layers).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_NEEDS_WORK, EXIT_REFUSED = 0, 1, 2
COMMANDS = ("demo", "info", "check", "new", "export", "worksheets", "rollup")


class CommandError(Exception):
    """A refusal the command line reports as one sentence on stderr, with exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, no usage block (ARCHITECTURE.md, Command line)
        raise CommandError(f"{message[0].upper()}{message[1:]} (see okr-workshop --help).")


def _version() -> str:
    from workshop import __version__

    return __version__


class _VersionAction(argparse.Action):
    """--version: the version, then where the log is (what a bug report needs)."""

    def __call__(self, parser, namespace, values, option_string=None):
        from workshop.logbook import log_file

        print(f"okr-workshop {_version()}\nlog: {log_file()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="okr-workshop", description="Run a team's OKR workshop, offline.")
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show the version and where the log is")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    demo = commands.add_parser("demo", help="write a complete example workshop")
    demo.add_argument("out", type=Path)

    info = commands.add_parser("info", help="validate a session file and summarise it")
    info.add_argument("file", type=Path)
    info.add_argument("--json", action="store_true")

    check = commands.add_parser("check", help="coach OKRs written in the plain-text format")
    check.add_argument("draft", type=Path)
    check.add_argument("--json", action="store_true")

    new = commands.add_parser("new", help="start a workshop from a plain-text draft")
    new.add_argument("out", type=Path)
    new.add_argument("--okrs", type=Path, required=True)
    new.add_argument("--team", default="")
    new.add_argument("--period", default="")

    export = commands.add_parser("export", help="write the PDF pack and/or the calendar")
    export.add_argument("file", type=Path)
    export.add_argument("--pdf", type=Path)
    export.add_argument("--ics", type=Path)
    export.add_argument("--paper", choices=("a4", "letter"), default="a4")

    worksheets = commands.add_parser("worksheets", help="blank printable worksheets")
    worksheets.add_argument("--pdf", type=Path, required=True)
    worksheets.add_argument("--paper", choices=("a4", "letter"), default="a4")

    rollup = commands.add_parser("rollup", help="combine several teams' files into one roll-up")
    rollup.add_argument("out", type=Path)
    rollup.add_argument("teams", type=Path, nargs="+")
    return parser


# -- commands ---------------------------------------------------------------------------------------


def _refuse_existing_folder(path: Path) -> None:
    if path.is_dir():
        raise CommandError(f"{path} is a folder; give a file name to write to.")
    if not path.parent.exists():
        raise CommandError(f"The folder {path.parent} does not exist.")


def cmd_demo(args) -> int:
    from workshop.demo import write_demo

    _refuse_existing_folder(args.out)
    write_demo(args.out).store.close()
    print(f"Wrote the demo workshop to {args.out}.")
    return EXIT_OK


def _load_snapshot(path: Path):
    from workshop.snapshot import build_snapshot
    from workshop.validation import validate_file

    return build_snapshot(validate_file(path).rows)


def cmd_info(args) -> int:
    from workshop.summary import summarise

    summary = summarise(_load_snapshot(args.file))
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(f"{args.file.name}: a valid OKR Workshop session")
        for label, value in summary.items():
            if isinstance(value, list):
                value = ", ".join(value) or "—"
            print(f"  {label.replace('_', ' ')}: {value}")
    return EXIT_OK


def _read_draft(path: Path):
    from workshop.draft import parse_draft

    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise CommandError(f"{path} is a folder, not a draft file.") from None
    except OSError as error:
        raise CommandError(f"{path} could not be read ({error.strerror or error}).") from None
    return parse_draft(data)


def cmd_check(args) -> int:
    from workshop.draft import check_report, format_report_text, report_needs_work

    report = check_report(_read_draft(args.draft))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_report_text(report))
    return EXIT_NEEDS_WORK if report_needs_work(report) else EXIT_OK


def cmd_new(args) -> int:
    from workshop.drafting import session_rows_from_draft
    from workshop.session import create_session

    draft = _read_draft(args.okrs)
    _refuse_existing_folder(args.out)
    rows = session_rows_from_draft(draft, team=args.team, period_label=args.period)
    create_session(args.out, rows).store.close()
    print(f"Started {args.out} with {len(draft.objectives)} objectives.")
    return EXIT_OK


def cmd_export(args) -> int:
    if not args.pdf and not args.ics:
        raise CommandError("Say what to write: --pdf OUT.pdf, --ics OUT.ics, or both.")
    snapshot = _load_snapshot(args.file)
    if args.pdf:
        from exports.pdf import build_pack

        _refuse_existing_folder(args.pdf)
        result = build_pack(snapshot, args.pdf, paper=args.paper)
        _report_missing_glyphs(result)
        print(f"Wrote the PDF pack to {args.pdf} ({result.pages} pages).")
    if args.ics:
        from exports.calendar import write_calendar

        _refuse_existing_folder(args.ics)
        try:
            write_calendar(snapshot, args.ics)
        except ValueError as error:  # a stored meeting time that cannot be read
            raise CommandError(str(error)) from None
        print(f"Wrote {len(snapshot.review_events)} meetings to {args.ics}.")
    return EXIT_OK


def _report_missing_glyphs(result) -> None:
    for missing in result.missing:
        print(f"Warning: {missing}", file=sys.stderr)


def cmd_worksheets(args) -> int:
    from exports.pdf import build_worksheets

    _refuse_existing_folder(args.pdf)
    result = build_worksheets(args.pdf, paper=args.paper)
    print(f"Wrote blank worksheets to {args.pdf} ({result.pages} pages).")
    return EXIT_OK


def cmd_rollup(args) -> int:
    from workshop.rollup import build_rollup_file

    _refuse_existing_folder(args.out)
    report = build_rollup_file(args.out, args.teams)
    for path, sentence in report.refused:
        print(f"Refused {path.name}: {sentence}", file=sys.stderr)
    if not report.imported:
        raise CommandError("No team file could be imported, so no roll-up was written.")
    count = len(report.imported)
    print(f"Rolled up {count} team{'' if count == 1 else 's'} into {args.out}.")
    return EXIT_OK


HANDLERS = {
    "demo": cmd_demo, "info": cmd_info, "check": cmd_check, "new": cmd_new, "export": cmd_export,
    "worksheets": cmd_worksheets, "rollup": cmd_rollup,
}


def run_command(argv: list[str]) -> int:
    """Run one command-line command; every refusal becomes one line on stderr and exit code 2."""
    from workshop.errors import ReadableError

    try:
        args = build_parser().parse_args(argv)
        return HANDLERS[args.command](args)
    except (CommandError, ReadableError, OSError) as error:
        print(_one_line(error), file=sys.stderr)
        _log_refusal(error)
        return EXIT_REFUSED


def _log_refusal(error: BaseException) -> None:
    """A refused file or a failed write goes to the log too (a command's mistyped option does not)."""
    if isinstance(error, CommandError):
        return
    from workshop.logbook import log, start_logging

    if start_logging() is not None:
        log.warning("command refused: %s", _one_line(error))


def _one_line(error: BaseException) -> str:
    from workshop.errors import ReadableError

    if isinstance(error, OSError) and not isinstance(error, ReadableError):
        text = f"{error.filename or 'The file'} could not be written ({error.strerror or error})."
    else:
        text = str(error)
    return " ".join(text.split())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and (argv[0] in COMMANDS or argv[0].startswith("-")):
        return run_command(argv)
    if len(argv) > 1:
        print("Give at most one session file to open (see okr-workshop --help).", file=sys.stderr)
        return EXIT_REFUSED
    from ui.app import run_app

    return run_app(Path(argv[0]) if argv else None)


if __name__ == "__main__":
    sys.exit(main())
