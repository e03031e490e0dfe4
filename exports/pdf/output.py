"""What an export returns, how it fails, and the atomic write both PDFs go through.

A PDF is built into a temporary file next to the target and renamed over it only when complete,
so a crash or a full disk never leaves half a pack where the last good one was.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable

from exports.pdf.glyphs import MissingGlyphs

from workshop import atomic_file
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
    """Run `write(file)` on a temp file in `path`'s folder, then rename it over `path`
    (`workshop.atomic_file`). Returns what `write` returns (the page count); OS failures become an
    `ExportError`."""
    path = Path(path)
    try:
        return atomic_file.write_atomically(path, write)
    except ExportError:
        raise
    except OSError as error:
        raise _explain(error, path) from error


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
