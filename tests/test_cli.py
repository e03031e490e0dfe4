"""The command line contract of ARCHITECTURE.md, Command line: outputs, exit codes, one-line errors without
tracebacks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, cwd=cwd or ROOT, env=env, timeout=60)


def assert_one_line_refusal(result):
    assert result.returncode == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].endswith("."), lines[0]


def test_demo_then_info(tmp_path):
    out = tmp_path / "x.okrw"
    assert run("demo", out).returncode == 0
    info = run("info", out)
    assert info.returncode == 0
    assert "Checkout & Payments" in info.stdout and "key results: 14" in info.stdout
    summary = json.loads(run("info", out, "--json").stdout)
    assert summary["objectives"] == 4 and summary["review_meetings"] == 17
    assert "Ольга Смирнова" in summary["participants"]


def test_version_says_where_the_log_is(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OKR_WORKSHOP_LOG_DIR": str(tmp_path / "logs")}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("okr-workshop ")
    assert result.stdout.splitlines()[1] == f"log: {tmp_path / 'logs' / 'okr-workshop.log'}"


@pytest.mark.parametrize("content", [b"", b"hello", os.urandom(4096), b"PK\x03\x04" + bytes(200)])
def test_info_refuses_what_is_not_a_session(tmp_path, content):
    path = tmp_path / "bad.okrw"
    path.write_bytes(content)
    result = run("info", path)
    assert_one_line_refusal(result)
    assert path.read_bytes() == content


def test_info_on_a_missing_file(tmp_path):
    assert_one_line_refusal(run("info", tmp_path / "nope.okrw"))


def test_unknown_command_and_missing_argument(tmp_path):
    assert_one_line_refusal(run("info"))
    assert_one_line_refusal(run("export", tmp_path / "x.okrw", "--paper", "a3"))
    assert_one_line_refusal(run("a.okrw", "b.okrw"))


def test_demo_into_a_missing_folder(tmp_path):
    assert_one_line_refusal(run("demo", tmp_path / "no" / "such" / "x.okrw"))


def test_a_reader_that_stops_reading_ends_the_command_quietly(tmp_path):
    """`okr-workshop info … | head -1`: once the reader has gone, the command stops without blaming a
    file ("could not be written (Broken pipe)") and exits as a shell reports a program ended by SIGPIPE."""
    assert run("demo", tmp_path / "demo.okrw").returncode == 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen([sys.executable, str(ROOT / "main.py"), "info", str(tmp_path / "demo.okrw")],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env) as command:
        command.stdout.close()  # the reader is gone before the first line is written
        stderr = command.stderr.read()
        assert command.wait(timeout=60) == 141 and stderr == b""
