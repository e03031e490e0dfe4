""""Share by email" (ARCHITECTURE.md, Outputs): the .eml a mail program opens, its attachment names, the size warning,
the xdg-email command."""

from __future__ import annotations

import copy
import email
import email.policy
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from exports import email_message
from exports.email_message import (
    MAIL_LIMIT_BYTES,
    ascii_file_name,
    attachments_too_large,
    build_message,
    compose_command,
    encoded_size,
    real_file_name,
    write_eml,
)
from workshop import models
from workshop.demo import demo_rows
from workshop.snapshot import build_snapshot

TEAM = "Équipe Süd/Ops 🚀"
MIB = 1024 * 1024


def snapshot_for(team: str, period: str = "2027-Q1", facilitator: str = "Inès Moreau"):
    rows = copy.deepcopy(demo_rows())
    rows[models.Workshop][0].update(team=team, period_label=period, facilitator=facilitator)
    if not period:
        rows[models.Workshop][0].update(period_start="", period_end="")
    return build_snapshot({table: [table(**row) for row in table_rows] for table, table_rows in rows.items()})


@pytest.fixture
def files(tmp_path) -> tuple[Path, Path]:
    session = tmp_path / "untitled-20261214-101500.okrw"
    session.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(255, -1, -1)) * 30 + b"\n%%EOF\n")
    return session, pdf


def parsed(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def raw_disposition(eml: bytes, ascii_name: str) -> str:
    """The Content-Disposition header of the attachment whose plain name is `ascii_name`, unfolded."""
    headers = re.findall(rb"Content-Disposition: (attachment;(?:\r\n [^\r\n]*)+)", eml)
    unfolded = [h.decode("ascii").replace("\r\n ", " ") for h in headers]
    return next(h for h in unfolded if f'filename="{ascii_name}"' in h)


def test_the_eml_carries_both_files_byte_for_byte(tmp_path, files):
    session, pdf = files
    message = build_message(snapshot_for("Checkout & Payments"), session, pdf)
    eml = write_eml(message, tmp_path / "share.eml")
    back = parsed(eml)
    attachments = list(back.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["application/octet-stream", "application/pdf"]
    assert attachments[0].get_content() == session.read_bytes()
    assert attachments[1].get_content() == pdf.read_bytes()
    assert back["X-Unsent"] == "1"
    assert b"\r\n" in eml.read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_subject_and_body_name_the_team_the_period_and_how_to_open_the_files(tmp_path, files):
    session, pdf = files
    back = parsed(write_eml(build_message(snapshot_for(TEAM), session, pdf), tmp_path / "share.eml"))
    assert back["Subject"] == f"OKRs of {TEAM} for 2027-Q1"
    body = back.get_body(("plain",)).get_content()
    assert TEAM in body and "2027-Q1" in body
    assert "opens in OKR Workshop" in body and "any PDF reader" in body
    assert f"OKRs {TEAM.replace('/', '-')} 2027-Q1.okrw" in body
    assert body.rstrip().endswith("Inès Moreau")


def test_attachment_names_are_ascii_safe_and_exact_in_filename_star(tmp_path, files):
    session, pdf = files
    snapshot = snapshot_for(TEAM)
    eml = write_eml(build_message(snapshot, session, pdf), tmp_path / "share.eml").read_bytes()
    for suffix, fallback in ((".okrw", session.stem), (".pdf", pdf.stem)):
        real = real_file_name(snapshot, suffix, fallback)
        assert real == f"OKRs Équipe Süd-Ops 🚀 2027-Q1{suffix}"  # "/" cannot be in a file name
        plain = ascii_file_name(real)
        assert plain == f"OKRs_Equipe_Sud-Ops_2027-Q1{suffix}"
        header = raw_disposition(eml, plain)
        star = re.search(r"filename\*=utf-8''([^;\s]+)", header).group(1)
        assert unquote(star, encoding="utf-8") == real
        assert header.index('filename="') < header.index("filename*=")  # plain first, for old parsers
    assert all(b < 128 for b in eml)  # the whole file is 7-bit: any mail server carries it
    names = [a.get_filename() for a in parsed(tmp_path / "share.eml").iter_attachments()]
    assert all(n and n.isascii() and "/" not in n for n in names)


def test_a_team_without_a_name_uses_the_file_name(tmp_path, files):
    session, _pdf = files
    snapshot = snapshot_for("", period="")
    message = build_message(snapshot, session, None)
    back = parsed(write_eml(message, tmp_path / "share.eml"))
    assert back["Subject"] == "OKRs of our team"
    assert [a.get_filename() for a in back.iter_attachments()] == [session.name]
    assert "One file is attached:" in back.get_body(("plain",)).get_content()


@pytest.mark.parametrize("name, expected", [
    ("Ωmega Ünïcode – 2027.okrw", "mega_Unicode_2027.okrw"),
    ("🚀🚀.pdf", "okr-workshop.pdf"),
    ("../../etc/passwd", "etc_passwd"),
    ("Sales & Marketing: \"Q1\" <draft>.okrw", "Sales_Marketing_Q1_draft.okrw"),
])
def test_ascii_names_keep_only_safe_characters(name, expected):
    assert ascii_file_name(name) == expected


def test_very_long_names_still_fit_on_a_header_line():
    snapshot = snapshot_for("🚀" * 300)
    real = real_file_name(snapshot, ".okrw", "x")
    assert real.endswith(".okrw") and len(email_message.quote(real, safe="")) <= 998


def test_the_size_warning_counts_base64_growth(tmp_path):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as handle:  # sparse: no 14 MB actually written
        handle.truncate(14 * MIB)
    fine = tmp_path / "fine.pdf"
    with open(fine, "wb") as handle:
        handle.truncate(13 * MIB)
    small = tmp_path / "small.okrw"
    small.write_bytes(b"x" * 100_000)
    assert encoded_size(14 * MIB) > 14 * MIB * 4 // 3
    assert 14 * MIB < MAIL_LIMIT_BYTES < encoded_size(14 * MIB)  # too large only once encoded
    assert attachments_too_large([big, small])
    assert not attachments_too_large([fine, small])
    assert not attachments_too_large([small])


def test_xdg_email_gets_subject_body_and_absolute_attachments(monkeypatch, tmp_path, files):
    session, pdf = files
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(email_message.shutil, "which", lambda name: f"/usr/bin/{name}")
    command = compose_command(tmp_path / "share.eml", [Path(session.name), pdf], "OKRs of Ops", "Body\ntext")
    assert command == ["/usr/bin/xdg-email", "--utf8", "--subject", "OKRs of Ops", "--body", "Body\ntext",
                       "--attach", str(session), "--attach", str(pdf)]
    monkeypatch.setattr(email_message.shutil, "which", lambda name: None)
    assert compose_command(tmp_path / "share.eml", [session, pdf], "s", "b") is None


def test_an_eml_that_cannot_be_written_says_so_in_one_sentence(tmp_path, files):
    from workshop.errors import ReadableError

    session, pdf = files
    message = build_message(snapshot_for("Ops"), session, pdf)
    with pytest.raises(ReadableError) as refused:
        write_eml(message, tmp_path / "no-such-folder" / "share.eml")
    text = str(refused.value)
    assert "share.eml" in text and text.endswith(".") and "\n" not in text
