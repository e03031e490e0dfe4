"""The review schedule as an editable table: one row per `ReviewEvent`, in the service's order.

`ScheduleTableModel` reads the rows from the service and sends every edit through the SessionModel
(one undo step each); changing a date or a time rewrites `starts_at`. It also checks the schedule
with `workshop.schedule.schedule_warnings` and marks flagged rows with a shape in the row header,
so a problem never shows by colour alone. `ScheduleDelegate` gives each column a fitting editor.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, QTime, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QSpinBox, QStyledItemDelegate, QTimeEdit

from workshop import models
from workshop.models import MONTHLY, OTHER, RETROSPECTIVE, WEEKLY
from workshop.schedule import meeting_template, parse_starts_at, period_of, schedule_warnings

from ui.widgets import fields
from ui.room_words import day_text
from ui.translation import translator

WARNING_MARK = "⚠"  # a shape, so a flagged row reads without colour
MAX_MEETING_MINUTES = 8 * 60


_tr = translator("ScheduleTable")


_LONG_WORD = re.compile(r"\S{25,}")
_BREAK_EVERY = 16
_ZERO_WIDTH_SPACE = "\u200b"
_ZERO_WIDTH_JOINER = "\u200d"


def breakable(text: str) -> str:
    """`text` with invisible break points inside very long words, so a word-wrapped QLabel (which
    never breaks inside a word) keeps its width; never inside a grapheme (accents, emoji, flags)."""
    def split(match: re.Match) -> str:
        word, pieces, run = match.group(0), [], 0
        for index, character in enumerate(word):
            if run >= _BREAK_EVERY and _may_break_before(word, index):
                pieces.append(_ZERO_WIDTH_SPACE)
                run = 0
            pieces.append(character)
            run += 1
        return "".join(pieces)

    return _LONG_WORD.sub(split, text)


def _may_break_before(word: str, index: int) -> bool:
    character, previous = word[index], word[index - 1]
    if unicodedata.category(character) in ("Mn", "Mc", "Me", "Cf", "Sk") or previous == _ZERO_WIDTH_JOINER:
        return False
    return not all(0x1F1E6 <= ord(c) <= 0x1F1FF for c in (previous, character))  # a flag's two halves


def qdate(day: date) -> QDate:
    """A Python date (or datetime) as a QDate."""
    return QDate(day.year, day.month, day.day)


def kind_names() -> dict[str, str]:
    return {WEEKLY: _tr("Weekly"), MONTHLY: _tr("Monthly"), RETROSPECTIVE: _tr("Retrospective"),
            OTHER: _tr("Other")}


class ScheduleTableModel(QAbstractTableModel):
    """The review meetings as rows of date, time, length, kind and title, in the service's order."""

    DATE, TIME, LENGTH, KIND, TITLE = range(5)
    warnings_changed = Signal()

    def __init__(self, session_model, parent=None):
        super().__init__(parent)
        self.session = session_model
        self._events = self._in_time_order()
        self.warnings = []
        self._warnings_by_row: dict[int, list[str]] = {}
        self._check()
        session_model.changed.connect(self._on_change)

    def events(self) -> list[models.ReviewEvent]:
        """The meetings as the table shows them: by start, then by id."""
        return self._events

    def event_at(self, row: int) -> models.ReviewEvent:
        return self._events[row]

    def _in_time_order(self) -> list[models.ReviewEvent]:
        # Sorted here as well: the service re-sorts on add and replace, not after a single field edit.
        rows = self.session.service.rows(models.ReviewEvent)
        return sorted(rows, key=lambda event: (event.starts_at, event.id))

    def row_warnings(self, row: int) -> list[str]:
        return self._warnings_by_row.get(row, [])

    # -- reading -----------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return (_tr("Date"), _tr("Time"), _tr("Length"), _tr("Kind"), _tr("Title"))[section]
            return None
        flagged = bool(self.row_warnings(section))
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{WARNING_MARK} {section + 1}" if flagged else str(section + 1)
        if role == Qt.ItemDataRole.ToolTipRole and flagged:
            return "\n".join(self.row_warnings(section))
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base if self.session.read_only else base | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        event, column = self.event_at(index.row()), index.column()
        try:
            start = parse_starts_at(event.starts_at)
        except ValueError:
            start = None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DATE:
                return day_text(start.date()) if start else event.starts_at
            if column == self.TIME:
                return f"{start:%H:%M}" if start else ""
            if column == self.LENGTH:
                return _tr("%1 min").replace("%1", str(event.minutes))
            if column == self.KIND:
                return kind_names().get(event.kind, event.kind)
            return event.title
        if role == Qt.ItemDataRole.EditRole:
            if column == self.DATE:
                return qdate(start) if start else QDate.currentDate()
            if column == self.TIME:
                return QTime(start.hour, start.minute) if start else QTime(9, 0)
            return {self.LENGTH: event.minutes, self.KIND: event.kind, self.TITLE: event.title}[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = self.row_warnings(index.row())
            return "\n".join(([event.title] if column == self.TITLE and event.title else []) + lines) or None
        return None

    # -- editing (through the SessionModel: one undo step per edit) --------------------------------

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.session.read_only:
            return False
        event, column = self.event_at(index.row()), index.column()
        table = models.ReviewEvent
        if column in (self.DATE, self.TIME):
            try:
                start = parse_starts_at(event.starts_at)
                day, clock = start.date().isoformat(), f"{start:%H:%M}"
            except ValueError:  # a half-typed value from elsewhere: keep whichever part we are given
                day, clock = date.today().isoformat(), self.session.details.weekly_time
            if column == self.DATE:
                day, label = value.toString(Qt.DateFormat.ISODate), _tr("Change meeting date")
            else:
                clock, label = value.toString("HH:mm"), _tr("Change meeting time")
            return self.session.set_field(table, event.id, "starts_at", f"{day}T{clock}", label)
        if column == self.LENGTH:
            minutes = max(1, min(int(value), MAX_MEETING_MINUTES))
            return self.session.set_field(table, event.id, "minutes", minutes, _tr("Change meeting length"))
        if column == self.KIND:
            if value not in models.MEETING_KINDS:
                return False
            if value == event.kind:
                return True  # no empty step on the undo stack
            changes = {"kind": value}
            old_default = meeting_template(event.kind)["name"]
            if value != OTHER and event.title.strip() in ("", old_default):
                changes["title"] = meeting_template(value)["name"]  # the title followed the kind: keep it so
            return self.session.set_fields(table, event.id, changes, _tr("Change meeting kind"))
        title = str(value)[:fields.MAX_FIELD_CHARS]
        return self.session.set_field(table, event.id, "title", title, _tr("Change meeting title"))

    # -- following the model -----------------------------------------------------------------------

    def _on_change(self, change) -> None:
        if change.table is models.Workshop and change.field in (None, "period_start", "period_end"):
            self._announce_checked()
        if change.table is not models.ReviewEvent:
            return
        fresh = self._in_time_order()
        old_ids, new_ids = [event.id for event in self._events], [event.id for event in fresh]
        if new_ids == old_ids:
            self._events = fresh  # a reverted replace brings back equal rows as new objects
            self._announce_checked()
        elif sorted(new_ids) == sorted(old_ids):
            # Same meetings, new order (a date was edited): move the selection with its meeting.
            self.layoutAboutToBeChanged.emit()
            self._events = fresh
            position = {row_id: row for row, row_id in enumerate(new_ids)}
            persistent = self.persistentIndexList()
            self.changePersistentIndexList(
                persistent, [self.index(position[old_ids[i.row()]], i.column()) for i in persistent])
            self._check()
            self.layoutChanged.emit()
            self.warnings_changed.emit()
        else:
            self.beginResetModel()
            self._events = fresh
            self._check()
            self.endResetModel()
            self.warnings_changed.emit()

    def _announce_checked(self) -> None:
        self._check()
        if self._events:
            last = len(self._events) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(last, self.TITLE))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, last)
        self.warnings_changed.emit()

    def _check(self) -> None:
        try:
            start, end = period_of(self.session.details)
        except ValueError:
            start, end = date.min, date.max  # no period yet: weekends and overlaps are still worth saying
        self.warnings = schedule_warnings(self._events, start, end)
        by_row = defaultdict(list)
        for warning in self.warnings:
            by_row[warning.index].append(warning.message)
        self._warnings_by_row = dict(by_row)


class ScheduleDelegate(QStyledItemDelegate):
    """Editors for the table's cells: a date, a 24-hour time, minutes, a kind, a title."""

    def createEditor(self, parent, option, index):
        column = index.column()
        if column == ScheduleTableModel.DATE:
            editor = QDateEdit(parent, calendarPopup=True, displayFormat="yyyy-MM-dd")
        elif column == ScheduleTableModel.TIME:
            editor = QTimeEdit(parent, displayFormat="HH:mm")
        elif column == ScheduleTableModel.LENGTH:
            editor = QSpinBox(parent, minimum=1, maximum=MAX_MEETING_MINUTES, suffix=_tr(" min"))
        elif column == ScheduleTableModel.KIND:
            editor = QComboBox(parent)
            for kind, name in kind_names().items():
                editor.addItem(name, kind)
        else:
            editor = QLineEdit(parent, maxLength=fields.MAX_FIELD_CHARS)
        heading = index.model().headerData(column, Qt.Orientation.Horizontal)
        name = _tr("%1 of meeting %2").replace("%1", heading).replace("%2", str(index.row() + 1))
        editor.setAccessibleName(name)
        return editor

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)
