"""The quarter's commands in the facilitator window: the Meetings menu (every scheduled meeting and
an unscheduled check-in), and File ▸ Export quarter report…, Import values…, Start next period….

`install(window)` adds the menu and connects the actions the window created from the registry;
the window itself needs two lines for all of it. What runs a meeting (plans, progress, charts) loads
when a command is first used, not when a workshop opens.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QFileDialog, QMenu

from workshop import models
from workshop.errors import ReadableError

from ui.actions import ActionId
from ui.messages import tell

MAX_LISTED = 20  # the schedule has up to ~20 meetings a quarter; the menu lists the coming ones first
SESSION_FILTER = "OKR Workshop sessions (*.okrw)"


def tr(text: str) -> str:
    return QCoreApplication.translate("Meetings", text)


class QuarterCommands(QObject):
    """Starts meetings and runs the quarter's File commands for one facilitator window."""

    def __init__(self, window, today=date.today):
        super().__init__(window)
        self.window, self.model, self.today = window, window.model, today
        self.meeting = None
        self.menu = QMenu(tr("&Meetings"), window)
        self.menu.aboutToShow.connect(self._fill_menu)
        a = window.actions
        a[ActionId.EXPORT_REPORT].triggered.connect(self.export_report)
        a[ActionId.IMPORT_VALUES].triggered.connect(self.import_values)
        a[ActionId.NEXT_PERIOD].triggered.connect(self.start_next_period)
        for action_id in (ActionId.IMPORT_VALUES, ActionId.NEXT_PERIOD):
            a[action_id].setEnabled(not self.model.read_only)
        window.installEventFilter(self)  # the meeting ends before its workshop's window closes
        self._fill_menu()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.Close and self.meeting is not None:
            self.meeting.close()
        return super().eventFilter(watched, event)

    # -- meetings ----------------------------------------------------------------------------------

    def _fill_menu(self) -> None:
        self.menu.clear()
        unscheduled = self.menu.addAction(tr("Unscheduled check-in today…"))
        unscheduled.triggered.connect(self.start_unscheduled)
        events = self.model.service.rows(models.ReviewEvent)
        held = {c.review_event_id for c in self.model.service.rows(models.Checkin)}
        today = self.today().isoformat()
        coming = [e for e in events if e.starts_at[:10] >= today and e.id not in held]
        listed = (coming + [e for e in events if e not in coming])[:MAX_LISTED]
        if listed:
            self.menu.addSection(tr("Review schedule"))
        for event in sorted(listed, key=lambda e: e.starts_at):
            mark = tr(" (held)") if event.id in held else ""
            action = self.menu.addAction(f"{event.starts_at.replace('T', ' ')} · {event.title}{mark}")
            action.triggered.connect(lambda _=False, e=event: self.start_scheduled(e))
        for action in self.menu.actions():
            action.setEnabled(not self.model.read_only)

    def start_unscheduled(self):
        from workshop.meeting_plan import unscheduled_plan

        return self.start_meeting(unscheduled_plan(self.today()))

    def start_scheduled(self, event):
        from workshop.meeting_plan import plan_for_event

        return self.start_meeting(plan_for_event(event))

    def start_meeting(self, plan):
        """Open the meeting runner (one meeting at a time); the workshop's projector makes way."""
        from ui.meetings.runner import MeetingWindow  # the charts load when a meeting starts

        if self.meeting is not None:
            self.meeting.raise_()
            self.meeting.activateWindow()
            return self.meeting
        self.window.projector.stop_presenting()
        self.meeting = MeetingWindow(self.model, plan)
        self.meeting.destroyed.connect(self._meeting_ended)
        self.meeting.show()
        return self.meeting

    def _meeting_ended(self) -> None:
        self.meeting = None

    # -- File menu ---------------------------------------------------------------------------------

    def export_report(self) -> None:
        """The quarter report PDF, built in the export worker like the PDF pack."""
        exporter = self.window.exporter
        details = self.model.details
        suggested = f"{details.team or 'team'} {details.period_label} {tr('quarter report')}.pdf".replace("  ", " ")
        target = exporter.ask_for_pdf(tr("Export the quarter report"), suggested)
        if target:
            self.export_report_to(*target)

    def export_report_to(self, path: Path, paper: str = "a4") -> None:
        from exports import jobs

        self.window.exporter.start(tr("the quarter report"), path, paper, jobs.pdf_report,
                                    self.model.service.snapshot(), path, paper)

    def import_values(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self.window, tr("Import values from a CSV file"),
                                                str(self.model.service.store.path.parent),
                                                tr("Values (*.csv);;All files (*)"))
        if chosen:
            self.import_values_from(Path(chosen))

    def import_values_from(self, path: Path) -> bool:
        """Record the CSV's check-in as one undoable action; a refused file is one sentence (the model
        reports it on its `error` signal, which the window shows) and writes nothing."""
        from ui.meetings.commands import ImportValues

        command = ImportValues(self.model.service, path, tr("Import values"))
        done = self.model.execute(command)
        if done:
            checkin = self.model.service.row(models.Checkin, command.checkin_id)
            count = len(self.model.service.children(models.CheckinValue, "checkin_id", checkin.id))
            self.window.statusBar().showMessage(
                tr("Recorded %1 values as of %2 from %3 (Undo takes them back).")
                .replace("%1", str(count)).replace("%2", checkin.held_on).replace("%3", path.name))
        return done

    def start_next_period(self) -> None:
        from workshop.next_period import next_period

        details = self.model.details
        label, _start, _end = next_period(details.period_label, details.period_start, details.period_end)
        source = self.model.service.store.path
        suggested = source.parent / f"{details.team or 'workshop'} {label or tr('next period')}.okrw"
        chosen, _ = QFileDialog.getSaveFileName(self.window, tr("Start the next period as"), str(suggested),
                                                SESSION_FILTER)
        if chosen:
            self.start_next_period_as(Path(chosen if chosen.endswith(".okrw") else chosen + ".okrw"))

    def start_next_period_as(self, target: Path) -> bool:
        """Write the next period's file (this one stays as it is) and ask the app to open it in place of this one."""
        from workshop.next_period import start_next_period

        try:
            start_next_period(self.model.service.snapshot(), self.model.service.store.path, target).store.close()
        except ReadableError as error:
            tell(self.window, tr("Start next period"), str(error))
            return False
        self.window.open_requested.emit(target)
        return True


def install(window) -> QuarterCommands:
    """Add the Meetings menu before the window's Projector menu and connect the quarter's actions."""
    commands = QuarterCommands(window)
    menus = [a for a in window.menuBar().actions() if a.menu() is not None]
    window.menuBar().insertMenu(menus[-1] if menus else None, commands.menu)
    return commands
