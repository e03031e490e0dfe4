"""The facilitator window's side panel: sections that fold away to make room on a small laptop.

Each section (what the room sees, notes for the facilitator, the coach) has a header button that
folds it; folded sections give their height to the open ones, and which ones are open is
remembered on this machine. The presenter view (thumbnails of the room's screen, built in
`ui.presenter_view`) goes in with `set_presenter_view`, at the top.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy, QToolButton, QVBoxLayout, QWidget

from ui import preferences


class Section(QWidget):
    """A header that folds and unfolds one widget; `key` names it in the settings."""

    def __init__(self, key: str, title: str, body: QWidget, stretch: int, open_by_default: bool = True):
        super().__init__()
        self.key, self.body, self.stretch = key, body, stretch
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.header = QToolButton(objectName="sectionHeader")
        self.header.setText(title)
        self.header.setCheckable(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.header.setAccessibleName(title)
        layout.addWidget(self.header)
        layout.addWidget(body, 1)
        self.header.toggled.connect(self._fold)
        self.header.setChecked(preferences.section_open(key, open_by_default))
        self._fold(self.header.isChecked(), remember=False)

    def is_open(self) -> bool:
        return self.header.isChecked()

    def _fold(self, is_open: bool, remember: bool = True) -> None:
        self.body.setVisible(is_open)
        self.header.setArrowType(Qt.ArrowType.DownArrow if is_open else Qt.ArrowType.RightArrow)
        grows = is_open and self.stretch > 0  # a section of weight 0 keeps its natural height
        self.setSizePolicy(QSizePolicy.Policy.Preferred,
                           QSizePolicy.Policy.Expanding if grows else
                           QSizePolicy.Policy.Preferred if is_open else QSizePolicy.Policy.Fixed)
        panel = self.parentWidget()
        if isinstance(panel, SidePanel):
            panel.share_height()
        if remember:
            preferences.set_section_open(self.key, is_open)


class SidePanel(QWidget):
    """Notes and coach (and, once added, the presenter view) in folding sections."""

    def __init__(self, notes: QWidget, coach: QWidget, notes_title: str, coach_title: str):
        super().__init__(objectName="sidePanel")
        self.setMinimumWidth(220)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self.sections: dict[str, Section] = {}
        self._layout.addStretch(0)  # takes the height only when every section is folded
        self.add_section(Section("notes", notes_title, notes, 2))  # in the meeting, notes matter most
        self.add_section(Section("coach", coach_title, coach, 1))

    def add_section(self, section: Section, index: int = -1) -> None:
        self.sections[section.key] = section
        self._layout.insertWidget(index if index >= 0 else self._layout.count() - 1, section)
        self.share_height()

    def set_presenter_view(self, view: QWidget, title: str) -> None:
        """Put the thumbnails of what the room sees (now and next) at the top of the panel."""
        self.add_section(Section("room", title, view, 0), index=0)  # thumbnails keep their own height

    def share_height(self) -> None:
        """Open sections share the height by their weights; folded ones take only their header."""
        for index in range(self._layout.count()):
            section = self._layout.itemAt(index).widget()
            if isinstance(section, Section):
                self._layout.setStretch(index, section.stretch if section.is_open() else 0)
        nothing_grows = not any(s.is_open() and s.stretch > 0 for s in self.sections.values())
        self._layout.setStretch(self._layout.count() - 1, 1 if nothing_grows else 0)  # headers stay on top
