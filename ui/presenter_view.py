"""The presenter view: what the room sees now and what it will see next, and the state in words.

Both thumbnails are painted by the projector's own painter, scaled down from the projector's
layout, so the facilitator sees exactly the room's page (blank included) without looking up.
"Next" is the following page of this screen, else the next slide or the first page of the next
step: what the clicker's PageDown would show.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from workshop import agenda
from workshop.timer import format_clock

from ui import projector_content
from ui.projector import ProjectorWindow, timer_face
from ui.projector_layout import RoomLayout, lay_out, timer_template
from ui.projector_paint import TimerFace, paint_room

REFRESH_MS = 150  # a burst of keystrokes repaints the thumbnails once


class RoomThumbnail(QWidget):
    """A page of the projector, scaled to the widget's width at the projector's aspect ratio."""

    def __init__(self, accessible_name: str):
        super().__init__()
        self.setAccessibleName(accessible_name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(96)
        self.page: tuple[RoomLayout, int, TimerFace | None, object, bool] | None = None
        self.aspect = 9 / 16

    def show_page(self, layout: RoomLayout | None, page: int = 0, timer: TimerFace | None = None,
                  focus=None, blank: bool = False) -> None:
        self.page = (layout, page, timer, focus, blank) if layout is not None else None
        if layout is not None and abs(layout.height / layout.width - self.aspect) > 1e-3:
            self.aspect = layout.height / layout.width
            self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width * self.aspect)

    def sizeHint(self) -> QSize:
        return QSize(160, self.heightForWidth(160))

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        height = min(self.height(), self.heightForWidth(self.width()))
        painter.fillRect(0, 0, self.width(), height, QColor("#000000"))
        if self.page is not None and not self.page[4]:
            layout, page, timer, focus, _blank = self.page
            painter.scale(self.width() / layout.width, height / layout.height)
            paint_room(painter, layout, page, timer, focus)
        painter.end()


class PresenterView(QWidget):
    """Live thumbnails of the room's page now and next, and PRESENTING / BLANKED / NOT PRESENTING."""

    def __init__(self, projector: ProjectorWindow, model):
        super().__init__(objectName="presenterView")
        self.projector, self.model = projector, model
        self.setAccessibleName(self.tr("Presenter view"))
        self.state = QLabel(objectName="presenterState")
        self.state.setAccessibleName(self.tr("Projector state"))
        self.now = RoomThumbnail(self.tr("What the room sees now"))
        self.next = RoomThumbnail(self.tr("What the room sees next"))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.state, 0, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Now")), 1, 0)
        grid.addWidget(QLabel(self.tr("Next")), 1, 1)
        grid.addWidget(self.now, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.next, 2, 1, Qt.AlignmentFlag.AlignTop)
        self._next_key = None
        self._next_layout: RoomLayout | None = None
        self._refresh_soon = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh_soon.timeout.connect(self.refresh)
        projector.room_changed.connect(self._refresh_soon.start)
        projector.presenting_changed.connect(self.refresh)
        model.tick.connect(self._show_now)
        projector.destroyed.connect(self._detach)
        self.refresh()

    def _detach(self) -> None:
        """The projector goes with its window: nothing is left to show."""
        self._refresh_soon.stop()
        self.projector = None  # the model may already be gone too: ticks that still arrive do nothing

    def state_words(self) -> str:
        if not self.projector.isVisible():
            return self.tr("NOT PRESENTING")
        return self.tr("BLANKED") if self.projector.blank else self.tr("PRESENTING")

    def refresh(self) -> None:
        if self.projector is None:
            return
        self.state.setText(f"<b>{self.state_words()}</b>")
        self._next_key = None  # the room changed: what follows may have changed too
        self._show_now()
        self._show_next()

    def _show_now(self) -> None:
        projector = self.projector
        if projector is None:
            return
        timed = bool(self.model.current_step)
        self.now.show_page(projector.room_layout(), projector.page, projector.timer_face() if timed else None,
                           projector.focus, projector.blank)

    def next_target(self) -> tuple[int, int, int] | None:
        """(step, slide, page) the clicker's next press shows; None after the last page of all."""
        step, slide = self.model.current_step, self.model.details.current_slide
        if self.projector.page + 1 < self.projector.page_count:
            return step, slide, self.projector.page + 1
        if slide + 1 < projector_content.slide_count(step):
            return step, slide + 1, 0
        return (step + 1, 0, 0) if step < agenda.WRAP_UP else None

    def _show_next(self) -> None:
        target = self.next_target()
        if target is None:
            self.next.show_page(None)
            return
        step, slide, page = target
        timer = None
        if step == self.model.current_step:
            timer = timer_face(self.model)
        elif step:
            timer = TimerFace(format_clock(self.model.step_row(step).planned_minutes * 60), self.tr("Ready"))
        if (step, slide) == (self.model.current_step, self.model.details.current_slide):
            # The next page of the screen on the wall: the projector's own layout, nothing to redo.
            self.next.show_page(self.projector.room_layout(), page, timer, self.projector.focus)
            return
        width, height = self.projector.width(), self.projector.height()
        key = (step, slide, width, height, timer_template(timer.text) if timer else "")
        if key != self._next_key:
            screen = projector_content.room_screen(self.model.service, step, slide)
            self._next_layout = lay_out(screen, width, height, timer.text if timer else "")
            self._next_key = key
        self.next.show_page(self._next_layout, page, timer, self.projector.focus)
