"""The projector fits by construction (ARCHITECTURE.md, Screens and In the room): at every size and aspect ratio, on every page
of every step, no block leaves the window or overlaps another, and no ink falls outside the blocks."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter

from tests.projector_fixtures import write_stress_workshop
from ui import projector_content
from ui.projector_content import RoomItem, RoomScreen
from ui.projector_layout import BODY_MIN_SHARE, TIMER_DIGIT_SHARE, lay_out
from ui.projector_paint import TimerFace, paint_room
from ui.theme import ROOM
from workshop.session import open_session

pytestmark = pytest.mark.gui

SIZES = [(1024, 768), (1280, 720), (1920, 1080), (3840, 2160), (1280, 800)]
# Every page of both workshops, painted unclipped; 4K takes about 20 s on a busy machine.
INK_SIZES = [pytest.param(s, marks=pytest.mark.slow) if s == (3840, 2160) else s for s in SIZES]


@pytest.fixture(scope="module")
def workshops(tmp_path_factory, qapp):
    from workshop.demo import write_demo

    folder = tmp_path_factory.mktemp("room")
    write_demo(folder / "demo.okrw").store.close()
    write_stress_workshop(folder / "stress.okrw")
    services = {name: open_session(folder / f"{name}.okrw", read_only=True) for name in ("demo", "stress")}
    yield {name: projector_content.all_screens(service) for name, service in services.items()}
    for service in services.values():
        service.store.close()


def assert_fits(layout, width, height):
    window = QRectF(0, 0, width, height)
    for page in range(layout.page_count):
        blocks = layout.blocks(page)
        for block in blocks:
            assert window.contains(block.rect), (block.kind, block.rect, page)
            assert block.rect.width() > 0 and block.rect.height() > 0, block.kind
        for first, second in itertools.combinations(blocks, 2):
            assert not first.rect.intersects(second.rect), (first.kind, first.rect, second.kind, second.rect, page)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", ["demo", "stress"])
def test_no_block_leaves_the_window_or_overlaps_another(workshops, name, size):
    width, height = size
    for screen in workshops[name]:
        layout = lay_out(screen, width, height, "30:00")
        assert_fits(layout, width, height)
        shown = sum(1 for page in layout.pages for block in page if block.kind == "item")
        assert shown == len(screen.items), f"step {screen.step}: every item is on some page"
        assert layout.body_pixels >= height * BODY_MIN_SHARE
        for page in layout.pages:
            for block in page:
                assert block.document.defaultFont().pixelSize() >= height * BODY_MIN_SHARE
        if screen.step:
            timer = next(b for b in layout.header if b.kind == "timer")
            digit = QFontMetricsF(timer.font).tightBoundingRect("0").height()
            assert digit >= height * TIMER_DIGIT_SHARE


def ink_outside_blocks(layout, page, width, height) -> bool:
    """Paint the page unclipped, cover every block with the background: anything left is ink that
    did not fit its block (text the room would see cut off or printed over another block)."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint_room(painter, layout, page, TimerFace("+88:88", "Time is nearly up", "warning"), ("objective", 1),
               clip=False)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for block in layout.blocks(page):
        painter.fillRect(block.rect.toAlignedRect(), QColor(ROOM["background"]))  # antialiased edges too
    painter.end()
    blank = QImage(width, height, QImage.Format.Format_RGB32)
    blank.fill(QColor(ROOM["background"]))
    return image != blank


@pytest.mark.parametrize("size", INK_SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_painted_pixel_lies_inside_its_block(workshops, size):
    width, height = size
    for screen in workshops["stress"] + workshops["demo"]:
        layout = lay_out(screen, width, height, "+88:88")
        assert_fits(layout, width, height)
        for page in range(layout.page_count):
            assert not ink_outside_blocks(layout, page, width, height), (screen.step, page)


def test_the_ink_check_sees_text_that_does_not_fit_its_block(workshops):
    layout = lay_out(workshops["demo"][2], 1280, 720, "30:00")
    title = next(block for block in layout.header if block.kind == "title")
    title.rect.setHeight(title.rect.height() / 2)  # as if the layout had left room for one line
    assert ink_outside_blocks(layout, 0, 1280, 720)


def test_a_title_too_long_for_two_lines_is_shrunk_then_elided(qapp):
    item = RoomItem("body")
    short = RoomScreen(2, "How do we connect to company goals?", "Step 2 of 6 · Cascade model", "Step 2 of 6", "",
                       (item,))
    long = RoomScreen(2, "Connect " * 60, "Step 2 of 6 · Cascade model", "Step 2 of 6", "", (item,))
    for width, height in SIZES:
        title = next(b for b in lay_out(short, width, height, "10:00").header if b.kind == "title")
        assert "".join(title.lines).replace(" ", "") == short.title.replace(" ", ""), (width, title.lines)
        assert len(title.lines) <= 2
        layout = lay_out(long, width, height, "10:00")
        title = next(b for b in layout.header if b.kind == "title")
        assert len(title.lines) <= 2 and title.lines[-1].endswith("…")
        assert title.font.pixelSize() >= height * BODY_MIN_SHARE
        assert_fits(layout, width, height)


def test_an_item_taller_than_a_page_is_shortened_not_cut(qapp):
    huge = RoomItem("word " * 2000, focus=("objective", 1))
    screen = RoomScreen(3, "Our objectives", "Step 3 of 6", "Step 3 of 6", "Verb + what", (huge, RoomItem("next")))
    layout = lay_out(screen, 1024, 768, "25:00")
    assert_fits(layout, 1024, 768)
    assert sum(1 for page in layout.pages for block in page) == 2  # both items, the huge one shortened
    first = layout.pages[0][0].document.toPlainText()
    assert first.endswith("…") and len(first) < 2000 * 5


def test_after_a_keystroke_only_the_edited_item_is_laid_out_again(qapp):
    """The layout that follows an edit reuses every unchanged item's document (the projector's next
    frame stays within one refresh), and the edited item shows its new words."""
    def screen(first: str) -> RoomScreen:
        items = (RoomItem(first, focus=("objective", 1)),) + tuple(RoomItem(f"Key result {n} from 1 to 2")
                                                                     for n in range(8))
        return RoomScreen(4, "Key results", "Step 4 of 6", "Step 4 of 6", "Verb + measure", items)

    def documents(layout):
        return [block.document for page in layout.pages for block in page if block.kind == "item"]

    before = documents(lay_out(screen("Make onboarding calm"), 1280, 720, "25:00"))
    after = documents(lay_out(screen("Make onboarding calmer"), 1280, 720, "25:00"))
    assert after[0] is not before[0] and after[0].toPlainText() == "Make onboarding calmer"
    assert before[0].toPlainText() == "Make onboarding calm"  # what an older frame drew is untouched
    assert all(new is old for new, old in zip(after[1:], before[1:])) and len(after) == 9


@pytest.mark.parametrize("timer", ["+88:88", "+100:00"])
def test_long_overtime_and_odd_shapes_still_fit(workshops, timer):
    for width, height in [(1024, 768), (1024, 1280), (480, 270), (3840, 1080)]:
        for screen in workshops["demo"]:
            assert_fits(lay_out(screen, width, height, timer), width, height)


def test_in_overtime_on_4_3_every_title_stays_whole_beside_large_digits(workshops):
    for screen in workshops["demo"]:
        layout = lay_out(screen, 1024, 768, "+88:88")
        title = next(b for b in layout.header if b.kind == "title")
        assert not title.lines[-1].endswith("…"), title.lines
        if screen.step:
            timer = next(b for b in layout.header if b.kind == "timer")
            assert QFontMetricsF(timer.font).tightBoundingRect("0").height() >= 768 * TIMER_DIGIT_SHARE
