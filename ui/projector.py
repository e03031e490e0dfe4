"""The projector window: what the room sees, painted from the model at sizes taken from its height.

It listens to the same `SessionModel` as the facilitator window and never reads a widget. The
screen's content comes from `projector_content`, its geometry from `projector_layout` (blocks that
fit by construction) and its ink from `projector_paint`, the same code the slides export and the
presenter view's thumbnails use. Pages never turn by themselves: the page shown follows the item
being edited, and the clicker turns pages (`next_page`/`previous_page`) before it changes slides.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtWidgets import QWidget

from workshop import models
from workshop.timer import OVERTIME, WARNING, format_clock

from ui import projector_content
from ui.projector_layout import RoomLayout, lay_out, room_family, timer_template
from ui.projector_paint import TimerFace, paint_room
from ui.room_words import timer_state_words
from ui.session_model import SessionModel

FLASH_MS = 1200
REFRESH_MS = 60  # typing coalesces into one rebuild; the room still sees words appear at once
FOCUS_KINDS = {models.Objective: "objective", models.KeyResult: "key_result"}


def timer_face(model: SessionModel, flashing: bool = False) -> TimerFace:
    """The step timer as the room reads it: the clock, the state in words (never colour alone, §12)."""
    timer = model.timer
    state = timer.state(model.details.warning_seconds)
    colour = {WARNING: "warning", OVERTIME: "overtime"}.get(state, "text")
    words = timer_state_words(timer, model.details.warning_seconds)  # the laptop's words too
    return TimerFace(format_clock(timer.remaining_seconds()), words, colour, flashing)


class ProjectorWindow(QWidget):
    """A separate top-level window; full screen on the second screen when `present()` is called.

    `room_changed` says the room now sees something else (another page, screen or words);
    `presenting_changed` says the window was shown, hidden, blanked or unblanked.
    """

    room_changed = Signal()
    presenting_changed = Signal()

    def __init__(self, model: SessionModel):
        super().__init__(None, Qt.WindowType.Window)
        self.model = model
        room_family()  # the typeface is registered on the GUI thread, before any painting
        self.setWindowTitle(self.tr("OKR Workshop — projector"))
        self.setAccessibleName(self.tr("Projector view"))
        self.setMinimumSize(480, 270)
        self.resize(1280, 720)
        self.blank = False
        self.flashing = False
        self.page = 0
        self.focus: tuple[str, int] | None = None
        self._follow_focus = False
        self._screen: projector_content.RoomScreen | None = None
        self._generation = 0
        self._layout: RoomLayout | None = None
        self._layout_key = None
        self._refresh_soon = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh_soon.timeout.connect(self._announce)
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        model.changed.connect(self._on_change)
        model.step_changed.connect(self._new_screen)
        model.slide_changed.connect(self._new_screen)
        model.focus_changed.connect(self._on_focus)
        model.tick.connect(self.update)
        model.crossed_zero.connect(self.flash)
        self._on_focus(model.focused_item)

    # -- what the room sees ----------------------------------------------------------------------------

    def screen_now(self) -> projector_content.RoomScreen:
        if self._screen is None:
            details = self.model.details
            self._generation += 1  # layouts of the previous screen are stale
            self._screen = projector_content.room_screen(self.model.service, details.current_step,
                                                         details.current_slide)
        return self._screen

    def room_layout(self) -> RoomLayout:
        """The current screen laid out at the window's size, cached until either changes."""
        width, height = self.width(), self.height()
        shape = timer_template(self.timer_text()) if self.model.current_step else ""
        screen = self.screen_now()
        key = (self._generation, width, height, shape)
        if key != self._layout_key:
            self._layout = lay_out(screen, width, height, self.timer_text())
            self._layout_key = key
            if self._follow_focus:
                found = self._layout.page_of(self.focus)
                self.page = found if found is not None else self.page
            self.page = max(0, min(self.page, self._layout.page_count - 1))
        return self._layout

    @property
    def page_count(self) -> int:
        return self.room_layout().page_count

    def timer_text(self) -> str:
        return format_clock(self.model.timer.remaining_seconds())

    def timer_face(self) -> TimerFace:
        return timer_face(self.model, self.flashing)

    # -- changes -------------------------------------------------------------------------------------

    def _on_change(self, change) -> None:
        """An edit: the screen is rebuilt once after a burst of keystrokes. Editing the focused item
        brings its page back on screen."""
        if self.focus and (FOCUS_KINDS.get(change.table), change.row_id) == self.focus:
            self._follow_focus = True
        self._screen = None  # rebuilt from the model at the next paint or question, once
        self._refresh_soon.start()

    def _announce(self) -> None:
        self.update()
        self.room_changed.emit()

    def _new_screen(self, *_args) -> None:
        """Another step or slide: its first page, or the page of the item being edited."""
        self.page = 0
        self._follow_focus = self.focus is not None
        self._screen = None
        self._announce()

    def _on_focus(self, focus) -> None:
        self.focus = focus
        self._follow_focus = focus is not None
        self._layout_key = None
        self.update()
        self.room_changed.emit()

    # -- the clicker ---------------------------------------------------------------------------------

    def next_page(self) -> bool:
        """Show the next page of this screen; False on the last one (the clicker then moves on)."""
        if self.page + 1 >= self.page_count:
            return False
        self._turn_to(self.page + 1)
        return True

    def previous_page(self) -> bool:
        if self.page == 0:
            return False
        self._turn_to(self.page - 1)
        return True

    def show_last_page(self) -> None:
        """After the clicker went back a slide or a step: its last page, where it was left."""
        self._turn_to(self.page_count - 1)

    def _turn_to(self, page: int) -> None:
        self.page = page
        self._follow_focus = False  # the facilitator chose this page: typing elsewhere keeps it
        self.update()
        self.room_changed.emit()

    # -- blank, flash, presenting ----------------------------------------------------------------------

    def set_blank(self, blank: bool) -> None:
        self.blank = blank
        self.update()
        self.presenting_changed.emit()  # BLANKED, in words, at once

    def flash(self) -> None:
        self.flashing = True
        self._flash_timer.start()
        self.update()

    def _end_flash(self) -> None:
        self.flashing = False
        self.update()

    def present(self, facilitator_screen=None, projector_screen=None) -> None:
        """Full screen on `projector_screen`, or on a screen other than the facilitator's when there
        is one; otherwise a normal window the facilitator can drag to wherever the room can see it."""
        facilitator_screen = facilitator_screen or QGuiApplication.primaryScreen()
        others = [s for s in QGuiApplication.screens() if s is not facilitator_screen]
        if others:
            target = projector_screen if projector_screen in others else others[0]
            self.setScreen(target)
            self.setGeometry(target.geometry())
            self.showFullScreen()
        else:
            self.showNormal()
        self.raise_()
        self.presenting_changed.emit()

    def stop_presenting(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        self.hide()
        self.presenting_changed.emit()

    # -- painting ------------------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        if self.blank:
            painter.fillRect(self.rect(), Qt.GlobalColor.black)
        else:
            layout = self.room_layout()
            paint_room(painter, layout, self.page, self.timer_face() if self.model.current_step else None,
                       self.focus)
        painter.end()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.room_changed.emit()
