"""Typed failures of session files, each carrying one sentence a person can act on (ARCHITECTURE.md, Session files)."""

from __future__ import annotations

import errno
import sqlite3


class ReadableError(Exception):
    """Any refusal whose `str(error)` is one sentence to show a person (a bad draft, a failed export)."""


class RefusedWrite(ReadableError, ValueError):
    """A write the file check would refuse (a value of the wrong kind, too long, a missing reference):
    refused before it reaches the file, which stays as it was."""


class Bug(Exception):
    """The program did something it should not (a query SQLite rejects, a broken reference).

    Not the person's fault and not the environment's: it is logged with its traceback and the person
    is told it is a bug and where the details are (see `logbook`)."""


class SessionError(ReadableError):
    """Base of every session-file failure."""


class NotASessionFile(SessionError):
    """The file is not an OKR Workshop session (another format, or not SQLite at all)."""


class DamagedFile(SessionError):
    """The file is a session but its content is damaged or was altered."""


class NewerVersionFile(SessionError):
    """The file was made by a newer version of the app."""


class FileInUse(SessionError):
    """Another OKR Workshop window has the file open for editing."""


class StorageError(SessionError):
    """Writing failed because of the environment: disk full, read-only folder, file removed while
    open, the file locked by another program. Never raised for a bug (see `Bug`)."""


# SQLite's primary result codes that come from the environment rather than from the program.
_ENVIRONMENT_CODES = frozenset({
    sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CORRUPT,
    sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_NOLFS,
})


def is_environment_failure(error: BaseException) -> bool:
    """Whether a failed write is the environment's doing (disk, permissions, locks, a vanished file)
    rather than a bug (a constraint or a query SQLite rejects)."""
    if isinstance(error, OSError):
        return True
    if not isinstance(error, sqlite3.OperationalError):
        return False  # IntegrityError, ProgrammingError, InterfaceError...: the program's doing
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _ENVIRONMENT_CODES


def storage_error(error: BaseException, path) -> StorageError:
    """Turn an OS or SQLite write failure into one sentence that says what to do."""
    number = getattr(error, "errno", None)
    code = getattr(error, "sqlite_errorcode", None)  # the error's own code, not words of a path
    code = None if code is None else code & 0xFF  # extended codes share their primary code's low byte
    text = str(error).lower() if number is None and code is None else ""
    name = getattr(path, "name", str(path))
    if number == errno.ENOSPC or code == sqlite3.SQLITE_FULL or "database or disk is full" in text:
        return StorageError(f"The disk is full, so the last change to {name} was not saved; "
                            "free some space and try again.")
    if (isinstance(error, PermissionError) or number == errno.EROFS or code == sqlite3.SQLITE_READONLY
            or "attempt to write a readonly database" in text):
        return StorageError(f"{name} cannot be written here (the folder or file is read-only); "
                            "use Save As to keep your work somewhere else.")
    if (isinstance(error, FileNotFoundError) or code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN)
            or "disk i/o error" in text):
        return StorageError(f"{name} was moved or deleted while open; "
                            "use Save As to keep your work.")
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StorageError(f"Another program is holding {name}, so the last change was not saved; "
                            "close that program and try again.")
    return StorageError(f"The change could not be saved to {name} ({error}); "
                        "use Save As to keep your work somewhere else.")
