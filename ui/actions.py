"""Every action of the app, created in one place from a table keyed by `ActionId` (ARCHITECTURE.md, Screens).

Each action has a label (also its accessible name), standard or facilitation shortcuts, and
auto-repeat off for facilitation keys so a held clicker button cannot skip three slides. Menus,
buttons and tests look actions up by id; nobody builds a QAction of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.translation import translator


class ActionId(Enum):
    NEW = auto()
    OPEN = auto()
    SAVE_AS = auto()
    CLOSE = auto()
    QUIT = auto()
    UNDO = auto()
    REDO = auto()
    NEXT = auto()
    PREVIOUS = auto()
    NEXT_STEP = auto()
    PREVIOUS_STEP = auto()
    START_PAUSE = auto()
    ADD_MINUTE = auto()
    REMOVE_MINUTE = auto()
    ADD_FIVE_MINUTES = auto()
    RESET_TIMER = auto()
    MUTE_CHIME = auto()
    PRESENT = auto()
    STOP_PRESENTING = auto()
    BLANK = auto()
    EXPORT_CALENDAR = auto()
    EXPORT_PDF = auto()
    EXPORT_SLIDES = auto()
    EXPORT_WORKSHEETS = auto()
    PASTE_OKRS = auto()
    SHARE = auto()
    IMPORT_TEAMS = auto()
    MARK_DONE = auto()
    SIDE_PANEL = auto()
    SWAP_SCREENS = auto()
    EXPORT_REPORT = auto()
    IMPORT_VALUES = auto()
    NEXT_PERIOD = auto()


@dataclass(frozen=True)
class ActionSpec:
    label: str
    shortcuts: tuple = ()
    checkable: bool = False
    facilitation: bool = False  # a meeting-room key: no auto-repeat, works from any focus
    tip: str = ""


_tr = translator("Actions")


K = QKeySequence
SPECS: dict[ActionId, ActionSpec] = {
    ActionId.NEW: ActionSpec("New workshop", (K.StandardKey.New,)),
    ActionId.OPEN: ActionSpec("Open…", (K.StandardKey.Open,)),
    ActionId.SAVE_AS: ActionSpec("Save As…", (K.StandardKey.SaveAs, K("Ctrl+S"))),
    ActionId.CLOSE: ActionSpec("Close workshop", (K.StandardKey.Close,)),
    ActionId.QUIT: ActionSpec("Quit", (K.StandardKey.Quit,)),
    ActionId.UNDO: ActionSpec("Undo", (K.StandardKey.Undo,)),
    ActionId.REDO: ActionSpec("Redo", (K("Ctrl+Shift+Z"), K.StandardKey.Redo)),
    ActionId.NEXT: ActionSpec("Next", (K(Qt.Key.Key_PageDown),), facilitation=True,
                              tip="The projector's next page, then the next slide, then the next step"),
    ActionId.PREVIOUS: ActionSpec("Previous", (K(Qt.Key.Key_PageUp),), facilitation=True,
                                  tip="The projector's previous page, then the previous slide or step"),
    ActionId.NEXT_STEP: ActionSpec("Next step", (K("Alt+Right"),), facilitation=True),
    ActionId.PREVIOUS_STEP: ActionSpec("Previous step", (K("Alt+Left"),), facilitation=True),
    ActionId.START_PAUSE: ActionSpec("Start timer", (K("Ctrl+Space"),), facilitation=True),
    ActionId.ADD_MINUTE: ActionSpec("Add one minute", (K("Ctrl++"), K("Ctrl+=")), facilitation=True),
    ActionId.REMOVE_MINUTE: ActionSpec("Remove one minute", (K("Ctrl+-"),), facilitation=True),
    ActionId.ADD_FIVE_MINUTES: ActionSpec("Add five minutes", (K("Ctrl+5"),), facilitation=True),
    ActionId.MARK_DONE: ActionSpec("Mark step done", (K("Ctrl+D"),), checkable=True,
                                   tip="A step counts as done once its timer ran, or when you mark it"),
    ActionId.RESET_TIMER: ActionSpec("Reset timer", (), facilitation=True,
                                     tip="Give the step its whole time back (Undo brings the used time back)"),
    ActionId.MUTE_CHIME: ActionSpec("Mute chime", (), checkable=True),
    ActionId.PRESENT: ActionSpec("Present", (K(Qt.Key.Key_F5),), facilitation=True,
                                 tip="Show the projector window full screen; again to stop"),
    ActionId.STOP_PRESENTING: ActionSpec("Stop presenting", (K(Qt.Key.Key_Escape),), facilitation=True),
    ActionId.BLANK: ActionSpec("Blank projector", (K("Ctrl+B"),), checkable=True, facilitation=True),
    ActionId.SWAP_SCREENS: ActionSpec("Swap laptop and projector screens", (),
                                      tip="This window goes to the projector's screen and the room's view to this one"),
    ActionId.SIDE_PANEL: ActionSpec("Notes and coach panel", (K("F9"),), checkable=True),
    ActionId.EXPORT_CALENDAR: ActionSpec("Export calendar…", ()),
    ActionId.EXPORT_PDF: ActionSpec("Export PDF pack…", (K("Ctrl+P"),)),
    ActionId.EXPORT_SLIDES: ActionSpec("Export slides…", (),
                                       tip="Every projector page as one PDF, for people who join remotely"),
    ActionId.EXPORT_WORKSHEETS: ActionSpec("Export blank worksheets…", ()),
    ActionId.PASTE_OKRS: ActionSpec("Paste OKRs…", (K("Ctrl+Shift+V"),)),
    ActionId.SHARE: ActionSpec("Share by email…", (K("Ctrl+Shift+E"),)),
    ActionId.IMPORT_TEAMS: ActionSpec("Import team files…", (),
                                      tip="Roll several teams' workshops up under the company objectives"),
    ActionId.EXPORT_REPORT: ActionSpec("Export quarter report…", (),
                                       tip="Progress, charts, check-in notes, scores and the retrospective as a PDF"),
    ActionId.IMPORT_VALUES: ActionSpec("Import values…", (),
                                       tip="Record one check-in from a CSV file: key_result,value,date"),
    ActionId.NEXT_PERIOD: ActionSpec("Start next period from this workshop…", (),
                                     tip="A new workshop file with the team, company OKRs and unfinished goals"),
}

# The File menu's requests a window hands to the app controller, by the name of their ActionId.
FILE_REQUESTS = ("new", "open", "save_as", "import_teams", "close", "quit")

# Single keys of ARCHITECTURE.md, Screens that only apply while no text field has focus (they would eat typing):
# Right/Left, Space, B, +/- . The window routes them (see FacilitatorWindow.keyPressEvent).
BARE_KEYS: dict[int, ActionId] = {
    Qt.Key.Key_Right: ActionId.NEXT,
    Qt.Key.Key_Left: ActionId.PREVIOUS,
    Qt.Key.Key_Space: ActionId.START_PAUSE,
    Qt.Key.Key_B: ActionId.BLANK,
    Qt.Key.Key_Plus: ActionId.ADD_MINUTE,
    Qt.Key.Key_Equal: ActionId.ADD_MINUTE,
    Qt.Key.Key_Minus: ActionId.REMOVE_MINUTE,
}


def create_actions(parent) -> dict[ActionId, QAction]:
    """One QAction per id, owned by `parent` (the facilitator window)."""
    actions = {}
    for action_id, spec in SPECS.items():
        action = QAction(_tr(spec.label), parent)
        action.setObjectName(action_id.name.lower())
        action.setShortcuts([K(s) for s in spec.shortcuts])
        action.setCheckable(spec.checkable)
        if spec.tip:
            action.setToolTip(_tr(spec.tip))
        if spec.facilitation:
            action.setAutoRepeat(False)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        actions[action_id] = action
    return actions


def connect_undo_actions(actions: dict[ActionId, QAction], stack) -> None:
    """Undo and Redo act on `stack` and are enabled only when it has something to undo or redo."""
    undo, redo = actions[ActionId.UNDO], actions[ActionId.REDO]
    undo.triggered.connect(stack.undo)
    redo.triggered.connect(stack.redo)
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    undo.setEnabled(stack.canUndo())
    redo.setEnabled(stack.canRedo())
