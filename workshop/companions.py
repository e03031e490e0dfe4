"""The files SQLite keeps beside a session file, judged from their bytes before SQLite sees them.

SQLite plays a hot `-journal` back into the file when it next opens it, deletes any file that journal
names as its super-journal (a multi-database commit record), and applies any `-wal` it finds,
whatever the header says (TOOLCHAIN, "SQLite companion files"). A received file may come with forged
ones, so no SQLite code ever runs on them: this module reads them with bounds and decides here.

- A `-wal` or `-shm` (of any kind, even empty or a link) is refused: the app never writes WAL.
- A `-journal` that is not a regular file (a folder, a link, a FIFO), is too large, or ends in a
  super-journal record is refused. The app never commits across databases, so its own journals never
  carry one.
- Otherwise the journal is played back here, in Python, on the file's bytes, exactly as SQLite's
  pager does (sqlite.org/fileformat.html §4, `pager_playback` in pager.c): header, then page records,
  stopping at the first record whose checksum fails; the file is cut to the size the header recorded.
  The app's own crash recovery then writes those same validated bytes back (`store`), so SQLite never
  replays a journal itself and what lands on disk is exactly what was checked.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

from workshop.errors import DamagedFile
from workshop.safe_read import MAX_JOURNAL_BYTES, MAX_SESSION_BYTES, MISSING, UnreadableFile, read_bounded

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
SUPER_JOURNAL_TRAILER = 16  # name length (4), checksum (4), magic (8): the record's last bytes
LOCK_BYTE_OFFSET = 0x4000_0000  # SQLite's PENDING_BYTE; the page holding it is never journaled
MAX_PAGE_SIZE = 65536
MAX_SECTOR_SIZE = 65536
WAL_SUFFIXES = ("-wal", "-shm")


def journal_path(path: Path) -> Path:
    return path.with_name(f"{path.name}-journal")


def refuse_write_ahead_logs(path: Path) -> None:
    """Refuse a `-wal` or `-shm` beside the file, whatever it is (the app never writes WAL)."""
    for suffix in WAL_SUFFIXES:
        companion = path.with_name(f"{path.name}{suffix}")
        if os.path.lexists(companion):
            raise DamagedFile(f"{path.name} came with a {companion.name} file that OKR Workshop never "
                              "writes and will not apply; move that file away and open it again.")


def read_hot_journal(path: Path) -> bytes | None:
    """The rollback journal beside `path` when SQLite would play it back, else None.

    Raises DamagedFile for a journal that must never reach SQLite (see the module docstring).
    """
    name = path.name
    journal_name = journal_path(path).name
    refused = DamagedFile(f"{name} came with a {journal_name} that is not a journal OKR Workshop "
                          "wrote (a folder, a link, a pipe, a second name of another file or far "
                          "too large); move it away and open the file again.")
    try:
        status = os.lstat(journal_path(path))
    except FileNotFoundError:
        return None
    except OSError:
        raise refused from None
    if status.st_nlink != 1:  # a hard link: SQLite's next write to the journal would land in that file
        raise refused
    try:
        journal = read_bounded(journal_path(path), MAX_JOURNAL_BYTES, "journal", follow_links=False)
    except UnreadableFile as error:
        if error.reason == MISSING:
            return None
        raise refused from None
    if names_super_journal(journal):
        raise DamagedFile(f"{name} came with a {journal_name} that points at another file, which "
                          "OKR Workshop never writes; delete that journal and open the file again.")
    if not journal or journal[0] == 0:  # SQLite calls a journal hot only when its first byte is set
        return None
    return journal


def names_super_journal(journal: bytes) -> bool:
    """Whether the journal ends in a super-journal record (any, valid checksum or not).

    SQLite reads the record from the end: ... name, name length, checksum, the journal magic. Our
    journals never end in the magic, so its presence alone is enough to refuse, whatever the rest."""
    return len(journal) >= SUPER_JOURNAL_TRAILER and journal.endswith(JOURNAL_MAGIC)


def play_back(data: bytes, journal: bytes, name: str) -> bytes:
    """The file's bytes once the hot journal is played back, computed as SQLite's pager would."""
    damaged = DamagedFile(f"{name} was left half-saved with a journal that does not fit it; "
                          "ask the sender to send it again.")
    if len(data) < 100:
        raise damaged
    file_page_size = struct.unpack(">H", data[16:18])[0]
    file_page_size = 65536 if file_page_size == 1 else file_page_size
    pages = bytearray(data)
    offset = 0
    sector_size = page_size = 0
    first = True
    while True:
        if not first:  # every later header starts on a sector boundary
            offset = -(-offset // sector_size) * sector_size
        if offset + 28 > len(journal) or journal[offset:offset + 8] != JOURNAL_MAGIC:
            break
        records, nonce, original_pages = struct.unpack(">III", journal[offset + 8:offset + 20])
        if first:
            sector_size, page_size = struct.unpack(">II", journal[offset + 20:offset + 28])
            if (page_size != file_page_size or not 32 <= sector_size <= MAX_SECTOR_SIZE
                    or sector_size & (sector_size - 1)):
                raise damaged  # a header that lies about sizes is not one this file's writer left
            if original_pages * page_size > MAX_SESSION_BYTES:
                raise damaged
        if offset + sector_size > len(journal):
            break
        offset += sector_size
        record_size = page_size + 8
        if records == 0xFFFF_FFFF:
            records = (len(journal) - offset) // record_size
        if first:
            pages = _resized(pages, original_pages * page_size)
            limit = original_pages
            first = False
        for _ in range(records):
            record = journal[offset:offset + record_size]
            if len(record) < record_size:
                return bytes(pages)
            number = struct.unpack(">I", record[:4])[0]
            page = record[4:4 + page_size]
            if number == 0 or number == LOCK_BYTE_OFFSET // page_size + 1:
                return bytes(pages)
            if _checksum(nonce, page) != struct.unpack(">I", record[-4:])[0]:
                return bytes(pages)  # SQLite stops at the first record that fails its checksum
            offset += record_size
            if number <= limit:
                pages[(number - 1) * page_size:number * page_size] = page
    return bytes(pages)


def _resized(pages: bytearray, size: int) -> bytearray:
    if len(pages) >= size:
        return pages[:size]
    return pages + bytes(size - len(pages))


def _checksum(nonce: int, page: bytes) -> int:
    """SQLite's journal checksum: the nonce plus every 200th byte, counted down from the end."""
    return (nonce + sum(page[len(page) - 200:0:-200])) & 0xFFFF_FFFF
