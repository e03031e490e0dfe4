"""The plain-text OKR draft of ARCHITECTURE.md, Command line: read it, coach it and report on it (`okr-workshop check`).

The format: one objective per unindented line; its key results below it on indented lines starting
with "-"; "#" starts a comment; blank lines are ignored. Where ARCHITECTURE.md, Command line is silent:

- Any leading whitespace makes a line indented (spaces, tabs or a mix); the depth carries no meaning,
  so editors that mix tabs and spaces never break a draft.
- A line whose first visible character is "#" is a comment. Later in a line, "#" starts a comment only
  after whitespace and before whitespace or the end, so "the #1 choice" and "C#" stay in the text.
- Line endings may be \\n, \\r\\n or \\r; a UTF-8 byte-order mark is ignored.
- A draft larger than 1 MiB is refused before it is decoded (the command line does not even read
  more, `safe_read`), and so is one with NUL bytes or bytes that are not UTF-8: it is not a draft
  someone typed. A UTF-16 draft (what some Windows editors save) is told to be saved as UTF-8.
- A line longer than a session file may hold in one field is refused, so every draft that is
  accepted becomes a workshop that opens again.
- A "-" with nothing after it is refused; an objective without key results is accepted here and the
  set rules of the coach report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from workshop.errors import ReadableError
from workshop.limits import MAX_TEXT_CHARS
from workshop.safe_read import MAX_DRAFT_BYTES
from workshop.coach import (
    ERROR, TIP, WARNING, Finding, SetObjective, review_key_result, review_objective, review_set,
)

_UTF16_BYTE_ORDER_MARKS = (b"\xff\xfe", b"\xfe\xff")
_TRAILING_COMMENT = re.compile(r"\s#(?:\s|$)")


class DraftError(ReadableError):
    """A draft that cannot be read; `str(error)` is one sentence, `line` the 1-based line or None."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class DraftKeyResult:
    """A key result as written in the draft, with its line number."""

    text: str
    line: int


@dataclass(frozen=True)
class DraftObjective:
    """An objective as written in the draft, with its line number and the key results below it."""

    text: str
    line: int
    key_results: list[DraftKeyResult] = field(default_factory=list)


@dataclass(frozen=True)
class Draft:
    """Every objective of a draft, in the order written."""

    objectives: list[DraftObjective]


def parse_draft(data: bytes | str) -> Draft:
    """Read a draft from its bytes or text; raises DraftError naming the line that is wrong."""
    objectives: list[DraftObjective] = []
    for number, raw_line in enumerate(_decode(data).split("\n"), start=1):
        if len(raw_line) > MAX_TEXT_CHARS:
            raise DraftError(f"Line {number} is longer than {MAX_TEXT_CHARS:,} characters, far more than "
                             "an objective or key result; shorten it.", number)
        line = _without_comment(raw_line)
        body = line.strip()
        if not body:
            continue
        if not line[:1].isspace():
            if body.startswith("-"):
                raise DraftError(f'Line {number} starts with "-" but is not indented; '
                                 "indent key results under their objective.", number)
            objectives.append(DraftObjective(body, number))
            continue
        if not body.startswith("-"):
            raise DraftError(f'Line {number} is indented but does not start with "-"; only key results '
                             'are indented, each starting with "-".', number)
        text = body[1:].strip()
        if not text:
            raise DraftError(f'Line {number} has a "-" with no key result after it.', number)
        if not objectives:
            raise DraftError(f"Line {number} is a key result with no objective above it; "
                             "write the objective first, on an unindented line.", number)
        objectives[-1].key_results.append(DraftKeyResult(text, number))
    if not objectives:
        raise DraftError("The draft has no objectives; write each objective on its own unindented line.")
    return Draft(objectives)


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        if len(data) > MAX_DRAFT_BYTES or len(data.encode("utf-8", "surrogatepass")) > MAX_DRAFT_BYTES:
            raise _too_large()
        if "\x00" in data:
            raise _binary(_line_at(data, data.index("\x00")))
        try:
            data.encode("utf-8")
        except UnicodeEncodeError as error:  # lone surrogates: bytes that were never UTF-8
            raise _not_utf8(_line_at(data, error.start)) from None
        text = data.removeprefix("\ufeff")
    else:
        raw = bytes(data)
        if len(raw) > MAX_DRAFT_BYTES:
            raise _too_large()
        if raw.startswith(_UTF16_BYTE_ORDER_MARKS) or _looks_like_utf16(raw):
            raise DraftError("The draft is saved as UTF-16; save it as UTF-8 plain text and try again.")
        if b"\x00" in raw:
            raise _binary(raw.count(b"\n", 0, raw.index(b"\x00")) + 1)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise _not_utf8(raw.count(b"\n", 0, error.start) + 1) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_like_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: Latin text with every other byte NUL."""
    sample = raw[:512]
    if len(sample) < 4:
        return False
    evens, odds = sample[0::2], sample[1::2]
    return evens.count(0) > len(evens) * 0.9 or odds.count(0) > len(odds) * 0.9


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _too_large() -> DraftError:
    return DraftError("The draft is larger than 1 MB, which is far more than a page of OKRs; "
                      "check that this is the right file.")


def _binary(line: int) -> DraftError:
    return DraftError(f"Line {line} contains a NUL byte, so this is a binary file, "
                      "not a plain-text draft.", line)


def _not_utf8(line: int) -> DraftError:
    return DraftError(f"Line {line} is not valid UTF-8 text; save the draft as UTF-8 plain text "
                      "and try again.", line)


def _without_comment(line: str) -> str:
    if line.lstrip().startswith("#"):
        return ""
    comment = _TRAILING_COMMENT.search(line)
    return line[:comment.start()] if comment else line


# --- the check report (`okr-workshop check [--json]`) --------------------------------------------

def _finding_entry(finding: Finding) -> dict[str, str]:
    return {"code": finding.code, "severity": finding.severity, "message": finding.message}


def _item_entry(kind: str, line: int, text: str, findings: list[Finding]) -> dict[str, Any]:
    return {"kind": kind, "line": line, "text": text,
            "findings": [_finding_entry(found) for found in findings]}


def check_report(draft: Draft) -> dict[str, Any]:
    """The coach's findings for every item and for the set, in the `check --json` shape of ARCHITECTURE.md,
    Command line.

    A draft says nothing about alignment, so the set is reviewed without a cascade model.
    """
    items: list[dict[str, Any]] = []
    for objective in draft.objectives:
        items.append(_item_entry("objective", objective.line, objective.text,
                                 review_objective(objective.text)))
        for key_result in objective.key_results:
            items.append(_item_entry("key_result", key_result.line, key_result.text,
                                     review_key_result(key_result.text)))
    set_objectives = [SetObjective(objective.text, len(objective.key_results), aligned=False)
                      for objective in draft.objectives]
    set_findings = review_set(set_objectives, cascade_model="")
    return {"items": items, "set": [_finding_entry(found) for found in set_findings]}


def _all_findings(report: dict[str, Any]) -> list[dict[str, str]]:
    return [found for item in report["items"] for found in item["findings"]] + list(report["set"])


def report_needs_work(report: dict[str, Any]) -> bool:
    """True when any item or the set has an error or a warning (the `check` exit code 1)."""
    return any(found["severity"] in (ERROR, WARNING) for found in _all_findings(report))


def _counted(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def format_report_text(report: dict[str, Any]) -> str:
    """The report for a terminal: one line per finding, then a summary line."""
    lines = [f"line {item['line']}: {found['severity']} {found['code']}: {found['message']}"
             for item in report["items"] for found in item["findings"]]
    lines += [f"set: {found['severity']} {found['code']}: {found['message']}" for found in report["set"]]
    severities = [found["severity"] for found in _all_findings(report)]
    kinds = [item["kind"] for item in report["items"]]
    verdict = "needs work" if report_needs_work(report) else "looks good"
    lines.append(
        f"{_counted(kinds.count('objective'), 'objective', 'objectives')}, "
        f"{_counted(kinds.count('key_result'), 'key result', 'key results')}: "
        f"{_counted(severities.count(ERROR), 'error', 'errors')}, "
        f"{_counted(severities.count(WARNING), 'warning', 'warnings')}, "
        f"{_counted(severities.count(TIP), 'tip', 'tips')} — {verdict}."
    )
    return "\n".join(lines)
