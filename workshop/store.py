"""One session file on disk: opened safely, migrated, locked, and written one transaction per edit.

Every connection uses journal_mode=DELETE and synchronous=FULL (the file is complete on its own
whenever no transaction is open, with no sidecar files), foreign keys ON and trusted_schema OFF.
Opening validates the file first (see `validation`); an older file is backed up and migrated in one
transaction. A lock in the app's data folder tells a second instance the file is already open.

SQLite never plays back a journal itself: when a crash left one, `validation` has played it back in
Python and checked the result, and opening for editing writes exactly those bytes into the file and
removes the journal (`_write_back`), as SQLite's own recovery would, before SQLite opens the file.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

from workshop import paths
from workshop.atomic_file import fsync_folder, replace_durably
from workshop.companions import journal_path
from workshop.errors import Bug, FileInUse, SessionError, StorageError, is_environment_failure, storage_error
from workshop.filenames import remove_stale_temporaries
from workshop.schema import MIGRATIONS, SCHEMA_VERSION, create_schema
from workshop.validation import validate_file

PRAGMAS = (
    "PRAGMA journal_mode = DELETE",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA trusted_schema = OFF",
)


def apply_pragmas(connection: sqlite3.Connection) -> None:
    for pragma in PRAGMAS:
        connection.execute(pragma)


def _engine_for(path: Path, read_only: bool) -> Engine:
    uri = f"file:{path.as_posix()}?mode=ro" if read_only else f"file:{path.as_posix()}?mode=rw"
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False),
        poolclass=NullPool if read_only else None,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # every connection, before any query
        apply_pragmas(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # pysqlite's own transaction handling is off: begin explicitly
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class InstanceLock:
    """Tells other OKR Workshop processes that this file is open for editing here.

    The lock lives in the app's data folder (keyed by the file's real path), never beside the
    session file, so the session file stays a single file and SQLite's own locks are untouched.
    """

    def __init__(self, session_path: Path):
        key = hashlib.sha256(str(Path(session_path).resolve()).encode()).hexdigest()[:24]
        self.lock_path = paths.locks_dir() / f"{key}.lock"
        self._handle = None

    def acquire(self) -> bool:
        handle = open(self.lock_path, "a+b")
        try:
            if os.name == "nt":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing drops the lock on every platform
            self._handle = None


class SessionStore:
    """An open session file. Use `create` or `open`; `rows` is what the file held when opened."""

    def __init__(self, path: Path, engine: Engine, lock: InstanceLock | None, rows: dict, read_only: bool):
        self.path = path
        self.read_only = read_only
        self.rows = rows
        self.backup_path: Path | None = None  # the copy of an older file kept before it was upgraded
        self._engine = engine
        self._lock = lock
        self.known_stamp = self.disk_stamp()  # what the file looked like after our last write

    # -- opening -----------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, fill=None) -> "SessionStore":
        """Write a new session file at `path`; `fill(connection)` adds its first rows in the same
        transaction, so the file appears complete or not at all."""
        path = Path(path)
        temporary = path.with_name(f".{path.name}.creating")
        try:
            temporary.unlink(missing_ok=True)
            connection = sqlite3.connect(temporary, isolation_level=None)
            try:
                apply_pragmas(connection)
                connection.execute("BEGIN IMMEDIATE")
                create_schema(connection)
                connection.execute("COMMIT")
            finally:
                connection.close()
            if fill is not None:
                engine = _engine_for(temporary, read_only=False)
                with engine.begin() as conn:
                    fill(conn)
                engine.dispose()
            replace_durably(temporary, path)
        except (OSError, sqlite3.Error) as error:
            _remove_quietly(temporary)
            raise not_written(error, path) from None
        return cls.open(path)

    @classmethod
    def open(cls, path: Path, read_only: bool = False, held_lock: InstanceLock | None = None) -> "SessionStore":
        """Validate, lock and (when older) migrate the file; raise a SessionError with a sentence.

        `held_lock` is the lock of a store of the same file this process already has open (a reload):
        it is used instead of taking a new one and is never released here."""
        path = Path(path)
        validated = validate_file(path)
        lock = None
        if not read_only:
            lock = held_lock or InstanceLock(path)
            if lock is not held_lock and not lock.acquire():
                raise FileInUse(f"{path.name} is already open in another OKR Workshop window; "
                                "open it read-only or as a copy.")
            # SQLite writes its journal beside the file: a read-only folder is as final as a read-only file.
            if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
                if lock is not held_lock:
                    lock.release()
                read_only = True
                lock = None
        try:
            if validated.played_back is not None and not read_only:
                _write_back(path, validated.played_back)
            if not read_only:  # exports default to this folder: clear what a killed one left there
                remove_stale_temporaries(path.parent)
            backup = None
            if validated.version < SCHEMA_VERSION and not read_only:
                backup = migrate(path, validated.version)
                validated = validate_file(path)
            engine = _engine_for(path, read_only)
        except BaseException:
            if lock and lock is not held_lock:
                lock.release()
            raise
        store = cls(path, engine, lock, validated.rows, read_only)
        store.backup_path = backup
        return store

    # -- writing -----------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One edit: everything inside commits together and is on disk when the block ends."""
        if self.read_only:
            raise StorageError(f"{self.path.name} is open read-only; use Save As to keep a copy "
                               "you can change.")
        if not self.path.exists():
            raise storage_error(FileNotFoundError(), self.path)
        try:
            with self._engine.begin() as connection:
                yield connection
            self.known_stamp = self.disk_stamp()
        except SessionError:
            raise
        except Exception as error:  # SQLAlchemy wraps OS and SQLite failures
            original = getattr(error, "orig", error)
            if is_environment_failure(original):
                raise storage_error(original, self.path) from None
            if isinstance(original, sqlite3.Error):  # a constraint or a query SQLite rejects: ours
                raise Bug(f"SQLite refused a write to the session file: {original}") from error
            raise

    def disk_stamp(self) -> tuple | None:
        """Size, time and identity of the file on disk (None when it is gone)."""
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_size, stat.st_mtime_ns, stat.st_ino

    def changed_elsewhere(self) -> bool:
        """Whether someone else wrote the file since our last write (another program, a sync tool)."""
        stamp = self.disk_stamp()
        return stamp is not None and stamp != self.known_stamp

    def save_copy(self, target: Path) -> None:
        """Write a compact copy to `target` (VACUUM INTO a temporary file there, fsync, rename)."""
        target = Path(target)
        temporary = target.with_name(f".{target.name}.saving")
        try:
            if not os.access(target.parent, os.W_OK):  # SQLite would only say "unable to open database file"
                raise PermissionError(errno.EACCES, "the folder is read-only")
            temporary.unlink(missing_ok=True)
            source = sqlite3.connect(f"file:{self.path.as_posix()}?mode=ro", uri=True, isolation_level=None)
            try:
                apply_pragmas(source)
                source.execute("VACUUM INTO ?", (str(temporary),))
            finally:
                source.close()
            replace_durably(temporary, target)
        except (OSError, sqlite3.Error) as error:
            _remove_quietly(temporary)
            raise not_written(error, target) from None

    @property
    def lock(self) -> InstanceLock | None:
        """The lock this store holds on its file (None when read-only)."""
        return self._lock

    def let_go_of_lock(self) -> None:
        """Forget the lock without releasing it: a newer store of the same file holds it now."""
        self._lock = None

    def close(self) -> None:
        self._engine.dispose()
        if self._lock:
            self._lock.release()
            self._lock = None


def migrate(path: Path, from_version: int) -> Path:
    """Upgrade an older file in place, step by step, in one transaction, after a backup copy;
    return the backup's path."""
    backup = path.with_name(f"{path.stem}.v{from_version}-backup{path.suffix}")
    try:
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            apply_pragmas(connection)
            # Reading first plays back any journal a crash left, so the backup is the file as validated.
            connection.execute("PRAGMA user_version").fetchone()
            shutil.copy2(path, backup)
            connection.execute("BEGIN IMMEDIATE")
            try:
                for version in range(from_version + 1, SCHEMA_VERSION + 1):
                    MIGRATIONS[version](connection)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        finally:
            connection.close()
    except (OSError, sqlite3.Error) as error:
        raise storage_error(error, path) from None
    return backup


def not_written(error: BaseException, path: Path) -> StorageError:
    """A new file (or a copy) could not be written: one sentence naming the file asked for, never
    the temporary one, and never "use Save As" (this is where Save As or a command ended up)."""
    explained = str(storage_error(error, path))
    name = Path(path).name
    if "disk is full" in explained:
        return StorageError(f"The disk is full, so {name} was not written; free some space and try again.")
    if "read-only" in explained:
        return StorageError(f"{name} cannot be written there (the folder or file is read-only); "
                            "choose another folder.")
    reason = getattr(error, "strerror", None) or "the folder may have been removed"
    return StorageError(f"{name} could not be written ({reason}); choose another folder.")


# SQLite's lock bytes (PENDING, RESERVED, SHARED range): a writer holding any of them is alive.
_SQLITE_LOCK_START, _SQLITE_LOCK_LENGTH = 0x4000_0000, 512


def _write_back(path: Path, played_back: bytes) -> None:
    """Finish a crashed writer's rollback: the validated bytes into the file, durably, then the
    journal removed (a crash in between only repeats the same rollback next time)."""
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise storage_error(error, path) from None
    try:
        if os.name == "posix":
            import fcntl

            try:  # a live writer (another program) holds SQLite's locks: its journal is not ours to play
                fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, _SQLITE_LOCK_LENGTH, _SQLITE_LOCK_START)
            except OSError:
                raise FileInUse(f"{path.name} is being written by another program; "
                                "close it there and open the file again.") from None
        written = 0
        while written < len(played_back):
            written += os.pwrite(descriptor, memoryview(played_back)[written:], written)
        os.ftruncate(descriptor, len(played_back))
        os.fsync(descriptor)
        journal_path(path).unlink()
        fsync_folder(path.parent)
    except OSError as error:
        raise storage_error(error, path) from None
    finally:
        os.close(descriptor)  # also releases the lock


def _remove_quietly(path: Path) -> None:
    """Clean up a temporary file after a failure without hiding that failure behind a second one
    (on a read-only file system even unlinking a missing file fails)."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass
