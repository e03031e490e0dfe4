"""A writer killed with SIGKILL at random moments never leaves a damaged file or loses an acknowledged edit.

`crash_writer.py` edits the demo workshop in a loop (one transaction per edit) and prints `ack N`
after edit N has committed. The test waits until a run's first edit is acknowledged (edits are
flowing: the kill cannot come before any edit, however slow the machine), kills it 5-60 ms later,
then checks the file as the app
would on the next start: `validate_file` must accept it, and the file must hold exactly edits 0..M
for some M no smaller than the last acknowledged edit (at most the one edit in flight may also be
there). Totals are printed; the seed is printed too, so a failure can be replayed.
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.crash_writer import (
    ADD_CANDIDATE,
    EDIT_PREFIX,
    REMOVE_CANDIDATE,
    SET_FOLLOWUP_NOTE,
    SET_LONG_NOTE,
    edit_kind,
    long_note,
)
from workshop import models
from workshop.errors import SessionError
from workshop.validation import ValidatedSession, validate_file

pytestmark = [
    pytest.mark.slow,  # about 8 s
    pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash writer forks (POSIX only)"),
]

WRITER = Path(__file__).resolve().parent / "crash_writer.py"
KILLS = 80
DELAY_RANGE_SECONDS = (0.005, 0.060)
LINE_TIMEOUT_SECONDS = 10


class WriterProcess:
    """The forking writer, with its output read by a thread so the test can wait with a timeout."""

    def __init__(self, session: Path):
        self.process = subprocess.Popen(
            [sys.executable, str(WRITER), str(session)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=WRITER.parent.parent,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.strip())
        self.lines.put("eof")

    def next_line(self) -> str:
        try:
            line = self.lines.get(timeout=LINE_TIMEOUT_SECONDS)
        except queue.Empty:
            raise AssertionError("the crash writer stopped answering") from None
        if line == "eof":
            raise AssertionError("the crash writer ended early (see its stderr above)")
        return line

    def start_run(self, first_edit: int) -> int:
        """Fork a child that edits from `first_edit`; return its process id once the file is open."""
        self.process.stdin.write(f"run {first_edit}\n")
        self.process.stdin.flush()
        word, pid = self.next_line().split()
        assert word == "ready", f"unexpected line from the writer: {word} {pid}"
        return int(pid)

    def first_acknowledged(self) -> int:
        """Wait for the run's first acknowledged edit (the writer is past its start-up)."""
        word, value = self.next_line().split()
        assert word == "ack", f"the writer ended before its first edit: {word} {value}"
        return int(value)

    def acknowledged_until_exit(self, acknowledged: list[int]) -> tuple[list[int], int]:
        """Every edit acknowledged before the child died (after those given), and its wait status."""
        acknowledged = list(acknowledged)
        while True:
            word, value = self.next_line().split()
            if word == "exit":
                return acknowledged, int(value)
            acknowledged.append(int(value))

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=LINE_TIMEOUT_SECONDS)
        self.process.stdout.close()


def _edit_number(text: str) -> int | None:
    if not text.startswith(EDIT_PREFIX):
        return None
    return int(text[len(EDIT_PREFIX):].split(" ", 1)[0])


def _edit_candidates(session: ValidatedSession) -> set[int]:
    return {c.votes for c in session.rows[models.Candidate] if c.text.startswith(EDIT_PREFIX)}


def _last_edit_in_file(session: ValidatedSession) -> int:
    """The highest edit number the file holds (-1 before the first edit).

    A removal leaves no number behind, only a missing candidate, so it is inferred from that."""
    numbers = [_edit_number(session.rows[models.Workshop][0].followup_note),
               _edit_number(session.rows[models.Objective][0].necessary_note),
               *_edit_candidates(session)]
    highest = max((n for n in numbers if n is not None), default=-1)
    following = highest + 1
    removed_by_following = following - (REMOVE_CANDIDATE - ADD_CANDIDATE)
    if edit_kind(following) == REMOVE_CANDIDATE and removed_by_following not in _edit_candidates(session):
        return following
    return highest


def _holds_exactly_edits_up_to(session: ValidatedSession, last: int, original: dict) -> bool:
    """Whether the file is the demo after edits 0..last and nothing else (no half edit, no gap)."""
    done = range(last + 1)
    still_there = {n for n in done if edit_kind(n) == ADD_CANDIDATE
                   and n + (REMOVE_CANDIDATE - ADD_CANDIDATE) > last}
    last_of = {kind: max((n for n in done if edit_kind(n) == kind), default=None)
               for kind in (SET_FOLLOWUP_NOTE, SET_LONG_NOTE)}
    expected_followup = original["followup_note"] if last_of[SET_FOLLOWUP_NOTE] is None \
        else f"{EDIT_PREFIX}{last_of[SET_FOLLOWUP_NOTE]}"
    expected_note = original["necessary_note"] if last_of[SET_LONG_NOTE] is None \
        else long_note(last_of[SET_LONG_NOTE])
    return (_edit_candidates(session) == still_there
            and session.rows[models.Workshop][0].followup_note == expected_followup
            and session.rows[models.Objective][0].necessary_note == expected_note)


def test_kill_9_at_random_moments_loses_nothing_acknowledged(demo_file):
    seed = int(os.environ.get("OKR_CRASH_SEED", time.time_ns() % 1_000_000))
    chance = random.Random(seed)
    before = validate_file(demo_file)
    original = {"followup_note": before.rows[models.Workshop][0].followup_note,
                "necessary_note": before.rows[models.Objective][0].necessary_note}
    writer = WriterProcess(demo_file)
    kills = acknowledged_total = corrupt_files = lost_edits = inconsistent_files = 0
    last_committed = -1
    started = time.perf_counter()
    try:
        for _round in range(KILLS):
            pid = writer.start_run(last_committed + 1)
            first = writer.first_acknowledged()  # edits are flowing: now a kill interrupts one
            time.sleep(chance.uniform(*DELAY_RANGE_SECONDS))
            with contextlib.suppress(ProcessLookupError):  # it failed on its own: reported below
                os.kill(pid, signal.SIGKILL)
            acknowledged, status = writer.acknowledged_until_exit([first])
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, \
                "the writer failed on its own before it was killed (see its stderr above)"
            kills += 1
            acknowledged_total += len(acknowledged)
            try:
                session = validate_file(demo_file)
            except SessionError as error:
                corrupt_files += 1
                pytest.fail(f"after kill {kills} (seed {seed}) the file was refused: {error}")
            last_in_file = _last_edit_in_file(session)
            lost_edits += sum(1 for n in acknowledged if n > last_in_file)
            floor = acknowledged[-1] if acknowledged else last_committed
            if not floor <= last_in_file <= floor + 1 or \
                    not _holds_exactly_edits_up_to(session, last_in_file, original):
                inconsistent_files += 1
            last_committed = max(last_committed, last_in_file)
    finally:
        writer.close()
    elapsed = time.perf_counter() - started
    print(f"\ncrash test (seed {seed}): {kills} kills, {acknowledged_total} acknowledged edits, "
          f"{last_committed + 1} edits committed, {corrupt_files} corrupt files, "
          f"{lost_edits} acknowledged edits lost, {inconsistent_files} inconsistent files, {elapsed:.1f} s")
    assert kills >= 50 and acknowledged_total >= kills
    assert (corrupt_files, lost_edits, inconsistent_files) == (0, 0, 0)
