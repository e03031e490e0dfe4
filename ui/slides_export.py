"""Slides as files: every projector page of every step, painted by the projector's own code.

A handout for people who join remotely and a way to check the layout (ARCHITECTURE.md, Command line `slides`). The
screens are built from the workshop first (plain data); painting them needs no window and no GUI
thread, so the File menu runs it in a worker thread while the command line runs it directly.
PNG pages are named so they sort in meeting order ("01-overview-03.png"); a PDF gets one page per
slide, drawn as vector text through QPdfWriter with the same painter code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from workshop import agenda
from workshop.timer import format_clock

from ui import projector_content
from ui.projector_layout import lay_out
from ui.projector_paint import TimerFace, paint_room

DEFAULT_SIZE = (1920, 1080)
SIZE_LIMITS = ((320, 7680), (240, 4320))
PDF_DPI = 96  # one PDF unit per pixel of the projector the pages were laid out for


def tr(text: str) -> str:
    return QCoreApplication.translate("Slides", text)


class RowsView:
    """Rows of a validated file, read-only, answering what `projector_content` asks of a service."""

    def __init__(self, rows_by_table: dict[type, list]):
        self._rows = rows_by_table

    @property
    def details(self):
        from workshop import models

        return self._rows[models.Workshop][0]

    def rows(self, table: type) -> list:
        return list(self._rows.get(table, []))

    def children(self, table: type, field: str, parent_id: int) -> list:
        return [row for row in self.rows(table) if getattr(row, field) == parent_id]


@dataclass(frozen=True)
class SlideDeck:
    """The screens of a workshop and the planned minutes of each step (the timer on a handout)."""

    screens: tuple[projector_content.RoomScreen, ...]
    planned_minutes: dict[int, int]


def build_deck(service) -> SlideDeck:
    """Read everything the slides need from `service` (a WorkshopService or a RowsView)."""
    from workshop import models

    planned = {step.id: step.planned_minutes for step in service.rows(models.AgendaStep)}
    return SlideDeck(tuple(projector_content.all_screens(service)), planned)


def parse_size(text: str) -> tuple[int, int]:
    """"1920x1080" as (1920, 1080); a ValueError with one sentence for anything else."""
    match = re.fullmatch(r"\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*", text or "")
    (low_w, high_w), (low_h, high_h) = SIZE_LIMITS
    if not match or not (low_w <= int(match[1]) <= high_w and low_h <= int(match[2]) <= high_h):
        raise ValueError(f"Give the size as WIDTHxHEIGHT between {low_w}x{low_h} and {high_w}x{high_h}, "
                         "for example 1920x1080.")
    return int(match[1]), int(match[2])


def _slug(step: int) -> str:
    return re.sub(r"[^a-z0-9]+", "-", agenda.step_info(step).title.lower()).strip("-")


def _pages(deck: SlideDeck, width: int, height: int):
    """(file stem, layout, page, timer face) for every page, in meeting order."""
    counters: dict[int, int] = {}
    for screen in deck.screens:
        timer = None
        if screen.step:
            timer = TimerFace(format_clock(deck.planned_minutes.get(screen.step, 0) * 60), tr("Planned time"))
        layout = lay_out(screen, width, height, timer.text if timer else "")
        for page in range(layout.page_count):
            counters[screen.step] = counters.get(screen.step, 0) + 1
            yield f"{screen.step:02d}-{_slug(screen.step)}-{counters[screen.step]:02d}", layout, page, timer


def png_names(deck: SlideDeck, size: tuple[int, int]) -> list[str]:
    return [f"{stem}.png" for stem, *_ in _pages(deck, *size)]


def write_pngs(deck: SlideDeck, folder: Path, size: tuple[int, int] = DEFAULT_SIZE) -> list[Path]:
    """One PNG per page in `folder` (created when missing); returns the files written, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, layout, page, timer in _pages(deck, *size):
        image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
        painter = QPainter(image)
        paint_room(painter, layout, page, timer)
        painter.end()
        path = folder / f"{stem}.png"
        if not image.save(str(path), "PNG"):
            raise OSError(f"{path} could not be written.")
        written.append(path)
    return written


def write_pdf(deck: SlideDeck, path: Path, size: tuple[int, int] = DEFAULT_SIZE) -> int:
    """Every page into one PDF at `path`; returns the number of pages."""
    width, height = size
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    points = QSizeF(width * 72 / PDF_DPI, height * 72 / PDF_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(points, QPageSize.Unit.Point, "slide"),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(tr("OKR workshop slides"))
    writer.setCreator("OKR Workshop")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"{path} could not be written.")
    count = 0
    for _stem, layout, page, timer in _pages(deck, width, height):
        if count:
            writer.newPage()
        paint_room(painter, layout, page, timer)
        count += 1
    painter.end()
    return count
