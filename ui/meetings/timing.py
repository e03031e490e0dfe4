"""The meeting's countdown, shaped like the workshop's so the same timer bar shows it.

`MeetingClock` offers what `ui.widgets.timer_bar.TimerBar` reads from a session model (`timer`,
`current_step`, `details`, `workshop_delta_seconds`, `tick`, `crossed_zero`): the meeting runs on
the same deadline arithmetic (`workshop.timer.StepTimer`) and the same injectable clock as the
workshop, and its QTimer only asks for repaints. The meeting is timed as a whole; the plan shares
its minutes among the agenda items to say whether it runs ahead or behind.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from workshop.meeting_plan import MeetingPlan, meeting_delta_seconds
from workshop.timer import OVERTIME, StepTimer

from ui.actions import ActionId
from ui.session_model import TICK_MS, SessionModel
from ui.widgets.timer_bar import TimerBar

TIMED_STEP = 1  # the timer bar treats step 0 as untimed preparation; a meeting is always timed


class MeetingClock(QObject):
    """The running meeting's timer; `tick` while it runs, `crossed_zero` once at zero."""

    tick = Signal()
    crossed_zero = Signal()
    timer_running_changed = Signal(bool)

    def __init__(self, model: SessionModel, plan: MeetingPlan, parent: QObject | None = None,
                 used_seconds: float = 0.0):
        """`used_seconds`: how long the meeting already ran (a meeting opened again goes on from there)."""
        super().__init__(parent)
        self.model, self.plan = model, plan
        self.timer = StepTimer(planned_seconds=plan.minutes * 60, clock=model.clock, used_before_start=used_seconds)
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
        self.timer.pause() if self.timer.running else self.timer.start()
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
    """The workshop's timer bar on a meeting's clock; its step buttons walk the agenda items."""

    def __init__(self, clock: MeetingClock, actions: dict, previous_label: str, next_label: str):
        super().__init__(clock, actions)
        for action_id, label, arrow in ((ActionId.PREVIOUS_STEP, previous_label, "◀"),
                                        (ActionId.NEXT_STEP, next_label, "▶")):
            button = self.buttons[action_id]
            button.short_labels[label] = arrow
            button.sync()
