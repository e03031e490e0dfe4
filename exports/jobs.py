"""Export jobs as plain functions a worker process can run: the GUI imports this light module and
sends references to these functions, so ReportLab is only ever imported inside the worker.

`worker_started` runs first in every worker: the worker must end with the app however the app ends.
Quit and SIGTERM are handled in the app (it stops the pool); a SIGKILL gives the app no chance, so
on Linux the worker asks the kernel to send it SIGKILL when its parent dies (PR_SET_PDEATHSIG),
and checks the parent did not die before that request took effect.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


WORKER_NICENESS = 10  # the window the facilitator is using comes first when both want a core


def worker_started(parent_pid: int | None = None) -> None:
    """Tie this worker's life to its parent's (see the module's docstring) and let the app's own
    process have the CPU first, so a long export never makes the window stutter."""
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
    if not sys.platform.startswith("linux"):
        return  # elsewhere the worker reads EOF on its pipe when the parent dies, and ends
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)  # the parent died before the request above: nobody is left to wait for us


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
