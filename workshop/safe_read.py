"""Reading a file someone sent us without hanging, filling memory or following it somewhere odd.

Reading by path follows a FIFO (blocks for ever), a link to /dev/zero (never ends) and a sparse file
of gigabytes (fills memory). So every file the app reads as input goes through `read_bounded`: open
with O_NONBLOCK, `fstat` that descriptor, require a regular file, check the size against the limit
the caller documents, then read from the same descriptor (never the path again), stopping one byte
past the limit in case the file grows while it is read.

The limits, in one place so they can be documented and compared:
- a session file: 16 MiB (the largest file the row and text limits of `validation` allow is about
  8 MiB; an ordinary workshop is 100-200 KB),
- its rollback journal: the session limit plus one page of header and a record header per page,
- a plain-text draft: 1 MiB (a page of OKRs is a few KB),
- a check-in CSV: 1 MiB (a few hundred key results, one line each).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from workshop.errors import ReadableError

MiB = 1024 * 1024
MAX_SESSION_BYTES = 16 * MiB
MAX_JOURNAL_BYTES = MAX_SESSION_BYTES + MAX_SESSION_BYTES // 64 + 64 * 1024  # pages + 8 bytes each + header
MAX_DRAFT_BYTES = 1 * MiB
MAX_CSV_BYTES = 1 * MiB

# Why a read was refused: callers that keep typed errors of their own (session files) map these.
MISSING, FOLDER, NOT_REGULAR, LINK, TOO_LARGE, UNREADABLE = (
    "missing", "folder", "not-regular", "link", "too-large", "unreadable")


class UnreadableFile(ReadableError):
    """A file refused before (or while) reading it; `reason` is one of the constants above."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def read_bounded(path: Path, limit: int, what: str, follow_links: bool = True) -> bytes:
    """The bytes of the regular file at `path`, refusing anything else in one sentence.

    Args:
        path: the file to read; a link to a regular file is followed unless `follow_links` is False.
        limit: the largest size accepted, in bytes; a larger file is refused before any byte is read.
        what: how a person would name the file in a sentence ("draft", "check-in CSV").
        follow_links: False refuses a symbolic link itself (companion files are never links).
    Raises:
        UnreadableFile: missing, a folder, a FIFO or device, a link where none is allowed, too large,
            or unreadable; the message names the file.
    """
    path = Path(path)
    name = path.name or str(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        # Look before opening, so a device (a tape, a terminal) is never even opened.
        before = os.stat(path, follow_symlinks=follow_links)
        _require_regular(before, name, what)
        descriptor = os.open(path, flags)
    except UnreadableFile:
        raise
    except OSError as error:
        raise _open_failure(error, name, what) from None
    try:
        status = os.fstat(descriptor)  # what was opened, not what the path names now
        _require_regular(status, name, what)
        if status.st_size > limit:
            raise _too_large(name, what)
        chunks, total = [], 0
        while True:
            chunk = os.read(descriptor, min(limit + 1 - total, MiB))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while we read
                raise _too_large(name, what)
        return b"".join(chunks)
    except OSError as error:
        raise UnreadableFile(f"{name} could not be read ({error.strerror or error}).", UNREADABLE) from None
    finally:
        os.close(descriptor)


def _require_regular(status: os.stat_result, name: str, what: str) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise UnreadableFile(f"{name} is a folder, not a {what}.", FOLDER)
    if stat.S_ISLNK(status.st_mode):
        raise UnreadableFile(f"{name} is a link, not a {what}; it was not read.", LINK)
    if not stat.S_ISREG(status.st_mode):
        raise UnreadableFile(f"{name} is not an ordinary file (a pipe or a device), "
                             f"so it was not read as a {what}.", NOT_REGULAR)


def _too_large(name: str, what: str) -> UnreadableFile:
    return UnreadableFile(f"{name} is far larger than any {what}; it was not read.", TOO_LARGE)


def _open_failure(error: OSError, name: str, what: str) -> UnreadableFile:
    if isinstance(error, FileNotFoundError):
        return UnreadableFile(f"{name} does not exist (it may have been moved or deleted).", MISSING)
    if isinstance(error, IsADirectoryError):
        return UnreadableFile(f"{name} is a folder, not a {what}.", FOLDER)
    if error.errno == errno.ELOOP:  # O_NOFOLLOW met a link
        return UnreadableFile(f"{name} is a link, not a {what}; it was not read.", LINK)
    return UnreadableFile(f"{name} could not be read ({error.strerror or error}).", UNREADABLE)
