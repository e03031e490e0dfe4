"""The PDF pack, the roll-up's PDF and the blank worksheets (ARCHITECTURE.md, Outputs), built with ReportLab;
never imports Qt.
"""

from exports.pdf.glyphs import MissingGlyphs
from exports.pdf.output import ExportError, ExportResult
from exports.pdf.pack import build_pack
from exports.pdf.rollup_pack import build_rollup_pack
from exports.pdf.worksheets import build_worksheets

__all__ = ["ExportError", "ExportResult", "MissingGlyphs", "build_pack", "build_rollup_pack", "build_worksheets"]
