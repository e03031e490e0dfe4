"""`okr-workshop slides` (ARCHITECTURE.md, The command line): every projector page of every step as PNG files or one PDF,
painted by the projector's code; exit codes and refusals; and the pages read back by OCR."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
from PySide6.QtGui import QImage

from tests.projector_fixtures import KEY_RESULT_TEMPLATES, NEXT_STEPS, OBJECTIVES, stress_rows, write_stress_workshop
from tests.test_cli import assert_one_line_refusal, run
from ui.room_words import moment_text
from workshop import models


@pytest.fixture
def stress_file(tmp_path):
    return write_stress_workshop(tmp_path / "stress.okrw")


def test_png_pages_sort_in_meeting_order_at_the_size_asked(tmp_path, demo_file):
    folder = tmp_path / "new" / "slides"
    result = run("slides", demo_file, "--png", folder, "--size", "1280x720")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names[0] == "00-preparation-01.png" and names[1] == "01-overview-01.png"
    assert names[-1].startswith("06-wrap-up-")
    steps = [int(name[:2]) for name in names]
    assert steps == sorted(steps) and set(steps) == set(range(7))
    assert len([n for n in names if n.startswith("01-")]) >= 12  # every overview slide
    image = QImage(str(folder / names[1]))
    assert (image.width(), image.height()) == (1280, 720)
    assert f"Wrote {len(names)} slides" in result.stdout
    assert_one_line_refusal(run("slides", demo_file, "--png", folder, "--size", "1280x720"))  # would overwrite
    assert run("slides", demo_file, "--png", folder, "--size", "1280x720", "--force").returncode == 0


def test_pdf_has_one_page_per_slide_and_refuses_to_overwrite(tmp_path, demo_file):
    pdfplumber = pytest.importorskip("pdfplumber")
    out = tmp_path / "slides.pdf"
    assert run("slides", demo_file, "--pdf", out).returncode == 0
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 20
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (1440, 810)  # 1920x1080 at 96 dpi
        agenda = pdf.pages[1].extract_text()
        assert "Today's agenda" in agenda and "minutes in total" in agenda
    assert_one_line_refusal(run("slides", demo_file, "--pdf", out))
    assert run("slides", demo_file, "--pdf", out, "--force").returncode == 0


@pytest.mark.parametrize("args", [
    ("--size", "1920"), ("--size", "100x100"), ("--pdf", "{input}"), (), ("--pdf", "a.pdf", "--png", "d"),
])
def test_slides_refusals_are_one_sentence(tmp_path, demo_file, args):
    before = demo_file.read_bytes()
    args = [str(demo_file) if a == "{input}" else a for a in args]
    if "--pdf" not in args and "--png" not in args:
        args += ["--png", str(tmp_path / "out")] if args else []
    assert_one_line_refusal(run("slides", demo_file, *args))
    assert demo_file.read_bytes() == before


def test_slides_of_a_file_that_is_not_a_workshop(tmp_path):
    bad = tmp_path / "bad.okrw"
    bad.write_bytes(b"not a session")
    assert_one_line_refusal(run("slides", bad, "--png", tmp_path / "out"))
    assert not (tmp_path / "out").exists()


# -- reading the pages back ------------------------------------------------------------------------


def ocr_words(png) -> list[str]:
    """Tesseract's reading of a dark projector page: grey, negated, upscaled 2× (TOOLCHAIN.md)."""
    prepared = png.with_suffix(".ocr.png")
    subprocess.run(["convert", str(png), "-colorspace", "gray", "-negate", "-resize", "200%", str(prepared)],
                   check=True, timeout=60)
    text = subprocess.run(["tesseract", str(prepared), "-", "-l", "eng+rus"], capture_output=True, text=True,
                          check=True, timeout=120).stdout
    return text.split()


def appears_whole(expected: str, words: list[str]) -> bool:
    """A window of the page's words reads like `expected` (difflib ratio ≥ 0.85 absorbs OCR noise)."""
    size = len(expected.split())
    for start in range(max(1, len(words) - size + 1)):
        window = " ".join(words[start:start + size])
        if difflib.SequenceMatcher(None, window, expected).ratio() >= 0.85:
            return True
    return False


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("tesseract") and shutil.which("convert")), reason="needs tesseract")
def test_every_item_of_the_stress_workshop_reads_back_whole(tmp_path, stress_file):
    folder = tmp_path / "png"
    assert run("slides", stress_file, "--png", folder, "--size", "1024x768").returncode == 0
    # Key results (objectives and their key results), cadence, wrap-up: read two pages at a time
    # until every item has been seen.
    pages = sorted(p for p in folder.glob("0[4-6]-*.png"))
    rows = stress_rows()
    latin_or_cyrillic = [o for o in OBJECTIVES if not any("\u0370" <= c <= "\u03ff" for c in o)]
    expected = latin_or_cyrillic + [kr["text"] for kr in rows[models.KeyResult]]
    expected += [what for what, _who, _days in NEXT_STEPS]
    expected += [f"{moment_text(e['starts_at'])} {e['title']} · {e['minutes']} min"  # as the room reads dates
                 for e in rows[models.ReviewEvent]]
    assert len(expected) == 4 + 25 + len(NEXT_STEPS) + 17 and KEY_RESULT_TEMPLATES
    missing = list(expected)
    with ThreadPoolExecutor(max_workers=2) as pool:
        for start in range(0, len(pages), 2):
            for words in pool.map(ocr_words, pages[start:start + 2]):
                missing = [text for text in missing if not appears_whole(text, words)]
            if not missing:
                break
    assert not missing, missing
