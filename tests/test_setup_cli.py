"""The command line a new user meets (issue 15): the app without a display, help pages to learn
from, `--period` in the forms the app offers, plurals, the roll-up's period, and packaging."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest

from ui.display import display_problem
from workshop.periods import PeriodError, most_common, parse_period, period_between

ROOT = Path(__file__).resolve().parents[1]
NO_SCREEN = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}


def run(*args, **environment):
    env = {key: value for key, value in os.environ.items() if key not in NO_SCREEN}
    env.update(PYTHONPATH=str(ROOT), **environment)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=60)


def one_sentence(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    assert lines[0].endswith("."), lines[0]
    return lines[0]


def unused_x_display() -> str:
    number = next(n for n in range(917, 999) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    return f":{number}"


# -- the app without a display ----------------------------------------------------------------------


def test_the_app_without_a_display_says_so_in_one_sentence():
    result = run()
    assert result.returncode == 2
    sentence = one_sentence(result.stderr)
    assert "no screen" in sentence and "okr-workshop --help" in sentence


def test_a_display_that_cannot_be_reached_is_no_display():
    display = unused_x_display()
    result = run(DISPLAY=display)
    assert result.returncode == 2
    assert f"The display {display} cannot be reached" in one_sentence(result.stderr)


def test_a_refused_file_is_named_before_the_missing_display(tmp_path):
    bad = tmp_path / "attachment.okrw"
    bad.write_bytes(b"PK\x03\x04" + bytes(300))
    result = run(bad)
    assert result.returncode == 2
    assert "attachment.okrw is not an OKR Workshop session file" in one_sentence(result.stderr)
    assert bad.read_bytes() == b"PK\x03\x04" + bytes(300)


def test_a_good_file_without_a_display_gets_the_display_sentence(tmp_path):
    assert run("demo", tmp_path / "demo.okrw").returncode == 0
    result = run(tmp_path / "demo.okrw")
    assert result.returncode == 2 and "no screen" in one_sentence(result.stderr)


@pytest.mark.parametrize("environment, platform", [
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
    ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "linux"),
    ({}, "win32"),
    ({}, "darwin"),
])
def test_platforms_that_need_no_desktop_are_trusted(environment, platform):
    assert display_problem(environment, platform) is None


def test_platforms_that_need_a_desktop_are_checked():
    assert "DISPLAY and WAYLAND_DISPLAY are not set" in display_problem({}, "linux")
    assert "DISPLAY is not set" in display_problem({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w"}, "linux")
    assert "cannot be reached" in display_problem({"DISPLAY": "not a display"}, "linux")
    assert "does not answer" in display_problem({"WAYLAND_DISPLAY": "wayland-917", "XDG_RUNTIME_DIR": "/nowhere"},
                                                "linux")


def test_a_wayland_compositor_that_answers_is_a_display(tmp_path):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as compositor:
        compositor.bind(str(tmp_path / "wayland-1"))
        compositor.listen(1)
        assert display_problem({"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": str(tmp_path)}, "linux") is None


def test_missing_xcb_libraries_are_named_instead_of_qt_aborting(monkeypatch):
    from ui import display

    monkeypatch.setattr(display, "_x_problem", lambda name: None)  # as if an X server answered
    monkeypatch.setattr(display, "_XCB_LIBRARIES", ("libxcb-cursor-gone.so.0", *display._XCB_LIBRARIES))
    sentence = display_problem({"DISPLAY": ":0"}, "linux")
    assert sentence.startswith("Qt needs the system library libxcb-cursor-gone.so.0 to open a window; install it")


@pytest.mark.skipif(not shutil.which("Xvfb"), reason="needs Xvfb")
def test_a_running_x_server_is_a_display():
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "320x240x24", "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as announced:
            number = announced.readline().strip()
        assert number.isdigit()
        assert display_problem({"DISPLAY": f":{number}"}, "linux") is None
    finally:
        server.terminate()
        server.wait(timeout=10)


# -- help -------------------------------------------------------------------------------------------


def subcommands() -> dict[str, argparse.ArgumentParser]:
    from cli import build_parser

    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_and_argument_is_described_with_examples():
    commands = subcommands()
    assert {"demo", "info", "check", "new", "export", "worksheets", "rollup"} <= set(commands)
    for name, parser in commands.items():
        assert parser.description, name
        assert parser.epilog and f"okr-workshop {name}" in parser.epilog, name
        for action in parser._actions:
            assert action.help and action.help != argparse.SUPPRESS, (name, action.dest)


def test_the_top_level_help_shows_how_to_open_a_file_and_examples():
    result = run("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: okr-workshop [FILE.okrw]\n")
    assert "examples:" in result.stdout and "okr-workshop new q1.okrw" in result.stdout
    assert "exit codes:" in result.stdout


def test_a_command_help_page_describes_its_arguments():
    result = run("new", "--help")
    assert result.returncode == 0 and result.stdout.startswith("usage: okr-workshop new ")
    assert "the draft to start from" in result.stdout and "2027-H1" in result.stdout
    assert "examples:\n  okr-workshop new" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 100


# -- periods ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, label, start, end", [
    ("2027-Q1", "2027-Q1", date(2027, 1, 1), date(2027, 3, 31)),
    ("2027-q4", "2027-Q4", date(2027, 10, 1), date(2027, 12, 31)),
    ("2028-H1", "2028-H1", date(2028, 1, 1), date(2028, 6, 30)),
    ("2027", "2027", date(2027, 1, 1), date(2027, 12, 31)),
    ("2027-01-01..2027-03-31", "2027-Q1", date(2027, 1, 1), date(2027, 3, 31)),
    (" 2027-01-04 .. 2027-04-02 ", "", date(2027, 1, 4), date(2027, 4, 2)),
])
def test_the_period_forms_the_app_offers(text, label, start, end):
    period = parse_period(text)
    assert (period.label, period.start, period.end) == (label, start, end)


@pytest.mark.parametrize("text", ["Spring", "2027-Q5", "2027-Q0", "2027-H3", "27-Q1", "2027-03-31..2027-01-01",
                                  "2027-02-30..2027-03-31", "", "Q1"])
def test_other_periods_are_one_sentence(text):
    with pytest.raises(PeriodError) as refused:
        parse_period(text)
    assert str(refused.value).endswith(".") and "\n" not in str(refused.value)


def test_explicit_dates_are_named_when_they_are_a_known_period():
    assert period_between("2027-07-01", "2027-12-31").label == "2027-H2"


def test_the_most_common_period_wins_and_a_tie_goes_to_the_earliest():
    assert most_common(["2027-Q2", "2027-Q1"]) == "2027-Q1"
    assert most_common(["2027-Q2", "2027-Q1", "2027-Q2", ""]) == "2027-Q2"
    assert most_common(["Autumn", "2027-Q3"]) == "2027-Q3"
    assert most_common(["", ""]) == ""


def write_draft(tmp_path: Path, objectives: int = 1) -> Path:
    draft = tmp_path / "draft.txt"
    draft.write_text("".join(f"Objective number {n} for our customers\n  - Reach {n}0 users\n"
                             for n in range(1, objectives + 1)), encoding="utf-8")
    return draft


def test_new_sets_the_period_and_its_dates(tmp_path):
    draft = write_draft(tmp_path)
    for arguments, label, dates in (
        (["--period", "2027-H1"], "2027-H1", "2027-01-01 – 2027-06-30"),
        (["--period-start", "2027-01-04", "--period-end", "2027-04-02"], "", "2027-01-04 – 2027-04-02"),
    ):
        out = tmp_path / f"{label or 'dates'}.okrw"
        result = run("new", out, "--okrs", draft, *arguments)
        assert result.returncode == 0, result.stderr
        summary = json.loads(run("info", out, "--json").stdout)
        assert (summary["period"], summary["period_dates"]) == (label, dates)


@pytest.mark.parametrize("arguments", [["--period", "Spring"], ["--period-start", "2027-01-01"],
                                       ["--period", "2027-Q1", "--period-end", "2027-03-31"]])
def test_new_refuses_a_period_it_cannot_read(tmp_path, arguments):
    out = tmp_path / "x.okrw"
    result = run("new", out, "--okrs", write_draft(tmp_path), *arguments)
    assert result.returncode == 2 and one_sentence(result.stderr) and not out.exists()


# -- plurals ----------------------------------------------------------------------------------------


def test_counts_read_as_english(tmp_path):
    one = run("new", tmp_path / "one.okrw", "--okrs", write_draft(tmp_path, 1))
    assert one.stdout.strip().endswith("with 1 objective.")
    two = run("new", tmp_path / "two.okrw", "--okrs", write_draft(tmp_path, 2))
    assert two.stdout.strip().endswith("with 2 objectives.")


# -- the roll-up's period and unnamed teams ---------------------------------------------------------


def team_file(tmp_path: Path, name: str, team: str, period: str) -> Path:
    out = tmp_path / f"{name}.okrw"
    arguments = ["--team", team] if team else []
    result = run("new", out, "--okrs", write_draft(tmp_path), "--period", period, *arguments)
    assert result.returncode == 0, result.stderr
    return out


def test_rollup_of_different_periods_warns_and_says_which_it_used(tmp_path):
    files = [team_file(tmp_path, "a", "Payments", "2027-Q2"), team_file(tmp_path, "b", "Search", "2027-Q1"),
             team_file(tmp_path, "c", "Ops", "2027-Q2")]
    result = run("rollup", tmp_path / "company.okrw", *files)
    assert result.returncode == 0, result.stderr
    warning = one_sentence(result.stderr)
    assert warning.startswith("Warning: The teams plan for different periods (2027-Q2, 2027-Q1)")
    assert "the roll-up uses 2027-Q2, the most common" in warning
    summary = json.loads(run("info", tmp_path / "company.okrw", "--json").stdout)
    assert (summary["period"], summary["period_dates"]) == ("2027-Q2", "2027-04-01 – 2027-06-30")


def test_rollup_tie_uses_the_earliest_period(tmp_path):
    files = [team_file(tmp_path, "a", "Payments", "2027-Q2"), team_file(tmp_path, "b", "Search", "2027-Q1")]
    result = run("rollup", tmp_path / "company.okrw", *files)
    assert "the roll-up uses 2027-Q1, the earliest of the most common" in result.stderr
    summary = json.loads(run("info", tmp_path / "company.okrw", "--json").stdout)
    assert summary["period_dates"] == "2027-01-01 – 2027-03-31"


def test_rollup_names_an_unnamed_team_after_its_file(tmp_path):
    files = [team_file(tmp_path, "payments-q1", "", "2027-Q1"), team_file(tmp_path, "b", "Search", "2027-Q1")]
    result = run("rollup", tmp_path / "company.okrw", *files)
    assert result.returncode == 0 and result.stderr == ""
    summary = json.loads(run("info", tmp_path / "company.okrw", "--json").stdout)
    assert summary["participants"] == ["payments-q1", "Search"]


# -- packaging --------------------------------------------------------------------------------------


def test_packaging_uses_an_spdx_licence_and_a_pinned_build_backend():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    (requirement,) = project["build-system"]["requires"]
    assert requirement.startswith("setuptools>=77,<")


def test_a_system_library_qt_cannot_load_is_named_in_one_sentence(tmp_path):
    """PySide6 installed, libEGL not: Python's ImportError becomes one sentence naming the library."""
    fake = tmp_path / "PySide6"
    fake.mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "QtCore.py").write_text(
        "raise ImportError('libEGL.so.1: cannot open shared object file: No such file or directory')\n")
    env = {key: value for key, value in os.environ.items() if key not in NO_SCREEN}
    env.update(PYTHONPATH=f"{tmp_path}{os.pathsep}{ROOT}", QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, str(ROOT / "main.py")], capture_output=True, text=True, cwd=ROOT,
                            env=env, timeout=60)
    assert result.returncode == 2
    assert "cannot start without the system library libEGL.so.1" in one_sentence(result.stderr)
