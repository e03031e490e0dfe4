""""Share by email" (ARCHITECTURE.md, Outputs): a message with the session file and the PDF pack attached.

The subject and body come from `assets/email.json`. Attachment names must survive every mail
program: each attachment carries an ASCII-only `filename=` (accents folded, anything unsafe replaced)
for old programs, and the real name, UTF-8 encoded per RFC 2231, in `filename*=`, which current
programs prefer. The message can be saved as an `.eml` draft, handed to `xdg-email`, or reduced to a
`mailto:` link (which cannot carry attachments). Never imports Qt.
"""

from __future__ import annotations

import errno
import math
import re
import shutil
import unicodedata
from email import policy as email_policy
from email.headerregistry import Address, HeaderRegistry
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import quote

from assets import load_json
from workshop.atomic_file import write_atomically
from workshop.control_chars import one_line
from workshop.errors import ReadableError
from workshop.filenames import safe_file_name

MAIL_LIMIT_BYTES = 18 * 1024 * 1024  # what most mail servers still accept for a whole message
BASE64_LINE = 76  # characters per line of an encoded attachment, each followed by CRLF
_NOT_PLAIN_ASCII = re.compile(r"[^A-Za-z0-9._-]+")
_EXTENSION = re.compile(r"[A-Za-z0-9]{1,8}")
_PLAIN_ADDRESS = re.compile(r"[^@\s<>,;\"()]+@[^@\s<>,;\"()]+\.[^@\s<>,;\"()]+")

_DispositionHeader = HeaderRegistry()["content-disposition"]


class _AttachmentDisposition(_DispositionHeader):
    """Content-Disposition carrying both `filename=` and `filename*=`.

    The standard library keeps only one of two parameters that name the same thing, and writes
    the real name alone as `filename*`; this header writes the parameters it was built with, one
    per line, and still answers `is_attachment()` and the other questions of a parsed header.
    """

    parameters: tuple[str, ...] = ()

    @classmethod
    def naming(cls, ascii_name: str, real_name: str) -> "_AttachmentDisposition":
        encoded = quote(real_name, safe="")
        parameters = ("attachment", f'filename="{ascii_name}"', f"filename*=utf-8''{encoded}")
        header = cls("Content-Disposition", "; ".join(parameters[:2]))
        header.parameters = parameters
        return header

    def fold(self, *, policy) -> str:  # the email package calls it with this keyword
        return f"{self.name}: " + f";{policy.linesep} ".join(self.parameters) + policy.linesep


def _texts() -> dict[str, Any]:
    return load_json("email.json")


# Team and period come from a file that may have been received: on one line, without control
# characters, so a CR/LF or U+2028 can neither inject a header nor make the email package refuse it.
def _team(snapshot) -> str:
    return one_line(snapshot.details.team).strip() or _texts()["unnamed_team"]


def _period(snapshot) -> str:
    details = snapshot.details
    if one_line(details.period_label).strip():
        return one_line(details.period_label).strip()
    return one_line(f"{details.period_start} – {details.period_end}").strip(" –")


def subject_for(snapshot) -> str:
    texts = _texts()
    period = _period(snapshot)
    template = texts["subject"] if period else texts["subject_without_period"]
    return one_line(template.format(team=_team(snapshot), period=period))


def real_file_name(snapshot, suffix: str, fallback_stem: str) -> str:
    """The attachment's name as people read it, e.g. "OKRs Équipe Süd-Ops 2027-Q1.okrw"."""
    team = one_line(snapshot.details.team).strip()
    stem = _texts()["attachment_name"].format(team=team, period=_period(snapshot)) if team else fallback_stem
    return safe_file_name(stem, suffix)  # at most 120 bytes: its encoded form fits one header line


def ascii_file_name(name: str) -> str:
    """The name in plain ASCII for old mail programs: accents folded, the rest replaced, extension kept."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or not _EXTENSION.fullmatch(suffix):
        stem, suffix = name, ""
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    stem = _NOT_PLAIN_ASCII.sub("_", folded).strip("_.-") or "okr-workshop"
    return f"{stem}.{suffix}" if suffix else stem


def body_for(snapshot, attachment_names: Sequence[str], has_pdf: bool) -> str:
    texts = _texts()
    team, period = _team(snapshot), _period(snapshot)
    intro = texts["intro"] if period else texts["intro_without_period"]
    lines = [texts["greeting"], "", intro.format(team=team, period=period), ""]
    lines.append(texts["attachments_two"] if has_pdf else texts["attachments_one"])
    lines.append(texts["session_line"].format(name=attachment_names[0]))
    if has_pdf:
        lines.append(texts["pdf_line"].format(name=attachment_names[1]))
    signature = snapshot.details.facilitator.strip() or texts["signature_without_name"].format(team=team)
    lines += ["", texts["closing"], signature]
    return "\n".join(lines) + "\n"


def _attach(message: EmailMessage, path: Path, real_name: str, maintype: str, subtype: str) -> None:
    ascii_name = ascii_file_name(real_name)
    message.add_attachment(Path(path).read_bytes(), maintype=maintype, subtype=subtype)
    part = list(message.iter_attachments())[-1]
    part.replace_header("Content-Disposition", _AttachmentDisposition.naming(ascii_name, real_name))
    part.set_param("name", ascii_name)  # some programs still look only here


def recipients(snapshot) -> list[Address]:
    """Each participant with a usable email address (schema 4), in list order; str() gives "Name <address>"."""
    found = []
    for participant in snapshot.participants:
        address = participant.email.strip()
        if not _PLAIN_ADDRESS.fullmatch(address):
            continue
        try:
            found.append(Address(display_name=" ".join(one_line(participant.name).split()), addr_spec=address))
        except (ValueError, IndexError):  # the standard parser's ways of refusing an address
            continue
    return found


def build_message(snapshot, session_file: Path, pdf_file: Path | None) -> EmailMessage:
    """The message to send: subject, plain-text body, the session file and (when given) the PDF pack,
    addressed to the participants whose email addresses are known."""
    session_file = Path(session_file)
    names = [real_file_name(snapshot, session_file.suffix or ".okrw", session_file.stem)]
    if pdf_file is not None:
        names.append(real_file_name(snapshot, ".pdf", Path(pdf_file).stem))
    message = EmailMessage()
    message["Subject"] = subject_for(snapshot)
    if recipients(snapshot):
        message["To"] = ", ".join(str(address) for address in recipients(snapshot))
    message["X-Unsent"] = "1"  # mail programs open an .eml with this as a draft to send
    message.set_content(body_for(snapshot, names, pdf_file is not None), cte="quoted-printable")
    _attach(message, session_file, names[0], "application", "octet-stream")
    if pdf_file is not None:
        _attach(message, Path(pdf_file), names[1], "application", "pdf")
    return message


def write_eml(message: EmailMessage, path: Path) -> Path:
    """Save the message as an .eml draft: a temporary file in the same folder, flushed, renamed."""
    path = Path(path)
    data = message.as_bytes(policy=email_policy.SMTP)  # CRLF line ends, as .eml files have
    try:
        write_atomically(path, lambda handle: handle.write(data), shared=False)
    except OSError as error:
        raise _unwritable(error, path) from None
    return path


def _unwritable(error: OSError, path: Path) -> ReadableError:
    if error.errno == errno.ENOSPC:
        return ReadableError(f"{path.name} could not be saved because the disk is full; free some space "
                             "and try again.")
    if isinstance(error, (PermissionError, FileNotFoundError)) or error.errno == errno.EROFS:
        return ReadableError(f"{path.name} could not be saved in {path.parent.name or path.parent}; "
                             "choose another folder.")
    return ReadableError(f"{path.name} could not be saved ({error.strerror or error}); "
                         "choose another folder.")


def encoded_size(size: int) -> int:
    """Bytes an attachment of `size` bytes takes in a message: base64 (4 per 3) plus a CRLF per line."""
    encoded = 4 * math.ceil(size / 3)
    return encoded + 2 * math.ceil(encoded / BASE64_LINE)


def attachments_too_large(paths: Sequence[Path]) -> bool:
    """Whether the attachments, once encoded, exceed what mail servers commonly accept (~18 MB)."""
    return sum(encoded_size(Path(p).stat().st_size) for p in paths) > MAIL_LIMIT_BYTES


def compose_command(message_path: Path | None, attachments: Sequence[Path], subject: str,
                    body: str, to: Sequence[str] = ()) -> list[str] | None:
    """The command that opens the user's mail program on a new message, or None without `xdg-email`.

    `xdg-email` takes the parts, not a draft, so `message_path` (the .eml written beforehand) is
    what the caller offers instead when this returns None."""
    program = shutil.which("xdg-email")
    if program is None:
        return None
    command = [program, "--utf8", "--subject", subject, "--body", body]
    for attachment in attachments:
        command += ["--attach", str(Path(attachment).resolve())]  # mail programs need absolute paths
    return command + [address for address in to if not address.startswith("-")]

