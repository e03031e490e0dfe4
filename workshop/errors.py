"""Typed failures of session files, each carrying one sentence a person can act on (DESIGN §7)."""

from __future__ import annotations


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
    text = str(error).lower()
    name = getattr(path, "name", str(path))
    if "full" in text or getattr(error, "errno", None) == 28:
        return StorageError(f"The disk is full, so the last change to {name} was not saved; "
                            "free some space and try again.")
    if "readonly" in text or "read-only" in text or isinstance(error, PermissionError):
        return StorageError(f"{name} cannot be written here (the folder or file is read-only); "
                            "use Save As to keep your work somewhere else.")
    if "no such file" in text or "disk i/o" in text or isinstance(error, FileNotFoundError):
        return StorageError(f"{name} was moved or deleted while open; "
                            "use Save As to keep your work.")
    return StorageError(f"The change could not be saved to {name} ({error}); "
                        "use Save As to keep your work somewhere else.")
