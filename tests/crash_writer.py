"""The writer the crash test kills: edits a session file forever, acknowledging each committed edit.

Run as `python tests/crash_writer.py SESSION.okrw`. The process imports the app once, then for every
line `run N` on stdin it forks a child that opens the session and edits it, starting at edit number
N, printing `ack N` only after edit N has committed. When the child dies (the test sends SIGKILL) this
process prints `exit STATUS`. Forking from a process that has already imported SQLAlchemy makes a
restart cost milliseconds instead of a second of imports, so one test can afford many kills.

Edits cycle through the kinds of write a workshop makes: a new row (a brainstormed candidate), a
short value changed in place, a long text that spills onto overflow pages and shrinks again, and a
removal (of the candidate added three edits before, which also keeps the file small).
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop import models  # noqa: E402
from workshop.service import WorkshopService  # noqa: E402
from workshop.session import open_session  # noqa: E402

EDIT_PREFIX = "edit "
ADD_CANDIDATE, SET_FOLLOWUP_NOTE, SET_LONG_NOTE, REMOVE_CANDIDATE = 0, 1, 2, 3
EDIT_KINDS = 4


def edit_kind(number: int) -> int:
    return number % EDIT_KINDS


def long_note(number: int) -> str:
    """A note whose length jumps around (0-4,000 characters), so pages are added and freed."""
    return f"{EDIT_PREFIX}{number} " + "·" * (number * 37 % 4000)


def apply_edit(service: WorkshopService, number: int) -> None:
    """Edit number `number`: one call, one transaction, on disk when the call returns."""
    kind = edit_kind(number)
    if kind == ADD_CANDIDATE:
        service.add(models.Candidate, text=candidate_text(number), votes=number)
    elif kind == SET_FOLLOWUP_NOTE:
        service.set_field(models.Workshop, 1, "followup_note", f"{EDIT_PREFIX}{number}")
    elif kind == SET_LONG_NOTE:
        first_objective = service.rows(models.Objective)[0]
        service.set_field(models.Objective, first_objective.id, "necessary_note", long_note(number))
    else:
        added = candidate_text(number - (REMOVE_CANDIDATE - ADD_CANDIDATE))
        row = next(c for c in service.rows(models.Candidate) if c.text == added)
        service.remove(models.Candidate, row.id)


def candidate_text(number: int) -> str:
    return f"{EDIT_PREFIX}{number}"


def say(line: str) -> None:
    """One write() per line: a pipe write that small is atomic, so a kill never leaves half a line
    (print() may write the text and its newline separately)."""
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def edit_forever(path: Path, first_number: int) -> None:
    service = open_session(path)
    say(f"ready {os.getpid()}")
    number = first_number
    while True:
        apply_edit(service, number)
        say(f"ack {number}")  # only now is the edit acknowledged
        number += 1


def serve(path: Path) -> None:
    # Open and close once here so the cached schema and lazy imports are ready in every child;
    # nothing stays open across the fork.
    open_session(path).store.close()
    for line in sys.stdin:
        command, first_number = line.split()
        if command != "run":
            raise SystemExit(f"unknown command {command!r}")
        child = os.fork()
        if child == 0:
            try:
                edit_forever(path, int(first_number))
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(1)  # an edit failed: the test sees an exit that was not its kill
        _pid, status = os.waitpid(child, 0)
        say(f"exit {status}")


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
