"""One way to translate a text outside a QObject's own `self.tr`: a module's `_tr`.

`_tr = translator("PasteOkrs")` gives a function that translates in that context, so module-level
helpers (phrases, labels of actions, sentences built before any widget exists) are translated as
widgets' texts are, and a translation tool finds them under one context per module.
"""

from __future__ import annotations

from functools import partial
from typing import Callable

from PySide6.QtCore import QCoreApplication


def translator(context: str) -> Callable[[str], str]:
    """The `_tr` of a module whose texts belong to `context`."""
    return partial(QCoreApplication.translate, context)
