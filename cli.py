"""The command line's commands (ARCHITECTURE.md, Command line): its parser, one function per command,
and the rule that every refusal is one line on stderr with exit code 2.

`main` loads this module only when a command is given, so launching the app pays for none of it.
Each command imports what it needs inside its own function.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from pathlib import Path

EXIT_OK, EXIT_NEEDS_WORK, EXIT_REFUSED = 0, 1, 2
EXIT_READER_GONE = 141  # as a shell reports a program ended by SIGPIPE


class CommandError(Exception):
    """A refusal the command line reports as one sentence on stderr, with exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, no usage block (ARCHITECTURE.md, Command line)
        raise CommandError(f"{message[0].upper()}{message[1:]} (see {self.prog} --help).")


def _version() -> str:
    from workshop import __version__

    return __version__


USAGE = """okr-workshop [FILE.okrw]
       okr-workshop COMMAND [ARGUMENTS]   (okr-workshop COMMAND --help says more)"""
DESCRIPTION = """Run a team's OKR workshop on a laptop and a projector, offline.

Without a command it opens the app (on FILE.okrw when one is given); that needs a desktop session.
The commands below need no screen."""
EPILOG = """examples:
  okr-workshop                                  open the app
  okr-workshop team.okrw                        open the app on a session file
  okr-workshop demo demo.okrw                   write an example workshop to look at
  okr-workshop check draft.txt                  coach OKRs written in a text file
  okr-workshop new q1.okrw --okrs draft.txt --team Payments --period 2027-Q1
  okr-workshop export q1.okrw --pdf q1.pdf --ics reviews.ics
  okr-workshop rollup company.okrw teams/*.okrw
  okr-workshop slides q1.okrw --pdf slides.pdf
  okr-workshop checkin q1.okrw --values week-07.csv
  okr-workshop report q1.okrw --pdf q1-report.pdf

exit codes: 0 done; 1 the draft needs work (check); 2 refused, with one sentence on stderr;
141 the reader of the output stopped reading (okr-workshop info … | head)."""
DRAFT_FORMAT = """The draft is plain text: one objective per unindented line, its key results below it on
indented lines starting with "-", and "#" starts a comment:

  Make our release process predictable so that customers can plan upgrades
    - Reduce failed deployments from 12% to 3%
    - Cut lead time for changes from 9 days to 2 days"""
PERIOD_FORMS = "2027-Q1, 2027-H1, 2027, or 2027-01-01..2027-03-31"
PAPER_HELP = "paper size (default: a4)"


def _command(commands, name: str, summary: str, description: str, examples: list[str]) -> argparse.ArgumentParser:
    """A subcommand with its own help page: what it does, then its examples. Paragraphs of
    `description` are wrapped; indented ones (a sample) are kept as written."""
    description = "\n\n".join(paragraph if paragraph.startswith(" ") else textwrap.fill(paragraph, 78)
                                for paragraph in description.split("\n\n"))
    return commands.add_parser(
        name, help=summary, description=description, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n" + "\n".join(f"  {example}" for example in examples),
    )


class _VersionAction(argparse.Action):
    """--version: the version, then where the log is (what a bug report needs)."""

    def __call__(self, parser, namespace, values, option_string=None):
        from workshop.logbook import log_file

        print(f"okr-workshop {_version()}\nlog: {log_file()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="okr-workshop", usage=USAGE, description=DESCRIPTION, epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=_VersionAction, nargs=0,
                        help="print the version and where the log is, then exit")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, title="commands", metavar="COMMAND",
                                     prog="okr-workshop")

    demo = _command(commands, "demo", "write a complete example workshop",
                    "Write a complete, realistic example workshop: every step filled in, times used, the "
                    "review schedule and the wrap-up.", ["okr-workshop demo demo.okrw"])
    demo.add_argument("out", type=Path, metavar="OUT.okrw", help="the session file to write")
    demo.add_argument("--force", action="store_true", help="replace an existing output file")

    info = _command(commands, "info", "check a session file and summarise it",
                    "Check a session file the way the app does before opening it, then summarise it. "
                    "Exit code 2 when the file is refused.",
                    ["okr-workshop info team.okrw", "okr-workshop info team.okrw --json"])
    info.add_argument("file", type=Path, metavar="FILE.okrw", help="the session file to check")
    info.add_argument("--json", action="store_true", help="print the summary as JSON")

    check = _command(commands, "check", "coach OKRs written in the plain-text format",
                     "Coach OKRs written in a text file. Exit code 1 when they need work.\n\n" + DRAFT_FORMAT,
                     ["okr-workshop check draft.txt", "okr-workshop check draft.txt --json"])
    check.add_argument("draft", type=Path, metavar="DRAFT.txt", help="the draft to coach")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")

    new = _command(commands, "new", "start a workshop from a plain-text draft",
                   "Start a workshop from a plain-text draft; it opens at the objectives step.\n\n" + DRAFT_FORMAT,
                   ["okr-workshop new q1.okrw --okrs draft.txt --team Payments --period 2027-Q1",
                    "okr-workshop new q1.okrw --okrs draft.txt --period-start 2027-01-04 --period-end 2027-04-02"])
    new.add_argument("out", type=Path, metavar="OUT.okrw", help="the session file to write")
    new.add_argument("--okrs", type=Path, required=True, metavar="DRAFT.txt", help="the draft to start from")
    new.add_argument("--team", default="", metavar="TEAM", help="the team's name")
    new.add_argument("--period", default="", metavar="PERIOD",
                     help=f"the OKR period and its dates: {PERIOD_FORMS}")
    new.add_argument("--period-start", metavar="DATE", help="the period's first day (with --period-end)")
    new.add_argument("--period-end", metavar="DATE", help="the period's last day (with --period-start)")
    new.add_argument("--force", action="store_true", help="replace an existing output file")

    export = _command(commands, "export", "write the PDF pack and/or the calendar",
                      "Write a workshop's PDF pack (everything decided, for the team) and/or its review "
                      "meetings as a calendar file any calendar program imports.",
                      ["okr-workshop export q1.okrw --pdf q1.pdf",
                       "okr-workshop export q1.okrw --pdf q1.pdf --ics reviews.ics --paper letter"])
    export.add_argument("file", type=Path, metavar="FILE.okrw", help="the session file to export")
    export.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="write the PDF pack here")
    export.add_argument("--ics", type=Path, metavar="OUT.ics", help="write the review meetings here")
    export.add_argument("--paper", choices=("a4", "letter"), default="a4", help=PAPER_HELP)
    export.add_argument("--force", action="store_true", help="replace existing output files")

    worksheets = _command(commands, "worksheets", "blank printable worksheets",
                          "Write blank worksheets to print before a workshop.",
                          ["okr-workshop worksheets --pdf sheets.pdf --paper letter"])
    worksheets.add_argument("--pdf", type=Path, required=True, metavar="OUT.pdf", help="the PDF to write")
    worksheets.add_argument("--paper", choices=("a4", "letter"), default="a4", help=PAPER_HELP)
    worksheets.add_argument("--force", action="store_true", help="replace an existing output file")

    rollup = _command(commands, "rollup", "combine several teams' files into one roll-up",
                      "Combine several teams' session files into one company roll-up. Files that are "
                      "refused are listed and the others still go in; exit code 2 when none does. When "
                      "the teams plan for different periods, the roll-up uses the most common one.",
                      ["okr-workshop rollup company.okrw payments.okrw warehouses.okrw",
                       "okr-workshop rollup company.okrw teams/*.okrw"])
    rollup.add_argument("out", type=Path, metavar="OUT.okrw", help="the roll-up file to write")
    rollup.add_argument("teams", type=Path, nargs="+", metavar="TEAM.okrw", help="the teams' session files")
    rollup.add_argument("--force", action="store_true", help="replace an existing output file")

    slides = _command(commands, "slides", "every projector page of every step, as a PDF or PNG files",
                      "Paint every page the projector shows, step by step, with the live projector's own "
                      "code: a handout for people who join remotely, and a way to check the layout on a "
                      "given screen size. PNG files are numbered so they sort in order.",
                      ["okr-workshop slides q1.okrw --pdf slides.pdf",
                       "okr-workshop slides q1.okrw --png slides/ --size 1024x768"])
    slides.add_argument("file", type=Path, metavar="FILE.okrw", help="the session file to paint")
    target = slides.add_mutually_exclusive_group(required=True)
    target.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="write one PDF page per slide")
    target.add_argument("--png", type=Path, metavar="DIR", help="write one PNG per slide into this folder")
    slides.add_argument("--size", default="1920x1080", metavar="WxH",
                        help="the projector's size in pixels (default: 1920x1080)")
    slides.add_argument("--force", action="store_true", help="write over existing slide files")

    checkin = _command(commands, "checkin", "record one check-in from a CSV of values",
                       "Record one check-in from a CSV file with the header key_result,value,date and, "
                       "optionally, confidence,note. key_result is the number the app and the PDF show "
                       "(2.3 = objective 2, key result 3); value is a metric's current value (units, "
                       "currency signs and a decimal comma are fine) or the stages a milestone has done; "
                       "confidence is on track, at risk or off track. The whole file is recorded or, "
                       "when one line is wrong, nothing is, and that line is named.",
                       ["okr-workshop checkin q1.okrw --values week-07.csv"])
    checkin.add_argument("file", type=Path, metavar="FILE.okrw", help="the session file to record into")
    checkin.add_argument("--values", type=Path, required=True, metavar="VALUES.csv", help="the values to record")

    report = _command(commands, "report", "the quarter report: progress, charts, scores, retrospective",
                      "Write the quarter report: each objective's progress and score, a chart per key "
                      "result, the check-in notes, the retrospective and the key results that never got "
                      "a value.",
                      ["okr-workshop report q1.okrw --pdf q1-report.pdf",
                       "okr-workshop report q1.okrw --pdf q1-report.pdf --paper letter --force"])
    report.add_argument("file", type=Path, metavar="FILE.okrw", help="the session file to report on")
    report.add_argument("--pdf", type=Path, required=True, metavar="OUT.pdf", help="the PDF to write")
    report.add_argument("--paper", choices=("a4", "letter"), default="a4", help=PAPER_HELP)
    report.add_argument("--force", action="store_true", help="replace an existing output file")
    return parser


# -- commands ---------------------------------------------------------------------------------------


def _refuse_existing_folder(path: Path) -> None:
    if path.is_dir():
        raise CommandError(f"{path} is a folder; give a file name to write to.")
    if not path.parent.exists():
        raise CommandError(f"The folder {path.parent} does not exist.")


def cmd_demo(args) -> int:
    from workshop.demo import write_demo

    _refuse_output(args.out, inputs=(), force=args.force)
    write_demo(args.out).store.close()
    print(f"Wrote the demo workshop to {args.out}.")
    return EXIT_OK


def load_snapshot(path: Path):
    from workshop.snapshot import build_snapshot
    from workshop.validation import validate_file

    return build_snapshot(validate_file(path).rows)


def cmd_info(args) -> int:
    from workshop.summary import summarise

    snapshot = load_snapshot(args.file)
    summary = summarise(snapshot)
    if args.json:
        from workshop.progress import okrs_summary

        print(terminal_safe(json.dumps({**summary, "okrs": okrs_summary(snapshot)}, ensure_ascii=False, indent=2),
                            keep_newlines=True))
    else:
        print(f"{terminal_safe(args.file.name)}: a valid OKR Workshop session")
        for label, value in summary.items():
            if isinstance(value, list):
                value = ", ".join(terminal_safe(item) for item in value) or "—"
            print(f"  {label.replace('_', ' ')}: {terminal_safe(str(value))}")
    return EXIT_OK


def terminal_safe(text: str, keep_newlines: bool = False) -> str:
    """Text from a received file, with every control character written as a JSON-style escape
    (\\u001b), so a value can never drive the terminal (clear it, set its clipboard)."""
    from workshop.control_chars import escape_controls

    return escape_controls(text, keep_newlines=keep_newlines)


def _read_draft(path: Path):
    from workshop.draft import MAX_DRAFT_BYTES, parse_draft
    from workshop.safe_read import read_bounded

    return parse_draft(read_bounded(path, MAX_DRAFT_BYTES, "draft"))


def cmd_check(args) -> int:
    from workshop.draft import check_report, format_report_text, report_needs_work

    report = check_report(_read_draft(args.draft))
    if args.json:
        print(terminal_safe(json.dumps(report, ensure_ascii=False, indent=2), keep_newlines=True))
    else:
        print(terminal_safe(format_report_text(report), keep_newlines=True))
    return EXIT_NEEDS_WORK if report_needs_work(report) else EXIT_OK


def _counted(count: int, singular: str, plural: str = "") -> str:
    """"1 objective", "2 objectives"."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def _period_of(args):
    """The period `new` was given (workshop.periods.Period), or None; CommandError when it cannot be read."""
    from workshop.periods import parse_period, period_between

    if args.period and (args.period_start or args.period_end):
        raise CommandError("Give either --period or --period-start with --period-end, not both.")
    if bool(args.period_start) != bool(args.period_end):
        raise CommandError("Give both --period-start and --period-end, or --period alone.")
    if args.period_start:
        return period_between(args.period_start, args.period_end)
    return parse_period(args.period) if args.period else None


def cmd_new(args) -> int:
    from workshop import models
    from workshop.drafting import session_rows_from_draft
    from workshop.session import create_session

    period = _period_of(args)
    draft = _read_draft(args.okrs)
    _refuse_output(args.out, inputs=(args.okrs,), force=args.force)
    rows = session_rows_from_draft(draft, team=args.team, period_label=period.label if period else "")
    if period:
        rows[models.Workshop][0].update(period_start=period.start.isoformat(), period_end=period.end.isoformat())
    create_session(args.out, rows).store.close()
    print(f"Started {args.out} with {_counted(len(draft.objectives), 'objective')}.")
    return EXIT_OK


def cmd_export(args) -> int:
    if not args.pdf and not args.ics:
        raise CommandError("Say what to write: --pdf OUT.pdf, --ics OUT.ics, or both.")
    from workshop.filenames import is_same_file

    if args.pdf and args.ics and is_same_file(args.pdf, args.ics):
        raise CommandError("Give the PDF and the calendar different file names.")
    for out in (args.pdf, args.ics):
        if out:
            _refuse_output(out, inputs=(args.file,), force=args.force)
    snapshot = load_snapshot(args.file)
    if args.pdf:
        from exports.pdf import build_pack

        result = build_pack(snapshot, args.pdf, paper=args.paper)
        _report_missing_glyphs(result)
        print(f"Wrote the PDF pack to {args.pdf} ({_counted(result.pages, 'page')}).")
    if args.ics:
        from exports.calendar import write_calendar

        try:
            write_calendar(snapshot, args.ics)
        except ValueError as error:  # a stored meeting time that cannot be read
            raise CommandError(str(error)) from None
        print(f"Wrote {_counted(len(snapshot.review_events), 'meeting')} to {args.ics}.")
    return EXIT_OK


def _report_missing_glyphs(result) -> None:
    for missing in result.missing:
        print(f"Warning: {missing}", file=sys.stderr)


def cmd_worksheets(args) -> int:
    from exports.pdf import build_worksheets

    _refuse_output(args.pdf, inputs=(), force=args.force)
    result = build_worksheets(args.pdf, paper=args.paper)
    print(f"Wrote blank worksheets to {args.pdf} ({_counted(result.pages, 'page')}).")
    return EXIT_OK


def cmd_rollup(args) -> int:
    from workshop.rollup import build_rollup_file, period_warning

    _refuse_output(args.out, inputs=tuple(args.teams), force=args.force)
    report = build_rollup_file(args.out, args.teams)
    for path, sentence in report.refused:
        print(terminal_safe(f"Refused {path.name}: {sentence}"), file=sys.stderr)
    if not report.imported:
        raise CommandError("No team file could be imported, so no roll-up was written.")
    if len(report.rollup.periods) > 1:
        print(f"Warning: {period_warning(report.rollup)}", file=sys.stderr)
    print(terminal_safe(f"Rolled up {_counted(len(report.imported), 'team')} into {args.out}."))
    return EXIT_OK


def cmd_slides(args) -> int:
    if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # painting files needs no display
    from PySide6.QtGui import QGuiApplication

    from ui import slides_export
    from workshop.validation import validate_file

    try:
        size = slides_export.parse_size(args.size)
    except ValueError as error:
        raise CommandError(str(error)) from None
    app = QGuiApplication.instance() or QGuiApplication(["okr-workshop"])
    deck = slides_export.build_deck(slides_export.RowsView(validate_file(args.file).rows))
    if args.pdf:
        _refuse_output(args.pdf, inputs=(args.file,), force=args.force)
        pages = slides_export.write_pdf(deck, args.pdf, size)
        print(f"Wrote {pages} slides to {args.pdf}.")
    else:
        if args.png.exists() and not args.png.is_dir():
            raise CommandError(f"{args.png} is a file; give a folder for the PNG slides.")
        for name in slides_export.png_names(deck, size):
            _refuse_overwrite(args.png / name, inputs=(args.file,), force=args.force)  # the folder is made when writing
        written = slides_export.write_pngs(deck, args.png, size)
        print(f"Wrote {len(written)} slides to {args.png}.")
    del app
    return EXIT_OK


def cmd_checkin(args) -> int:
    from workshop import models
    from workshop.checkin_csv import record_values_file
    from workshop.filenames import is_same_file
    from workshop.session import open_session

    if is_same_file(args.values, args.file):
        raise CommandError("The values file and the session file are the same file; give the CSV with --values.")
    service = open_session(args.file)
    try:
        checkin_id = record_values_file(service, args.values)
        checkin = service.row(models.Checkin, checkin_id)
        count = len(service.children(models.CheckinValue, "checkin_id", checkin_id))
    finally:
        service.store.close()
    print(f"Recorded the check-in of {checkin.held_on} in {args.file.name} "
          f"({_counted(count, 'key result')}).")
    return EXIT_OK


def cmd_report(args) -> int:
    from exports.pdf.report import build_report

    _refuse_output(args.pdf, inputs=(args.file,), force=args.force)
    snapshot = load_snapshot(args.file)
    result = build_report(snapshot, args.pdf, paper=args.paper)
    _report_missing_glyphs(result)
    print(f"Wrote the quarter report to {args.pdf} ({result.pages} pages).")
    return EXIT_OK


def _refuse_output(path: Path, inputs: tuple[Path, ...], force: bool) -> None:
    """Refuse to write over one of the command's inputs (by resolved path or as the same file, and
    the companion files SQLite keeps beside one), ever, and over any other existing file (even a
    dangling link) unless --force (ARCHITECTURE.md, Command line)."""
    _refuse_existing_folder(path)
    _refuse_overwrite(path, inputs, force)


def _refuse_overwrite(path: Path, inputs: tuple[Path, ...], force: bool) -> None:
    from workshop.filenames import is_same_file

    for given in inputs:
        companions = [given.with_name(f"{given.name}{suffix}") for suffix in ("-journal", "-wal", "-shm")]
        if any(is_same_file(path, other) for other in (given, *companions)):
            raise CommandError(f"{path} is one of this command's inputs; write the output to another file.")
    if os.path.lexists(path) and not force:
        raise CommandError(f"{path} already exists; choose another name or add --force to replace it.")


HANDLERS = {
    "demo": cmd_demo, "info": cmd_info, "check": cmd_check, "new": cmd_new, "export": cmd_export,
    "worksheets": cmd_worksheets, "rollup": cmd_rollup, "slides": cmd_slides, "checkin": cmd_checkin,
    "report": cmd_report,
}


def run_command(argv: list[str]) -> int:
    """Run one command-line command; every refusal becomes one line on stderr and exit code 2."""
    from workshop.errors import ReadableError

    try:
        args = build_parser().parse_args(argv)
        return HANDLERS[args.command](args)
    except BrokenPipeError:  # the reader stopped reading (`okr-workshop info … | head`): nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so exit's flush stays quiet too
        return EXIT_READER_GONE
    except (CommandError, ReadableError, OSError) as error:
        print(one_line(error), file=sys.stderr)
        _log_refusal(error)
        return EXIT_REFUSED


def _log_refusal(error: BaseException) -> None:
    """A refused file or a failed write goes to the log too (a command's mistyped option does not)."""
    if isinstance(error, CommandError):
        return
    from workshop.logbook import log, start_logging

    if start_logging() is not None:
        log.warning("command refused: %s", one_line(error))


def one_line(error: BaseException) -> str:
    from workshop.errors import ReadableError

    if isinstance(error, OSError) and not isinstance(error, ReadableError):
        text = f"{error.filename or 'The file'} could not be written ({error.strerror or error})."
    else:
        text = str(error)
    return terminal_safe(" ".join(text.split()))  # a received file's name may hold escape sequences
