"""The facilitator's window: step rail, the current step's page, notes and coach, the timer bar.

It owns the actions (from the registry), the menus and the projector window, and routes the
meeting-room keys. Pages are built the first time their step is shown, which keeps start-up fast.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QAbstractSpinBox, QApplication, QCheckBox, QComboBox, QRadioButton, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QMainWindow, QPlainTextEdit, QSplitter, QStackedWidget, QTextBrowser,
    QTextEdit, QVBoxLayout, QWidget,
)

from workshop import models
from workshop.agenda import WRAP_UP, step_info
from workshop.timer import format_clock

from ui.actions import BARE_KEYS, FILE_REQUESTS, ActionId, create_actions
from ui.calendar_export import export_calendar
from ui.chime import play_chime
from ui.export_actions import PdfExporter
from ui import pages
from ui.meetings.menu import install as install_quarter_commands
from ui.messages import tell
from ui.paste_okrs import open_paste_dialog
from ui.projector import ProjectorWindow
from ui.share import Sharer
from ui.session_model import SessionModel
from ui.timer_bar import TimerBar

_TEXT_INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


class FacilitatorWindow(QMainWindow):
    """One open workshop on the laptop. `file_requested` asks the app for New/Open/Close."""

    file_requested = Signal(str)  # one of actions.FILE_REQUESTS
    open_requested = Signal(object)  # a Path the app should open in place of this workshop

    def __init__(self, model: SessionModel):
        super().__init__()
        self.model = model
        self.setAccessibleName(self.tr("Facilitator window"))
        self.actions = create_actions(self)
        self.projector = ProjectorWindow(model)
        self.pages: dict[int, QWidget] = {}

        self.rail = QListWidget(objectName="stepRail")
        self.rail.setAccessibleName(self.tr("Steps"))
        self.rail.setFixedWidth(250)
        for number in range(WRAP_UP + 1):
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, number)
            self.rail.addItem(item)
        self.rail.currentRowChanged.connect(self._rail_clicked)

        self.stack = QStackedWidget()
        self.notes = QTextBrowser()
        self.notes.setAccessibleName(self.tr("Facilitator notes"))
        side = QWidget(objectName="sidePanel")
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(QLabel(self.tr("<b>Notes for you</b> (never on the projector)")))
        side_layout.addWidget(self.notes, 1)
        self.coach_panel = pages.coach_panel(model)
        side_layout.addWidget(self.coach_panel, 2)

        splitter = QSplitter()
        splitter.addWidget(self.stack)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(TimerBar(model, self.actions))
        row = QHBoxLayout()
        row.addWidget(self.rail)
        row.addWidget(splitter, 1)
        layout.addLayout(row, 1)
        self.setCentralWidget(centre)

        self.exporter = PdfExporter(self, model)
        self.sharer = Sharer(self, model)
        self._build_menus()
        self._connect_actions()
        self.quarter = install_quarter_commands(self)  # Meetings menu, quarter report, values, next period
        model.changed.connect(self._refresh_rail)
        model.tick.connect(self._refresh_rail_timer)
        model.step_changed.connect(self._show_step)
        model.crossed_zero.connect(self._chime)
        model.timer_running_changed.connect(self._timer_running_changed)
        model.error.connect(self.show_error)
        model.undo_stack.cleanChanged.connect(self._update_title)
        QApplication.instance().installEventFilter(self)
        self._update_title()
        self._show_step(model.current_step)
        self.resize(1400, 880)

    # -- menus and actions ---------------------------------------------------------------------------

    def _build_menus(self) -> None:
        a = self.actions
        menus = (
            (self.tr("&File"), (ActionId.NEW, ActionId.OPEN, ActionId.SAVE_AS, None, ActionId.EXPORT_PDF,
                                ActionId.EXPORT_REPORT, ActionId.EXPORT_WORKSHEETS, ActionId.EXPORT_CALENDAR,
                                ActionId.SHARE, None, ActionId.IMPORT_VALUES, ActionId.NEXT_PERIOD,
                                ActionId.IMPORT_TEAMS, None, ActionId.CLOSE, ActionId.QUIT)),
            (self.tr("&Edit"), (ActionId.UNDO, ActionId.REDO, None, ActionId.PASTE_OKRS)),
            (self.tr("&Workshop"), (ActionId.NEXT, ActionId.PREVIOUS, None, ActionId.NEXT_STEP,
                                    ActionId.PREVIOUS_STEP)),
            (self.tr("&Timer"), (ActionId.START_PAUSE, None, ActionId.ADD_MINUTE, ActionId.REMOVE_MINUTE,
                                 ActionId.ADD_FIVE_MINUTES, ActionId.RESET_TIMER, None, ActionId.MUTE_CHIME)),
            (self.tr("&Projector"), (ActionId.PRESENT, ActionId.STOP_PRESENTING, ActionId.BLANK)),
        )
        for title, action_ids in menus:
            menu = self.menuBar().addMenu(title)
            for action_id in action_ids:
                if action_id is None:
                    menu.addSeparator()
                else:
                    menu.addAction(a[action_id])
                    self.addAction(a[action_id])  # shortcuts work while the menu bar is hidden too
                    self.projector.addAction(a[action_id])  # and while the projector has focus

    def _connect_actions(self) -> None:
        a, m = self.actions, self.model
        stack = m.undo_stack
        a[ActionId.UNDO].triggered.connect(stack.undo)
        a[ActionId.REDO].triggered.connect(stack.redo)
        stack.canUndoChanged.connect(a[ActionId.UNDO].setEnabled)
        stack.canRedoChanged.connect(a[ActionId.REDO].setEnabled)
        a[ActionId.UNDO].setEnabled(stack.canUndo())
        a[ActionId.REDO].setEnabled(stack.canRedo())
        a[ActionId.NEXT].triggered.connect(self.next)
        a[ActionId.PREVIOUS].triggered.connect(self.previous)
        a[ActionId.NEXT_STEP].triggered.connect(lambda: m.go_to_step(m.current_step + 1))
        a[ActionId.PREVIOUS_STEP].triggered.connect(lambda: m.go_to_step(m.current_step - 1))
        a[ActionId.START_PAUSE].triggered.connect(m.toggle_timer)
        a[ActionId.ADD_MINUTE].triggered.connect(lambda: m.adjust_timer(60))
        a[ActionId.REMOVE_MINUTE].triggered.connect(lambda: m.adjust_timer(-60))
        a[ActionId.ADD_FIVE_MINUTES].triggered.connect(lambda: m.adjust_timer(300))
        a[ActionId.RESET_TIMER].triggered.connect(m.reset_timer)
        a[ActionId.MUTE_CHIME].setChecked(m.details.chime_muted)
        a[ActionId.MUTE_CHIME].toggled.connect(
            lambda muted: m.set_field(models.Workshop, 1, "chime_muted", muted, self.tr("Mute chime")))
        a[ActionId.PRESENT].triggered.connect(self.present)
        a[ActionId.STOP_PRESENTING].triggered.connect(self.projector.stop_presenting)
        a[ActionId.BLANK].toggled.connect(self.projector.set_blank)
        a[ActionId.EXPORT_PDF].triggered.connect(self.exporter.ask_and_export_pack)
        a[ActionId.EXPORT_WORKSHEETS].triggered.connect(self.exporter.ask_and_export_worksheets)
        a[ActionId.EXPORT_CALENDAR].triggered.connect(lambda: export_calendar(self, self.model))
        a[ActionId.SHARE].triggered.connect(self.sharer.share)
        a[ActionId.PASTE_OKRS].triggered.connect(lambda: open_paste_dialog(self, self.model))
        for name in FILE_REQUESTS:
            a[ActionId[name.upper()]].triggered.connect(lambda _=False, n=name: self.file_requested.emit(n))
        self._timer_running_changed(m.timer.running)

    def _timer_running_changed(self, running: bool) -> None:
        label = self.tr("Pause timer") if running else self.tr("Start timer")
        self.actions[ActionId.START_PAUSE].setText(label)

    def actions_by_name(self, name: str):
        """The action labelled `name` (as a screen reader or a test finds it)."""
        return next(a for a in self.actions.values() if a.text() == name)

    # -- navigation ----------------------------------------------------------------------------------

    def current_page(self):
        return self.pages.get(self.model.current_step)

    def next(self) -> None:
        page = self.current_page()
        if page is None or not page.advance():
            self.model.go_to_step(self.model.current_step + 1)

    def previous(self) -> None:
        page = self.current_page()
        if page is None or not page.go_back():
            self.model.go_to_step(self.model.current_step - 1)

    def _rail_clicked(self, row: int) -> None:
        if row >= 0 and row != self.model.current_step:
            self.model.go_to_step(row)

    def _show_step(self, number: int) -> None:
        if number not in self.pages:
            page = pages.page_for(self.model, number)
            page.notes_changed.connect(self._show_notes)
            page.coach_subject.connect(self.coach_panel.show_subject)
            self.pages[number] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(self.pages[number])
        self.coach_panel.show_subject(None)  # the last step's item is no longer being written
        self.rail.blockSignals(True)
        self.rail.setCurrentRow(number)
        self.rail.blockSignals(False)
        self._refresh_rail()
        self._show_notes()

    def _show_notes(self) -> None:
        page = self.current_page()
        self.notes.setPlainText(page.facilitator_notes() if page else "")

    def _refresh_rail(self, *_args) -> None:
        for number in range(WRAP_UP + 1):
            self._describe_step(number)

    def _refresh_rail_timer(self) -> None:
        self._describe_step(self.model.current_step)

    def _describe_step(self, number: int) -> None:
        step = self.model.step_row(number)
        title = step_info(number).title
        if number == 0:
            detail = self.tr("before the meeting")
        else:
            used = self.model.timer.used_seconds() if number == self.model.current_step else step.used_seconds
            detail = self.tr("%1 min planned · %2 used").replace("%1", str(step.planned_minutes)) \
                .replace("%2", format_clock(used))
        status = {models.STEP_DONE: "✓ " + self.tr("done"), models.STEP_ACTIVE: "▶ " + self.tr("now")}.get(
            step.status, "")
        if number == self.model.current_step:
            status = "▶ " + self.tr("now")
        text = f"{number}  {title}   {status}\n{detail}"
        item = self.rail.item(number)
        if item.text() != text:
            item.setText(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ", "))

    # -- projector, chime, errors ----------------------------------------------------------------------

    def present(self) -> None:
        self.projector.present(self.screen())

    def _chime(self) -> None:
        if not self.model.details.chime_muted:
            play_chime()  # when no sound is available the flash alone marks zero

    def show_error(self, sentence: str) -> None:
        tell(self, self.tr("OKR Workshop"), sentence)

    def _update_title(self, *_args) -> None:
        details = self.model.details
        name = self.model.service.store.path.name
        suffix = self.tr(" (read-only)") if self.model.read_only else ""
        self.setWindowTitle(f"{details.title or name}{suffix} — OKR Workshop")

    # -- keys ------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Single meeting-room keys (Right, Left, Space, B, +, -) act unless a text field has focus."""
        # Every event of the app passes here: the cheap isinstance test goes first (event.type()
        # costs an enum object per call, which adds up to seconds while a big page is built).
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and (
                self.isActiveWindow() or self.projector.isActiveWindow()):
            action_id = BARE_KEYS.get(event.key())
            if action_id is not None and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                                Qt.KeyboardModifier.KeypadModifier,
                                                                Qt.KeyboardModifier.ShiftModifier):
                if not self._focus_uses_keys(QApplication.focusWidget()):
                    if not event.isAutoRepeat():
                        self.actions[action_id].trigger()
                    return True
        return super().eventFilter(watched, event)

    def _focus_uses_keys(self, focus) -> bool:
        """Whether the focused widget needs arrows/Space itself (typing, a table, a checkbox)."""
        if isinstance(focus, _TEXT_INPUTS) or (isinstance(focus, QComboBox) and focus.isEditable()):
            return True
        if isinstance(focus, QAbstractItemView) and focus is not self.rail:
            return True
        return isinstance(focus, (QCheckBox, QRadioButton))

    def closeEvent(self, event) -> None:
        QApplication.instance().removeEventFilter(self)
        self.projector.close()
        self.projector.deleteLater()  # a top-level window of its own: it goes with this one
        self.model.close()
        super().closeEvent(event)
