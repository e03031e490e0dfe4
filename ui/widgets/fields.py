"""Binds editor widgets to one field of one row: edits go through undo commands, changes come back.

A bound widget sends each edit to `SessionModel.set_field` (typing merges into one undo step) and
shows the model's value again whenever that field changes (undo, redo, the projector's twin edit).
Pages build their forms with these factories instead of wiring signals by hand.

`WheelGuard` keeps the mouse wheel from changing values by accident: a spin box, date or combo
box takes the wheel only while it has focus; otherwise the wheel scrolls the page around it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, QSignalBlocker, Qt
from PySide6.QtGui import QShowEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea, QAbstractSpinBox, QCheckBox, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QSpinBox,
    QWidget,
)

from workshop.service import Change

from ui.session_model import SessionModel

MAX_FIELD_CHARS = 2000  # a sentence, not a document: keeps layout and storage sane


class FieldBinding(QObject):
    """Keeps one widget and one (table, row, field) in step."""

    def __init__(self, model: SessionModel, widget: QWidget, table, row_id: int, field: str,
                 label: str, getter, setter):
        super().__init__(widget)
        self.model, self.widget = model, widget
        self.table, self.row_id, self.field, self.label = table, row_id, field, label
        self._get, self._set = getter, setter
        self._typing_session = 0  # edits within one session merge into one undo step
        widget.setAccessibleName(label)
        widget.setEnabled(not model.read_only)
        self.show_model_value()
        model.watch_row(table, row_id, self._on_change, self)  # only this row's edits reach it

    def _on_change(self, change: Change) -> None:
        if change.table is self.table and change.row_id in (self.row_id, None):
            self.show_model_value()

    def show_model_value(self) -> None:
        try:
            value = getattr(self.model.service.row(self.table, self.row_id), self.field)
        except KeyError:  # the row was removed; its page is about to rebuild
            return
        if self._get() != value:
            with QSignalBlocker(self.widget):
                self._set(value)

    def end_typing(self) -> None:
        """The next edit starts a new undo step (called when the field loses focus)."""
        self._typing_session += 1

    def commit(self, typing: bool = False) -> None:
        value = self._get()
        try:
            current = getattr(self.model.service.row(self.table, self.row_id), self.field)
        except KeyError:
            return
        merge_key = (id(self), self._typing_session) if typing else None
        if value != current and not self.model.set_field(self.table, self.row_id, self.field, value,
                                                          self.label, merge_key=merge_key):
            self.show_model_value()  # not saved: show what the file holds


def line_edit(model, table, row_id, field, label, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(MAX_FIELD_CHARS)
    edit.setPlaceholderText(placeholder)
    def show(value) -> None:
        edit.setText(value or "")
        if not edit.hasFocus():
            edit.setCursorPosition(0)  # a long value shows its beginning, not its tail

    binding = FieldBinding(model, edit, table, row_id, field, label, edit.text, show)
    edit.textEdited.connect(lambda _t: binding.commit(typing=True))
    edit.editingFinished.connect(binding.end_typing)
    return edit


def text_edit(model, table, row_id, field, label, placeholder: str = "", lines: int = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    margins = edit.contentsMargins()
    edit.setFixedHeight(int(edit.fontMetrics().lineSpacing() * lines + 2 * edit.document().documentMargin()
                            + margins.top() + margins.bottom() + 6))
    binding = FieldBinding(model, edit, table, row_id, field, label, edit.toPlainText,
                           lambda v: edit.setPlainText(v or ""))

    def on_text_changed():
        if len(edit.toPlainText()) > MAX_FIELD_CHARS * 5:
            binding.show_model_value()
            return
        binding.commit(typing=True)

    edit.textChanged.connect(on_text_changed)
    edit.installEventFilter(_EndTypingOnFocusOut(binding))
    return edit


class _EndTypingOnFocusOut(QObject):
    """A plain-text editor has no editingFinished: leaving it ends the typing undo step instead."""

    def __init__(self, binding: FieldBinding):
        super().__init__(binding)
        self.binding = binding

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.binding.end_typing()
        return False


def spin_box(model, table, row_id, field, label, minimum=0, maximum=600, suffix="") -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setSuffix(suffix)
    box.setKeyboardTracking(False)
    binding = FieldBinding(model, box, table, row_id, field, label, box.value, box.setValue)
    box.valueChanged.connect(lambda _v: binding.commit())
    return box


def check_box(model, table, row_id, field, label) -> QCheckBox:
    box = QCheckBox(label)
    binding = FieldBinding(model, box, table, row_id, field, label, box.isChecked, box.setChecked)
    box.toggled.connect(lambda _v: binding.commit())
    return box


def combo_box(model, table, row_id, field, label, choices: list[tuple[str, object]]) -> QComboBox:
    """`choices` are (shown text, stored value) pairs."""
    box = QComboBox()
    for text, value in choices:
        box.addItem(text, value)
    binding = FieldBinding(model, box, table, row_id, field, label, box.currentData,
                           lambda v: box.setCurrentIndex(max(0, box.findData(v))))
    box.activated.connect(lambda _i: binding.commit())
    return box


def date_edit(model, table, row_id, field, label) -> QDateEdit:
    """An ISO date stored as text; empty until first chosen."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setSpecialValueText(" ")
    edit.setMinimumDate(QDate(2000, 1, 1))

    def get():
        return "" if edit.date() == edit.minimumDate() else edit.date().toString(Qt.DateFormat.ISODate)

    def set_(value):
        date = QDate.fromString(value or "", Qt.DateFormat.ISODate)
        edit.setDate(date if date.isValid() else edit.minimumDate())

    binding = FieldBinding(model, edit, table, row_id, field, label, get, set_)
    edit.dateChanged.connect(lambda _d: binding.commit())
    return edit



_WHEEL_TAKERS = (QAbstractSpinBox, QComboBox)  # widgets whose value the wheel would change


class WheelGuard(QObject):
    """One app-wide filter: the wheel over an unfocused spin box or combo box scrolls the page.

    Installed once on the application (`install_wheel_guard`), so every page, row list and table
    editor is covered, including widgets built later. Qt's default focus policy would give such a
    widget focus on the first wheel turn; each one is switched to click-or-Tab focus when shown.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Every event of the app passes here: the cheap isinstance tests come first.
        if isinstance(event, QShowEvent) and isinstance(watched, _WHEEL_TAKERS):
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif isinstance(event, QWheelEvent) and isinstance(watched, _WHEEL_TAKERS) and not watched.hasFocus():
            area = _scroll_area_around(watched)
            if area is not None:
                QCoreApplication.sendEvent(area.viewport(), event)
            return True
        return False


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


_guard: WheelGuard | None = None


def install_wheel_guard() -> None:
    """Put the wheel guard on the application (once; later calls do nothing)."""
    global _guard
    if _guard is None:
        _guard = WheelGuard(QCoreApplication.instance())
        QCoreApplication.instance().installEventFilter(_guard)
