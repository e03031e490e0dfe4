"""File names built from what people typed, kept safe and inside the folder chosen (ARCHITECTURE.md, Session files).

A team may be called "R&D / Ops", "../../etc" or 300 characters of emoji; a suggested file name must
still be one name in one folder that every file system takes. `safe_file_name` is the one place such
names are made (Save As, Export PDF, the calendar, Share by email); `inside` joins one to a folder
and proves it stays there. `is_same_file` tells whether an output would land on an input.

Atomic writes put their temporary file beside the target under a name only this app makes
(`temporary_name`); `remove_stale_temporaries` deletes ours that a killed process left behind.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import time
import unicodedata
from pathlib import Path

MAX_NAME_BYTES = 120  # well under every file system's 255 and a mail client's patience
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f\u2028\u2029/\\:*?"<>|]')
_WINDOWS_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)", re.IGNORECASE)
TEMPORARY_SUFFIX = ".okr-tmp"
STALE_AFTER_SECONDS = 10 * 60  # far longer than any export takes


def safe_file_name(text: str, suffix: str, fallback: str = "OKR workshop") -> str:
    """One file name from user text: no separators, `..`, control or reserved characters, no Windows
    device name, at most MAX_NAME_BYTES of UTF-8 (cut at a character boundary), ending in `suffix`.

    Args:
        text: what the name should say ("Checkout 2027-Q1 OKRs"); any text at all.
        suffix: the extension with its dot (".pdf"); assumed safe (it comes from the app).
        fallback: used when nothing usable is left of `text`.
    """
    stem = unicodedata.normalize("NFC", text)
    stem = _UNSAFE.sub("-", stem)
    stem = " ".join(stem.split())  # no runs of spaces, none at either end
    stem = re.sub(r"\.{2,}", ".", stem).strip(" .-")  # no "..", no hidden or trailing-dot names
    if not stem or _WINDOWS_RESERVED.fullmatch(stem.split(".")[0].strip()):
        stem = fallback
    budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    encoded = stem.encode("utf-8")
    if len(encoded) > budget:
        stem = encoded[:budget].decode("utf-8", "ignore")  # never half a character
        stem = _without_trailing_combining(stem).rstrip(" .-") or fallback
    return stem + suffix


def _without_trailing_combining(text: str) -> str:
    """Drop marks (and joiners) left without the character that followed them when a name was cut."""
    while text and (unicodedata.combining(text[-1]) or text[-1] in "\u200d\ufe0f"):
        text = text[:-1]
    return text


def inside(folder: Path, name: str) -> Path:
    """`folder / name`, refusing (ValueError) any name that would leave the folder."""
    folder = Path(folder)
    candidate = folder / name
    if Path(name).name != name or name in ("", ".", "..") or candidate.resolve().parent != folder.resolve():
        raise ValueError(f"{name!r} is not a file name inside {folder}.")
    return candidate


def is_same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file: the same resolved path, or (both existing) the same inode."""
    first, second = Path(first), Path(second)
    if first.resolve() == second.resolve():
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def create_temporary(target: Path, mode: int = 0o644) -> tuple[int, Path]:
    """A new, empty temporary file for an atomic write of `target`: hidden, beside it, ours by its
    name. Stale ones of ours in that folder go first. Returns (open descriptor, its path)."""
    target = Path(target)
    remove_stale_temporaries(target.parent)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        temporary = target.with_name(f".{target.name[:80]}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}")
        try:
            return os.open(temporary, flags, mode), temporary
        except FileExistsError:
            continue


def remove_stale_temporaries(folder: Path, now: float | None = None) -> list[Path]:
    """Delete this app's temporary files in `folder` that a killed export left: only names it makes,
    only regular files of this user, only older than STALE_AFTER_SECONDS. Returns what went."""
    removed = []
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(".") and entry.name.endswith(TEMPORARY_SUFFIX)):
            continue
        try:
            status = entry.stat(follow_symlinks=False)
            if (stat.S_ISREG(status.st_mode) and now - status.st_mtime > STALE_AFTER_SECONDS
                    and (not hasattr(os, "getuid") or status.st_uid == os.getuid())):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # someone else's business, or already gone
    return removed
