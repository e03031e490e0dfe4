"""The facilitator's window: step rail, the current step's page, notes and coach, the timer bar.

It owns the actions (from the registry), the menus and the projector window, and routes the
meeting-room keys. Pages are built the first time their step is shown, which keeps start-up fast.
It fits a 1280×720 window (a 1366×768 laptop): the side panel folds or hides, the timer bar's
labels keep fixed widths, and the window fits itself to its screen when shown. Which screen is the
projector is chosen in the Projector menu and remembered on this machine.
"""

from __future__ import annotations

from functools import cached_property

from PySide6.QtCore import QCoreApplication, QEvent, QMetaMethod, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QActionGroup, QGuiApplication, QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QAbstractSpinBox, QApplication, QCheckBox, QComboBox, QRadioButton, QHBoxLayout, QLineEdit,
    QListWidget, QListWidgetItem, QMainWindow, QMenu, QPlainTextEdit, QSplitter, QStackedWidget, QTextBrowser,
    QTextEdit, QVBoxLayout, QWidget,
)

from workshop import models
from workshop.agenda import WRAP_UP, step_info
from workshop.timer import format_clock

from ui.actions import BARE_KEYS, FILE_REQUESTS, ActionId, connect_undo_actions, create_actions
from ui.chime import play_chime
from ui import pages
from ui.meetings.menu import install as install_quarter_commands
from ui.messages import tell
from ui import preferences
from ui.widgets.fields import install_wheel_guard
from ui.leave_question import ask_before_leaving, reasons_to_ask
from ui.presenter_view import PresenterView
from ui.projector import ProjectorWindow
from ui.session_model import SessionModel
from ui.widgets.side_panel import SidePanel
from ui.widgets.timer_bar import TimerBar

_TEXT_INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)
RAIL_WIDTH = 232
SIDE_PANEL_WIDTH = 290
START_SIZE = (1400, 880)
EXPORTER_AFTER_MS = 300
FRAME_ALLOWANCE = (16, 48)  # a window manager's borders and title bar, before they are known


def _action_text(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


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
        self.rail.setFixedWidth(RAIL_WIDTH)
        self.rail.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.rail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for number in range(WRAP_UP + 1):
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, number)
            self.rail.addItem(item)
        self.rail.currentRowChanged.connect(self._rail_clicked)

        self.stack = QStackedWidget()
        self.stack.setMinimumWidth(420)
        self.notes = QTextBrowser()
        self.notes.setAccessibleName(self.tr("Facilitator notes"))
        self.coach_panel = pages.coach_panel(model)
        self.side_panel = SidePanel(self.notes, self.coach_panel,
                                    self.tr("Notes for you"), self.tr("Coach"))
        self.notes.setToolTip(self.tr("Never shown on the projector"))
        self.presenter_view = PresenterView(self.projector, model)
        self.side_panel.set_presenter_view(self.presenter_view, self.tr("What the room sees"))

        self.splitter = QSplitter()
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.side_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([START_SIZE[0] - RAIL_WIDTH - SIDE_PANEL_WIDTH, SIDE_PANEL_WIDTH])
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.timer_bar = TimerBar(model, self.actions)
        layout.addWidget(self.timer_bar)
        row = QHBoxLayout()
        row.addWidget(self.rail)
        row.addWidget(self.splitter, 1)
        layout.addLayout(row, 1)
        self.setCentralWidget(centre)
        self.statusBar()  # made now, so the export's busy bar that joins it later moves nothing

        self._build_menus()
        self._connect_actions()
        self.quarter = install_quarter_commands(self)  # Meetings menu, quarter report, values, next period
        for table in (models.AgendaStep, models.Workshop):  # what the rail shows; not every keystroke
            model.watch_row(table, None, self._refresh_rail, self)
        model.tick.connect(self._refresh_rail_timer)
        model.step_changed.connect(self._show_step)
        model.crossed_zero.connect(self._chime)
        model.timer_running_changed.connect(self._timer_running_changed)
        model.error.connect(self.show_error)
        model.undo_stack.cleanChanged.connect(self._update_title)
        install_wheel_guard()
        QApplication.instance().installEventFilter(self)
        self._update_title()
        self._show_step(model.current_step)
        self._fitted = False
        self._close_agreed = False
        self.resize(*START_SIZE)
        # The PDF exporter (its busy bar, and its worker warmed up) comes once the window is up and
        # answering, unless an export asks for it sooner: nothing of it is needed to show the window.
        QTimer.singleShot(EXPORTER_AFTER_MS, self, lambda: self.exporter)

    # -- menus and actions ---------------------------------------------------------------------------

    def _build_menus(self) -> None:
        a = self.actions
        menus = (
            (self.tr("&File"), (ActionId.NEW, ActionId.OPEN, ActionId.SAVE_AS, None, ActionId.EXPORT_PDF,
                                ActionId.EXPORT_REPORT, ActionId.EXPORT_SLIDES, ActionId.EXPORT_WORKSHEETS,
                                ActionId.EXPORT_CALENDAR, ActionId.SHARE, None, ActionId.IMPORT_VALUES,
                                ActionId.NEXT_PERIOD,
                                ActionId.IMPORT_TEAMS, None, ActionId.CLOSE, ActionId.QUIT)),
            (self.tr("&Edit"), (ActionId.UNDO, ActionId.REDO, None, ActionId.PASTE_OKRS)),
            (self.tr("&Workshop"), (ActionId.NEXT, ActionId.PREVIOUS, None, ActionId.NEXT_STEP,
                                    ActionId.PREVIOUS_STEP, None, ActionId.MARK_DONE)),
            (self.tr("&Timer"), (ActionId.START_PAUSE, None, ActionId.ADD_MINUTE, ActionId.REMOVE_MINUTE,
                                 ActionId.ADD_FIVE_MINUTES, ActionId.RESET_TIMER, None, ActionId.MUTE_CHIME)),
            (self.tr("&Projector"), (ActionId.PRESENT, ActionId.STOP_PRESENTING, ActionId.BLANK, None)),
            (self.tr("&View"), (ActionId.SIDE_PANEL,)),
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
            if action_ids[0] == ActionId.NEW:
                self._add_paper_menu(menu, before=a[ActionId.EXPORT_CALENDAR])
            if action_ids[0] == ActionId.PRESENT:
                self.screen_menu = menu.addMenu(self.tr("Projector screen"))
                self.screen_menu.aboutToShow.connect(self._fill_screen_menu)
                menu.addAction(a[ActionId.SWAP_SCREENS])

    def _add_paper_menu(self, file_menu: QMenu, before) -> None:
        """File > Paper size: A4 or US Letter for every PDF, in sight and remembered on this machine."""
        menu = QMenu(self.tr("Paper size"), file_menu)
        file_menu.insertMenu(before, menu)
        group = QActionGroup(menu)
        for paper in preferences.PAPER_SIZES:
            action = menu.addAction(preferences.paper_name(paper))
            action.setCheckable(True)
            action.setChecked(paper == preferences.paper())
            action.setObjectName(f"paper_{paper}")
            group.addAction(action)
            action.triggered.connect(lambda _=False, p=paper: preferences.set_paper(p))

    def _fill_screen_menu(self) -> None:
        """One choice per connected screen, and "automatic" (any screen but this window's)."""
        menu: QMenu = self.screen_menu
        menu.clear()
        group = QActionGroup(menu)
        chosen = preferences.projector_screen_name()
        names = [screen.name() for screen in QGuiApplication.screens()]
        choices = [("", self.tr("Automatic: a screen other than this window's"))] + [
            (screen.name(), self.tr("%1 (%2×%3)").replace("%1", screen.name())
             .replace("%2", str(screen.geometry().width())).replace("%3", str(screen.geometry().height())))
            for screen in QGuiApplication.screens()]
        for name, label in choices:
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(name == chosen or (name == "" and chosen not in names))
            group.addAction(action)
            action.triggered.connect(lambda _=False, n=name: self.choose_projector_screen(n))

    def choose_projector_screen(self, name: str) -> None:
        """Remember `name` as the projector on this machine; while presenting, move the room's view there."""
        preferences.set_projector_screen_name(name)
        if self.projector.isVisible():
            self.present()

    def projector_screen(self):
        """The screen chosen for the projector when it is connected and not this window's; else None."""
        name = preferences.projector_screen_name()
        here = self.screen()
        return next((s for s in QGuiApplication.screens() if s.name() == name and s is not here), None)

    def swap_screens(self) -> None:
        """This window goes to the projector's screen, the projector to this window's screen."""
        screens = QGuiApplication.screens()
        here = self.screen()
        there = self.projector_screen() or next((s for s in screens if s is not here), None)
        if there is None:
            self.statusBar().showMessage(self.tr("There is only one screen: nothing to swap."), 5000)
            return
        preferences.set_projector_screen_name(here.name())
        self._fit_to_screen(there)
        if self.projector.isVisible():
            self.projector.present(there, here)

    def _connect_actions(self) -> None:
        a, m = self.actions, self.model
        stack = m.undo_stack
        connect_undo_actions(a, stack)
        a[ActionId.NEXT].triggered.connect(self.next)
        a[ActionId.PREVIOUS].triggered.connect(self.previous)
        a[ActionId.NEXT_STEP].triggered.connect(lambda: m.go_to_step(m.current_step + 1))
        a[ActionId.PREVIOUS_STEP].triggered.connect(lambda: m.go_to_step(m.current_step - 1))
        a[ActionId.START_PAUSE].triggered.connect(m.toggle_timer)
        a[ActionId.ADD_MINUTE].triggered.connect(lambda: m.adjust_timer(60))
        a[ActionId.REMOVE_MINUTE].triggered.connect(lambda: m.adjust_timer(-60))
        a[ActionId.ADD_FIVE_MINUTES].triggered.connect(lambda: m.adjust_timer(300))
        a[ActionId.RESET_TIMER].triggered.connect(m.reset_timer)
        a[ActionId.MARK_DONE].triggered.connect(self._mark_done)
        a[ActionId.MUTE_CHIME].setChecked(m.details.chime_muted)
        a[ActionId.MUTE_CHIME].toggled.connect(
            lambda muted: m.set_field(models.Workshop, 1, "chime_muted", muted, self.tr("Mute chime")))
        a[ActionId.PRESENT].triggered.connect(self.toggle_presenting)
        a[ActionId.STOP_PRESENTING].triggered.connect(self.projector.stop_presenting)
        a[ActionId.BLANK].toggled.connect(self.projector.set_blank)
        a[ActionId.BLANK].toggled.connect(self._show_room_state)
        a[ActionId.SWAP_SCREENS].triggered.connect(self.swap_screens)
        a[ActionId.SIDE_PANEL].setChecked(preferences.side_panel_visible())
        self.side_panel.setVisible(preferences.side_panel_visible())
        a[ActionId.SIDE_PANEL].toggled.connect(self._show_side_panel)
        a[ActionId.EXPORT_PDF].triggered.connect(lambda: self.exporter.ask_and_export_pack())
        a[ActionId.EXPORT_SLIDES].triggered.connect(lambda: self.slides_exporter.ask_and_export())
        a[ActionId.EXPORT_WORKSHEETS].triggered.connect(lambda: self.exporter.ask_and_export_worksheets())
        a[ActionId.EXPORT_CALENDAR].triggered.connect(self._export_calendar)
        a[ActionId.SHARE].triggered.connect(lambda: self.sharer.share())
        a[ActionId.PASTE_OKRS].triggered.connect(self._paste_okrs)
        for name in FILE_REQUESTS:
            a[ActionId[name.upper()]].triggered.connect(lambda _=False, n=name: self.file_requested.emit(n))
        self._timer_running_changed(m.timer.running)

    # The exports and the paste dialog load when first needed, not to show the window.

    @cached_property
    def exporter(self):
        from ui.export_actions import PdfExporter

        return PdfExporter(self, self.model)

    @cached_property
    def sharer(self):
        from ui.share import Sharer

        return Sharer(self, self.model)

    @cached_property
    def slides_exporter(self):
        from ui.slides_action import SlidesExporter

        return SlidesExporter(self, self.model)

    def _export_calendar(self) -> None:
        from ui.calendar_export import export_calendar

        export_calendar(self, self.model)

    def _paste_okrs(self) -> None:
        from ui.paste_okrs import open_paste_dialog

        open_paste_dialog(self, self.model)

    def _timer_running_changed(self, running: bool) -> None:
        label = _action_text("Pause timer") if running else _action_text("Start timer")
        self.actions[ActionId.START_PAUSE].setText(label)

    def _show_side_panel(self, visible: bool) -> None:
        self.side_panel.setVisible(visible)
        preferences.set_side_panel_visible(visible)

    def _mark_done(self, done: bool) -> None:
        """The facilitator says the step is done (or not) without its timer having run: undoable."""
        number = self.model.current_step
        status = models.STEP_DONE if done else models.STEP_ACTIVE
        label = self.tr("Mark step done") if done else self.tr("Mark step not done")
        if not self.model.set_field(models.AgendaStep, number, "status", status, label):
            self._sync_mark_done()

    def _sync_mark_done(self) -> None:
        done = self.model.step_row(self.model.current_step).status == models.STEP_DONE
        self.actions[ActionId.MARK_DONE].setChecked(done)

    def actions_by_name(self, name: str):
        """The action labelled `name` (as a screen reader or a test finds it)."""
        return next(a for a in self.actions.values() if a.text() == name)

    # -- navigation ----------------------------------------------------------------------------------

    def current_page(self):
        return self.pages.get(self.model.current_step)

    def next(self) -> None:
        if self.projector.next_page():  # the room's pages first, as slides do
            return
        page = self.current_page()
        if page is None or not page.advance():
            self.model.go_to_step(self.model.current_step + 1)

    def previous(self) -> None:
        if self.projector.previous_page():
            return
        shown = (self.model.current_step, self.model.details.current_slide)
        page = self.current_page()
        if page is None or not page.go_back():
            self.model.go_to_step(self.model.current_step - 1)
        if (self.model.current_step, self.model.details.current_slide) != shown:
            self.projector.show_last_page()  # as slides do: back to where the previous screen ended

    def _rail_clicked(self, row: int) -> None:
        if row >= 0 and row != self.model.current_step:
            self.model.go_to_step(row)

    def _show_step(self, number: int) -> None:
        if number not in self.pages:
            page = pages.page_for(self.model, number)
            page.notes_changed.connect(self._show_notes)
            page.coach_subject.connect(self.coach_panel.show_subject)
            page.offer_actions(self.actions)
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
        self._sync_mark_done()

    def _refresh_rail_timer(self) -> None:
        self._describe_step(self.model.current_step)

    def _describe_step(self, number: int) -> None:
        step = self.model.step_row(number)
        title = step_info(number).title
        if number == 0:
            detail = self.tr("before the meeting")
        else:
            used = self.model.timer.used_seconds() if number == self.model.current_step else step.used_seconds
            detail = self.tr("%1 min · %2 used").replace("%1", str(step.planned_minutes)) \
                .replace("%2", format_clock(used))
        done = step.status == models.STEP_DONE
        status = "✓ " + self.tr("done") if done else ""
        if number == self.model.current_step:
            status = "▶ " + self.tr("now") + (" ✓" if done else "")
        text = f"{number}  {title}  {status}".rstrip() + f"\n{detail}"
        item = self.rail.item(number)
        if item.text() != text:
            item.setText(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ", "))

    # -- projector, chime, errors ----------------------------------------------------------------------

    def present(self) -> None:
        self.projector.present(self.screen(), self.projector_screen())

    def toggle_presenting(self) -> None:
        """F5 and the Present button: show the room's view, or take it down again."""
        if self.projector.isVisible():
            self.projector.stop_presenting()
        else:
            self.present()

    def _show_room_state(self, *_args) -> None:
        presenting = self.projector.isVisible()
        text = _action_text("Stop presenting") if presenting else _action_text("Present")
        self.actions[ActionId.PRESENT].setText(text)
        self.timer_bar.show_room_state(presenting, self.projector.blank)

    # -- fitting the screen ----------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        if not self._fitted:
            self._fitted = True
            self._fit_to_screen(self.screen())
        super().showEvent(event)

    def _fit_to_screen(self, screen) -> None:
        """Place the whole window on `screen`: centred when it fits with room for the window's frame,
        otherwise maximized there (the window manager then fits the frame in, on a 1366×768 laptop too)."""
        area = screen.availableGeometry()
        if self.isMaximized():
            self.showNormal()
        size = self.size()
        if size.width() + FRAME_ALLOWANCE[0] <= area.width() and size.height() + FRAME_ALLOWANCE[1] <= area.height():
            self.move(area.left() + (area.width() - size.width()) // 2,
                      area.top() + (area.height() - size.height()) // 2)
        else:
            self.move(area.topLeft())
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

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
        if isinstance(event, (QShowEvent, QHideEvent)) and watched is self.projector \
                and self.projector is not None:
            self._show_room_state()  # shown or hidden by F5, Esc, or its own close button
        elif isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and (
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

    def _should_ask_before_closing(self) -> bool:
        """Closed by a person (not replaced by the app, not already agreed) while leaving needs a question.

        Only a window the app runs asks (the app listens to `file_requested`); one built on its own,
        as tests do, closes at once.
        """
        run_by_app = self.isSignalConnected(QMetaMethod.fromSignal(self.file_requested))
        return (run_by_app and self.projector is not None and not self._close_agreed
                and not self.property("replaced") and bool(reasons_to_ask(self.model)))

    def _close_for_good(self) -> None:
        self._close_agreed = True
        self.close()

    def closeEvent(self, event) -> None:
        if self._should_ask_before_closing():
            event.ignore()  # the window's close button or Alt+F4 in the middle of the meeting: ask first
            ask_before_leaving(self, self.model, self._close_for_good, lambda: self.file_requested.emit("save_as"))
            return
        if self.projector is not None:  # a second close must not touch the projector, deleted by now
            QApplication.instance().removeEventFilter(self)
            self.projector.close()
            self.projector.deleteLater()  # a top-level window of its own: it goes with this one
            self.projector = None
            self.model.close()
        super().closeEvent(event)
