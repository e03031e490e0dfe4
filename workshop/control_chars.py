"""Control characters in text that came from a received file, made harmless where text leaves the app.

A team name can hold anything a file can: ESC sequences that clear a terminal or set its clipboard,
CR/LF that would start a new mail header, NUL, line and paragraph separators. Where such text is
printed (the command line) it is escaped the way JSON escapes it, so nothing is lost and nothing is
obeyed; where it goes into one line of a format (a mail subject, a calendar title) it is removed.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the Unicode line and paragraph separators (new lines to many programs).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROLS_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_LINE_BREAKS = re.compile("[\r\n\u2028\u2029\x85\x0b\x0c]+")


def escape_controls(text: str, keep_newlines: bool = False) -> str:
    """Every control character as `\\uXXXX` (as JSON writes it); real newlines kept if asked."""
    pattern = _CONTROLS_BUT_NEWLINE if keep_newlines else _CONTROLS
    return pattern.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def one_line(text: str) -> str:
    """The text on one line: line breaks become a space, other control characters go."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub(" ", text))


def without_controls(text: str) -> str:
    """Multi-line text with line breaks kept as \\n and every other control character removed."""
    return _CONTROLS_BUT_NEWLINE.sub("", _LINE_BREAKS.sub("\n", text.replace("\r\n", "\n")))
