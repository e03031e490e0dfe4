"""Hostile and damaged session files are refused with one sentence and left untouched (ARCHITECTURE.md, Session files).

Every case is built from a valid demo file: schema tricks (a view that calls a function, a trigger,
a virtual table, an extra table or index, a rollback journal that would bring a trigger back), header
lies (another program's id, a future version), damage (truncation, single bit flips in the header and
in pages), bad values (too long, wrong type, not one of the choices) and things that are not session
files at all (a ZIP, a PDF, random bytes, nothing, a folder, a missing path). For each,
`validate_file`, `SessionStore.open` and `okr-workshop info` all refuse it with the same typed error
and one sentence, and the folder holding it is byte-identical afterwards (no journal appears). The
command line is checked in-process for every case and, marked slow (a process start costs most of a
second of imports), as a real `python main.py info FILE` process for every case too.

Companion files are part of the corpus (ARCHITECTURE.md, Session files): a journal naming a super-journal (which SQLite
would delete), a `-wal` or `-shm` beside a clean file, journals that are folders, links, FIFOs,
hard links or lie about their sizes, and values that would crash an export (a meeting of 2^53
minutes, a start in the year 9999) or stall it (more rows or text than any workshop). Pipes,
devices and gigabyte files that must be refused without hanging are in test_received_files.py.

The user's own files (migration, locks, read-only, deleted, full disk) are in test_own_files.py.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import shutil
import sqlite3
import struct
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from workshop.errors import (
    DamagedFile,
    NewerVersionFile,
    NotASessionFile,
    SessionError,
)
from workshop.schema import SCHEMA_VERSION
from workshop.store import SessionStore
from workshop.validation import validate_file

from tests.session_file_tools import assert_one_sentence, folder_fingerprint, forge_hot_journal, run_sql

REPO = Path(__file__).resolve().parent.parent
PAGE_SIZE = 4096
CLI_TIMEOUT_SECONDS = 60


# -- helpers ---------------------------------------------------------------------------------------


def sqlite_has(module: str, columns: str) -> bool:
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute(f"CREATE VIRTUAL TABLE probe USING {module}({columns})")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()


def flip_bit(path: Path, offset: int, bit: int = 0) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 1 << bit
    path.write_bytes(bytes(data))


def root_page(path: Path, table: str) -> int:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", (table,)).fetchone()[0]
    finally:
        connection.close()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> bytes:
    """The demo file's bytes, written once per module (writing it costs more than any check here)."""
    from workshop.demo import write_demo

    path = tmp_path_factory.mktemp("template") / "demo.okrw"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OKR_WORKSHOP_DATA_DIR", str(tmp_path_factory.mktemp("template-appdata")))
        write_demo(path).store.close()
    return path.read_bytes()


@pytest.fixture
def demo_file(tmp_path, demo_template) -> Path:
    """A fresh copy of the demo file for this test (shadows the conftest fixture of the same name)."""
    path = tmp_path / "demo.okrw"
    path.write_bytes(demo_template)
    return path


# -- the corpus ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    """One hostile file: how to build it from the demo file, and the error it must get."""

    name: str
    build: Callable[[Path, Path], Path]  # (case folder, demo file) -> the file to open
    error: type[SessionError]


def altered(*statements: str, parameters: tuple = ()) -> Callable[[Path, Path], Path]:
    def build(folder: Path, demo: Path) -> Path:
        path = folder / "altered.okrw"
        shutil.copyfile(demo, path)
        run_sql(path, *statements, parameters=parameters)
        return path
    return build


def bytes_of(make: Callable[[bytes], bytes], file_name: str = "damaged.okrw") -> Callable[[Path, Path], Path]:
    def build(folder: Path, demo: Path) -> Path:
        path = folder / file_name
        path.write_bytes(make(demo.read_bytes()))
        return path
    return build


def flipped(locate: Callable[[Path], int], bit: int = 0) -> Callable[[Path, Path], Path]:
    def build(folder: Path, demo: Path) -> Path:
        path = folder / "flipped.okrw"
        shutil.copyfile(demo, path)
        flip_bit(path, locate(path), bit)
        return path
    return build


def text_offset(needle: bytes, plus: int) -> Callable[[Path], int]:
    return lambda path: path.read_bytes().index(needle) + plus


def page_offset(table: str, plus: int) -> Callable[[Path], int]:
    return lambda path: (root_page(path, table) - 1) * PAGE_SIZE + plus


def build_zip(folder: Path, demo: Path) -> Path:
    path = folder / "workshop.okrw"  # a ZIP renamed, as mail filters and people sometimes do
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(demo, "demo.okrw")
    path.write_bytes(buffer.getvalue())
    return path


def build_pdf(folder: Path, _demo: Path) -> Path:
    path = folder / "pack.okrw"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    return path


def build_other_database(folder: Path, _demo: Path) -> Path:
    path = folder / "notes.okrw"
    run_sql(path, "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)",
            "INSERT INTO note VALUES (1, 'hi')")
    return path


def build_folder(folder: Path, _demo: Path) -> Path:
    path = folder / "folder.okrw"
    path.mkdir()
    return path


def build_missing(folder: Path, _demo: Path) -> Path:
    return folder / "missing.okrw"


def build_hot_journal_with_trigger(folder: Path, demo: Path) -> Path:
    """A clean file sent with a journal that SQLite would play back into it, restoring a trigger."""
    with_trigger = folder.parent / f"{folder.name}-source.okrw"
    shutil.copyfile(demo, with_trigger)
    run_sql(with_trigger, "CREATE TRIGGER wipe AFTER UPDATE ON objective BEGIN DELETE FROM keyresult; END")
    path = folder / "clean-with-journal.okrw"
    shutil.copyfile(demo, path)
    forge_hot_journal(path, with_trigger.read_bytes())
    with_trigger.unlink()
    return path


JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def super_journal_record(name: bytes, checksum_ok: bool = True) -> bytes:
    """SQLite's multi-database commit record, as it ends a journal: lock-byte page number, name,
    name length, checksum of the name's bytes, journal magic."""
    checksum = sum(name) + (0 if checksum_ok else 1)
    lock_byte_page = 0x4000_0000 // PAGE_SIZE + 1
    return struct.pack(">I", lock_byte_page) + name + struct.pack(">II", len(name), checksum) + JOURNAL_MAGIC


def victim_beside(folder: Path) -> Path:
    """A file of the user's that a forged journal names; it lives outside the case folder."""
    victim = folder.parent / f"{folder.name}-thesis.txt"
    victim.write_text("Three years of work.\n")
    return victim


def hot_journal_naming(checksum_ok: bool) -> Callable[[Path, Path], Path]:
    def build(folder: Path, demo: Path) -> Path:
        path = folder / "team.okrw"
        shutil.copyfile(demo, path)
        forge_hot_journal(path, demo.read_bytes())
        journal = path.with_name("team.okrw-journal")
        victim = victim_beside(folder)
        journal.write_bytes(journal.read_bytes() + super_journal_record(str(victim).encode(), checksum_ok))
        return path
    return build


def with_companion(suffix: str, make: Callable[[Path, Path], None]) -> Callable[[Path, Path], Path]:
    """A clean copy of the demo with `make(companion path, demo)` creating the file beside it."""
    def build(folder: Path, demo: Path) -> Path:
        path = folder / "clean.okrw"
        shutil.copyfile(demo, path)
        make(path.with_name(f"clean.okrw{suffix}"), demo)
        return path
    return build


def real_wal_with_trigger(wal: Path, demo: Path) -> None:
    """A WAL that SQLite would apply to the clean file: it adds a trigger wiping every key result."""
    scratch = wal.parent.parent / f"{wal.parent.name}-wal-source.okrw"
    shutil.copyfile(demo, scratch)
    connection = sqlite3.connect(scratch, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        connection.execute("CREATE TRIGGER wipe AFTER UPDATE ON objective BEGIN DELETE FROM keyresult; END")
        shutil.copyfile(scratch.with_name(f"{scratch.name}-wal"), wal)
    finally:
        connection.close()


def valid_journal(journal: Path, demo: Path) -> None:
    forge_hot_journal(journal.with_name(journal.name.removesuffix("-journal")), demo.read_bytes())


def journal_edited(edit: Callable[[bytearray], None]) -> Callable[[Path, Path], None]:
    def make(journal: Path, demo: Path) -> None:
        valid_journal(journal, demo)
        data = bytearray(journal.read_bytes())
        edit(data)
        journal.write_bytes(bytes(data))
    return make


def journal_elsewhere_linked(journal: Path, demo: Path) -> None:
    elsewhere = journal.parent.parent / f"{journal.parent.name}-elsewhere-journal"
    valid_journal(elsewhere.with_name(elsewhere.name), demo)
    # forge_hot_journal names its journal after the target: "<x>-journal" beside "<x>"
    os.symlink(elsewhere.with_name(f"{elsewhere.name}-journal"), journal)


def journal_hard_linked(journal: Path, _demo: Path) -> None:
    other = journal.parent.parent / f"{journal.parent.name}-notes.txt"
    other.write_text("someone's notes\n")
    os.link(other, journal)


def largest_plus_one_candidate(folder: Path, demo: Path) -> Path:
    """The largest roll-up the limits allow (every table within its own limit, all of them together
    at the total), and one brainstormed idea more."""
    from tests.largest_file import build_largest_file

    path = build_largest_file(demo, folder / "largest.okrw", rollup=True)
    run_sql(path, "INSERT INTO candidate (position, text, votes) VALUES (9999, 'one more', 0)")
    return path


def random_pages_after_header(data: bytes) -> bytes:
    return data[:100] + random.Random(11).randbytes(len(data) - 100)


def set_word(offset: int, value: int) -> Callable[[bytearray], None]:
    def edit(data: bytearray) -> None:
        data[offset:offset + 4] = struct.pack(">I", value)
    return edit


def many_rows(table: str, columns: str, values: str, count: int) -> Callable[[Path, Path], Path]:
    return altered(f"INSERT INTO {table} ({columns}) WITH RECURSIVE n(i) AS "
                   f"(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) SELECT {values} FROM n")


OBJECTIVE_COLUMNS = "position, text, commitment, necessary_note, sufficient_note, team"
THIRTY_THOUSAND = "x" * 30_000
CASES = [
    Hostile("view-calling-load_extension", altered(
        "ALTER TABLE participant RENAME TO participant_rows",
        "CREATE VIEW participant AS SELECT id, position, load_extension('x') AS name, role "
        "FROM participant_rows",
    ), DamagedFile),
    Hostile("view-calling-randomblob", altered(
        "ALTER TABLE participant RENAME TO participant_rows",
        "CREATE VIEW participant AS SELECT id, position, hex(randomblob(8)) AS name, role "
        "FROM participant_rows",
    ), DamagedFile),
    Hostile("trigger", altered(
        "CREATE TRIGGER wipe AFTER UPDATE ON objective BEGIN DELETE FROM keyresult; END"), DamagedFile),
    pytest.param(Hostile("virtual-table-fts5", altered("CREATE VIRTUAL TABLE notes USING fts5(body)"),
                         DamagedFile),
                 marks=pytest.mark.skipif(not sqlite_has("fts5", "body"), reason="this SQLite has no fts5")),
    pytest.param(Hostile("virtual-table-rtree", altered("CREATE VIRTUAL TABLE area USING rtree(id, x0, x1)"),
                         DamagedFile),
                 marks=pytest.mark.skipif(not sqlite_has("rtree", "id, x0, x1"),
                                          reason="this SQLite has no rtree")),
    Hostile("extra-table", altered("CREATE TABLE extra (payload TEXT)"), DamagedFile),
    Hostile("extra-index", altered("CREATE INDEX objective_by_text ON objective(text)"), DamagedFile),
    Hostile("hot-journal-restoring-a-trigger", build_hot_journal_with_trigger, DamagedFile),
    Hostile("wal-mode", altered("PRAGMA journal_mode = WAL"), DamagedFile),
    Hostile("wrong-application-id", altered("PRAGMA application_id = 1234"), NotASessionFile),
    Hostile("another-programs-database", build_other_database, NotASessionFile),
    Hostile("future-user-version", altered(f"PRAGMA user_version = {SCHEMA_VERSION + 1}"), NewerVersionFile),
    Hostile("truncated-to-half", bytes_of(lambda data: data[: len(data) // 2]), DamagedFile),
    Hostile("truncated-to-whole-pages",
            bytes_of(lambda data: data[: len(data) // PAGE_SIZE // 2 * PAGE_SIZE]), DamagedFile),
    Hostile("bit-flip-magic", flipped(lambda _path: 3), NotASessionFile),
    Hostile("bit-flip-page-size", flipped(lambda _path: 16, bit=3), DamagedFile),
    Hostile("bit-flip-format-version", flipped(lambda _path: 18, bit=3), DamagedFile),
    Hostile("bit-flip-user-version", flipped(lambda _path: 63, bit=3), NewerVersionFile),  # 3 -> 11
    Hostile("bit-flip-application-id", flipped(lambda _path: 71, bit=7), NotASessionFile),
    Hostile("bit-flip-schema-page-type", flipped(lambda _path: 100, bit=2), DamagedFile),
    Hostile("bit-flip-schema-sql", flipped(text_offset(b"CREATE TABLE objective", 14), bit=1), DamagedFile),
    Hostile("bit-flip-table-page-type", flipped(page_offset("objective", 0), bit=1), DamagedFile),
    Hostile("bit-flip-cell-pointer", flipped(page_offset("keyresult", 9), bit=4), DamagedFile),
    Hostile("bit-flip-in-a-value", flipped(text_offset(b"aspirational", 2)), DamagedFile),
    Hostile("random-bytes", bytes_of(lambda data: random.Random(5).randbytes(len(data))), NotASessionFile),
    Hostile("random-pages-after-a-valid-header", bytes_of(random_pages_after_header), DamagedFile),
    Hostile("empty", bytes_of(lambda _data: b""), NotASessionFile),
    Hostile("oversized-text", altered("UPDATE objective SET text = ? WHERE id = 1",
                                      parameters=(THIRTY_THOUSAND,)), DamagedFile),
    Hostile("blob-in-a-text-column", altered("UPDATE keyresult SET owner = x'00ff10' WHERE id = 1"),
            DamagedFile),
    Hostile("text-in-an-integer-column", altered("UPDATE agendastep SET used_seconds = 'lots' WHERE id = 2"),
            DamagedFile),
    Hostile("commitment-maybe", altered("UPDATE objective SET commitment = 'maybe' WHERE id = 1"),
            DamagedFile),
    Hostile("broken-foreign-key", altered("UPDATE keyresult SET objective_id = 999 WHERE id = 1"),
            DamagedFile),
    Hostile("no-workshop-row", altered("DELETE FROM workshop"), DamagedFile),
    Hostile("zip", build_zip, NotASessionFile),
    Hostile("pdf", build_pdf, NotASessionFile),
    Hostile("folder", build_folder, NotASessionFile),
    Hostile("missing", build_missing, NotASessionFile),
    # -- companion files: decided from their bytes before SQLite sees them
    Hostile("journal-naming-a-super-journal", hot_journal_naming(checksum_ok=True), DamagedFile),
    Hostile("journal-naming-a-super-journal-bad-checksum", hot_journal_naming(checksum_ok=False), DamagedFile),
    Hostile("wal-adding-a-trigger", with_companion("-wal", real_wal_with_trigger), DamagedFile),
    Hostile("empty-wal", with_companion("-wal", lambda wal, _demo: wal.write_bytes(b"")), DamagedFile),
    Hostile("shm-alone", with_companion("-shm", lambda shm, _demo: shm.write_bytes(b"\0" * 32768)), DamagedFile),
    Hostile("wal-linked-to-dev-zero", with_companion("-wal", lambda wal, _demo: os.symlink("/dev/zero", wal)),
            DamagedFile),
    Hostile("wal-dangling-link", with_companion("-wal", lambda wal, _demo: os.symlink(wal.parent / "gone", wal)),
            DamagedFile),
    Hostile("journal-is-a-folder", with_companion("-journal", lambda journal, _demo: journal.mkdir()),
            DamagedFile),
    Hostile("journal-linked-to-a-journal-elsewhere", with_companion("-journal", journal_elsewhere_linked),
            DamagedFile),
    Hostile("journal-linked-to-dev-zero",
            with_companion("-journal", lambda journal, _demo: os.symlink("/dev/zero", journal)), DamagedFile),
    Hostile("journal-fifo", with_companion("-journal", lambda journal, _demo: os.mkfifo(journal)), DamagedFile),
    Hostile("journal-hard-link-to-another-file", with_companion("-journal", journal_hard_linked), DamagedFile),
    Hostile("journal-page-size-512", with_companion("-journal", journal_edited(set_word(24, 512))), DamagedFile),
    Hostile("journal-page-size-not-a-power-of-two",
            with_companion("-journal", journal_edited(set_word(24, 4095))), DamagedFile),
    Hostile("journal-sector-size-3", with_companion("-journal", journal_edited(set_word(20, 3))), DamagedFile),
    Hostile("journal-huge-page-count",
            with_companion("-journal", journal_edited(set_word(16, 0xFFFF_FFFF))), DamagedFile),
    # -- values an export could not take, and more than any workshop holds
    Hostile("meeting-of-2-to-the-53-minutes", altered(f"UPDATE reviewevent SET minutes = {2**53}"), DamagedFile),
    Hostile("meeting-of-a-negative-length", altered("UPDATE reviewevent SET minutes = -5"), DamagedFile),
    Hostile("meeting-in-the-year-9999", altered("UPDATE reviewevent SET starts_at = '9999-12-31T23:59'"),
            DamagedFile),
    Hostile("meeting-at-25-o-clock", altered("UPDATE reviewevent SET starts_at = '2027-01-04T25:00'"),
            DamagedFile),
    Hostile("period-in-year-1", altered("UPDATE workshop SET period_start = '0001-01-01'"), DamagedFile),
    Hostile("weekday-8", altered("UPDATE workshop SET weekly_weekday = 8"), DamagedFile),
    Hostile("clock-time-99-99", altered("UPDATE workshop SET weekly_time = '99:99'"), DamagedFile),
    Hostile("used-seconds-beyond-any-timer", altered(f"UPDATE agendastep SET used_seconds = {2**52}"), DamagedFile),
    Hostile("uid-not-ours", altered("UPDATE workshop SET uid = 'x'"), DamagedFile),
    Hostile("rows-beyond-a-workshop-s-objective-limit",
            many_rows("objective", OBJECTIVE_COLUMNS, "i + 100, 'Objective ' || i, 'committed', '', '', ''", 97), DamagedFile),
    Hostile("rows-beyond-a-roll-up-s-objective-limit", altered(
        "UPDATE workshop SET kind = 'rollup'",
        "INSERT INTO objective (position, text, commitment, necessary_note, sufficient_note, team) WITH RECURSIVE "
        "n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 797) SELECT i + 100, 'O', 'committed', '', '', "
        "'T' FROM n"), DamagedFile),
    Hostile("rows-beyond-the-total-limit", largest_plus_one_candidate, DamagedFile),
    Hostile("rows-beyond-the-review-limit",
            many_rows("reviewevent", "kind, title, starts_at, minutes", "'weekly', 'x', '2027-01-04T09:30', 30", 501),
            DamagedFile),
    Hostile("text-beyond-the-total-limit",
            many_rows("objective", OBJECTIVE_COLUMNS, "i + 100, printf('%.9000c', 'y'), 'committed', '', '', ''", 25), DamagedFile),
    Hostile("escape-sequences-in-a-choice", altered("UPDATE objective SET commitment = char(27) || ']52;c;aGk=' "
                                                     "|| char(7) WHERE id = 1"), DamagedFile),
]


def case_id(case) -> str:
    return case.name


def _buildable_cases() -> list[Hostile]:
    """The cases this SQLite can build (a virtual-table module may be missing)."""
    return [c for c in CASES if isinstance(c, Hostile)] + [
        c.values[0] for c in CASES if not isinstance(c, Hostile) and not any(m.args[0] for m in c.marks)
    ]


@pytest.fixture
def hostile(request, demo_file, tmp_path) -> tuple[Hostile, Path, Path]:
    """(case, the hostile file, the folder holding only it)."""
    case: Hostile = request.param
    folder = tmp_path / case.name
    folder.mkdir()
    return case, case.build(folder, demo_file), folder


@pytest.mark.parametrize("hostile", CASES, ids=case_id, indirect=True)
def test_validation_refuses_with_one_sentence_and_touches_nothing(hostile):
    case, path, folder = hostile
    before = folder_fingerprint(folder)
    with pytest.raises(SessionError) as refused:
        validate_file(path)
    assert type(refused.value) is case.error
    assert_one_sentence(str(refused.value), path.name)
    assert folder_fingerprint(folder) == before


@pytest.mark.parametrize("hostile", CASES, ids=case_id, indirect=True)
def test_the_store_refuses_it_too_and_leaves_no_sidecar(hostile):
    case, path, folder = hostile
    before = folder_fingerprint(folder)
    with pytest.raises(case.error) as refused:
        SessionStore.open(path)
    assert_one_sentence(str(refused.value), path.name)
    assert folder_fingerprint(folder) == before  # also: no -journal appeared beside it


@pytest.fixture(scope="module")
def cli_results(tmp_path_factory, demo_template):
    """`okr-workshop info` run as a real process on every case, several at a time (each start costs
    most of a second of imports). Maps a case name to (sentence from validate_file, result, unchanged)."""
    root = tmp_path_factory.mktemp("cli-hostile")
    data_dir = tmp_path_factory.mktemp("cli-appdata")
    demo = root / "demo.okrw"
    demo.write_bytes(demo_template)
    environment = {**os.environ, "OKR_WORKSHOP_DATA_DIR": str(data_dir)}
    prepared = {}
    for case in _buildable_cases():
        folder = root / case.name
        folder.mkdir()
        path = case.build(folder, demo)
        with pytest.raises(SessionError) as refused:
            validate_file(path)
        prepared[case.name] = (path, folder, str(refused.value), folder_fingerprint(folder))

    def run(name: str):
        path, folder, sentence, before = prepared[name]
        result = subprocess.run([sys.executable, "main.py", "info", str(path)], cwd=REPO, env=environment,
                                capture_output=True, text=True, timeout=CLI_TIMEOUT_SECONDS)
        return name, (sentence, result, folder_fingerprint(folder) == before)

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(pool.map(run, prepared))


@pytest.mark.parametrize("hostile", CASES, ids=case_id, indirect=True)
def test_the_info_command_refuses_it_on_one_line(hostile, capsys):
    import main

    _case, path, folder = hostile
    before = folder_fingerprint(folder)
    with pytest.raises(SessionError) as refused:
        validate_file(path)
    assert main.main(["info", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [str(refused.value)]
    assert folder_fingerprint(folder) == before


@pytest.mark.gui
@pytest.mark.parametrize("hostile", CASES, ids=case_id, indirect=True)
def test_the_app_launched_on_it_tells_its_sentence_on_the_start_screen(hostile, qtbot, event_loop_for_qt):
    """A double-click on it: whether it is opened before any window (a small file) or behind the start
    screen (anything else), the start screen shows and says the one sentence, and nothing changes."""
    from ui.app import AppController
    from ui.start_screen import StartScreen

    _case, path, folder = hostile
    before = folder_fingerprint(folder)
    with pytest.raises(SessionError) as refused:
        validate_file(path)
    controller = AppController()
    told: list[str] = []
    controller.say = told.append
    try:
        controller.show_first_window(path)()
        qtbot.waitUntil(lambda: bool(told), timeout=10000)
        assert told == [str(refused.value)]
        assert isinstance(controller.window, StartScreen) and controller.session is None
    finally:
        controller.window.close()
    assert folder_fingerprint(folder) == before


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_the_real_process_refuses_it_on_one_line_without_a_traceback(case, cli_results):
    sentence, result, unchanged = cli_results[case.name]
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [sentence]
    assert unchanged


# -- nothing in a refused file ever runs -----------------------------------------------------------


@pytest.fixture
def watched_connections(monkeypatch):
    """Every SQLite connection opened from now on records its statements and offers `okr_probe()`,
    a function a hostile view or trigger can name; the list records each time it runs."""
    calls: list[str] = []
    statements: list[str] = []
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        connection = real_connect(*args, **kwargs)
        connection.create_function("okr_probe", 0, lambda: calls.append("called") or 1)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect)
    return calls, statements


@pytest.mark.parametrize("statements", [
    ("ALTER TABLE participant RENAME TO participant_rows",
     "CREATE VIEW participant AS SELECT id, position, okr_probe() AS name, role FROM participant_rows"),
    ("CREATE TABLE audit (at TEXT)",
     "CREATE TRIGGER spy AFTER UPDATE ON workshop BEGIN INSERT INTO audit VALUES (okr_probe()); END"),
], ids=["view", "trigger"])
def test_a_refused_file_is_never_queried(demo_file, tmp_path, statements, watched_connections):
    path = altered(*statements)(tmp_path, demo_file)
    calls, traced = watched_connections
    traced.clear()  # building the file went through the watched connect too
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    for attempt in (validate_file, SessionStore.open):
        with pytest.raises(DamagedFile):
            attempt(path)
    assert calls == []
    # Only pragmas, the in-memory copy (deserialize shows as an ATTACH) and the schema table: no user table.
    allowed = ("PRAGMA ", "ATTACH x AS 'main'", "SELECT type, name, sql FROM sqlite_schema")
    assert traced and all(statement.startswith(allowed) for statement in traced), traced
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_trigger_that_would_write_elsewhere_writes_nothing(demo_file, tmp_path):
    path = altered("CREATE TABLE audit (what TEXT)",
                   "CREATE TRIGGER spy AFTER UPDATE ON workshop BEGIN INSERT INTO audit VALUES ('seen'); END",
                   )(tmp_path, demo_file)
    before = path.read_bytes()
    with pytest.raises(DamagedFile):
        SessionStore.open(path)
    assert path.read_bytes() == before
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert connection.execute("SELECT count(*) FROM audit").fetchone() == (0,)
    finally:
        connection.close()
