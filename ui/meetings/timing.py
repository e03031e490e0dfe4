"""The meeting's countdown, shaped like the workshop's so the same timer bar shows it.

`MeetingClock` offers what `ui.timer_bar.TimerBar` reads from a session model (`timer`,
`current_step`, `details`, `workshop_delta_seconds`, `tick`, `crossed_zero`): the meeting runs on
the same deadline arithmetic (`workshop.timer.StepTimer`) and the same injectable clock as the
workshop, and its QTimer only asks for repaints. The meeting is timed as a whole; the plan shares
its minutes among the agenda items to say whether it runs ahead or behind.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QToolButton

from workshop.meeting_plan import MeetingPlan, meeting_delta_seconds
from workshop.timer import OVERTIME, StepTimer

from ui.session_model import TICK_MS, SessionModel
from ui.timer_bar import TimerBar

TIMED_STEP = 1  # the timer bar treats step 0 as untimed preparation; a meeting is always timed


class MeetingClock(QObject):
    """The running meeting's timer; `tick` while it runs, `crossed_zero` once at zero."""

    tick = Signal()
    crossed_zero = Signal()
    timer_running_changed = Signal(bool)

    def __init__(self, model: SessionModel, plan: MeetingPlan, parent: QObject | None = None):
        super().__init__(parent)
        self.model, self.plan = model, plan
        self.timer = StepTimer(planned_seconds=plan.minutes * 60, clock=model.clock)
        self.item_index = 0
        self._was_overtime = False
        self._ticker = QTimer(self, interval=TICK_MS)
        self._ticker.timeout.connect(self._on_tick)

    @property
    def current_step(self) -> int:
        return TIMED_STEP

    @property
    def details(self):
        return self.model.details  # the warning threshold is the workshop's

    def workshop_delta_seconds(self) -> int:
        """The meeting against its plan (the timer bar's name for it)."""
        return meeting_delta_seconds(self.plan, self.item_index, self.timer.used_seconds())

    def toggle(self) -> None:
        self.timer.toggle()
        self._ticker.start() if self.timer.running else self._ticker.stop()
        self.timer_running_changed.emit(self.timer.running)
        self.tick.emit()

    def pause(self) -> None:
        if self.timer.running:
            self.toggle()

    def adjust(self, seconds: int) -> None:
        self.timer.adjust(seconds)
        self._on_tick()

    def reset(self) -> None:
        self.timer.reset()
        self._ticker.stop()
        self.timer_running_changed.emit(False)
        self._on_tick()

    def _on_tick(self) -> None:
        overtime = self.timer.state(self.details.warning_seconds) == OVERTIME
        if overtime and not self._was_overtime:
            self.crossed_zero.emit()
        self._was_overtime = overtime
        self.tick.emit()


class MeetingTimerBar(TimerBar):
    """The workshop's timer bar on a meeting's clock, saying "Meeting … behind" rather than "Workshop".

    Its buttons show short labels (the action's full name stays its tooltip and accessible name), so
    the meeting runner fits a 1280-pixel-wide laptop screen beside the projector.
    """

    def __init__(self, clock: MeetingClock, actions: dict):
        super().__init__(clock, actions)
        for button in self.findChildren(QToolButton):
            action = button.defaultAction()
            action.changed.connect(lambda b=button: self._shorten(b))
            self._shorten(button)

    def _shorten(self, button: QToolButton) -> None:
        full = button.defaultAction().text().replace("&", "")
        short = {self.tr("Previous agenda item"): "◀", self.tr("Next agenda item"): "▶",
                 self.tr("Start timer"): self.tr("Start"), self.tr("Pause timer"): self.tr("Pause"),
                 self.tr("Remove one minute"): "−1", self.tr("Add one minute"): "+1",
                 self.tr("Add five minutes"): "+5", self.tr("Reset timer"): self.tr("Reset"),
                 self.tr("Blank projector"): self.tr("Blank")}.get(full, full)
        if button.text() != short:
            button.setText(short)
        button.setToolTip(full)
        button.setAccessibleName(full)

    def refresh(self) -> None:
        super().refresh()
        delta = self.model.workshop_delta_seconds()
        minutes = round(abs(delta) / 60)
        if minutes == 0:
            text = self.tr("Meeting on plan")
        elif delta > 0:
            text = self.tr("Meeting %1 min behind").replace("%1", str(minutes))
        else:
            text = self.tr("Meeting %1 min ahead").replace("%1", str(minutes))
        self.delta_label.setText(text)
