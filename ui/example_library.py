"""The example library: browse well-written OKRs by area (assets/examples.json) and insert one.

Inserting adds the objective and all of its key results as one action (one transaction, one undo
step), so a facilitator can try an example on the projector and take it back with a single Ctrl+Z.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QTextBrowser,
    QVBoxLayout, QWidget,
)

from assets import load_json
from workshop import models
from workshop.kr_numbers import fields_for_new_key_result

from ui.session_model import SessionModel
from ui.translation import translator


_tr = translator("ExampleLibrary")


def insert_okr(model: SessionModel, okr: dict) -> int | None:
    """Add an example's objective and its key results as one action (one transaction, one undo
    step); return the objective's id, or None when the save failed (reported; nothing was added)."""
    commitment = okr.get("commitment") if okr.get("commitment") in models.COMMITMENTS else models.ASPIRATIONAL
    with model.action(_tr("Insert example OKR")) as action:
        objective_id = action.add_row(models.Objective, {"text": okr["objective"], "commitment": commitment})
        for text in okr["key_results"]:
            action.add_row(models.KeyResult, {"objective_id": objective_id, **fields_for_new_key_result(text)})
    return objective_id if action.done else None


class ExampleLibraryDialog(QDialog):
    """Areas on the left, their example objectives in the middle, the chosen OKR in full on the right."""

    inserted = Signal(int)  # the new objective's id

    def __init__(self, model: SessionModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.areas = load_json("examples.json")["areas"]
        self.setWindowTitle(self.tr("Example library"))
        self.setAccessibleName(self.tr("Example library"))
        self.resize(960, 560)

        self.area_list = QListWidget()
        self.area_list.setAccessibleName(self.tr("Areas"))
        self.area_list.setMaximumWidth(230)
        for area in self.areas:
            self.area_list.addItem(area["name"])
        self.okr_list = QListWidget()
        self.okr_list.setAccessibleName(self.tr("Example objectives"))
        self.okr_list.setWordWrap(True)
        self.okr_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.okr_list.setSpacing(2)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(self.tr("Example preview"))
        columns = QHBoxLayout()
        columns.addWidget(self.area_list, 1)
        columns.addWidget(self.okr_list, 2)
        columns.addWidget(self.preview, 2)

        self.status = QLabel(wordWrap=True)
        self.status.setAccessibleName(self.tr("Status"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.insert_button = QPushButton(self.tr("Insert into workshop"))
        self.insert_button.setAccessibleName(self.tr("Insert into workshop"))
        self.insert_button.setEnabled(False)
        buttons.addButton(self.insert_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.insert_button.clicked.connect(self.insert_selected)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Pick an area, then an example. Inserting adds the objective and its "
                                        "key results; adapt the wording to your team afterwards."), wordWrap=True))
        layout.addLayout(columns, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self.area_list.currentRowChanged.connect(self._show_area)
        self.okr_list.currentRowChanged.connect(self._show_okr)
        self.okr_list.itemDoubleClicked.connect(lambda _item: self.insert_selected())
        self.area_list.setCurrentRow(0)

    def selected_okr(self) -> dict | None:
        area, row = self.area_list.currentRow(), self.okr_list.currentRow()
        if area < 0 or row < 0:
            return None
        return self.areas[area]["okrs"][row]

    def _show_area(self, index: int) -> None:
        self.okr_list.clear()
        if index < 0:
            return
        for okr in self.areas[index]["okrs"]:
            item = QListWidgetItem(okr["objective"])
            item.setToolTip(okr["objective"])
            self.okr_list.addItem(item)
        self.okr_list.setCurrentRow(0)

    def _show_okr(self, _row: int) -> None:
        okr = self.selected_okr()
        self.insert_button.setEnabled(okr is not None and not self.model.read_only)
        if okr is None:
            self.preview.clear()
            return
        kind = self.tr("Committed") if okr.get("commitment") == models.COMMITTED else self.tr("Aspirational")
        key_results = "".join(f"<li>{escape(kr)}</li>" for kr in okr["key_results"])
        self.preview.setHtml(f"<p><b>{escape(okr['objective'])}</b></p><p><i>{escape(kind)}</i></p>"
                             f"<p>{escape(self.tr('Key results:'))}</p><ul>{key_results}</ul>")

    def insert_selected(self) -> int | None:
        okr = self.selected_okr()
        if okr is None or self.model.read_only:
            return None
        objective_id = insert_okr(self.model, okr)
        if objective_id is not None:
            undo = QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)
            self.status.setText(self.tr("Inserted “%1” with %2 key results — %3 to undo.")
                                .replace("%1", okr["objective"]).replace("%2", str(len(okr["key_results"])))
                                .replace("%3", undo))
            self.inserted.emit(objective_id)
        return objective_id


def open_example_library(parent: QWidget | None, model: SessionModel) -> ExampleLibraryDialog:
    """Show the library as a window-modal dialog (open(), never exec(): safe inside the qasync loop)."""
    dialog = ExampleLibraryDialog(model, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
