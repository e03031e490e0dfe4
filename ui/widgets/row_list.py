"""An editable list of rows of one table (participants, company objectives, questions, ...).

Each row shows bound editors for its fields and a remove button; an add button appends a row.
The list rebuilds itself when rows are added, removed or reordered (by anyone: undo included).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from workshop.service import Change

from ui.widgets import fields
from ui.session_model import SessionModel


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    placeholder: str = ""
    stretch: int = 1
    editor: str = "line"  # line | date | check


class RowListEditor(QWidget):
    """Rows of `table` (optionally only those whose `parent_field` equals `parent_id`)."""

    def __init__(self, model: SessionModel, table, columns: list[Column], item_label: str,
                 add_label: str, parent_field: str | None = None, parent_id: int | None = None,
                 row_extra: Callable[[object], QWidget | None] | None = None):
        super().__init__()
        self.model, self.table, self.columns = model, table, columns
        self.item_label, self.parent_field, self.parent_id = item_label, parent_field, parent_id
        self.row_extra = row_extra
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows_widget = QWidget()
        layout.addWidget(self.rows_widget)
        self.add_button = QPushButton(add_label)
        self.add_button.setAccessibleName(add_label)
        self.add_button.setEnabled(not model.read_only)
        self.add_button.clicked.connect(self.add_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._shown_ids: list[int] = []
        model.changed.connect(self._on_change)
        self.rebuild()

    def rows(self) -> list:
        rows = self.model.service.rows(self.table)
        if self.parent_field:
            rows = [r for r in rows if getattr(r, self.parent_field) == self.parent_id]
        return rows

    def add_row(self) -> None:
        values = {self.parent_field: self.parent_id} if self.parent_field else {}
        row_id = self.model.add_row(self.table, values, self.tr("Add %1").replace("%1", self.item_label))
        if row_id is not None:
            editor = self.findChild(QWidget, f"{self.table.__name__}-{row_id}-{self.columns[0].field}")
            if editor:
                editor.setFocus()

    def _on_change(self, change: Change) -> None:
        if change.table is self.table and (change.field is None or change.field == "position"):
            if [r.id for r in self.rows()] != self._shown_ids:
                self.rebuild()

    def rebuild(self) -> None:
        old = self.rows_widget
        self.rows_widget = QWidget()
        grid = QGridLayout(self.rows_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        rows = self.rows()
        self._shown_ids = [r.id for r in rows]
        line = 0
        for number, row in enumerate(rows, start=1):
            for column_index, column in enumerate(self.columns):
                editor = self._editor(row, column, number)
                grid.addWidget(editor, line, column_index)
                grid.setColumnStretch(column_index, column.stretch)
            remove = QPushButton(self.tr("Remove"))
            remove.setAccessibleName(self.tr("Remove %1 %2").replace("%1", self.item_label).replace("%2", str(number)))
            remove.setEnabled(not self.model.read_only)
            remove.clicked.connect(lambda _=False, row_id=row.id: self.model.remove_row(
                self.table, row_id, self.tr("Remove %1").replace("%1", self.item_label)))
            grid.addWidget(remove, line, len(self.columns))
            line += 1
            extra = self.row_extra(row) if self.row_extra else None
            if extra is not None:
                grid.addWidget(extra, line, 0, 1, len(self.columns) + 1)
                line += 1
        self.layout().replaceWidget(old, self.rows_widget)
        old.deleteLater()

    def _editor(self, row, column: Column, number: int) -> QWidget:
        label = f"{column.label} {number}"
        if column.editor == "date":
            editor = fields.date_edit(self.model, self.table, row.id, column.field, label)
        elif column.editor == "check":
            editor = fields.check_box(self.model, self.table, row.id, column.field, column.label)
            editor.setAccessibleName(label)
        else:
            editor = fields.line_edit(self.model, self.table, row.id, column.field, label, column.placeholder)
        editor.setObjectName(f"{self.table.__name__}-{row.id}-{column.field}")
        return editor
