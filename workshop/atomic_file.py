"""Writing a file so that it is either the old one or the complete new one, never half of either.

The one copy of the rule every output and copy follows: write into a temporary file in the target's
own folder (a rename across folders is not atomic), flush it to disk, rename it over the target,
then flush the folder so the rename itself survives a power cut. Plain Python, no Qt.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import BinaryIO, Callable, TypeVar

from workshop.filenames import create_temporary

Result = TypeVar("Result")


def write_atomically(path: Path, write: Callable[[BinaryIO], Result], shared: bool = True) -> Result:
    """Run `write(file)` on a temporary file beside `path`, then put it in `path`'s place.

    Returns what `write` returns. A failure (OSError or anything `write` raises) leaves no temporary
    file behind and `path` as it was. `shared` files are readable by others, the rest by the user only.
    """
    path = Path(path)
    # Named as only this app names its temporaries, so one a killed process left is removed later.
    descriptor, temporary = create_temporary(path, mode=0o644 if shared else 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            result = write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        replace_durably(Path(temporary), path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return result


def replace_durably(source: Path, target: Path) -> None:
    """Flush `source`, rename it over `target` and flush the folder (both in one folder)."""
    fsync_file(source)
    os.replace(source, target)
    fsync_folder(Path(target).parent)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable; Windows cannot open a folder for this and does not need to."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
