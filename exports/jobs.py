"""Export jobs as plain functions a worker process can run: the GUI imports this light module and
sends references to these functions, so ReportLab is only ever imported inside the worker."""

from __future__ import annotations

from pathlib import Path


def warm_up() -> None:
    """Load ReportLab and register the fonts before the first export needs them."""
    from exports.pdf.fonts import register_fonts

    register_fonts()


def pdf_pack(snapshot, path: Path, paper: str):
    from exports.pdf import build_pack

    return build_pack(snapshot, path, paper=paper)


def pdf_worksheets(path: Path, paper: str, team: str, period: str):
    from exports.pdf import build_worksheets

    return build_worksheets(path, paper=paper, team=team, period=period)


def pdf_report(snapshot, path: Path, paper: str):
    from exports.pdf.report import build_report

    return build_report(snapshot, path, paper=paper)
