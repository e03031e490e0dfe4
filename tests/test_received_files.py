"""Files that arrive from someone else, beyond the session check itself (issue 11, ARCHITECTURE.md, Session files and §9).

- A forged journal never touches another file: the file it names survives `info`, `export`,
  `rollup` and Open, and under strace nothing outside the session file and its companions is even
  looked at; our own crash journal is still played back (in Python) and written back on Open.
- Pipes, links to /dev/zero and sparse gigabyte files are refused at once, wherever a file is read
  (session, journal, draft, roll-up input); a watchdog turns a hang into a failure.
- Outputs never replace inputs, and replace other files only with --force; one team file given
  twice counts once.
- File names built from team texts stay one short name inside the chosen folder.
- Values a file may hold export; control characters never reach a terminal, a mail header or a
  calendar title raw; temporary files are ours, cleaned up, and never named in an error.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import main
from workshop import models
from workshop.errors import DamagedFile, NotASessionFile, SessionError
from workshop.filenames import (
    MAX_NAME_BYTES, STALE_AFTER_SECONDS, TEMPORARY_SUFFIX, inside, is_same_file, remove_stale_temporaries,
    safe_file_name,
)
from workshop.store import SessionStore
from workshop.validation import validate_file

from tests.session_file_tools import forge_hot_journal, run_sql
from tests.test_hostile_files import super_journal_record

REPO = Path(__file__).resolve().parent.parent
HANG_SECONDS = 10  # far longer than any refusal takes; only a hang gets near it
FAST_SECONDS = 3  # what "refused at once" means on a busy two-core machine
GIGABYTES_3 = 3 * 1024**3


def within_deadline(call, seconds: float = HANG_SECONDS):
    """Run `call()` in a watchdog thread: its result or exception, or a failure if it hangs."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed back to the test below
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    started = time.perf_counter()
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        pytest.fail(f"still running after {seconds} s (a hang)")
    elapsed = time.perf_counter() - started
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"], elapsed


def forged_pair(folder: Path, demo: Path) -> tuple[Path, Path]:
    """A clean team file with a hot journal naming the user's thesis as its super-journal."""
    folder.mkdir(exist_ok=True)
    path = folder / "team.okrw"
    shutil.copyfile(demo, path)
    forge_hot_journal(path, demo.read_bytes())
    victim = folder.parent / "thesis.txt"
    victim.write_text("Three years of work.\n")
    journal = path.with_name("team.okrw-journal")
    journal.write_bytes(journal.read_bytes() + super_journal_record(str(victim).encode()))
    return path, victim


# -- 1. a forged journal never touches another file ------------------------------------------------


@pytest.mark.parametrize("entry", ["validate", "open", "info", "export", "rollup"])
def test_a_journal_naming_a_super_journal_deletes_nothing(demo_file, tmp_path, entry, capsys):
    path, victim = forged_pair(tmp_path / "received", demo_file)
    journal_before = path.with_name("team.okrw-journal").read_bytes()
    if entry == "validate":
        with pytest.raises(DamagedFile):
            validate_file(path)
    elif entry == "open":
        with pytest.raises(DamagedFile):
            SessionStore.open(path)
    elif entry == "info":
        assert main.main(["info", str(path)]) == 2
    elif entry == "export":
        assert main.main(["export", str(path), "--pdf", str(tmp_path / "out.pdf")]) == 2
    else:
        assert main.main(["rollup", str(tmp_path / "all.okrw"), str(path), str(demo_file)]) == 0
        assert "team.okrw" in capsys.readouterr().err
    assert victim.read_text() == "Three years of work.\n"
    assert path.with_name("team.okrw-journal").read_bytes() == journal_before
    assert path.read_bytes() == demo_file.read_bytes()


def _strace(arguments: list[str], log: Path, data_dir: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "OKR_WORKSHOP_DATA_DIR": str(data_dir),
                   "OKR_WORKSHOP_LOG_DIR": str(data_dir / "logs")}
    return subprocess.run(["strace", "-f", "-qq", "-o", str(log), "-e", "trace=file,desc", sys.executable,
                           "main.py", *arguments], cwd=REPO, env=environment, capture_output=True,
                          text=True, timeout=120)


def _calls_naming(log: Path, folder: Path) -> list[str]:
    return [line for line in log.read_text().splitlines() if str(folder) in line]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_under_strace_info_touches_only_the_session_file_and_its_companions(demo_file, tmp_path):
    """Every path a check opens, creates or deletes, seen by the kernel: with a forged journal
    (refused) and with a genuine crash journal (played back in Python, never by SQLite)."""
    forged, victim = forged_pair(tmp_path / "forged", demo_file)
    genuine_folder = tmp_path / "genuine"
    genuine_folder.mkdir()
    genuine = genuine_folder / "crashed.okrw"
    shutil.copyfile(demo_file, genuine)
    before = genuine.read_bytes()
    run_sql(genuine, "UPDATE workshop SET followup_note = 'half-committed'")
    forge_hot_journal(genuine, before)
    for path, expected_exit in ((forged, 2), (genuine, 0)):
        log = tmp_path / f"{path.stem}.strace"
        data_dir = tmp_path / f"{path.stem}-appdata"  # the app's own folder: its log may be written there
        result = _strace(["info", str(path)], log, data_dir)
        assert result.returncode == expected_exit, result.stderr
        allowed = {str(path), *(f"{path}{suffix}" for suffix in ("-journal", "-wal", "-shm"))}
        seen = _calls_naming(log, tmp_path)
        assert any("openat" in line and f'"{path}"' in line for line in seen), seen  # the trace works
        for line in seen:
            named = [word.strip('",') for word in line.split('"')[1::2]]
            assert all(name in allowed or not name.startswith(str(tmp_path)) or name.startswith(str(data_dir))
                       for name in named), line
            if f"{path}-journal" in line and "open" in line:
                assert "O_RDONLY" in line and "O_CREAT" not in line and "O_RDWR" not in line, line
        mutating = [line for line in log.read_text().splitlines()
                    if any(call in line for call in ("unlink(", "unlinkat(", "rename(", "renameat", "O_CREAT",
                                                     "O_WRONLY", "O_RDWR", "truncate(", "mkdir("))
                    and str(data_dir) not in line]
        assert mutating == [], mutating  # info writes nothing but its log, not even a temporary file
    assert victim.exists()
    assert genuine.with_name("crashed.okrw-journal").exists()  # info leaves recovery to Open


def test_our_own_crash_journal_is_played_back_in_python_and_written_back_on_open(demo_file, monkeypatch):
    original = validate_file(demo_file).rows[models.Workshop][0].followup_note
    before = demo_file.read_bytes()
    run_sql(demo_file, "UPDATE workshop SET followup_note = 'half-committed'")
    forge_hot_journal(demo_file, before)
    journal = demo_file.with_name("demo.okrw-journal")
    checked = validate_file(demo_file)
    assert checked.rows[models.Workshop][0].followup_note == original
    assert checked.played_back == before
    assert journal.exists()  # validation alone writes nothing
    store = SessionStore.open(demo_file)
    store.close()
    assert not journal.exists()
    assert demo_file.read_bytes() == before
    assert validate_file(demo_file).played_back is None


def test_a_refused_wal_can_be_moved_away_and_the_file_then_opens(demo_file):
    wal = demo_file.with_name("demo.okrw-wal")
    wal.write_bytes(b"\x37\x7f\x06\x82" + b"\0" * 28)
    with pytest.raises(DamagedFile) as refused:
        SessionStore.open(demo_file)
    assert "demo.okrw-wal" in str(refused.value) and "move" in str(refused.value)
    wal.rename(demo_file.parent / "set-aside")
    SessionStore.open(demo_file).close()


# -- 2. bounded, non-blocking reads ----------------------------------------------------------------


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _dev_zero_link(path: Path) -> Path:
    os.symlink("/dev/zero", path)
    return path


def _sparse(path: Path) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(GIGABYTES_3)
    return path


@pytest.mark.parametrize("make", [_fifo, _dev_zero_link, _sparse], ids=["fifo", "dev-zero", "sparse-3-GB"])
def test_a_session_file_that_never_ends_is_refused_at_once(tmp_path, make, capsys):
    path = make(tmp_path / "x.okrw")
    code, elapsed = within_deadline(lambda: main.main(["info", str(path)]))
    assert code == 2 and elapsed < FAST_SECONDS
    message = capsys.readouterr().err.strip()
    assert "x.okrw" in message and "\n" not in message


@pytest.mark.parametrize("make", [_fifo, _dev_zero_link, _sparse], ids=["fifo", "dev-zero", "sparse-3-GB"])
def test_a_journal_that_never_ends_is_refused_at_once(demo_file, make):
    make(demo_file.with_name("demo.okrw-journal"))
    with pytest.raises(DamagedFile):
        within_deadline(lambda: validate_file(demo_file))


@pytest.mark.parametrize("make", [_fifo, _dev_zero_link, _sparse], ids=["fifo", "dev-zero", "sparse-3-GB"])
def test_a_draft_that_never_ends_is_refused_at_once(tmp_path, make, capsys):
    draft = make(tmp_path / "draft.txt")
    for command in (["check", str(draft)], ["new", str(tmp_path / "n.okrw"), "--okrs", str(draft)]):
        code, elapsed = within_deadline(lambda: main.main(command))
        assert code == 2 and elapsed < FAST_SECONDS
        assert capsys.readouterr().err.count("\n") == 1
    assert not (tmp_path / "n.okrw").exists()


def test_a_fifo_among_the_team_files_is_refused_and_the_others_roll_up(demo_file, tmp_path, capsys):
    fifo = _fifo(tmp_path / "stuck.okrw")
    out = tmp_path / "all.okrw"
    code, elapsed = within_deadline(lambda: main.main(["rollup", str(out), str(fifo), str(demo_file)]))
    assert code == 0 and elapsed < HANG_SECONDS
    assert "Refused stuck.okrw" in capsys.readouterr().err
    assert validate_file(out).rows[models.Participant]  # one team made it


def test_the_real_process_does_not_hang_on_a_fifo(tmp_path):
    fifo = _fifo(tmp_path / "x.okrw")
    result = subprocess.run([sys.executable, "main.py", "info", str(fifo)], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr


# -- 4. outputs never replace inputs or existing files unasked ---------------------------------------


def test_export_never_writes_over_its_own_input_even_with_force(demo_file, capsys):
    before = demo_file.read_bytes()
    for extra in ([], ["--force"]):
        for option in ("--pdf", "--ics"):
            assert main.main(["export", str(demo_file), option, str(demo_file), *extra]) == 2
        assert main.main(["export", str(demo_file), "--ics", f"{demo_file}-journal", *extra]) == 2
    link = demo_file.with_name("link.pdf")
    link.symlink_to(demo_file)
    assert main.main(["export", str(demo_file), "--pdf", str(link), "--force"]) == 2
    assert demo_file.read_bytes() == before
    assert not demo_file.with_name("demo.okrw-journal").exists()
    assert "input" in capsys.readouterr().err


def test_every_writing_command_refuses_an_existing_file_unless_forced(demo_file, tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text("Make releases predictable\n  - Cut failed deployments from 12% to 3%\n")
    existing = tmp_path / "existing.bin"
    commands = {
        "demo": ["demo", str(existing)],
        "new": ["new", str(existing), "--okrs", str(draft)],
        "export-pdf": ["export", str(demo_file), "--pdf", str(existing)],
        "export-ics": ["export", str(demo_file), "--ics", str(existing)],
        "worksheets": ["worksheets", "--pdf", str(existing)],
        "rollup": ["rollup", str(existing), str(demo_file)],
    }
    for name, command in commands.items():
        existing.write_bytes(b"keep me")
        assert main.main(command) == 2, name
        assert existing.read_bytes() == b"keep me", name
        assert "--force" in capsys.readouterr().err
        assert main.main([*command, "--force"]) == 0, name
        assert existing.read_bytes() != b"keep me", name
        existing.unlink()


def test_new_never_writes_over_its_own_draft(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("Make releases predictable\n  - Cut failed deployments from 12% to 3%\n")
    for extra in ([], ["--force"]):
        assert main.main(["new", str(draft), "--okrs", str(draft), *extra]) == 2
    assert draft.read_text().startswith("Make releases")


def test_one_team_file_given_twice_counts_once_and_says_so(demo_file, tmp_path, capsys):
    alias = tmp_path / "alias.okrw"
    alias.symlink_to(demo_file)
    out = tmp_path / "all.okrw"
    assert main.main(["rollup", str(out), str(demo_file), str(demo_file), str(alias)]) == 0
    captured = capsys.readouterr()
    assert "Rolled up 1 team " in captured.out
    assert captured.err.count("counted once") == 2
    assert len(validate_file(out).rows[models.Participant]) == 1


# -- 5. file names from user text ------------------------------------------------------------------


@pytest.mark.parametrize("team", [
    "/etc/passwd", "../../../outside", "..", ".", "R&D / Ops", "a\\b:c*d?e\"f<g>h|i", "CON", "nul.txt",
    "tab\there\nnewline\x1b[2J", "\u2028\u2029", "名" * 300, "👩‍👩‍👧‍👦" * 60, "é" * 200, " . - ", "",
])
def test_a_suggested_name_is_one_short_safe_name_inside_the_folder(tmp_path, team):
    name = safe_file_name(f"{team} 2027-Q1 OKRs", ".pdf")
    assert name.endswith(".pdf") and len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert "/" not in name and "\\" not in name and ".." not in name and not name.startswith(".")
    assert not any(ord(character) < 32 or 0x7f <= ord(character) <= 0x9f for character in name)
    assert name.split(".")[0].strip().upper() not in ("CON", "NUL", "PRN", "AUX")
    target = inside(tmp_path, name)
    target.write_bytes(b"written")  # the file system takes it
    assert target.parent == tmp_path


def test_a_bare_reserved_or_empty_team_gets_the_fallback():
    assert safe_file_name("CON", ".okrw", fallback="workshop") == "workshop.okrw"
    assert safe_file_name("../..", ".ics") == "OKR workshop.ics"


def test_inside_refuses_a_name_that_leaves_the_folder(tmp_path):
    for name in ("../x.pdf", "/tmp/x.pdf", "a/b.pdf", "..", ""):
        with pytest.raises(ValueError):
            inside(tmp_path, name)


def test_attachment_and_calendar_names_come_from_the_one_sanitiser(qapp):
    from exports.email_message import real_file_name
    from ui.calendar_export import suggested_file_name
    from workshop.snapshot import build_snapshot

    details = models.Workshop(id=1, team="../../" + "名" * 300, period_label="2027/Q1")
    snapshot = build_snapshot({models.Workshop: [details]})
    for name in (real_file_name(snapshot, ".okrw", "workshop"), suggested_file_name(details)):
        assert len(name.encode()) <= MAX_NAME_BYTES and "/" not in name and ".." not in name


# -- 6 and 7. values that export; control characters -----------------------------------------------


def test_the_calendar_gives_a_sentence_not_an_overflow_for_an_unchecked_snapshot():
    from exports.calendar import build_calendar
    from workshop.snapshot import build_snapshot

    for starts_at, minutes in (("9999-12-31T23:59", 30), ("2027-01-04T09:30", 2**53)):
        snapshot = build_snapshot({
            models.Workshop: [models.Workshop(id=1, team="T")],
            models.ReviewEvent: [models.ReviewEvent(id=1, kind="weekly", starts_at=starts_at, minutes=minutes)]})
        with pytest.raises(ValueError):
            build_calendar(snapshot, ZoneInfo("Europe/Berlin"), now=datetime(2027, 1, 1, tzinfo=timezone.utc))


HOSTILE_TEXT = "Ops\x1b]52;c;aGk=\x07\x1b[2J\r\nBcc: all@example.com\u2028\x00\x85\x9b31m"


def test_info_escapes_control_characters_like_json_does(demo_file, capsys):
    run_sql(demo_file, "UPDATE workshop SET title = ?, team = ?", parameters=(HOSTILE_TEXT, HOSTILE_TEXT))
    for extra in ([], ["--json"]):
        assert main.main(["info", str(demo_file), *extra]) == 0
        out = capsys.readouterr().out
        assert not any(ord(c) < 32 and c != "\n" or 0x7f <= ord(c) <= 0x9f or c in "\u2028\u2029" for c in out)
        assert "\\u001b]52;c;aGk=\\u0007" in out


def test_mail_headers_and_calendar_titles_drop_control_characters(tmp_path):
    from icalendar import Calendar

    from exports.calendar import build_calendar
    from exports.email_message import build_message, subject_for, write_eml
    from workshop.snapshot import build_snapshot

    details = models.Workshop(id=1, team=HOSTILE_TEXT, period_label="Q1\r\nX-Evil: 1", uid="a" * 32)
    event = models.ReviewEvent(id=1, kind="weekly", title="Check-in\r\nATTENDEE:evil\x00", starts_at="2027-01-04T09:30",
                               minutes=30)
    person = models.Participant(id=1, name="Ann\x00\x1b[2J\r\nBcc: all@example.com", email="ann@example.com")
    snapshot = build_snapshot({models.Workshop: [details], models.ReviewEvent: [event], models.Participant: [person]})
    subject = subject_for(snapshot)
    assert not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f or c in "\u2028\u2029" for c in subject)
    session = tmp_path / "s.okrw"
    session.write_bytes(b"session")
    eml = write_eml(build_message(snapshot, session, None), tmp_path / "share.eml").read_bytes()
    assert b"\nX-Evil" not in eml and b"\nBcc" not in eml and b"\x00" not in eml and b"\x1b" not in eml
    assert b"ann@example.com" in eml
    ics = build_calendar(snapshot, ZoneInfo("Europe/Berlin"), now=datetime(2027, 1, 1, tzinfo=timezone.utc))
    assert b"\nATTENDEE" not in ics and b"\x00" not in ics and b"\x1b" not in ics
    summary = str(Calendar.from_ical(ics).walk("VEVENT")[0]["summary"])
    assert summary.startswith("Check-in ATTENDEE:evil")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_draft_is_told_to_be_saved_as_utf8(tmp_path, encoding, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_bytes("Make releases predictable\n  - Cut failed deployments\n".encode(encoding))
    assert main.main(["check", str(draft)]) == 2
    assert "save it as UTF-8" in capsys.readouterr().err


# -- 8. temporary files ----------------------------------------------------------------------------


def test_stale_temporaries_of_ours_are_removed_and_nothing_else(tmp_path, demo_file):
    old = tmp_path / f".out.pdf.0badf00d{TEMPORARY_SUFFIX}"
    fresh = tmp_path / f".out.pdf.1badf00d{TEMPORARY_SUFFIX}"
    foreign = tmp_path / ".out.pdf.abc123.tmp"  # looks alike, but another program's name
    linked = tmp_path / f".link.2badf00d{TEMPORARY_SUFFIX}"
    for path in (old, fresh, foreign):
        path.write_bytes(b"half a pdf")
    linked.symlink_to(demo_file)
    long_ago = time.time() - STALE_AFTER_SECONDS - 60
    for path in (old, foreign):
        os.utime(path, (long_ago, long_ago))
    os.utime(linked, (long_ago, long_ago), follow_symlinks=False)
    assert main.main(["export", str(demo_file), "--ics", str(tmp_path / "out.ics")]) == 0
    assert not old.exists()
    assert fresh.exists() and foreign.exists() and linked.is_symlink() and demo_file.exists()
    assert remove_stale_temporaries(tmp_path, now=time.time() + STALE_AFTER_SECONDS + 1) == [fresh]


def test_a_killed_export_leaves_nothing_the_next_export_keeps(demo_file, tmp_path):
    script = ("import os, sys, signal; import main; from workshop import atomic_file\n"
              "atomic_file.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
              "main.main(sys.argv[1:])\n")
    out = tmp_path / "pack.pdf"
    subprocess.run([sys.executable, "-c", script, "export", str(demo_file), "--pdf", str(out)], cwd=REPO,
                   timeout=120, capture_output=True)
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(TEMPORARY_SUFFIX)]
    assert len(leftovers) == 1 and not out.exists()
    long_ago = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(leftovers[0], (long_ago, long_ago))
    assert main.main(["export", str(demo_file), "--pdf", str(out)]) == 0
    assert [p for p in tmp_path.iterdir() if p.name.endswith(TEMPORARY_SUFFIX)] == []


def test_errors_name_the_file_asked_for_never_a_temporary_one(demo_file, tmp_path, monkeypatch, capsys):
    def read_only_folder(target, mode=0o644):
        raise PermissionError(13, "Permission denied", str(target.with_name(f".{target.name}.x{TEMPORARY_SUFFIX}")))

    monkeypatch.setattr("workshop.atomic_file.create_temporary", read_only_folder)
    for option, name in (("--ics", "out.ics"), ("--pdf", "out.pdf")):
        assert main.main(["export", str(demo_file), option, str(tmp_path / name)]) == 2
        err = capsys.readouterr().err
        assert name in err and TEMPORARY_SUFFIX not in err and ".tmp" not in err


def test_command_line_storage_errors_do_not_advise_save_as(tmp_path, monkeypatch, capsys):
    import workshop.store as store

    def refuse(source, destination):
        raise PermissionError(13, "Permission denied", str(source))

    monkeypatch.setattr(store.os, "replace", refuse)
    assert main.main(["demo", str(tmp_path / "d.okrw")]) == 2
    err = capsys.readouterr().err
    assert "d.okrw" in err and "Save As" not in err and ".creating" not in err
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())


def test_is_same_file_sees_through_links_and_dots(tmp_path):
    target = tmp_path / "a.okrw"
    target.write_bytes(b"x")
    (tmp_path / "b.okrw").symlink_to(target)
    os.link(target, tmp_path / "c.okrw")
    assert is_same_file(target, tmp_path / "sub" / ".." / "a.okrw")
    assert is_same_file(target, tmp_path / "b.okrw") and is_same_file(target, tmp_path / "c.okrw")
    assert not is_same_file(target, tmp_path / "missing.okrw")


def test_a_journal_with_many_pages_plays_back_only_its_records(demo_file):
    """A header's record count of 'all' (0xFFFFFFFF) is read from the journal's size, as SQLite does."""
    before = demo_file.read_bytes()
    run_sql(demo_file, "UPDATE workshop SET followup_note = 'half-committed'")
    forge_hot_journal(demo_file, before)
    journal = demo_file.with_name("demo.okrw-journal")
    data = bytearray(journal.read_bytes())
    data[8:12] = struct.pack(">I", 0xFFFF_FFFF)
    journal.write_bytes(bytes(data))
    assert validate_file(demo_file).played_back == before


def test_refusals_of_received_files_are_session_errors(tmp_path):
    path = _fifo(tmp_path / "x.okrw")
    with pytest.raises(NotASessionFile):
        within_deadline(lambda: validate_file(path))
    assert issubclass(DamagedFile, SessionError)


# -- 3. limits that fit real workshops -------------------------------------------------------------


@pytest.mark.parametrize("rollup", [True, False], ids=["roll-up", "workshop"])
def test_the_largest_file_the_limits_allow_is_accepted(demo_file, tmp_path, rollup):
    from tests.largest_file import build_largest_file

    largest = build_largest_file(demo_file, tmp_path / "largest.okrw", rollup=rollup)
    rows = validate_file(largest).rows
    assert len(rows[models.Objective]) == (800 if rollup else 100)
    run_sql(largest, "INSERT INTO objective (position, text, commitment, necessary_note, sufficient_note, team) "
                     "VALUES (9999, 'one more', 'committed', '', '', '')")
    with pytest.raises(DamagedFile):
        validate_file(largest)


def test_nothing_writes_a_file_the_check_would_refuse(tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text("".join(f"Objective {n}\n  - Key result {n}\n" for n in range(101)))
    assert main.main(["new", str(tmp_path / "big.okrw"), "--okrs", str(draft)]) == 2
    assert "was not written" in capsys.readouterr().err
    assert not (tmp_path / "big.okrw").exists()


def test_a_note_of_the_longest_accepted_text_exports_to_pdf(demo_file, tmp_path):
    """10,000 characters without a space in a narrow table cell: taller than a page, it continues
    on the next page instead of ending the export in a LayoutError."""
    from workshop.limits import MAX_TEXT_CHARS

    run_sql(demo_file, "UPDATE objective SET necessary_note = ? WHERE id = 1", parameters=("x" * MAX_TEXT_CHARS,))
    validate_file(demo_file)
    assert main.main(["export", str(demo_file), "--pdf", str(tmp_path / "pack.pdf")]) == 0
    assert (tmp_path / "pack.pdf").read_bytes().startswith(b"%PDF")


def test_a_file_name_with_escape_sequences_is_escaped_in_errors(tmp_path, capsys):
    hostile = tmp_path / "team\x1b[2J\x1b]52;c;aGk=\x07.okrw"
    hostile.write_bytes(b"not a session")
    assert main.main(["info", str(hostile)]) == 2
    assert main.main(["rollup", str(tmp_path / "all.okrw"), str(hostile)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\\u001b[2J" in err


@pytest.mark.gui
def test_the_app_suggests_safe_names_beside_the_session_file(qtbot, controller, demo_file, monkeypatch):
    from ui.facilitator_window import FacilitatorWindow

    hostile_team = "../../../../tmp/escape/R&D / Ops " + "名" * 300
    run_sql(demo_file, "UPDATE workshop SET team = ?", parameters=(hostile_team,))
    controller.open_file(demo_file)
    qtbot.waitUntil(lambda: isinstance(controller.window, FacilitatorWindow), timeout=10000)
    offered = []
    monkeypatch.setattr("ui.export_actions.QFileDialog.getSaveFileName",
                        lambda _parent, _title, suggested, _filters: offered.append(suggested) or ("", ""))
    controller.window.exporter.ask_and_export_pack()
    monkeypatch.setattr("ui.app.QFileDialog.getSaveFileName",
                        lambda _parent, _title, suggested, _filters: offered.append(suggested) or ("", ""))
    controller.save_as()
    monkeypatch.setattr("ui.calendar_export.QFileDialog.getSaveFileName",
                        lambda _parent, _title, suggested, _filters: offered.append(suggested) or ("", ""))
    from ui.calendar_export import export_calendar

    export_calendar(controller.window, controller.model)
    assert len(offered) == 3
    for suggested in offered:
        path = Path(suggested)
        assert path.parent == demo_file.parent, suggested
        assert len(path.name.encode()) <= MAX_NAME_BYTES and ".." not in path.name


def test_the_quarter_report_draws_any_number_of_key_results_the_check_accepts(demo_file, tmp_path):
    """60 key results make one progress chart taller than a page: it is drawn in parts."""
    run_sql(demo_file, "INSERT INTO keyresult (objective_id, position, text, kind, baseline, target, unit, stages, "
                       "owner, due_date, direction) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                       "WHERE i < 60) SELECT 1, i + 100, 'Key result ' || i, 'metric', '', '', '', '', '', '', '' "
                       "FROM n")
    validate_file(demo_file)
    assert main.main(["report", str(demo_file), "--pdf", str(tmp_path / "report.pdf")]) == 0
