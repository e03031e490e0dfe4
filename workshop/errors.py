"""Typed failures of session files, each carrying one sentence a person can act on (DESIGN §7)."""

from __future__ import annotations

import errno
import sqlite3


class ReadableError(Exception):
    """Any refusal whose `str(error)` is one sentence to show a person (a bad draft, a failed export)."""


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
    """Writing failed: disk full, read-only folder, file removed while open."""


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
    return StorageError(f"The change could not be saved to {name} ({error}); "
                        "use Save As to keep your work somewhere else.")
