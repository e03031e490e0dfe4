"""The timer bar on top of the facilitator window: the step countdown, the whole workshop against
plan, what the room sees, and buttons for the timer and navigation actions (the same QActions as
the menus and keys).

It fits a 1280-pixel-wide window: buttons carry short labels ("−1", "+5") with the action's full
name as tooltip and accessible name, and every label that changes has a fixed width sized for its
longest text, so the bar (and the window) never resizes itself as the words change.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout

from workshop.timer import format_clock

from ui.actions import ActionId
from ui.room_words import all_timer_state_words, timer_state_words
from ui.session_model import SessionModel

FLASH_MS = 1200
WIDEST_CLOCK = "+188:88"  # the display is sized for this, so overtime never widens the bar


def _action_text(text: str) -> str:
    """An action's label as `ui.actions` translates it (the key of a short label)."""
    return QCoreApplication.translate("Actions", text)


class CompactButton(QToolButton):
    """A button for an action, showing a short label; the full label is its tooltip and name.

    `short_labels` maps each text the action can have to the label shown; the button is as wide
    as the widest of them, so a label that changes ("Start" / "Pause") never moves its neighbours.
    """

    def __init__(self, action: QAction, short_labels: dict[str, str]):
        super().__init__()
        self.short_labels = short_labels
        self.setDefaultAction(action)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must reach the timer, not a button
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        action.changed.connect(self.sync)  # after the button copied the action's own text
        self.sync()
        self.ensurePolished()  # measure with the stylesheet's font
        widest = max(self.fontMetrics().horizontalAdvance(label) for label in {*short_labels.values(), self.text()})
        self.setFixedWidth(widest + 22)

    def sync(self) -> None:
        """Show the short label of the action's text now (also after `short_labels` changed)."""
        action = self.defaultAction()
        full = action.text().replace("&", "")
        self.setText(self.short_labels.get(full, full))
        self.setAccessibleName(full)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.setToolTip(f"{full} ({shortcut})" if shortcut else full)


class FixedLabel(QLabel):
    """A label as wide as the longest of `samples`; a longer text is elided, never widening the bar."""

    def __init__(self, samples: tuple[str, ...], object_name: str = ""):
        super().__init__(objectName=object_name)
        self._full = ""
        self.ensurePolished()  # measure with the stylesheet's font
        width = max(self.fontMetrics().horizontalAdvance(s) for s in samples) + 8
        self.setFixedWidth(width)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        if text == self._full:
            return
        self._full = text
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.setText(self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, self.width() - 4))


class TimerBar(QFrame):
    def __init__(self, model: SessionModel, actions: dict):
        super().__init__(objectName="timerBar")
        self.model = model
        tr = self.tr
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        a = _action_text
        short = {
            ActionId.PREVIOUS_STEP: {a("Previous step"): "◀"},
            ActionId.NEXT_STEP: {a("Next step"): "▶"},
            ActionId.START_PAUSE: {a("Start timer"): tr("Start"), a("Pause timer"): tr("Pause")},
            ActionId.REMOVE_MINUTE: {a("Remove one minute"): "−1"},
            ActionId.ADD_MINUTE: {a("Add one minute"): "+1"},
            ActionId.ADD_FIVE_MINUTES: {a("Add five minutes"): "+5"},
            ActionId.RESET_TIMER: {a("Reset timer"): tr("Reset")},
            ActionId.BLANK: {a("Blank projector"): tr("Blank")},
            ActionId.PRESENT: {a("Present"): tr("Present"), a("Stop presenting"): tr("Stop presenting")},
        }
        self.buttons: dict[ActionId, CompactButton] = {}

        def add_button(action_id: ActionId) -> None:
            self.buttons[action_id] = CompactButton(actions[action_id], short[action_id])
            layout.addWidget(self.buttons[action_id])

        for action_id in (ActionId.PREVIOUS_STEP, ActionId.NEXT_STEP):
            add_button(action_id)
        self.display = QLabel(objectName="timerDisplay")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.ensurePolished()  # the stylesheet's large font decides the width
        self.display.setFixedWidth(self.display.fontMetrics().horizontalAdvance(WIDEST_CLOCK) + 16)
        layout.addWidget(self.display)
        # The timer's state and the workshop against plan, one above the other beside the clock.
        samples = all_timer_state_words() + (tr("Not timed"), tr("%1 min behind plan").replace("%1", "999"))
        self.state_label = FixedLabel(samples, "timerState")
        self.state_label.setAccessibleName(tr("Timer state"))
        self.delta_label = FixedLabel(samples)
        self.delta_label.setAccessibleName(tr("Workshop against plan"))
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(self.state_label)
        words.addWidget(self.delta_label)
        layout.addLayout(words)
        for action_id in (ActionId.START_PAUSE, ActionId.REMOVE_MINUTE, ActionId.ADD_MINUTE,
                          ActionId.ADD_FIVE_MINUTES, ActionId.RESET_TIMER):
            add_button(action_id)
        layout.addStretch(1)
        self.room_label = FixedLabel((tr("PRESENTING"), tr("BLANKED"), tr("Not presenting")), "roomState")
        self.room_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.room_label.setAccessibleName(tr("What the room sees"))
        layout.addWidget(self.room_label)
        for action_id in (ActionId.BLANK, ActionId.PRESENT):
            add_button(action_id)
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(lambda: self._set_flash(False))
        model.tick.connect(self.refresh)
        model.crossed_zero.connect(lambda: self._set_flash(True))
        self.show_room_state(presenting=False, blank=False)
        self.refresh()

    def show_room_state(self, presenting: bool, blank: bool) -> None:
        """PRESENTING / BLANKED / Not presenting, in words (a pressed button alone is easy to miss)."""
        if blank:
            state, text = "blanked", self.tr("BLANKED")
        elif presenting:
            state, text = "presenting", self.tr("PRESENTING")
        else:
            state, text = "off", self.tr("Not presenting")
        self.room_label.set_full_text(text)
        if self.room_label.property("state") != state:
            self.room_label.setProperty("state", state)
            self._restyle(self.room_label)

    def _set_flash(self, on: bool) -> None:
        if on:
            self._flash_timer.start()
        self.display.setProperty("flash", "true" if on else "false")
        self._restyle(self.display)

    @staticmethod
    def _restyle(widget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def refresh(self) -> None:
        timer = self.model.timer
        step = self.model.current_step
        if step == 0:
            self.display.setText("—")
            self.display.setAccessibleName(self.tr("Timer (preparation is not timed)"))
            self.state_label.set_full_text(self.tr("Not timed"))
        else:
            text = format_clock(timer.remaining_seconds())
            self.display.setText(text)
            self.display.setAccessibleName(text)
            state = timer.state(self.model.details.warning_seconds)
            if self.display.property("state") != state:
                self.display.setProperty("state", state)
                self._restyle(self.display)
            self.state_label.set_full_text(timer_state_words(timer, self.model.details.warning_seconds))
        delta = self.model.workshop_delta_seconds()
        minutes = round(abs(delta) / 60)
        if minutes == 0:
            self.delta_label.set_full_text(self.tr("On plan"))
        elif delta > 0:
            self.delta_label.set_full_text(self.tr("%1 min behind plan").replace("%1", str(minutes)))
        else:
            self.delta_label.set_full_text(self.tr("%1 min ahead of plan").replace("%1", str(minutes)))
