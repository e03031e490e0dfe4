"""Hostile and damaged session files are refused with one sentence and left untouched (DESIGN §7).

Every case is built from a valid demo file: schema tricks (a view that calls a function, a trigger,
a virtual table, an extra table or index, a rollback journal that would bring a trigger back), header
lies (another program's id, a future version), damage (truncation, single bit flips in the header and
in pages), bad values (too long, wrong type, not one of the choices) and things that are not session
files at all (a ZIP, a PDF, random bytes, nothing, a folder, a missing path). For each,
`validate_file`, `SessionStore.open` and `okr-workshop info` all refuse it with the same typed error
and one sentence, and the folder holding it is byte-identical afterwards (no journal appears). The
command line is checked in-process for every case and, marked slow (a process start costs most of a
second of imports), as a real `python main.py info FILE` process for every case too.

The rest covers the file on the user's own disk: migration from version 1 with its backup, a file
already open (same process, another process), a read-only file or folder, a file deleted while open,
Save As into a read-only folder, and a full disk (a tiny tmpfs, when the tests run as root).
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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from workshop import models
from workshop.errors import (
    DamagedFile,
    FileInUse,
    NewerVersionFile,
    NotASessionFile,
    SessionError,
    StorageError,
)
from workshop.session import open_session
from workshop.store import SessionStore
from workshop.validation import validate_file

REPO = Path(__file__).resolve().parent.parent
PAGE_SIZE = 4096
CLI_TIMEOUT_SECONDS = 60


# -- helpers ---------------------------------------------------------------------------------------


def assert_one_sentence(text: str, file_name: str) -> None:
    """What a person reads: one line, one sentence, ending with a full stop, naming the file."""
    assert "\n" not in text and "\r" not in text, text
    assert text.endswith("."), text
    assert file_name in text, text
    assert "Traceback" not in text, text


def folder_fingerprint(folder: Path) -> dict[str, str]:
    """Every path under `folder` with the sha256 of its bytes: any write or new sidecar changes it."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        for p in sorted(folder.rglob("*"))
    }


def sqlite_has(module: str, columns: str) -> bool:
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute(f"CREATE VIRTUAL TABLE probe USING {module}({columns})")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()


def run_sql(path: Path, *statements: str, parameters: tuple = ()) -> None:
    """Alter a file with plain sqlite3, as someone editing it outside the app would."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            connection.execute(statement, parameters if "?" in statement else ())
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


def forge_hot_journal(target: Path, restore_from: bytes) -> None:
    """Write `<target>-journal` as SQLite would have left it mid-commit, holding `restore_from`'s pages.

    Format: sqlite.org/fileformat.html §4.1 (header with magic, record count, checksum nonce, page
    count, sector and page size, padded to a sector; then page number, page, checksum per record).
    """
    page_size = struct.unpack(">H", restore_from[16:18])[0]
    pages = len(restore_from) // page_size
    sector, nonce = 512, 0x2F6B_0A11
    header = bytes.fromhex("d9d505f920a163d7") + struct.pack(">IIIII", pages, nonce, pages, sector, page_size)
    journal = bytearray(header.ljust(sector, b"\0"))
    for number in range(1, pages + 1):
        page = restore_from[(number - 1) * page_size:number * page_size]
        checksum = nonce + sum(page[i] for i in range(page_size - 200, 0, -200))
        journal += struct.pack(">I", number) + page + struct.pack(">I", checksum & 0xFFFF_FFFF)
    target.with_name(f"{target.name}-journal").write_bytes(bytes(journal))


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


def random_pages_after_header(data: bytes) -> bytes:
    return data[:100] + random.Random(11).randbytes(len(data) - 100)


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
    Hostile("future-user-version", altered("PRAGMA user_version = 3"), NewerVersionFile),
    Hostile("truncated-to-half", bytes_of(lambda data: data[: len(data) // 2]), DamagedFile),
    Hostile("truncated-to-whole-pages",
            bytes_of(lambda data: data[: len(data) // PAGE_SIZE // 2 * PAGE_SIZE]), DamagedFile),
    Hostile("bit-flip-magic", flipped(lambda _path: 3), NotASessionFile),
    Hostile("bit-flip-page-size", flipped(lambda _path: 16, bit=3), DamagedFile),
    Hostile("bit-flip-format-version", flipped(lambda _path: 18, bit=3), DamagedFile),
    Hostile("bit-flip-user-version", flipped(lambda _path: 63), NewerVersionFile),
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


# -- the user's own files --------------------------------------------------------------------------


def test_a_version_1_file_is_backed_up_then_migrated(demo_file):
    run_sql(demo_file, "DROP TABLE candidate", "PRAGMA user_version = 1")
    version_1 = demo_file.read_bytes()
    assert validate_file(demo_file).version == 1
    store = SessionStore.open(demo_file)
    try:
        assert not store.read_only
        assert store.rows[models.Candidate] == []
        assert len(store.rows[models.Objective]) == 4
    finally:
        store.close()
    backup = demo_file.with_name("demo.v1-backup.okrw")
    assert backup.read_bytes() == version_1
    assert validate_file(backup).version == 1
    assert validate_file(demo_file).version == 2
    assert struct.unpack(">i", demo_file.read_bytes()[60:64]) == (2,)
    service = open_session(demo_file)  # and the new table takes edits
    try:
        service.add(models.Candidate, text="Brainstorm after the upgrade", votes=2)
    finally:
        service.store.close()
    candidates = validate_file(demo_file).rows[models.Candidate]
    assert [c.text for c in candidates] == ["Brainstorm after the upgrade"]


def test_a_journal_left_by_a_crash_is_played_back_before_the_migration_backup(demo_file):
    run_sql(demo_file, "DROP TABLE candidate", "PRAGMA user_version = 1")
    version_1 = demo_file.read_bytes()
    original_note = validate_file(demo_file).rows[models.Workshop][0].followup_note
    run_sql(demo_file, "UPDATE workshop SET followup_note = 'half-committed'")
    forge_hot_journal(demo_file, version_1)  # what a writer killed mid-commit leaves behind
    assert validate_file(demo_file).rows[models.Workshop][0].followup_note == original_note
    SessionStore.open(demo_file).close()
    assert demo_file.with_name("demo.v1-backup.okrw").read_bytes() == version_1
    assert not demo_file.with_name("demo.okrw-journal").exists()
    migrated = validate_file(demo_file)
    assert (migrated.version, migrated.rows[models.Workshop][0].followup_note) == (2, original_note)


def test_a_file_open_here_cannot_be_opened_for_editing_again(demo_file):
    first = SessionStore.open(demo_file)
    try:
        with pytest.raises(FileInUse) as refused:
            SessionStore.open(demo_file)
        assert_one_sentence(str(refused.value), demo_file.name)
        SessionStore.open(demo_file, read_only=True).close()  # the offered choice works
    finally:
        first.close()
    SessionStore.open(demo_file).close()  # and the lock went with the first store


def test_a_file_open_in_another_process_cannot_be_opened_for_editing(demo_file):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from workshop.store import SessionStore; "
         "s = SessionStore.open(sys.argv[1]); print('open', flush=True); sys.stdin.read(); s.close()",
         str(demo_file)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(FileInUse) as refused:
            SessionStore.open(demo_file)
        assert_one_sentence(str(refused.value), demo_file.name)
    finally:
        holder.stdin.close()
        holder.wait(timeout=CLI_TIMEOUT_SECONDS)
        holder.stdout.close()
    assert holder.returncode == 0
    SessionStore.open(demo_file).close()


@contextmanager
def tmpfs(folder: Path, size: str):
    """A tiny file system of its own at `folder` (root only): for a full disk and a read-only one."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or mounted.returncode}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def remount_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


@pytest.fixture
def read_only_folder(tmp_path, demo_file):
    """A folder nobody may write to, holding a copy of the demo: a read-only mount when running as
    root (root ignores file permissions), file modes otherwise."""
    folder = tmp_path / "read-only"
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        folder.mkdir()
        shutil.copyfile(demo_file, folder / "demo.okrw")
        (folder / "demo.okrw").chmod(0o444)
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    with tmpfs(folder, "1m"):
        shutil.copyfile(demo_file, folder / "demo.okrw")
        remount_read_only(folder)
        yield folder


def test_a_read_only_file_opens_read_only_and_refuses_edits_with_a_sentence(read_only_folder):
    path = read_only_folder / "demo.okrw"
    before = folder_fingerprint(read_only_folder)
    service = open_session(path)
    try:
        assert service.store.read_only
        old_team = service.details.team
        with pytest.raises(StorageError) as refused:
            service.set_field(models.Workshop, 1, "team", "Renamed")
        assert_one_sentence(str(refused.value), path.name)
        assert service.details.team == old_team
    finally:
        service.store.close()
    assert folder_fingerprint(read_only_folder) == before


def test_a_writable_file_in_a_read_only_folder_opens_read_only(demo_file, monkeypatch):
    real_access = os.access
    folder = demo_file.parent

    def access(path, mode, *args, **kwargs):  # the folder says no, the file says yes
        if Path(path) == folder and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    store = SessionStore.open(demo_file)
    try:
        assert store.read_only
        with pytest.raises(StorageError):
            with store.transaction():
                pass
    finally:
        store.close()


def test_save_as_into_a_read_only_folder_says_so(demo_file, read_only_folder):
    before = folder_fingerprint(read_only_folder)
    service = open_session(demo_file)
    try:
        with pytest.raises(StorageError) as refused:
            service.store.save_copy(read_only_folder / "copy.okrw")
        assert_one_sentence(str(refused.value), "copy.okrw")
        assert "read-only" in str(refused.value)
    finally:
        service.store.close()
    assert folder_fingerprint(read_only_folder) == before


def test_a_file_deleted_while_open_keeps_the_work_in_memory(demo_file):
    service = open_session(demo_file)
    try:
        service.set_field(models.Workshop, 1, "followup_note", "Saved before the file went away")
        old_team = service.details.team
        demo_file.unlink()
        with pytest.raises(StorageError) as refused:
            service.set_field(models.Workshop, 1, "team", "Renamed after")
        assert_one_sentence(str(refused.value), demo_file.name)
        assert service.details.followup_note == "Saved before the file went away"
        assert service.details.team == old_team
        assert not demo_file.exists()
    finally:
        service.store.close()


def test_a_full_disk_refuses_the_edit_and_keeps_what_was_committed(demo_file, tmp_path):
    with tmpfs(tmp_path / "tiny", "64k") as tiny:
        path = tiny / "demo.okrw"
        shutil.copyfile(demo_file, path)
        committed = validate_file(path).rows
        filler = tiny / "filler"
        with open(filler, "wb", buffering=0) as handle:  # take every byte that is left
            try:
                while handle.write(b"\0" * 1024):
                    pass
            except OSError:
                pass
        service = open_session(path)
        objective = service.rows(models.Objective)[0]
        old_note = objective.necessary_note
        try:
            with pytest.raises(StorageError) as refused:
                service.set_field(models.Objective, objective.id, "necessary_note",
                                  "A much longer answer " * 300)
            assert_one_sentence(str(refused.value), path.name)
            assert "full" in str(refused.value)
            assert service.row(models.Objective, objective.id).necessary_note == old_note
            assert not path.with_name("demo.okrw-journal").exists()
            filler.unlink()  # space again: the same edit now goes through
            service.set_field(models.Objective, objective.id, "necessary_note",
                              "Answered once space was freed")
        finally:
            service.store.close()
        reopened = validate_file(path).rows
        assert reopened[models.Objective][0].necessary_note == "Answered once space was freed"
        for table in models.TABLES:
            if table is not models.Objective:
                assert [r.model_dump() for r in reopened[table]] == [r.model_dump() for r in committed[table]]
