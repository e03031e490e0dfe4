"""The meeting runner: a review meeting on the laptop, with its twin on the projector (ARCHITECTURE.md, Review meetings).

It opens the meeting's agenda from its template and walks it with the workshop's keys (PageDown /
PageUp, Space, B, F5, Esc, +/−, Ctrl+Z), the workshop's timer bar and the workshop's undo stack.
The first agenda item goes through the key results one by one: the owner's value, confidence and
note (and, at the retrospective, the scores); the other items show the team's progress, or at the
retrospective the question with the team's answer.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMainWindow, QPlainTextEdit, QScrollArea, QSplitter, QStackedWidget,
    QVBoxLayout, QWidget,
)

from workshop import models
from workshop.errors import ReadableError
from workshop.meeting_plan import MeetingPlan
from workshop.progress import expected_progress

from ui.actions import BARE_KEYS, ActionId, connect_undo_actions, create_actions
from ui.chime import play_chime
from ui.meetings import charts
from ui.meetings.chart_widgets import TeamProgressChart
from ui.meetings.commands import MeetingRecord
from ui.meetings.report_editor import ReportEditor
from ui.meetings.room import MeetingRoomWindow
from ui.meetings.state import KEY_RESULTS_ITEM, MeetingState
from ui.meetings.timing import MeetingClock, MeetingTimerBar
from ui.messages import tell
from ui.session_model import SessionModel

_TEXT_INPUTS = (QLineEdit, QPlainTextEdit, QAbstractSpinBox)


def _action_text(text: str) -> str:
    """An action's label as `ui.actions` translates it (the timer bar shortens these)."""
    return QCoreApplication.translate("Actions", text)


class MeetingWindow(QMainWindow):
    """One running meeting. Closing it ends the meeting (its time is kept with its check-in)."""

    def __init__(self, model: SessionModel, plan: MeetingPlan):
        super().__init__()
        self.model = model
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        record = MeetingRecord.for_plan(model.service, plan)
        self.state = MeetingState(model, record, self)
        self.clock = MeetingClock(model, plan, self, used_seconds=record.used_seconds(model.service))
        self.room = MeetingRoomWindow(self.state, self.clock)
        self.actions = create_actions(self)
        self.setWindowTitle(f"{plan.name} · {model.details.team or model.details.title} — OKR Workshop")
        self.setAccessibleName(self.tr("Meeting runner"))

        self.agenda = QListWidget()
        self.agenda.setAccessibleName(self.tr("Agenda"))
        self.agenda.setFixedWidth(260)
        self.agenda.setWordWrap(True)
        for number, item in enumerate(plan.agenda, start=1):
            self.agenda.addItem(f"{number}. {item}")
        self.agenda.currentRowChanged.connect(self.state.go_to_item)

        self.key_results = QListWidget()
        self.key_results.setAccessibleName(self.tr("Key results"))
        self.key_results.setWordWrap(True)
        self.key_results.currentRowChanged.connect(self._key_result_clicked)
        self.editor = ReportEditor(self.state)
        walk = QSplitter()
        walk.addWidget(self.key_results)
        walk.addWidget(self.editor)
        walk.setStretchFactor(0, 2)
        walk.setStretchFactor(1, 3)

        self.item_title = QLabel(wordWrap=True, objectName="pageTitle")
        self.team_chart = TeamProgressChart()
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.team_chart)
        self.answer = QPlainTextEdit()
        self.answer.setAccessibleName(self.tr("The team's answer"))
        self.answer.setPlaceholderText(self.tr("What the team says"))
        self.answer.textChanged.connect(self._answer_typed)
        self._answer_session = 0
        discussion = QWidget()
        discussion_layout = QVBoxLayout(discussion)
        discussion_layout.addWidget(self.item_title)
        discussion_layout.addWidget(self.answer, 1)
        discussion_layout.addWidget(scroll, 3)

        self.pages = QStackedWidget()
        self.pages.addWidget(walk)
        self.pages.addWidget(discussion)

        self.held_on = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.held_on.setAccessibleName(self.tr("Values as of"))
        self.held_on.setDate(QDate.fromString(record.held_on, "yyyy-MM-dd"))
        self.held_on.dateChanged.connect(self._held_on_changed)
        header = QHBoxLayout()
        purpose = QLabel(plan.purpose, wordWrap=True)
        header.addWidget(purpose, 1)
        header.addWidget(QLabel(self.tr("Values as of")))
        header.addWidget(self.held_on)

        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.previous_item_label, self.next_item_label = self.tr("Previous agenda item"), self.tr("Next agenda item")
        self.timer_bar = MeetingTimerBar(self.clock, self.actions, self.previous_item_label, self.next_item_label)
        layout.addWidget(self.timer_bar)
        body = QVBoxLayout()
        body.setContentsMargins(8, 6, 8, 6)
        body.addLayout(header)
        row = QHBoxLayout()
        row.addWidget(self.agenda)
        row.addWidget(self.pages, 1)
        body.addLayout(row, 1)
        layout.addLayout(body, 1)
        self.setCentralWidget(centre)

        self._build_menus()
        self.state.moved.connect(self._show_position)
        self.clock.crossed_zero.connect(self._chime)
        model.changed.connect(self._on_change)
        QApplication.instance().installEventFilter(self)
        self._fill_key_results()
        self._show_position()
        self.resize(1280, 720)

    # -- menus and keys ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        a, clock, stack = self.actions, self.clock, self.model.undo_stack
        a[ActionId.NEXT].triggered.connect(self.state.advance)
        a[ActionId.PREVIOUS].triggered.connect(self.state.go_back)
        a[ActionId.NEXT_STEP].setText(self.next_item_label)
        a[ActionId.PREVIOUS_STEP].setText(self.previous_item_label)
        a[ActionId.NEXT_STEP].triggered.connect(lambda: self.state.go_to_item(self.state.item_index + 1))
        a[ActionId.PREVIOUS_STEP].triggered.connect(lambda: self.state.go_to_item(self.state.item_index - 1))
        a[ActionId.START_PAUSE].triggered.connect(clock.toggle)
        clock.timer_running_changed.connect(lambda running: a[ActionId.START_PAUSE].setText(
            _action_text("Pause timer") if running else _action_text("Start timer")))
        a[ActionId.ADD_MINUTE].triggered.connect(lambda: clock.adjust(60))
        a[ActionId.REMOVE_MINUTE].triggered.connect(lambda: clock.adjust(-60))
        a[ActionId.ADD_FIVE_MINUTES].triggered.connect(lambda: clock.adjust(300))
        a[ActionId.RESET_TIMER].triggered.connect(clock.reset)
        a[ActionId.PRESENT].triggered.connect(self.toggle_presenting)
        a[ActionId.STOP_PRESENTING].triggered.connect(self.room.stop_presenting)
        a[ActionId.BLANK].toggled.connect(self.room.set_blank)
        self.room.shown_or_hidden.connect(self._show_room_state)
        a[ActionId.BLANK].toggled.connect(self._show_room_state)
        connect_undo_actions(a, stack)
        a[ActionId.CLOSE].setText(self.tr("End meeting"))
        a[ActionId.CLOSE].triggered.connect(self.close)
        menus = (
            (self.tr("&Meeting"), (ActionId.NEXT, ActionId.PREVIOUS, None, ActionId.NEXT_STEP,
                                   ActionId.PREVIOUS_STEP, None, ActionId.CLOSE)),
            (self.tr("&Edit"), (ActionId.UNDO, ActionId.REDO)),
            (self.tr("&Timer"), (ActionId.START_PAUSE, None, ActionId.ADD_MINUTE, ActionId.REMOVE_MINUTE,
                                 ActionId.ADD_FIVE_MINUTES, ActionId.RESET_TIMER)),
            (self.tr("&Projector"), (ActionId.PRESENT, ActionId.STOP_PRESENTING, ActionId.BLANK)),
        )
        for title, action_ids in menus:
            menu = self.menuBar().addMenu(title)
            for action_id in action_ids:
                if action_id is None:
                    menu.addSeparator()
                    continue
                menu.addAction(a[action_id])
                self.addAction(a[action_id])
                self.room.addAction(a[action_id])  # the clicker works while the projector has focus

    def toggle_presenting(self) -> None:
        """F5 and the Present button: the meeting on the projector, or taken down again."""
        if self.room.isVisible():
            self.room.stop_presenting()
        else:
            self.room.present(self.screen())

    def _show_room_state(self, *_args) -> None:
        presenting = self.room.isVisible()
        self.actions[ActionId.PRESENT].setText(_action_text("Stop presenting") if presenting else _action_text("Present"))
        self.timer_bar.show_room_state(presenting, self.room.blank)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Single meeting-room keys (Right, Left, Space, B, +, -) act unless a text field has focus."""
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and (
                self.isActiveWindow() or self.room.isActiveWindow()):
            action_id = BARE_KEYS.get(event.key())
            if action_id is not None and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                                Qt.KeyboardModifier.KeypadModifier,
                                                                Qt.KeyboardModifier.ShiftModifier):
                focus = QApplication.focusWidget()
                typing = isinstance(focus, _TEXT_INPUTS) or (isinstance(focus, QComboBox) and focus.isEditable()) \
                    or (isinstance(focus, QAbstractItemView) and focus is not self.agenda)
                if not typing:
                    if not event.isAutoRepeat():
                        self.actions[action_id].trigger()
                    return True
        return super().eventFilter(watched, event)

    # -- showing -----------------------------------------------------------------------------------

    def _on_change(self, change) -> None:
        if change.table in (models.Objective, models.KeyResult, models.Checkin, models.CheckinValue):
            self._fill_key_results()
            self._show_discussion()
        elif change.table is models.RetroAnswer:
            self._show_answer()

    def _fill_key_results(self) -> None:
        self.key_results.blockSignals(True)
        self.key_results.clear()
        self._rows_of_key_results: list[int] = []
        for objective in self.state.progress():
            header = QListWidgetItem(f"{objective.ref}  {objective.objective.text}\n"
                                     f"{charts.progress_words(objective.progress)}")
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.key_results.addItem(header)
            for kr in objective.key_results:
                unit = kr.key_result.unit if kr.key_result.kind == models.METRIC else self.tr(" stages")
                confidence = kr.confidence or self.tr("confidence not given")
                self.key_results.addItem(f"{kr.ref}  {kr.key_result.text}\n{charts.format_value(kr.current, unit)}"
                                         f" · {charts.progress_words(kr.progress)} · {confidence}")
                self._rows_of_key_results.append(self.key_results.count() - 1)
        self._select_key_result_row()
        self.key_results.blockSignals(False)

    def _select_key_result_row(self) -> None:
        if self._rows_of_key_results:
            index = min(self.state.key_result_index, len(self._rows_of_key_results) - 1)
            self.key_results.setCurrentRow(self._rows_of_key_results[index])

    def _key_result_clicked(self, row: int) -> None:
        if row in self._rows_of_key_results:
            self.state.go_to_key_result(self._rows_of_key_results.index(row))

    def _chime(self) -> None:
        if not self.model.details.chime_muted:
            play_chime()  # when no sound is available the timer's colour and words still say it

    def _show_position(self) -> None:
        state = self.state
        self.clock.item_index = state.item_index  # the meeting against plan counts the items done
        self.agenda.blockSignals(True)
        self.agenda.setCurrentRow(state.item_index)
        self.agenda.blockSignals(False)
        self.key_results.blockSignals(True)
        self._select_key_result_row()
        self.key_results.blockSignals(False)
        self.pages.setCurrentIndex(0 if state.item_index == KEY_RESULTS_ITEM else 1)
        self._show_discussion()
        self._answer_session += 1  # typing under another question is another undo step
        self._show_answer()

    def _show_discussion(self) -> None:
        self.item_title.setText(self.state.item_title)
        rows = charts.team_rows(self.state.progress())
        try:
            expected = expected_progress(self.model.details.period_start, self.model.details.period_end,
                                         date.fromisoformat(self.state.record.held_on))
        except ValueError:
            expected = None
        self.team_chart.show_rows(rows, expected)

    # -- the retrospective's answers ---------------------------------------------------------------

    def _question(self) -> str | None:
        title = self.state.item_title
        return title if self.state.plan.is_retrospective and title.endswith("?") else None

    def _answer_row(self, question: str):
        return next((a for a in self.model.service.rows(models.RetroAnswer) if a.question == question), None)

    def _show_answer(self) -> None:
        question = self._question()
        self.answer.setVisible(question is not None)
        if question is None:
            return
        row = self._answer_row(question)
        text = row.answer if row is not None else ""
        if self.answer.toPlainText() != text:
            self.answer.blockSignals(True)
            self.answer.setPlainText(text)
            self.answer.blockSignals(False)

    def _answer_typed(self) -> None:
        question = self._question()
        if question is None:
            return
        text = self.answer.toPlainText()
        row = self._answer_row(question)
        if row is None:
            self.model.add_row(models.RetroAnswer, {"question": question, "answer": text}, self.tr("Answer"))
        elif row.answer != text:
            self.model.set_field(models.RetroAnswer, row.id, "answer", text, self.tr("Answer"),
                                 merge_key=("answer", question, self._answer_session))

    # -- date and end --------------------------------------------------------------------------------

    def _held_on_changed(self, day: QDate) -> None:
        iso = day.toString("yyyy-MM-dd")
        record = self.state.record
        if record.exists(self.model.service):
            self.model.set_field(models.Checkin, record.checkin_id, "held_on", iso, self.tr("Meeting date"))
        record.held_on = iso
        self.state.forget_progress()  # the values shown are those as of the new date
        self._fill_key_results()
        self._show_discussion()
        self.room.forget_body()  # the plan's mark for the day moved

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Ending the meeting keeps how long it took with its check-in (timing, not an undoable edit)."""
        self.clock.pause()
        record = self.state.record
        if record.exists(self.model.service) and not self.model.read_only:
            used = int(self.clock.timer.used_seconds())
            try:
                self.model.service.set_field(models.Checkin, record.checkin_id, "used_seconds", used)
            except (ReadableError, ValueError) as failure:  # the meeting ends whatever the disk says
                tell(self, self.tr("OKR Workshop"), str(failure))
        QApplication.instance().removeEventFilter(self)
        self.room.close()
        self.room.deleteLater()
        super().closeEvent(event)
