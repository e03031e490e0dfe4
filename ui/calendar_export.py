"""The "Export calendar…" command: the review schedule as an `.ics` file (ARCHITECTURE.md, Outputs).

The cadence page's button and the File menu's action both call `export_calendar`, so the two
behave the same, and it ends with the notice every export ends with. The file is a few kilobytes, so it is written on the GUI thread; the writing
itself (atomic, time zones) belongs to `exports.calendar`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QFileDialog, QWidget

from workshop import models
from workshop.filenames import inside, safe_file_name

from ui.export_results import default_folder, show_export_notice
from ui.translation import translator

CALENDAR_SUFFIX = ".ics"


_tr = translator("CalendarExport")


def suggested_file_name(details: models.Workshop) -> str:
    """A file name from the team and period ("Checkout & Payments 2027-Q1 reviews.ics"), safe anywhere."""
    words = " ".join(part.strip() for part in (details.team, details.period_label) if part.strip())
    return safe_file_name(f"{words} {_tr('reviews')}", CALENDAR_SUFFIX, fallback=_tr("reviews"))


def write_review_calendar(model, path: Path | str) -> tuple[bool, str]:
    """Write the schedule to `path`; return whether it worked and one sentence saying so."""
    path = Path(path)
    count = len(model.service.rows(models.ReviewEvent))
    if count == 0:
        return False, _tr("There are no meetings to export yet; generate the review schedule first.")
    from exports.calendar import write_calendar  # icalendar costs 0.1 s: not at start-up

    try:
        write_calendar(model.service.snapshot(), path)
    except ValueError as error:  # a meeting whose date or time cannot be read: the sentence names it
        return False, str(error)
    except OSError as error:
        reason = error.strerror or str(error)
        return False, (_tr("The calendar could not be saved to %1 (%2); choose another folder.")
                       .replace("%1", str(path)).replace("%2", reason))
    sentence = (_tr("Saved 1 meeting to %2.") if count == 1 else _tr("Saved %1 meetings to %2."))
    return True, sentence.replace("%1", str(count)).replace("%2", path.name)


def export_calendar(parent: QWidget | None, model, notify: Callable[[str], None] | None = None,
                    path: Path | str | None = None) -> bool | None:
    """Ask where to save (unless `path` is given), write the `.ics`, and report in one sentence.

    The sentence goes to the notice every export ends with (Open, Show folder), and also to
    `notify` (a page's status line) when given. Returns True when saved, False on failure, None
    when the person cancelled.
    """
    if path is None:
        suggested = inside(default_folder(model), suggested_file_name(model.details))
        chosen, _filter = QFileDialog.getSaveFileName(
            parent, _tr("Export calendar"), str(suggested), _tr("Calendar files (*.ics)"))
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != CALENDAR_SUFFIX:
            path = path.with_name(path.name + CALENDAR_SUFFIX)
    saved, sentence = write_review_calendar(model, path)
    if notify is not None:
        notify(sentence)
    show_export_notice(parent, _tr("Export calendar"), sentence, path if saved else None, warning=not saved)
    return saved
