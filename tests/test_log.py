"""The log keeps what a bug report needs: refused files with the reason, storage failures, bugs with
their traceback — and not the workshop's texts. Before, nothing was logged anywhere."""

from __future__ import annotations

import logging

import pytest

from workshop import logbook, models
from workshop.session import open_session


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    monkeypatch.setenv("OKR_WORKSHOP_LOG_DIR", str(tmp_path / "logs"))
    path = logbook.start_logging()
    yield path
    for handler in list(logbook.log.handlers):
        if isinstance(handler, logging.FileHandler) and handler.baseFilename == str(path):
            logbook.log.removeHandler(handler)
            handler.close()


def test_the_log_is_in_its_folder_and_rotates(log_file, tmp_path):
    assert log_file == tmp_path / "logs" / "okr-workshop.log" == logbook.log_file()
    assert logbook.start_logging() == log_file  # once per process, however often it is asked
    handlers = [h for h in logbook.log.handlers if getattr(h, "baseFilename", None) == str(log_file)]
    assert len(handlers) == 1 and handlers[0].maxBytes == logbook.MAX_LOG_BYTES


def test_a_bug_is_logged_with_its_traceback_and_the_sentence_names_the_log(log_file):
    try:
        raise KeyError("a programming mistake")
    except KeyError as error:
        sentence = logbook.report_bug(error, "saving an edit")
    assert sentence.endswith(f"this is a bug; details are in {log_file}.")
    text = log_file.read_text()
    assert "bug while saving an edit" in text and "Traceback" in text and "KeyError" in text


def test_refused_files_and_failed_saves_are_logged_without_the_workshops_texts(qtbot, session_model, log_file,
                                                                                demo_file, tmp_path):
    bad = tmp_path / "from-email.okrw"
    bad.write_bytes(b"not a session" * 20)
    from workshop.errors import SessionError

    with pytest.raises(SessionError) as refused:
        open_session(bad)
    logbook.note_refused_file(bad.name, str(refused.value))
    objective = session_model.service.rows(models.Objective)[0]
    secret = "Our confidential objective text"
    demo_file.unlink()  # the file vanishes under the window: the save fails
    said = []
    session_model.error.connect(said.append)
    session_model.set_field(models.Objective, objective.id, "text", secret, "Objective")
    assert said and "moved or deleted" in said[0]
    text = log_file.read_text()
    assert "refused from-email.okrw: from-email.okrw is not an OKR Workshop session file" in text
    assert "storage failure: demo.okrw was moved or deleted" in text
    assert secret not in text
