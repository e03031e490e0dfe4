"""Asks before New, Open, Close or Quit leave a workshop whose timer runs or that has no file name.

Nothing would be lost (every edit is saved at once; an untitled workshop stays in the data folder
for recovery), but a facilitator who presses Ctrl+N in the middle of the meeting did not mean to
end it. The question is window-modal and never blocks the event loop (`open()`, not `exec()`).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from workshop import paths
from workshop.agenda import step_info


def _tr(text: str) -> str:
    return QCoreApplication.translate("LeaveQuestion", text)


def reasons_to_ask(model) -> list[str]:
    """The sentences that make leaving worth a question; none when leaving is harmless."""
    reasons = []
    if model.closed:  # already left (Quit agreed, the session swapped): nothing to ask about
        return reasons
    if model.timer.running:
        reasons.append(_tr("The timer of “%1” is running.").replace("%1", step_info(model.current_step).title))
    if paths.is_untitled(model.service.store.path) and model.undo_stack.count() > 0:
        reasons.append(_tr("This workshop has no file name yet: it stays in the list of unsaved work on "
                           "the start screen until you save it with Save As…."))
    return reasons


def ask_before_leaving(parent: QWidget | None, model, proceed: Callable[[], None],
                       save_as: Callable[[], None]) -> QMessageBox | None:
    """Call `proceed` at once when leaving is harmless; otherwise ask, and call it only on "Leave"."""
    reasons = reasons_to_ask(model)
    if not reasons:
        proceed()
        return None
    box = QMessageBox(QMessageBox.Icon.Question, _tr("Leave this workshop?"),
                      " ".join(reasons) + "\n\n" + _tr("Leave this workshop now?"), parent=parent)
    box.setAccessibleName(_tr("Leave this workshop?"))
    leave = box.addButton(_tr("Leave"), QMessageBox.ButtonRole.AcceptRole)
    save = None
    if paths.is_untitled(model.service.store.path):
        save = box.addButton(_tr("Save As…"), QMessageBox.ButtonRole.ActionRole)
    stay = box.addButton(_tr("Stay"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(_result) -> None:
        if box.clickedButton() is leave:
            proceed()
        elif save is not None and box.clickedButton() is save:
            save_as()

    box.finished.connect(answered)
    box.open()
    return box
