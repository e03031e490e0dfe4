"""What an export returns, how it fails, and the atomic write both PDFs go through.

A PDF is built into a temporary file next to the target and renamed over it only when complete,
so a crash or a full disk never leaves half a pack where the last good one was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable

from exports.pdf.glyphs import MissingGlyphs

from workshop.errors import ReadableError


@dataclass(frozen=True)
class ExportResult:
    """A finished PDF: where it is, how many pages, and what could not be printed (by place)."""

    path: Path
    pages: int
    missing: tuple[MissingGlyphs, ...] = ()


class ExportError(ReadableError, OSError):
    """The PDF could not be written; `str(error)` is one sentence saying what to do."""


def write_atomically(path: Path, write: Callable[[BinaryIO], int]) -> int:
    """Run `write(file)` on a temp file in `path`'s folder, then rename it over `path`.

    Returns what `write` returns (the page count). OS failures become an `ExportError`.
    """
    path = Path(path)
    try:
        handle_fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                                dir=path.parent)
    except OSError as error:
        raise _explain(error, path) from error
    try:
        with os.fdopen(handle_fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                # mkstemp makes the file private (0600); a pack is meant to be shared.
                os.fchmod(handle.fileno(), 0o644)
            result = write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(error, OSError) and not isinstance(error, ExportError):
            raise _explain(error, path) from error
        raise
    _fsync_folder(path.parent)
    return result


def _explain(error: OSError, path: Path) -> ExportError:
    """One sentence for the facilitator: what went wrong and what to do."""
    if error.errno == errno.ENOSPC:
        reason = "the disk is full; free some space and export again"
    elif isinstance(error, FileNotFoundError):
        reason = f"the folder {path.parent} does not exist; choose another folder"
    elif isinstance(error, (PermissionError, IsADirectoryError)) or error.errno == errno.EROFS:
        reason = ("the folder is read-only or the file is open in another program; "
                  "close it or choose another folder")
    else:
        reason = f"{error.strerror or error}; choose another folder and export again"
    explained = ExportError(f"{path.name} could not be written because {reason}.")
    explained.errno = error.errno  # a single-argument OSError keeps str() to the sentence alone
    return explained


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; Windows cannot open a folder for this, and needs not."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        folder_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(folder_fd)
        finally:
            os.close(folder_fd)
