"""The application: starts the qasync loop, paints the start screen first, then opens workshops.

`AppController` owns whichever window is showing (start screen, facilitator window, or the window of
a company roll-up) and carries out New, Open (also of a file dropped on a window), Save As, Close,
Import team files and recovery. Opening a file validates it off the GUI thread; a refused file
gets one sentence and whatever was open stays open.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")  # qasync must bind to PySide6, whatever else is installed

# Not `Qt` itself: its namespace takes about 40 ms to load, so the methods that need it import it
# after the first paint.
from PySide6.QtCore import QObject, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget  # noqa: E402

from ui.start_screen import StartScreen  # noqa: E402
from ui.theme import apply_theme  # noqa: E402



def _paths():
    """workshop.paths, loaded after the first paint (platformdirs is not free)."""
    from workshop import paths

    return paths

MAX_RECENT = 8
FILE_FILTER = "OKR Workshop sessions (*.okrw)"


def settings() -> QSettings:
    """The app's settings file, in the data folder (tests point that folder somewhere temporary)."""
    return QSettings(str(_paths().data_dir() / "settings.ini"), QSettings.Format.IniFormat)


class AppController(QObject):
    """Shows the start screen or a workshop, and moves between them."""

    def __init__(self, clock=None):
        super().__init__()
        self.clock = clock
        self.window: QWidget | None = None
        self.model = None
        self._tasks: set = set()  # running open tasks (asyncio loads after the first paint)

    # -- recent files ------------------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        stored = settings().value("recent", []) or []
        stored = [stored] if isinstance(stored, str) else stored
        return [Path(p) for p in stored if Path(p).is_file() and not _paths().is_untitled(Path(p))]

    def _remember(self, path: Path) -> None:
        if _paths().is_untitled(path):
            return
        recent = [str(path.resolve())] + [str(p) for p in self.recent_files() if p.resolve() != path.resolve()]
        settings().setValue("recent", recent[:MAX_RECENT])

    # -- windows -----------------------------------------------------------------------------------

    def show_start(self) -> None:
        """The start screen with its lists (when coming back from a workshop)."""
        self.show_start_light()
        self.fill_start_lists()

    def show_start_light(self) -> StartScreen:
        """The first window: no domain import and no file lists yet, so it paints at once."""
        screen = StartScreen()
        screen.new_requested.connect(self.new_workshop)
        screen.open_requested.connect(self.choose_file)
        screen.demo_requested.connect(self.open_demo)
        screen.import_requested.connect(self.import_team_files)
        screen.file_chosen.connect(self.open_file)
        screen.recover_chosen.connect(self.open_file)
        screen.discard_chosen.connect(self.discard)
        self._replace_window(screen)
        return screen

    def fill_start_lists(self) -> None:
        from workshop.session import recoverable_sessions

        if isinstance(self.window, StartScreen):
            self.window.show_files(self.recent_files(), recoverable_sessions())

    def _replace_window(self, window: QWidget) -> None:
        from ui.file_drop import SessionFileDrops

        SessionFileDrops(window).dropped.connect(self.open_file)
        old = self.window
        self.window = window
        window.show()
        if old is not None:
            old.setProperty("replaced", True)
            old.close()
            old.deleteLater()

    def show_workshop(self, service) -> None:
        from ui.facilitator_window import FacilitatorWindow
        from ui.file_watch import ExternalChangeWatcher
        from ui.gc_guard import freeze_loaded_libraries
        from ui.rollup_window import RollupWindow
        from ui.session_model import SessionModel
        from workshop.rollup import is_rollup

        freeze_loaded_libraries()  # the domain's libraries are loaded now; the windows come next
        self.model = SessionModel(service, clock=self.clock)
        window = (RollupWindow if is_rollup(service.details) else FacilitatorWindow)(self.model)
        window.file_requested.connect(self._file_request)
        if isinstance(window, FacilitatorWindow):
            window.open_requested.connect(self.open_file)  # e.g. the next period's new file
        watcher = ExternalChangeWatcher(service.store, window)
        watcher.changed_elsewhere.connect(self._offer_reload_or_keep)
        self._remember(service.store.path)
        self._replace_window(window)
        if service.store.backup_path is not None:
            window.statusBar().showMessage(
                self.tr("%1 was brought up to this version's format; the file as it was is kept as %2.")
                .replace("%1", service.store.path.name).replace("%2", service.store.backup_path.name))

    def _file_request(self, what: str) -> None:
        {"new": self.new_workshop, "open": self.choose_file, "save_as": self.save_as,
         "import_teams": self.import_team_files, "close": self.close_workshop, "quit": self.quit}[what]()

    # -- commands ----------------------------------------------------------------------------------

    def new_workshop(self) -> None:
        from workshop.errors import SessionError
        from workshop.session import new_untitled_session

        if not self._may_leave_current():
            return
        try:
            self.show_workshop(new_untitled_session())
        except SessionError as error:
            self.say(str(error))

    def open_demo(self) -> None:
        from workshop.demo import write_demo

        path = _paths().data_dir() / "demo.okrw"
        try:
            path.unlink(missing_ok=True)
            write_demo(path).store.close()
        except OSError as error:
            self.say(str(error))
            return
        self.open_file(path)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open a workshop"), "", FILE_FILTER)
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path, read_only: bool = False) -> None:
        """Validate off the GUI thread, then show; a refusal is one sentence, nothing else changes."""
        self._start_task(self._open(Path(path), read_only))

    def _start_task(self, coroutine) -> None:
        import asyncio

        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            error = task.exception()
            sys.excepthook(type(error), error, error.__traceback__)  # a bug: let it be seen

    async def _open(self, path: Path, read_only: bool) -> None:
        import asyncio

        from workshop.errors import FileInUse, SessionError
        from workshop.session import open_session

        if not self._may_leave_current():
            return
        try:
            service = await asyncio.get_running_loop().run_in_executor(None, open_session, path, read_only)
        except FileInUse as error:
            self._offer_read_only_or_copy(path, str(error))
            return
        except SessionError as error:
            self.say(str(error))
            return
        if self.model is not None and self.model.service.store.path == path:
            service.store.close()
            return
        self._close_model()
        self.show_workshop(service)

    def import_team_files(self) -> None:
        """Roll several teams' files up into a new file, open it, and list the files left out."""
        from ui.rollup_import import ask_for_team_files

        chosen = ask_for_team_files(self.window)
        if chosen is None:
            return
        team_paths, target = chosen
        if self.model is not None and self.model.service.store.path.resolve() == target.resolve():
            self.say(self.tr("%1 is open in this window; save the roll-up under another name.")
                     .replace("%1", target.name))
            return
        self._start_task(self._import_teams(team_paths, target))

    async def _import_teams(self, team_paths: list[Path], target: Path) -> None:
        import asyncio

        from PySide6.QtCore import Qt

        from ui.rollup_import import refusals_message
        from workshop.errors import ReadableError
        from workshop.rollup import build_rollup_file

        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)  # 50 teams take a second or two
        try:
            report = await asyncio.get_running_loop().run_in_executor(None, build_rollup_file, target, team_paths)
        except ReadableError as error:
            self.say(str(error))
            return
        finally:
            QApplication.restoreOverrideCursor()
        if report.path is not None:
            await self._open(report.path, False)
        if report.refused:
            self.say(refusals_message(len(report.imported), report.refused))

    def _offer_read_only_or_copy(self, path: Path, sentence: str) -> None:
        from PySide6.QtCore import Qt

        box = QMessageBox(QMessageBox.Icon.Question, self.tr("OKR Workshop"), sentence, parent=self.window)
        read_only = box.addButton(self.tr("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
        copy = box.addButton(self.tr("Open a copy"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(_result):
            if box.clickedButton() is read_only:
                self.open_file(path, read_only=True)
            elif box.clickedButton() is copy:
                self.open_copy(path)

        box.finished.connect(chosen)
        box.open()

    def _offer_reload_or_keep(self) -> None:
        """Someone else changed the open file: take their version, or write ours over it."""
        from PySide6.QtCore import Qt

        from workshop.errors import SessionError

        if self.model is None:
            return
        path = self.model.service.store.path
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("OKR Workshop"),
                          self.tr("%1 was changed by another program. Load that version, or keep "
                                  "this window's version and save it over the file?").replace("%1", path.name),
                          parent=self.window)
        reload_button = box.addButton(self.tr("Load the file's version"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep mine"), QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(_result):
            if self.model is None:
                return
            if box.clickedButton() is reload_button:
                self._close_model()
                self.open_file(path)
            else:
                try:
                    self.model.service.overwrite_file()
                except SessionError as error:
                    self.say(str(error))

        box.finished.connect(chosen)
        box.open()

    def open_copy(self, path: Path) -> None:
        from workshop.errors import SessionError
        from workshop.store import SessionStore

        target = _paths().new_untitled_path()
        try:
            store = SessionStore.open(path, read_only=True)
            store.save_copy(target)
            store.close()
        except SessionError as error:
            self.say(str(error))
            return
        self.open_file(target)

    def save_as(self) -> None:
        from workshop.errors import SessionError
        from workshop.session import open_session, save_copy

        if self.model is None:
            return
        current = self.model.service.store.path
        suggested = str(Path.home() / f"{self.model.details.team or 'workshop'}.okrw") \
            if _paths().is_untitled(current) else str(current)
        target, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save the workshop as"), suggested, FILE_FILTER)
        if not target:
            return
        target = Path(target) if target.endswith(".okrw") else Path(target + ".okrw")
        try:
            save_copy(self.model.service, target)
        except SessionError as error:
            self.say(str(error))
            return
        was_untitled = _paths().is_untitled(current)
        self._close_model()
        if was_untitled:
            current.unlink(missing_ok=True)
        try:
            self.show_workshop(open_session(target))
        except SessionError as error:
            self.say(str(error))

    def close_workshop(self) -> None:
        if self._may_leave_current():
            self._close_model()
            self.show_start()

    def discard(self, path: Path) -> None:
        answer = QMessageBox.question(self.window, self.tr("Discard unsaved workshop"),
                                      self.tr("Delete %1 for good?").replace("%1", path.name))
        if answer == QMessageBox.StandardButton.Yes:
            path.unlink(missing_ok=True)
            self.show_start()

    def quit(self) -> None:
        if self._may_leave_current():
            self._close_model()
            QApplication.instance().quit()

    def _may_leave_current(self) -> bool:
        """Leaving never loses work: every edit is already saved, and an untitled workshop stays in
        the data folder, offered for recovery, until it is saved somewhere or discarded."""
        return True

    def _close_model(self) -> None:
        if self.model is None:
            return
        path = self.model.service.store.path
        untouched = self.model.undo_stack.count() == 0
        self.model.close()
        self.model.deleteLater()  # destroyed here, on the GUI thread, not by a collector elsewhere
        self.model = None
        if untouched and _paths().is_untitled(path):
            path.unlink(missing_ok=True)  # a new workshop nobody typed in is not worth recovering

    def say(self, sentence: str) -> None:
        from ui.messages import tell

        tell(self.window, self.tr("OKR Workshop"), sentence)


def run_app(path: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("OKR Workshop")
    apply_theme(app)
    from ui.gc_guard import GuiThreadGarbageCollector

    collector = GuiThreadGarbageCollector(app)  # noqa: F841  (lives as long as the app)
    controller = AppController()
    controller.show_start_light()
    app.processEvents()  # paint the first window before the heavier imports below

    import asyncio

    import qasync

    def after_first_paint():
        if path is not None:
            controller.open_file(path)
        else:
            controller.fill_start_lists()

    QTimer.singleShot(0, after_first_paint)
    try:
        qasync.run(_until_quit(app))
    except asyncio.CancelledError:
        pass
    return 0


async def _until_quit(app: QApplication) -> None:
    import asyncio

    finished = asyncio.Event()
    app.aboutToQuit.connect(finished.set)
    await finished.wait()
