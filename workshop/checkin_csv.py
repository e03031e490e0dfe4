"""One check-in from a CSV file: `okr-workshop checkin FILE.okrw --values VALUES.csv`
(ARCHITECTURE.md, Command line).

Teams keep their numbers in spreadsheets and BI tools, so the file is read as those tools write it:

- The header names the columns, in any order and any letter case: `key_result`, `value` and `date`
  are required, `confidence` and `note` optional; any other column is refused (a misspelt
  "confidance" must not lose what was in it).
- Commas separate the columns; a file whose header has semicolons and no commas (what spreadsheets
  write where the decimal mark is a comma) is read with semicolons. UTF-8, with or without a BOM.
- `key_result` is the number the app and PDF show: "2.3" is objective 2, key result 3.
- `value` is a metric's current value, as typed: "67%", "€3.65", "3,6", "1,250,000" (a unit or
  currency sign is allowed and not compared with the key result's unit); for a milestone it is the
  number of stages done. An empty value records only the confidence and note.
- `date` is an ISO date (YYYY-MM-DD), the same on every row: one file is one check-in. When a meeting
  of the review schedule falls on that date, the check-in is that meeting.
- `confidence` is on track, at risk or off track (any case; "on-track" too) or empty.

The whole file is one transaction: the first bad row refuses the file with one sentence naming its
line, and nothing is written.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from workshop import models
from workshop.checkins import CheckinError, KeyResultReport, check_date, record_checkin
from workshop.kr_numbers import parse_number, read_value
from workshop.progress import key_result_by_ref, stages_of
from workshop.safe_read import MAX_CSV_BYTES, UnreadableFile, read_bounded
from workshop.service import WorkshopService

REQUIRED_COLUMNS = ("key_result", "value", "date")
OPTIONAL_COLUMNS = ("confidence", "note")


@dataclass(frozen=True)
class CsvCheckin:
    """What a values file says: the check-in's date and one report per row, in file order."""

    held_on: str
    reports: tuple[KeyResultReport, ...]


def read_csv_bytes(path: Path, limit: int = MAX_CSV_BYTES) -> bytes:
    """The bytes of a regular file no larger than `limit`; CheckinError with one sentence otherwise
    (read through `safe_read`, so a FIFO, a device or a file that grows is never read for ever)."""
    try:
        return read_bounded(path, limit, "CSV file")
    except UnreadableFile as error:
        raise CheckinError(str(error)) from None


def _text_of(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CheckinError(f"{name} is not UTF-8 text; save it as CSV UTF-8.") from None
    if "\x00" in text:
        raise CheckinError(f"{name} is not a CSV text file.")
    return text


def _confidence(written: str, where: str) -> str:
    normal = " ".join(written.replace("-", " ").replace("_", " ").lower().split())
    if normal not in models.CONFIDENCES:
        raise CheckinError(f"{where}: {written[:40]!r} is not a confidence; use on track, at risk or off track.")
    return normal


def _report(row: dict, key_results: dict, where: str) -> KeyResultReport:
    ref = (row["key_result"] or "").strip()
    key_result = key_results.get(ref)
    if key_result is None:
        refs = list(key_results)
        known = f" (its key results run from {refs[0]} to {refs[-1]})" if refs else ""
        raise CheckinError(f"{where}: there is no key result {ref[:20]!r} in this workshop{known}.")
    written = (row["value"] or "").strip()
    value = stages_done = None
    if written and key_result.kind == models.MILESTONE:
        number = parse_number(written)
        stages = len(stages_of(key_result))
        if stages == 0:
            raise CheckinError(f"{where}: key result {ref} is a milestone whose stages are not named yet; "
                               "name them in the app first.")
        if number is None or number != int(number) or not 0 <= number <= stages:
            raise CheckinError(f"{where}: {written[:40]!r} is not a number of stages done for key result {ref}, "
                               f"which has {stages} stages.")
        stages_done = int(number)
    elif written:
        read = read_value(written)
        if read is None and re.search(r"\d,\d{3}(?!\d)", written) and written.count(",") == 1:
            raise CheckinError(f"{where}: {written[:40]!r} could be a thousand and more or a number with a "
                               "decimal comma; write it without the comma (1200) or with a point (1.2).")
        if read is None:
            raise CheckinError(f"{where}: {written[:40]!r} is not a number (write it as 67%, 3.6, 3,6 or €3.65).")
        value = read.number
    return KeyResultReport(key_result_id=key_result.id, value=value, stages_done=stages_done,
                           confidence=_confidence(row.get("confidence") or "", where),
                           note=(row.get("note") or "").strip())


def parse_values_csv(data: bytes, name: str, key_results: dict) -> CsvCheckin:
    """Read a values file's bytes into one check-in.

    Args:
        data: the file's bytes (see `read_csv_bytes`).
        name: the file's name, for the sentences.
        key_results: the workshop's key results by the number shown for them ("2.3").

    Raises:
        CheckinError: one sentence naming the line of the first problem.
    """
    text = _text_of(data, name)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, restkey="\x00extra")
    try:
        header = [(column or "").strip().lower() for column in (reader.fieldnames or [])]
        reader.fieldnames = header
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if not header or missing:
            raise CheckinError(f"{name} line 1: the header must name the columns key_result, value and date "
                               f"(missing: {', '.join(missing or REQUIRED_COLUMNS)}).")
        wrong = [column for column in header
                 if column not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS or header.count(column) > 1]
        if wrong:
            raise CheckinError(f"{name} line 1: {wrong[0][:40]!r} is not a column this file can have "
                               "(key_result, value, date, confidence, note, each once).")
        held_on, first_dated, reports, seen = None, 0, [], {}
        for row in reader:
            where = f"{name} line {reader.line_num}"
            if "\x00extra" in row:
                raise CheckinError(f"{where}: the row has more cells than the header names.")
            if all(not (cell or "").strip() for cell in row.values()):
                continue  # a blank line at the end of a spreadsheet export
            date = (row["date"] or "").strip()
            try:
                check_date(date)
            except CheckinError:
                raise CheckinError(f"{where}: {date[:40]!r} is not a date; write it as YYYY-MM-DD.") from None
            if held_on is None:
                held_on, first_dated = date, reader.line_num
            elif date != held_on:
                raise CheckinError(f"{where}: the date {date} differs from {held_on} on line {first_dated}; "
                                   "one file is one check-in, so give every row the same date.")
            report = _report(row, key_results, where)
            if report.key_result_id in seen:
                raise CheckinError(f"{where}: key result {row['key_result'].strip()} is already on line "
                                   f"{seen[report.key_result_id]}; keep one row per key result.")
            seen[report.key_result_id] = reader.line_num
            reports.append(report)
    except csv.Error as error:
        raise CheckinError(f"{name} line {reader.line_num}: the row is not valid CSV ({error}).") from None
    if held_on is None:
        raise CheckinError(f"{name} has a header but no values; add one row per key result.")
    return CsvCheckin(held_on=held_on, reports=tuple(reports))


def _meeting_on(service: WorkshopService, held_on: str):
    return next((event for event in service.rows(models.ReviewEvent) if event.starts_at[:10] == held_on), None)


def record_values_file(service: WorkshopService, path: Path) -> int:
    """Record the check-in a values file holds, in one transaction; return the check-in's id.

    Raises:
        CheckinError: one sentence naming the file (and the line), before anything is written.
    """
    path = Path(path)
    key_results = key_result_by_ref(service.snapshot())
    checkin = parse_values_csv(read_csv_bytes(path), path.name, key_results)
    meeting = _meeting_on(service, checkin.held_on)
    kind = meeting.kind if meeting is not None and meeting.kind in models.CHECKIN_KINDS else models.UNSCHEDULED
    return record_checkin(service, checkin.held_on, checkin.reports, kind=kind,
                          review_event_id=meeting.id if meeting is not None else None,
                          note=f"Values from {path.name}")
