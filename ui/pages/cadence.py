"""Step 5, the review cadence: choose the meetings, generate the period's schedule, edit it, export it.

The cadence choices are bound to the workshop's fields; "Generate schedule" replaces every meeting
in one undo step (undo is the safety net, so it does not ask first). The table of meetings lives in
`cadence_table`; its warnings appear beside it as links that select the meeting concerned.
`time_edit` binds a time of day stored as "HH:MM" (the wrap-up page uses it too).
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QBoxLayout, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QTableView, QTimeEdit, QVBoxLayout,
)

from workshop import models
from workshop.models import MONTHLY, OTHER, RETROSPECTIVE, WEEKLY
from workshop.schedule import (
    CadenceChoices, check_period, format_starts_at, generate_schedule, meeting_reminder, meeting_template,
    parse_clock_time, parse_starts_at, period_of,
)

from ui.widgets import fields
from ui.calendar_export import export_calendar
from ui.pages.base import StepPage
from ui.pages.cadence_table import (
    WARNING_MARK, ScheduleDelegate, ScheduleTableModel, breakable,
)
from ui.room_words import day_text
from ui.translation import translator

SIDE_BY_SIDE_MIN_WIDTH = 1100  # narrower, the warnings go above the table so the titles keep room
MIN_VISIBLE_ROWS = 6
MAX_VISIBLE_ROWS = 20  # a quarter has about 16 meetings, as many as the paper worksheet's rows


_tr = translator("CadencePage")


def weekday_names() -> list[str]:
    return [_tr("Monday"), _tr("Tuesday"), _tr("Wednesday"), _tr("Thursday"), _tr("Friday"),
            _tr("Saturday"), _tr("Sunday")]


def undo_shortcut_text() -> str:
    return QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)


def time_edit(model, table, row_id: int, field: str, label: str, optional: bool = False) -> QTimeEdit:
    """A bound time of day stored as "HH:MM"; when `optional`, "" shows blank (00:00 then means unset)."""
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    if optional:
        edit.setSpecialValueText(" ")

    def get() -> str:
        if optional and edit.time() == edit.minimumTime():
            return ""
        return edit.time().toString("HH:mm")

    def set_(value: str) -> None:
        try:
            moment = parse_clock_time(value)
        except ValueError:
            edit.setTime(edit.minimumTime())
            return
        edit.setTime(QTime(moment.hour, moment.minute))

    binding = fields.FieldBinding(model, edit, table, row_id, field, label, get, set_)
    edit.timeChanged.connect(lambda _t: binding.commit(typing=True))
    edit.editingFinished.connect(binding.end_typing)
    return edit


class CadencePage(StepPage):
    """Step 5: cadence choices, the generated and edited schedule, templates and calendar export."""

    def __init__(self, model):
        super().__init__(model, 5)
        self.reminder = QLabel(f"<b>{escape(self.tr('Before every meeting:'))}</b> {escape(meeting_reminder())}",
                               wordWrap=True, objectName="formula", textFormat=Qt.TextFormat.RichText)
        self.reminder.setAccessibleName(self.tr("Reminder for key result owners"))
        self.body.addWidget(self.reminder)
        self.body.addWidget(self._choices_box())
        self.body.addWidget(self._schedule_box())
        self.body.addWidget(self._templates_box())
        self.body.addStretch(1)
        model.changed.connect(self._on_change)
        self._show_period()

    # -- building ----------------------------------------------------------------------------------

    def _choices_box(self) -> QGroupBox:
        W, m = models.Workshop, self.model
        box = QGroupBox(self.tr("Our meetings"))
        grid = QGridLayout(box)
        days = [(name, number) for number, name in enumerate(weekday_names())]
        minutes = self.tr(" min")
        rows = (
            (WEEKLY, self.tr("every"),
             fields.combo_box(m, W, 1, "weekly_weekday", self.tr("Weekly check-in weekday"), days),
             time_edit(m, W, 1, "weekly_time", self.tr("Weekly check-in time")),
             fields.spin_box(m, W, 1, "weekly_minutes", self.tr("Weekly check-in length"), 5, 240, minutes)),
            (MONTHLY, self.tr("first of the month, on"),
             fields.combo_box(m, W, 1, "monthly_weekday", self.tr("Monthly review weekday"), days),
             time_edit(m, W, 1, "monthly_time", self.tr("Monthly review time")),
             fields.spin_box(m, W, 1, "monthly_minutes", self.tr("Monthly review length"), 5, 480, minutes)),
        )
        for line, (kind, prefix, day, clock, length) in enumerate(rows):
            grid.addWidget(QLabel(f"<b>{escape(meeting_template(kind)['name'])}</b>", wordWrap=True), line, 0)
            grid.addWidget(QLabel(prefix), line, 1, Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
            widgets = (day, QLabel(self.tr("at")), clock, QLabel(self.tr("for")), length)
            for column, widget in enumerate(widgets, start=2):
                grid.addWidget(widget, line, column)
        retro_at = CadenceChoices.__dataclass_fields__["retro_time"].default
        grid.addWidget(QLabel(f"<b>{escape(meeting_template(RETROSPECTIVE)['name'])}</b>", wordWrap=True), 2, 0)
        retro_when = QLabel(self.tr("on the period's last working day, at %1").replace("%1", f"{retro_at:%H:%M}"),
                            wordWrap=True)  # wraps on a narrow laptop rather than widening the page
        grid.addWidget(retro_when, 2, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("for")), 2, 5)
        retro_length = fields.spin_box(m, W, 1, "retro_minutes", self.tr("Retrospective length"), 5, 480, minutes)
        grid.addWidget(retro_length, 2, 6)
        grid.setColumnStretch(7, 1)
        self.generate_button = QPushButton(self.tr("Generate schedule"))
        self.generate_button.setAccessibleName(self.tr("Generate schedule"))
        self.generate_button.clicked.connect(self.generate)
        self.period_sentence = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.period_sentence.setAccessibleName(self.tr("OKR period"))
        generate_row = QHBoxLayout()
        generate_row.addWidget(self.generate_button)
        generate_row.addWidget(self.period_sentence, 1)
        grid.addLayout(generate_row, 3, 0, 1, 8)
        return box

    def _schedule_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Review schedule"))
        layout = QVBoxLayout(box)
        self.table_model = ScheduleTableModel(self.model, self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Review schedule"))
        self.table.setModel(self.table_model)
        self.table.setItemDelegate(ScheduleDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(ScheduleTableModel.TITLE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ScheduleTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for signal in (self.table_model.modelReset, self.table_model.rowsInserted, self.table_model.rowsRemoved):
            signal.connect(self._fit_table_height)
        self._fit_table_height()
        remove_shortcut = QAction(self.tr("Remove selected meetings"), self.table)
        remove_shortcut.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove_shortcut.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove_shortcut.triggered.connect(self.remove_selected)
        self.table.addAction(remove_shortcut)
        self.warnings_label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.warnings_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.warnings_label.setAccessibleName(self.tr("Schedule warnings"))
        self.warnings_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.warnings_label.linkActivated.connect(lambda link: self.select_row(int(link)))
        self.table_and_warnings = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.table_and_warnings.addWidget(self.table, 3)
        self.table_and_warnings.addWidget(self.warnings_label, 2)
        layout.addLayout(self.table_and_warnings)
        buttons = QHBoxLayout()
        self.add_button = self._button(self.tr("Add meeting"), self.add_meeting)
        self.remove_button = self._button(self.tr("Remove selected"), self.remove_selected)
        self.remove_button.setAccessibleName(self.tr("Remove selected meetings"))
        self.export_button = self._button(self.tr("Export calendar…"), self.export)
        self.status = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.status.setAccessibleName(self.tr("Status"))
        for widget in (self.add_button, self.remove_button, self.export_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.status, 1)
        layout.addLayout(buttons)
        self.table_model.warnings_changed.connect(self._show_warnings)
        self._show_warnings()
        return box

    def _fit_table_height(self, *_args) -> None:
        """Show a period's meetings without a second scroll bar inside the page (up to a limit)."""
        rows = min(max(self.table_model.rowCount(), MIN_VISIBLE_ROWS), MAX_VISIBLE_ROWS)
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
                                  + rows * self.table.verticalHeader().defaultSectionSize())

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(slot)
        return button

    def _templates_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Meeting templates (for reference)"))
        row = QHBoxLayout(box)
        for kind in (WEEKLY, MONTHLY, RETROSPECTIVE):
            template = meeting_template(kind)
            agenda = "".join(f"<li>{escape(item)}</li>" for item in template["agenda"])
            length = self.tr("%1 min").replace("%1", str(template["default_minutes"]))
            label = QLabel(f"<b>{escape(template['name'])}</b> · {escape(length)}"
                           f"<p>{escape(template['purpose'])}</p><ol>{agenda}</ol>",
                           wordWrap=True, textFormat=Qt.TextFormat.RichText)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
            label.setAccessibleName(template["name"])
            row.addWidget(label, 1)
        return box

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        direction = (QBoxLayout.Direction.LeftToRight if event.size().width() >= SIDE_BY_SIDE_MIN_WIDTH
                     else QBoxLayout.Direction.BottomToTop)
        if self.table_and_warnings.direction() != direction:
            self.table_and_warnings.setDirection(direction)

    # -- actions -----------------------------------------------------------------------------------

    def generate(self) -> None:
        """Replace every meeting with a fresh schedule, as one undo step."""
        details = self.model.details
        try:
            start, end = period_of(details)
            meetings = generate_schedule(start, end, CadenceChoices.from_workshop(details))
        except ValueError as error:
            self.status.setText(str(error))
            return
        had_meetings = bool(self.table_model.events())
        rows = [{"kind": m.kind, "title": m.title, "starts_at": format_starts_at(m.starts_at),
                 "minutes": m.minutes} for m in meetings]
        if not self.model.replace_rows(models.ReviewEvent, rows, self.tr("Generate schedule")):
            return
        sentence = (self.tr("Schedule regenerated: %1 meetings — %2 to undo") if had_meetings
                    else self.tr("Schedule generated: %1 meetings — %2 to undo"))
        self.status.setText(sentence.replace("%1", str(len(rows))).replace("%2", undo_shortcut_text()))

    def add_meeting(self) -> None:
        """Add a meeting after the selected one (or the last), on the next weekday, at the check-in time."""
        details, events, selected = self.model.details, self.table_model.events(), self._selected_rows()
        try:
            if selected:
                day = parse_starts_at(events[selected[-1]].starts_at).date()
            elif events:
                day = max(parse_starts_at(event.starts_at) for event in events).date()
            else:
                day = period_of(details)[0] - timedelta(days=1)
        except ValueError:
            day = date.today()
        day += timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        values = {"kind": OTHER, "title": meeting_template(OTHER)["name"],
                  "starts_at": f"{day.isoformat()}T{details.weekly_time}", "minutes": details.weekly_minutes}
        row_id = self.model.add_row(models.ReviewEvent, values, self.tr("Add meeting"))
        if row_id is not None:
            row = [e.id for e in self.table_model.events()].index(row_id)
            self.select_row(row)
            sentence = self.tr("Meeting %1 added; double-click a cell to change it.")
            self.status.setText(sentence.replace("%1", str(row + 1)))

    def remove_selected(self) -> None:
        """Remove the selected meetings as one undo step."""
        events = self.table_model.events()
        doomed = [events[row].id for row in self._selected_rows()]
        if not doomed:
            self.status.setText(self.tr("Select the meetings to remove first."))
            return
        label = self.tr("Remove %1 meetings").replace("%1", str(len(doomed)))
        self.model.undo_stack.beginMacro(label)
        try:
            for row_id in doomed:
                self.model.remove_row(models.ReviewEvent, row_id, label)
        finally:
            self.model.undo_stack.endMacro()
        if len(doomed) > 1:
            sentence = self.tr("%1 meetings removed — %2 to undo").replace("%1", str(len(doomed)))
        else:
            sentence = self.tr("Meeting removed — %2 to undo")
        self.status.setText(sentence.replace("%2", undo_shortcut_text()))

    def export(self) -> None:
        export_calendar(self, self.model, notify=lambda sentence: self.status.setText(breakable(sentence)))

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.table_model.index(row, 0))
        self.table.setFocus()

    def _selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    # -- showing -----------------------------------------------------------------------------------

    def _on_change(self, change) -> None:
        if change.table is models.Workshop:
            self._show_period()

    def _show_period(self) -> None:
        details, writable = self.model.details, not self.model.read_only
        try:
            start, end = period_of(details)
            check_period(start, end)
            CadenceChoices.from_workshop(details)
        except ValueError as error:
            self.period_sentence.setText(breakable(str(error)))
            self.generate_button.setEnabled(False)
        else:
            first, last = day_text(start), day_text(end)
            self.period_sentence.setText(
                self.tr("For %1, %2 to %3; generating replaces the meetings below.")
                .replace("%1", breakable(details.period_label.strip()) or self.tr("the period"))
                .replace("%2", first).replace("%3", last))
            self.generate_button.setEnabled(writable)
        for button in (self.add_button, self.remove_button):
            button.setEnabled(writable)

    def _show_warnings(self) -> None:
        warnings = self.table_model.warnings
        if not warnings:
            self.warnings_label.setText(escape(self.tr("No problems found in the schedule.")))
            return
        items = "".join(
            f"<li>{WARNING_MARK} <a href='{w.index}'>{escape(self.tr('Meeting %1').replace('%1', str(w.index + 1)))}</a>"
            f": {escape(breakable(w.message))}</li>" for w in warnings)
        heading = escape(self.tr("Check these meetings (%1):").replace("%1", str(len(warnings))))
        self.warnings_label.setText(f"<b>{heading}</b><ul>{items}</ul>")
