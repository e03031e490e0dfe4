"""The application: paints its first window, joins the qasync loop to Qt's, then opens workshops.

`AppController` owns whichever window is showing (start screen, facilitator window, or the window of
a company roll-up) and the `WorkshopSession` it shows, and carries out New, Open (also of a file
dropped on a window), reload, Save As, Close, Import team files and recovery. Every one of them
builds the new session whole before it lets go of the old one, so a refused file gets one sentence
and whatever was open stays open, lock and all. Slow work runs through `ui.jobs`.
"""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path
from typing import Callable

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
# A file up to this size opens at launch before any window, which nothing on screen waits for (the
# 50-team file, 228 KB, opens in about 70 ms). A larger one opens behind the start screen, with
# progress if it takes more than a second (the largest roll-up the check accepts, 756 KB, takes
# about 0.2 s; the file limit is 16 MiB).
OPEN_AT_ONCE_BYTES = 512 * 1024
FILE_FILTER = "OKR Workshop sessions (*.okrw)"


def opens_at_once(path: Path) -> bool:
    """A regular file small enough to open before the first window is painted."""
    try:
        return path.is_file() and path.stat().st_size <= OPEN_AT_ONCE_BYTES
    except OSError:
        return False


def settings() -> QSettings:
    """The app's settings file, in the data folder (tests point that folder somewhere temporary)."""
    return QSettings(str(_paths().data_dir() / "settings.ini"), QSettings.Format.IniFormat)


class AppController(QObject):
    """Shows the start screen or a workshop, and moves between them."""

    def __init__(self, clock=None):
        super().__init__()
        self.clock = clock
        self.window: QWidget | None = None
        self.session = None  # the WorkshopSession shown, if any

    @property
    def model(self):
        """The open workshop's SessionModel, or None on the start screen."""
        return None if self.session is None else self.session.model

    # -- recent files ------------------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        stored = settings().value("recent", []) or []
        stored = [stored] if isinstance(stored, str) else stored
        return [Path(p) for p in stored if Path(p).is_file() and not _paths().is_untitled(Path(p))]

    def _remember(self, path: Path, details=None) -> None:
        from ui.preferences import remember_title

        if details is not None:
            remember_title(path, details)  # the start screen shows it without opening the file
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
        screen.quit_requested.connect(self.quit)
        self._replace_window(screen)
        return screen

    def show_first_window(self, path: Path | None) -> Callable[[], None]:
        """Show the first window and return what to do once it is painted.

        A small file named at launch opens here and now, before any window, so its workshop is the
        first window painted (nothing is on screen that would wait for it). Otherwise the start
        screen comes first, with no domain loaded yet, and a large file opens behind it with progress.
        A file refused here gets its sentence on the start screen, once that is painted."""
        path = None if path is None else Path(path)
        if path is not None and opens_at_once(path):
            from workshop.session import open_session

            try:
                service = open_session(path)
            except Exception as error:  # noqa: BLE001 - told once the start screen is painted
                self.show_start_light()
                return partial(self._refused_at_launch, path, error)  # `error` ends with the block
            self.show_workshop(service)
            if self.session is not None:
                return lambda: None
        self.show_start_light()
        return lambda: self.start_with(path)

    def start_with(self, path: Path | None) -> None:
        """After the first paint: the start screen's lists, then the file the app was started on.
        A refused file leaves the start screen as complete as it would have been without it."""
        self.fill_start_lists()
        if path is not None:
            self.open_file(path)

    def _refused_at_launch(self, path: Path, error: BaseException) -> None:
        from ui.jobs import failure_sentence

        self.fill_start_lists()
        self._open_refused(path, failure_sentence(error, "opening a session file"), error)

    def fill_start_lists(self) -> None:
        from workshop.session import recoverable_sessions

        from ui.preferences import recent_titles

        if isinstance(self.window, StartScreen):
            self.window.show_files(self.recent_files(), recoverable_sessions(), recent_titles())

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
        """Build a session around an opened service and show it in place of what was open; if
        building it fails, the new file is let go and what was open stays open."""
        from ui.workshop_session import WorkshopSession

        try:
            session = WorkshopSession(service, clock=self.clock)
        except Exception as error:  # noqa: BLE001 - a bug; the old session is untouched
            self._tell_failure(error, "building the window of an opened workshop")
            return
        self._adopt(session)

    def _adopt(self, session, reloading: bool = False) -> None:
        """Show `session` in a new window, then close the session it replaces. When `reloading`,
        `session` is the same file opened again with the open session's lock, which it takes over."""
        from ui.facilitator_window import FacilitatorWindow
        from ui.gc_guard import freeze_loaded_libraries
        from ui.rollup_window import RollupWindow
        from workshop.rollup import is_rollup

        freeze_loaded_libraries()  # the domain's libraries are loaded now; the windows come next
        try:
            window = (RollupWindow if is_rollup(session.service.details) else FacilitatorWindow)(session.model)
        except Exception as error:  # noqa: BLE001 - a bug; the old session is untouched
            if reloading and session.store.lock is self.session.store.lock:
                session.store.let_go_of_lock()  # still the open session's
            session.close()
            self._tell_failure(error, "building a workshop window")
            return
        if reloading:
            session.took_over_from(self.session)
        window.file_requested.connect(self._file_request)
        if isinstance(window, FacilitatorWindow):
            window.open_requested.connect(self.open_file)  # e.g. the next period's new file
        session.changed_elsewhere.connect(self._offer_reload_or_keep)
        older, self.session = self.session, session
        self._remember(session.path, session.service.details)
        self._replace_window(window)
        self._retire(older)
        store = session.store
        if store.backup_path is not None:
            window.statusBar().showMessage(
                self.tr("%1 was brought up to this version's format; the file as it was is kept as %2.")
                .replace("%1", store.path.name).replace("%2", store.backup_path.name))

    def _file_request(self, what: str) -> None:
        {"new": self.new_workshop, "open": self.choose_file, "save_as": self.save_as,
         "import_teams": self.import_team_files, "close": self.close_workshop, "quit": self.quit}[what]()

    # -- commands ----------------------------------------------------------------------------------

    def new_workshop(self) -> None:
        self._leave_current_then(self._new_workshop_now)

    def _new_workshop_now(self) -> None:
        from workshop.errors import SessionError
        from workshop.session import new_untitled_session

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
        folder = ""  # the open workshop's folder, else the last one opened
        if self.session is not None and not _paths().is_untitled(self.session.path):
            folder = str(self.session.path.parent)
        elif self.recent_files():
            folder = str(self.recent_files()[0].parent)
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open a workshop"), folder, FILE_FILTER)
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path, read_only: bool = False, then=None) -> None:
        """Validate off the GUI thread, then show; a refusal is one sentence, nothing else changes.

        `then()` runs once the open has ended, however it ended."""
        path = Path(path)
        self._leave_current_then(lambda: self._open_now(path, read_only, then), path)

    def _open_now(self, path: Path, read_only: bool, then) -> None:
        from ui.jobs import run_job
        from workshop.session import open_session

        run_job(lambda: open_session(path, read_only), doing="opening a session file",
                       parent=self.window, progress=self.tr("Opening %1…").replace("%1", path.name),
                       on_success=self._opened, on_failure=lambda sentence, error: self._open_refused(
                           path, sentence, error), on_finally=then)

    def _opened(self, service) -> None:
        if self.session is not None and self.session.path == service.store.path:
            service.store.close()  # already open here
            return
        self.show_workshop(service)

    def _open_refused(self, path: Path, sentence: str, error: BaseException) -> None:
        from workshop.errors import FileInUse
        from workshop.logbook import note_refused_file

        if isinstance(error, FileInUse):
            self._offer_read_only_or_copy(path, sentence)
            return
        note_refused_file(path.name, sentence)
        self.say(sentence)

    def reload(self) -> None:
        """Open the file again as another program left it, in place of this window's version; if the
        new content is refused, this window keeps working on what it had, lock and all."""
        from ui.jobs import run_job
        from workshop.logbook import note_refused_file
        from workshop.session import open_session

        session = self.session
        if session is None:
            return
        path, read_only, lock = session.reload_arguments()

        def discard(service) -> None:
            if service.store.lock is lock:
                service.store.let_go_of_lock()  # still the open session's
            service.store.close()

        def reloaded(service) -> None:
            if self.session is not session:  # the window moved on meanwhile
                discard(service)
                return
            try:
                replacement = self._session_for(service)
            except Exception as error:  # noqa: BLE001 - a bug; keep what is open
                discard(service)
                self._tell_failure(error, "building the reloaded session")
                return
            self._adopt(replacement, reloading=True)

        def refused(sentence: str, _error: BaseException) -> None:
            note_refused_file(path.name, sentence)
            self.say(self.tr("%1 This window keeps its own version; use Save As to keep it elsewhere.")
                     .replace("%1", sentence))

        run_job(lambda: open_session(path, read_only, held_lock=lock), doing="reloading a session file",
                parent=self.window, on_success=reloaded, on_failure=refused)

    def _session_for(self, service):
        from ui.workshop_session import WorkshopSession

        return WorkshopSession(service, clock=self.clock)

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
        self._import_teams(team_paths, target)

    def _import_teams(self, team_paths: list[Path], target: Path) -> None:
        from ui.jobs import run_job
        from ui.rollup_import import refusals_message
        from workshop.rollup import build_rollup_file

        def built(report) -> None:
            def tell_refusals() -> None:
                if report.refused:
                    self.say(refusals_message(len(report.imported), report.refused))

            if report.path is not None:
                self.open_file(report.path, then=tell_refusals)
            else:
                tell_refusals()

        run_job(lambda: build_rollup_file(target, team_paths), doing="rolling up team files",
                parent=self.window, progress=self.tr("Rolling up %1 team files…").replace("%1", str(len(team_paths))),
                on_success=built, on_failure=lambda sentence, _error: self.say(sentence))

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
                self.reload()
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
        """Write a copy where the facilitator chooses and carry on working in it; if the copy cannot
        be opened, the window keeps working on the file it had."""
        from workshop.errors import SessionError
        from workshop.session import open_session, save_copy

        if self.session is None:
            return
        current = self.session.path
        suggested = str(current)
        if _paths().is_untitled(current):
            from ui.export_results import default_folder
            from workshop.filenames import inside, safe_file_name

            name = safe_file_name(self.model.details.team, ".okrw", fallback="workshop")
            suggested = str(inside(default_folder(self.model), name))
        target, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save the workshop as"), suggested, FILE_FILTER)
        if not target:
            return
        target = Path(target) if target.endswith(".okrw") else Path(target + ".okrw")
        from workshop.filenames import is_same_file

        if is_same_file(target, current):  # saving over itself would replace the file while it is open
            self.say(self.tr("That is the file already open; it is saved as you go."))
            return
        try:
            save_copy(self.model.service, target)
            service = open_session(target)
        except SessionError as error:
            self.say(str(error))
            return
        was_untitled = _paths().is_untitled(current)
        self.show_workshop(service)
        if was_untitled and self.session is not None and self.session.path == target:
            current.unlink(missing_ok=True)  # it lives at `target` now

    def close_workshop(self) -> None:
        self._leave_current_then(self._close_workshop_now)

    def _close_workshop_now(self) -> None:
        self._close_model()
        self.show_start()

    def discard(self, path: Path) -> None:
        answer = QMessageBox.question(self.window, self.tr("Discard unsaved workshop"),
                                      self.tr("Delete %1 for good?").replace("%1", path.name))
        if answer == QMessageBox.StandardButton.Yes:
            path.unlink(missing_ok=True)
            self.show_start()

    def quit(self) -> None:
        self._leave_current_then(self.quit_now)

    def quit_now(self) -> None:
        """Quit without asking (the system asked the app to end: SIGTERM, Ctrl+C)."""
        self._close_model()
        QApplication.instance().quit()

    def _leave_current_then(self, proceed, opening: Path | None = None) -> None:
        """Run `proceed` now, or once the facilitator agrees to leave a running or never-named workshop.

        Every edit is already saved and an untitled workshop stays in the data folder for recovery,
        so leaving loses nothing; but a running timer or a workshop without a file name is something
        a person should not leave by accident (New, Open, Close and Quit all come here first).
        """
        from ui.leave_question import ask_before_leaving

        if self.model is None or (opening is not None and self.session.path == opening):
            proceed()
            return
        ask_before_leaving(self.window, self.model, proceed, self.save_as)

    def _close_model(self) -> None:
        """Close the open session (back to the start screen or quitting)."""
        older, self.session = self.session, None
        self._retire(older)

    def _retire(self, session) -> None:
        """Close a session that is no longer shown; a new workshop nobody typed in is not worth
        recovering, so its untitled file goes."""
        if session is None:
            return
        untouched = session.untouched()
        if not untouched:
            self._remember(session.path, session.service.details)  # the title may have changed
        session.close()
        if untouched and _paths().is_untitled(session.path):
            session.path.unlink(missing_ok=True)

    def _tell_failure(self, error: BaseException, doing: str) -> None:
        from ui.jobs import failure_sentence

        self.say(failure_sentence(error, doing))

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
    then = controller.show_first_window(path)
    app.processEvents()  # paint the first window now
    lasting = {}  # the asyncio loop and the signal handler live as long as the app

    def after_first_paint() -> None:
        lasting["loop"] = _join_asyncio_loop(app)
        lasting["signals"] = _start_logging_and_signals(app, controller)
        then()

    # Qt's own loop runs from the start, so the first window answers before asyncio is even loaded
    # (about 30 ms); qasync then joins that running loop, as it does in the tests.
    QTimer.singleShot(0, after_first_paint)
    app.exec()
    if "loop" in lasting:
        _close_asyncio_loop(lasting["loop"])
    return 0


def _join_asyncio_loop(app: QApplication):
    """An asyncio loop that runs inside Qt's (already running) loop, for the jobs of `ui.jobs`."""
    import asyncio

    import qasync

    loop = qasync.QEventLoop(app, already_running=True)
    asyncio.set_event_loop(loop)
    return loop


def _close_asyncio_loop(loop) -> None:
    """After Qt's loop has ended: cancel the jobs still running and let them end, as `asyncio.run` does."""
    import asyncio

    loop.stop()
    pending = asyncio.all_tasks(loop)
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()


def _start_logging_and_signals(app: QApplication, controller: AppController):
    """The log file, a bug reported (never lost) wherever it happens, and a clean quit on SIGTERM."""
    from ui import shutdown
    from workshop.logbook import log, report_bug, start_logging

    start_logging()
    log.info("started")

    def on_bug(kind, error, traceback) -> None:
        if issubclass(kind, KeyboardInterrupt):
            controller.quit_now()
            return
        controller.say(report_bug(error.with_traceback(traceback), "running the app"))

    sys.excepthook = on_bug
    return shutdown.install(app, controller.quit_now)
