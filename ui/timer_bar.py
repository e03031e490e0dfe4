"""The timer bar on top of the facilitator window: the step countdown, the whole workshop against
plan, and buttons for the timer and navigation actions (the same QActions as the menus and keys)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

from workshop.timer import format_clock

from ui.actions import ActionId
from ui.session_model import SessionModel

FLASH_MS = 1200


class TimerBar(QFrame):
    def __init__(self, model: SessionModel, actions: dict):
        super().__init__(objectName="timerBar")
        self.model = model
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        for action_id in (ActionId.PREVIOUS_STEP, ActionId.NEXT_STEP):
            layout.addWidget(self._button(actions[action_id]))
        self.display = QLabel(objectName="timerDisplay")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.display)
        self.state_label = QLabel()
        self.state_label.setAccessibleName(self.tr("Timer state"))
        layout.addWidget(self.state_label)
        for action_id in (ActionId.START_PAUSE, ActionId.REMOVE_MINUTE, ActionId.ADD_MINUTE,
                          ActionId.ADD_FIVE_MINUTES, ActionId.RESET_TIMER):
            layout.addWidget(self._button(actions[action_id]))
        layout.addStretch(1)
        self.delta_label = QLabel()
        self.delta_label.setAccessibleName(self.tr("Workshop against plan"))
        layout.addWidget(self.delta_label)
        layout.addSpacing(16)
        for action_id in (ActionId.BLANK, ActionId.PRESENT):
            layout.addWidget(self._button(actions[action_id]))
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(lambda: self._set_flash(False))
        model.tick.connect(self.refresh)
        model.crossed_zero.connect(lambda: self._set_flash(True))
        self.refresh()

    @staticmethod
    def _button(action) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must reach the timer, not a button
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _set_flash(self, on: bool) -> None:
        if on:
            self._flash_timer.start()
        self.display.setProperty("flash", "true" if on else "false")
        self._restyle()

    def _restyle(self) -> None:
        self.display.style().unpolish(self.display)
        self.display.style().polish(self.display)

    def refresh(self) -> None:
        timer = self.model.timer
        step = self.model.current_step
        if step == 0:
            self.display.setText("—")
            self.display.setAccessibleName(self.tr("Timer (preparation is not timed)"))
            self.state_label.setText(self.tr("Preparation is not timed"))
        else:
            text = format_clock(timer.remaining_seconds())
            self.display.setText(text)
            self.display.setAccessibleName(text)
            state = timer.state(self.model.details.warning_seconds)
            if self.display.property("state") != state:
                self.display.setProperty("state", state)
                self._restyle()
            words = {"warning": self.tr("Nearly up"), "overtime": self.tr("Over time")}
            running = self.tr("Running") if timer.running else self.tr("Paused")
            self.state_label.setText(f"{running} · {words[state]}" if state in words else running)
        delta = self.model.workshop_delta_seconds()
        minutes = round(abs(delta) / 60)
        if minutes == 0:
            self.delta_label.setText(self.tr("Workshop on plan"))
        elif delta > 0:
            self.delta_label.setText(self.tr("Workshop %1 min behind").replace("%1", str(minutes)))
        else:
            self.delta_label.setText(self.tr("Workshop %1 min ahead").replace("%1", str(minutes)))
