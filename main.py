"""Entry point: runs a command (`cli`, ARCHITECTURE.md, Command line) or starts the app, on FILE.okrw
when one is given.

It imports next to nothing itself. Launched without a file, the app pays for Qt before the start
screen is painted and for the domain after it; launched on a file, for the domain, then Qt, then the
workshop's window (ARCHITECTURE.md, Layers). The commands' parser loads only for a command.
"""

from __future__ import annotations

import sys
from pathlib import Path

COMMANDS = ("demo", "info", "check", "new", "export", "worksheets", "rollup", "slides", "checkin", "report")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and (argv[0] in COMMANDS or argv[0].startswith("-")):
        from cli import run_command

        return run_command(argv)
    if len(argv) > 1:
        return _refused("Give at most one session file to open (see okr-workshop --help).")
    path = Path(argv[0]) if argv else None
    refusal = _refusal_before_qt(path)
    if refusal:
        return _refused(refusal)
    return _start_app(path)


def _refused(sentence: str) -> int:
    """The app will not start: one sentence on stderr and the command line's exit code for a refusal."""
    from cli import EXIT_REFUSED

    print(sentence, file=sys.stderr)
    return EXIT_REFUSED


def _refusal_before_qt(path: Path | None) -> str | None:
    """Why the app cannot start here, as one sentence, found before Qt (which aborts the process
    without a display). The file named on the command line is judged first: its sentence says
    more than "no screen" does. With a screen, the app checks the file itself and shows why."""
    from ui.display import display_problem

    problem = display_problem()
    if problem is None:
        return None
    if path is not None:
        from cli import load_snapshot, one_line
        from workshop.errors import ReadableError

        try:
            load_snapshot(path)
        except ReadableError as error:
            return one_line(error)
    return problem


def _start_app(path: Path | None) -> int:
    if path is not None:
        # The workshop comes first, so load its domain before Qt: PySide6 reads the source of every
        # module imported after it (for its optional `__feature__` switches), which costs SQLAlchemy's
        # and pydantic's few hundred modules about 90 ms more when they come second.
        import workshop.session  # noqa: F401
    try:
        from ui.app import run_app
    except ImportError as error:  # PySide6 is installed but a system library Qt needs is not
        import re

        from cli import one_line

        library = re.search(r"lib[\w.+-]*\.so[.\d]*", str(error))
        what = f"the system library {library.group(0)}" if library else f"Qt ({one_line(error)})"
        return _refused(f"OKR Workshop cannot start without {what}; install it (the README lists what Qt "
                        "needs) and start again.")
    return run_app(path)


if __name__ == "__main__":
    sys.exit(main())
