"""The app ends whole, however it ends: its export worker and helper processes go with it.

Before, after SIGTERM the export worker and multiprocessing's resource tracker were re-parented to
PID 1 and waited forever on a pipe. The app is started as a person would start it (a real process
on the offscreen platform), left until its export worker is running, then ended.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def _app_with_its_worker(demo_file: Path, tmp_path: Path) -> tuple[subprocess.Popen, set[int]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "QT_API": "pyside6"}
    with (tmp_path / "stderr.txt").open("wb") as stderr:
        app = subprocess.Popen([sys.executable, str(ROOT / "main.py"), str(demo_file)], env=env,
                               stdout=subprocess.DEVNULL, stderr=stderr)
    # The worker is warmed a few seconds after a workshop opens; wait for it and its resource tracker.
    assert _wait_for(lambda: len(_children_of(app.pid)) >= 2, 60), "the export worker never started"
    return app, _children_of(app.pid)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_ending_the_app_ends_its_worker_processes(demo_file, tmp_path, how):
    app, children = _app_with_its_worker(demo_file, tmp_path)
    try:
        app.send_signal(how)
        app.wait(timeout=30)
        assert _wait_for(lambda: not any(_alive(pid) for pid in children), 15), \
            f"still running after {how.name}: {[pid for pid in children if _alive(pid)]}"
        if how == signal.SIGTERM:  # quit cleanly through the app, not killed by the signal
            assert app.returncode == 0, (tmp_path / "stderr.txt").read_text()
    finally:
        if app.poll() is None:
            app.kill()
        for pid in children:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
