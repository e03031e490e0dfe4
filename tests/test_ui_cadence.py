"""Steps 5 and 6 on screen: the review schedule table, its warnings, calendar export and the wrap-up.

Every edit goes through the SessionModel, so the tests check three things each time: the widget,
the service's rows (what is saved) and the undo stack (one step per action).
"""

from __future__ import annotations

from datetime import date
from html import escape

import pytest
from icalendar import Calendar
from PySide6.QtCore import QDate, QEvent, Qt, QTime
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QDateEdit, QLineEdit, QScrollArea, QTimeEdit

from tests.conftest import save_artifact
from ui import calendar_export
from ui.calendar_export import export_calendar, write_review_calendar
from ui.pages.cadence import CadencePage
from ui.pages.cadence_table import WARNING_MARK, ScheduleTableModel as T, breakable, kind_names
from ui.pages.wrap_up import WrapUpPage
from ui.projector_content import body_blocks
from ui.widgets.row_list import RowListEditor
from ui.session_model import SessionModel
from ui.theme import apply_theme
from workshop import models
from workshop.schedule import CadenceChoices, generate_schedule
from workshop.session import open_session

pytestmark = pytest.mark.gui

LONG_UNICODE = ("Rendre le paiement d’une commande évident sur chaque téléphone — Сделать оплату понятной "
                "на любом телефоне — جعل الدفع سهلاً على كل هاتف — 🚀✨ so that customers in Zürich, Łódź "
                "and Київ finish the orders they start without calling support even once")
TITLE_UNICODE = "Ретро — مراجعة الربع 🎯 Größenprüfung"


def type_text(widget, text: str) -> None:
    """Type any Unicode, one key event per character (qtbot.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for character in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                                 Qt.KeyboardModifier.NoModifier, character))


def events_of(model) -> list[tuple]:
    return [(e.id, e.kind, e.title, e.starts_at, e.minutes) for e in model.service.rows(models.ReviewEvent)]


def shown(qtbot, page, width: int = 1400, height: int = 900):
    """Show a page as a top-level window of the given size (the facilitator window is not needed)."""
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    return page


def row_of(page, event_id: int) -> int:
    return [e.id for e in page.table_model.events()].index(event_id)


@pytest.fixture
def cadence_page(qtbot, session_model):
    return shown(qtbot, CadencePage(session_model))


@pytest.fixture
def wrap_up_page(qtbot, session_model):
    return shown(qtbot, WrapUpPage(session_model))


# -- step 5: generating ---------------------------------------------------------------------------


def test_generate_shows_every_meeting_one_for_one(qtbot, cadence_page, session_model):
    session_model.set_fields(models.Workshop, 1, {"period_start": "2027-04-01", "period_end": "2027-06-30"},
                             "Period")
    qtbot.mouseClick(cadence_page.generate_button, Qt.MouseButton.LeftButton)
    expected = generate_schedule(date(2027, 4, 1), date(2027, 6, 30),
                                 CadenceChoices.from_workshop(session_model.details))
    table = cadence_page.table_model
    assert table.rowCount() == len(expected) == len(session_model.service.rows(models.ReviewEvent))
    for row, meeting in enumerate(expected):
        def cell(column, role=Qt.ItemDataRole.EditRole):
            return table.data(table.index(row, column), role)
        assert cell(T.DATE).toPython() == meeting.starts_at.date()
        assert cell(T.TIME).toString("HH:mm") == f"{meeting.starts_at:%H:%M}"
        assert cell(T.LENGTH) == meeting.minutes
        assert cell(T.KIND) == meeting.kind
        assert cell(T.KIND, Qt.ItemDataRole.DisplayRole) == kind_names()[meeting.kind]
        assert cell(T.TITLE, Qt.ItemDataRole.DisplayRole) == meeting.title
    assert "Ctrl+Z" in cadence_page.status.text()


def test_regenerate_then_one_undo_restores_the_old_schedule(qtbot, cadence_page, session_model):
    before = events_of(session_model)
    assert before, "the demo has a schedule"
    session_model.set_field(models.Workshop, 1, "weekly_weekday", 3, "Weekday")
    steps_before = session_model.undo_stack.index()
    qtbot.mouseClick(cadence_page.generate_button, Qt.MouseButton.LeftButton)
    assert session_model.undo_stack.index() == steps_before + 1
    assert events_of(session_model) != before
    assert "regenerated" in cadence_page.status.text()
    session_model.undo_stack.undo()
    assert events_of(session_model) == before
    assert cadence_page.table_model.rowCount() == len(before)


def test_a_missing_period_says_what_to_do(cadence_page, session_model):
    session_model.set_field(models.Workshop, 1, "period_start", "", "Period start")
    assert not cadence_page.generate_button.isEnabled()
    assert "no valid start date" in cadence_page.period_sentence.text()
    assert "Preparation" in cadence_page.period_sentence.text()
    session_model.set_field(models.Workshop, 1, "period_start", "2027-05-01", "Period start")
    assert not cadence_page.generate_button.isEnabled()
    assert "before it starts" in cadence_page.period_sentence.text()
    session_model.set_field(models.Workshop, 1, "period_start", "2027-01-01", "Period start")
    assert cadence_page.generate_button.isEnabled()


# -- step 5: editing the table --------------------------------------------------------------------


def test_editing_a_date_in_the_table_saves_and_undoes(qtbot, cadence_page, session_model):
    first = session_model.service.rows(models.ReviewEvent)[0]
    event_id, old_starts_at = first.id, first.starts_at
    index = cadence_page.table_model.index(0, T.DATE)
    cadence_page.table.setCurrentIndex(index)
    cadence_page.table.edit(index)
    editor = cadence_page.table.viewport().findChild(QDateEdit)
    assert editor is not None and editor.accessibleName() == "Date of meeting 1"
    editor.setDate(QDate(2027, 2, 17))
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop pass
    qtbot.waitUntil(lambda: session_model.service.row(models.ReviewEvent, event_id).starts_at != old_starts_at)
    assert session_model.service.row(models.ReviewEvent, event_id).starts_at == f"2027-02-17T{old_starts_at[11:]}"
    # The meeting moved down the table; the selection went with it.
    assert cadence_page.table.currentIndex().row() == row_of(cadence_page, event_id) != 0
    session_model.undo_stack.undo()
    assert session_model.service.row(models.ReviewEvent, event_id).starts_at == old_starts_at
    assert row_of(cadence_page, event_id) == 0


def test_time_length_kind_and_title_edits(cadence_page, session_model):
    table = cadence_page.table_model
    event_id = table.event_at(0).id
    assert table.setData(table.index(0, T.TIME), QTime(16, 5))
    assert session_model.service.row(models.ReviewEvent, event_id).starts_at.endswith("T16:05")
    assert table.setData(table.index(row_of(cadence_page, event_id), T.LENGTH), 45)
    assert table.setData(table.index(row_of(cadence_page, event_id), T.TITLE), TITLE_UNICODE)
    assert table.setData(table.index(row_of(cadence_page, event_id), T.KIND), models.RETROSPECTIVE)
    saved = session_model.service.row(models.ReviewEvent, event_id)
    assert (saved.minutes, saved.title, saved.kind) == (45, TITLE_UNICODE, models.RETROSPECTIVE)
    assert not table.setData(table.index(0, T.KIND), "fortnightly")
    steps = session_model.undo_stack.count()
    assert table.setData(table.index(row_of(cadence_page, event_id), T.KIND), models.RETROSPECTIVE)
    assert session_model.undo_stack.count() == steps  # choosing the same kind again changes nothing


def test_add_and_remove_meetings(qtbot, cadence_page, session_model):
    count = len(session_model.service.rows(models.ReviewEvent))
    qtbot.mouseClick(cadence_page.add_button, Qt.MouseButton.LeftButton)
    assert cadence_page.table_model.rowCount() == count + 1
    added_row = cadence_page.table.currentIndex().row()
    added = cadence_page.table_model.event_at(added_row)
    assert added.kind == models.OTHER and date.fromisoformat(added.starts_at[:10]).weekday() < 5

    cadence_page.table.clearSelection()
    selection = cadence_page.table.selectionModel()
    for row in (1, 2):
        selection.select(cadence_page.table_model.index(row, 0),
                         selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    before_removal = events_of(session_model)
    qtbot.mouseClick(cadence_page.remove_button, Qt.MouseButton.LeftButton)
    assert cadence_page.table_model.rowCount() == count - 1
    assert "2 meetings removed" in cadence_page.status.text()
    session_model.undo_stack.undo()  # both come back in one step
    assert events_of(session_model) == before_removal
    session_model.undo_stack.undo()
    assert cadence_page.table_model.rowCount() == count


def test_delete_key_removes_the_selected_meeting(qtbot, cadence_page, session_model):
    count = cadence_page.table_model.rowCount()
    cadence_page.activateWindow()
    cadence_page.select_row(2)
    qtbot.keyClick(cadence_page.table, Qt.Key.Key_Delete)
    assert cadence_page.table_model.rowCount() == count - 1
    assert "Meeting removed" in cadence_page.status.text()


def test_a_weekend_meeting_is_flagged_in_words_and_in_its_row(cadence_page, session_model):
    table = cadence_page.table_model
    assert "No problems" in cadence_page.warnings_label.text()
    event_id = table.event_at(3).id
    assert table.setData(table.index(3, T.DATE), QDate(2027, 2, 13))  # a Saturday
    row = row_of(cadence_page, event_id)
    assert "Sat 13 Feb 2027 falls on a weekend." in cadence_page.warnings_label.text()
    header = table.headerData(row, Qt.Orientation.Vertical)
    assert header == f"{WARNING_MARK} {row + 1}"
    assert "weekend" in table.data(table.index(row, T.TITLE), Qt.ItemDataRole.ToolTipRole)
    cadence_page.warnings_label.linkActivated.emit(str(row))
    assert cadence_page.table.currentIndex().row() == row
    session_model.undo_stack.undo()
    assert "No problems" in cadence_page.warnings_label.text()


def test_very_long_words_wrap_instead_of_widening_the_pages(qtbot, session_model):
    word = "Überlänge" * 50
    events = session_model.service.rows(models.ReviewEvent)
    session_model.set_field(models.Objective, session_model.service.rows(models.Objective)[0].id, "text", word, "x")
    session_model.set_fields(models.ReviewEvent, events[1].id, {"title": word, "starts_at": events[0].starts_at}, "x")
    cadence = shown(qtbot, CadencePage(session_model), 860, 880)
    assert "overlaps" in cadence.warnings_label.text()
    wrap_up = shown(qtbot, WrapUpPage(session_model), 860, 880)
    for page in (cadence, wrap_up):
        assert page.findChild(QScrollArea).widget().minimumSizeHint().width() <= 860


def test_break_points_never_split_a_character_people_see_as_one():
    text = "e\u0301" * 30 + "👩\u200d👩\u200d👧" * 12 + "🇩🇪🇫🇷" * 12 + "👍🏽" * 20 + "short words stay"
    broken = breakable(text)
    assert broken.replace("\u200b", "") == text and broken.count("\u200b") >= 4
    for piece in broken.split("\u200b")[1:]:
        assert piece[0] not in ("\u0301", "\u200d", "\U0001F3FD")
    for piece in broken.split("\u200b"):
        assert sum(0x1F1E6 <= ord(c) <= 0x1F1FF for c in piece) % 2 == 0
        assert not piece.endswith("\u200d")
    assert breakable("Kurze Wörter bleiben, wie sie sind.") == "Kurze Wörter bleiben, wie sie sind."


# -- step 5: calendar export ----------------------------------------------------------------------


def test_export_calendar_writes_one_event_per_row(tmp_path, cadence_page, session_model):
    messages = []
    target = tmp_path / "reviews.ics"
    assert export_calendar(cadence_page, session_model, notify=messages.append, path=target) is True
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == cadence_page.table_model.rowCount() > 0
    assert messages == [f"Saved {len(events)} meetings to reviews.ics."]


def test_export_button_asks_for_a_file_and_adds_the_suffix(qtbot, monkeypatch, tmp_path, cadence_page):
    asked = {}

    def fake_dialog(parent, caption, suggested, file_filter):
        asked["suggested"] = suggested
        return str(tmp_path / "schedule"), file_filter

    monkeypatch.setattr(calendar_export.QFileDialog, "getSaveFileName", fake_dialog)
    qtbot.mouseClick(cadence_page.export_button, Qt.MouseButton.LeftButton)
    assert asked["suggested"].endswith("Checkout & Payments 2027-Q1 reviews.ics")
    assert (tmp_path / "schedule.ics").exists()
    assert cadence_page.status.text().startswith("Saved ")


def test_export_reports_problems_in_one_sentence(tmp_path, session_model):
    event = session_model.service.rows(models.ReviewEvent)[0]
    # A start that is no date is refused when written (value_rules), so the calendar never meets one.
    assert not session_model.set_field(models.ReviewEvent, event.id, "starts_at", "2027-13-40T09:30", "Broken")
    saved, sentence = write_review_calendar(session_model, tmp_path / "missing" / "x.ics")
    assert not saved and "choose another folder" in sentence
    session_model.replace_rows(models.ReviewEvent, [], "Clear")
    saved, sentence = write_review_calendar(session_model, tmp_path / "x.ics")
    assert not saved and "generate the review schedule first" in sentence


# -- step 6: wrap-up --------------------------------------------------------------------------------


def editor_of(page, table) -> object:
    return next(e for e in page.findChildren(RowListEditor) if e.table is table)


def test_wrap_up_edits_survive_reopening_the_file(qtbot, demo_file, fake_clock):
    model = SessionModel(open_session(demo_file), clock=fake_clock)
    page = shown(qtbot, WrapUpPage(model))

    question = "Qui valide le budget ? Кто утверждает бюджет? מי מאשר? 💶"
    questions = editor_of(page, models.OpenQuestion)
    qtbot.mouseClick(questions.add_button, Qt.MouseButton.LeftButton)
    question_id = model.service.rows(models.OpenQuestion)[-1].id
    type_text(page.findChild(QLineEdit, f"OpenQuestion-{question_id}-text"), question)
    page.findChild(QCheckBox, f"OpenQuestion-{question_id}-answered").click()

    steps = editor_of(page, models.ActionItem)
    qtbot.mouseClick(steps.add_button, Qt.MouseButton.LeftButton)
    step_id = model.service.rows(models.ActionItem)[-1].id
    type_text(page.findChild(QLineEdit, f"ActionItem-{step_id}-what"), "Réserver la salle — 会议室")
    type_text(page.findChild(QLineEdit, f"ActionItem-{step_id}-who"), "Şebnem Çelik")
    page.findChild(QDateEdit, f"ActionItem-{step_id}-due_date").setDate(QDate(2027, 1, 7))
    followup_time = next(w for w in page.findChildren(QTimeEdit) if w.accessibleName() == "Follow-up time")
    followup_time.setTime(QTime(16, 45))
    page.close()
    model.close()

    reopened = open_session(demo_file)
    try:
        saved_question = reopened.row(models.OpenQuestion, question_id)
        assert (saved_question.text, saved_question.answered) == (question, True)
        saved_step = reopened.row(models.ActionItem, step_id)
        assert (saved_step.what, saved_step.who, saved_step.due_date) == (
            "Réserver la salle — 会议室", "Şebnem Çelik", "2027-01-07")
        assert reopened.details.followup_time == "16:45"
    finally:
        reopened.store.close()


def test_wrap_up_typing_a_question_is_one_undo_step(wrap_up_page, session_model, qtbot):
    questions = editor_of(wrap_up_page, models.OpenQuestion)
    qtbot.mouseClick(questions.add_button, Qt.MouseButton.LeftButton)
    question_id = session_model.service.rows(models.OpenQuestion)[-1].id
    type_text(wrap_up_page.findChild(QLineEdit, f"OpenQuestion-{question_id}-text"), "Ça marche ? ✓")
    assert session_model.service.row(models.OpenQuestion, question_id).text == "Ça marche ? ✓"
    session_model.undo_stack.undo()
    assert session_model.service.row(models.OpenQuestion, question_id).text == ""


def test_summary_and_reminder_follow_the_model(wrap_up_page, session_model):
    assert "Mon 4 Jan 2027 at 09:30" in wrap_up_page.reminder.text()
    objective = session_model.service.rows(models.Objective)[0]
    session_model.set_field(models.Objective, objective.id, "text", LONG_UNICODE, "Objective")
    assert escape(LONG_UNICODE) in wrap_up_page.summary.text()
    assert escape(LONG_UNICODE) in "".join(body_blocks(session_model.service, 6, 0))
    session_model.replace_rows(models.ReviewEvent, [], "Clear")
    assert "Generate the review schedule" in wrap_up_page.reminder.text()
    assert "No meetings planned yet." in wrap_up_page.summary.text()


# -- screenshots (look at them: tests/artifacts/) ---------------------------------------------------


def save_full_page(page, name: str) -> None:
    """The whole page at its natural height, to see what is below the fold too."""
    content = page.findChild(QScrollArea).widget()
    size = page.size()
    QApplication.processEvents()  # let the layouts settle at this width first
    natural = max(content.heightForWidth(size.width()), content.sizeHint().height())
    page.resize(size.width(), max(natural, size.height()))
    QApplication.processEvents()
    save_artifact(page, name)
    page.resize(size)


@pytest.fixture
def themed(qapp):
    """The app's palette and stylesheet, as the facilitator sees them; put back afterwards."""
    palette, sheet = QPalette(qapp.palette()), qapp.styleSheet()
    apply_theme(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def test_screenshots_of_both_pages(qtbot, themed, session_model):
    cadence = shown(qtbot, CadencePage(session_model))
    table = cadence.table_model
    table.setData(table.index(5, T.DATE), QDate(2027, 2, 13))  # show what a warning looks like
    assert cadence.minimumSizeHint().width() <= 1400
    save_artifact(cadence, "cadence_page")
    save_full_page(cadence, "cadence_page_full")
    cadence.resize(860, 880)  # the centre of the facilitator window at 1400 wide
    save_full_page(cadence, "cadence_page_narrow")
    session_model.undo_stack.undo()

    wrap_up = shown(qtbot, WrapUpPage(session_model))
    save_artifact(wrap_up, "wrap_up_page")
    save_full_page(wrap_up, "wrap_up_page_full")


def test_screenshot_with_long_unicode_text(qtbot, themed, session_model):
    for objective in session_model.service.rows(models.Objective)[:2]:
        session_model.set_field(models.Objective, objective.id, "text", LONG_UNICODE, "Objective")
    question = session_model.service.rows(models.OpenQuestion)[0]
    session_model.set_field(models.OpenQuestion, question.id, "text", LONG_UNICODE, "Question")
    cadence = shown(qtbot, CadencePage(session_model))
    cadence.table_model.setData(cadence.table_model.index(0, T.TITLE), LONG_UNICODE)
    save_artifact(cadence, "cadence_page_unicode")
    wrap_up = shown(qtbot, WrapUpPage(session_model))
    assert wrap_up.minimumSizeHint().width() <= 1400
    save_full_page(wrap_up, "wrap_up_page_unicode")
