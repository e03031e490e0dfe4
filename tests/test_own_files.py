"""The user's own session files on their own disk (ARCHITECTURE.md, Session files): migration from version 1 with its
backup, a file already open (same process, another process), a read-only file or folder, a file
deleted while open, Save As into a read-only folder, and a full disk (a tiny tmpfs, as root).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from workshop import models
from workshop.errors import FileInUse, StorageError
from workshop.session import open_session
from workshop.store import SessionStore
from workshop.schema import SCHEMA_VERSION
from workshop.validation import validate_file

from tests.session_file_tools import (
    assert_one_sentence, folder_fingerprint, forge_hot_journal, make_older, run_sql,
)

REPO = Path(__file__).resolve().parent.parent
PROCESS_TIMEOUT_SECONDS = 60


def test_a_version_1_file_is_backed_up_then_migrated(demo_file):
    before = validate_file(demo_file).rows[models.Workshop][0]
    make_older(demo_file, 1)
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
    migrated = validate_file(demo_file)
    assert migrated.version == SCHEMA_VERSION == struct.unpack(">i", demo_file.read_bytes()[60:64])[0]
    details = migrated.rows[models.Workshop][0]
    assert details.model_dump(exclude={"uid"}) == before.model_dump(exclude={"uid"})
    assert len(details.uid) == 32  # a workshop identity of its own, from now on
    assert validate_file(demo_file).rows[models.Workshop][0].uid == details.uid
    service = open_session(demo_file)  # and the new table takes edits
    try:
        service.add(models.Candidate, text="Brainstorm after the upgrade", votes=2)
    finally:
        service.store.close()
    candidates = validate_file(demo_file).rows[models.Candidate]
    assert [c.text for c in candidates] == ["Brainstorm after the upgrade"]


def test_a_version_2_file_gets_a_workshop_uid_that_then_stays(demo_file):
    make_older(demo_file, 2)
    assert validate_file(demo_file).version == 2
    store = SessionStore.open(demo_file)
    store.close()
    assert store.backup_path == demo_file.with_name("demo.v2-backup.okrw") and store.backup_path.exists()
    first = validate_file(demo_file)
    assert first.version == SCHEMA_VERSION and len(first.rows[models.Workshop][0].uid) == 32
    service = open_session(demo_file)
    try:
        service.set_field(models.Workshop, 1, "title", "Renamed after the upgrade")
    finally:
        service.store.close()
    assert validate_file(demo_file).rows[models.Workshop][0].uid == first.rows[models.Workshop][0].uid


def test_a_journal_left_by_a_crash_is_played_back_before_the_migration_backup(demo_file):
    make_older(demo_file, 1)
    version_1 = demo_file.read_bytes()
    original_note = validate_file(demo_file).rows[models.Workshop][0].followup_note
    run_sql(demo_file, "UPDATE workshop SET followup_note = 'half-committed'")
    forge_hot_journal(demo_file, version_1)  # what a writer killed mid-commit leaves behind
    assert validate_file(demo_file).rows[models.Workshop][0].followup_note == original_note
    SessionStore.open(demo_file).close()
    assert demo_file.with_name("demo.v1-backup.okrw").read_bytes() == version_1
    assert not demo_file.with_name("demo.okrw-journal").exists()
    migrated = validate_file(demo_file)
    assert (migrated.version, migrated.rows[models.Workshop][0].followup_note) == (SCHEMA_VERSION, original_note)


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
        holder.wait(timeout=PROCESS_TIMEOUT_SECONDS)
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
    with tmpfs(tmp_path / "tiny", "256k") as tiny:
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
