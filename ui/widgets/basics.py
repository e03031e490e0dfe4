"""Plain widgets more than one page builds with: a label that wraps any script, a small button, a
combo box that elides its text, and swapping a rebuilt widget in without losing keyboard focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication, QComboBox, QLabel, QLayout, QLineEdit, QPlainTextEdit, QPushButton, QStyle, QStyleOptionComboBox,
    QStylePainter, QWidget,
)

COMBO_ITEM_CHARS = 90  # keeps a combo's popup a sensible width; the tooltip has the whole text


def shorten(text: str, limit: int = COMBO_ITEM_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrapped_label(text: str = "", accessible_name: str = "", rich: bool = False) -> QLabel:
    """A label that wraps any script (long words, RTL, emoji) instead of widening its layout."""
    label = QLabel(text, wordWrap=True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
    if accessible_name:
        label.setAccessibleName(accessible_name)
    return label


def small_button(text: str, accessible_name: str, slot, name: str = "", enabled: bool = True) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible_name)
    button.setToolTip(accessible_name)
    button.setObjectName(name)
    button.setEnabled(enabled)
    button.clicked.connect(slot)
    return button


def swap_widget(layout: QLayout, old: QWidget, fresh: QWidget) -> QWidget:
    """Put `fresh` where `old` was, keeping keyboard focus (and the cursor) on the widget of the same name."""
    focus = QApplication.focusWidget()
    name, cursor = "", None
    if focus is not None and old.isAncestorOf(focus) and focus.objectName():
        name = focus.objectName()
        if isinstance(focus, QLineEdit):
            cursor = focus.cursorPosition()
        elif isinstance(focus, QPlainTextEdit):
            cursor = focus.textCursor().position()
    layout.replaceWidget(old, fresh)
    fresh.setVisible(not old.isHidden())  # now, not on the layout's queued show: focus needs it visible
    old.hide()
    old.deleteLater()
    target = fresh.findChild(QWidget, name) if name else None
    if target is not None:
        target.setFocus()
        if isinstance(target, QLineEdit) and cursor is not None:
            target.setCursorPosition(cursor)
        elif isinstance(target, QPlainTextEdit) and cursor is not None:
            text_cursor = target.textCursor()
            text_cursor.setPosition(min(cursor, len(target.toPlainText())))
            target.setTextCursor(text_cursor)
    return fresh


MIN_COMBO_CHARACTERS = 14


class ElidingCombo(QComboBox):
    """A combo box whose shown text ends in "…" when it is wider than the box, in any script.

    Its minimum width does not follow its longest choice (a 170-character objective would widen
    the whole page): it needs room for a few words, and stretches when there is more.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(MIN_COMBO_CHARACTERS)

    def paintEvent(self, _event) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        option.currentText = self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideRight,
                                                           field.width())
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
