"""`./dev.sh` on a fresh machine (issue 15): a user without root gets the one line to hand to an
administrator and nothing that fails after it; a half-made virtual environment is rebuilt; Qt's
libraries are checked, not only the package list; colour only on a terminal; every claim is true.

The machine is faked with small programs put first on PATH (`id`, `dpkg-query`, `sudo`, `apt-get`,
`ldd`), and `dev.sh` is sourced to call one of its functions at a time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV_SH = ROOT / "dev.sh"


def fake_programs(folder: Path, uid: int = 1000, installed: tuple[str, ...] = (), sudo_works: bool = False,
                  ldd_missing: tuple[str, ...] | None = None) -> Path:
    """A folder of stand-ins for the system's programs; apt-get writes what it was asked to apt-calls."""
    folder.mkdir(parents=True, exist_ok=True)
    scripts = {
        "id": f'[ "$1" = -u ] && echo {uid} || exec /usr/bin/id "$@"',
        "dpkg-query": 'for p in ' + " ".join(installed or ("none",)) + '; do [ "$p" = "${@: -1}" ] && '
                      '{ printf "install ok installed"; exit 0; }; done; exit 1',
        "sudo": '[ "$1" = -n ] && shift; exec "$@"' if sudo_works else 'echo "sudo: a password is required" >&2; exit 1',
        "apt-get": f'echo "$*" >> "{folder}/apt-calls"',
    }
    if ldd_missing is not None:
        scripts["ldd"] = "".join(f'echo "\t{name} => not found"; ' for name in ldd_missing) + "exit 0"
    for name, body in scripts.items():
        path = folder / name
        path.write_text(f"#!/bin/bash\n{body}\n")
        path.chmod(0o755)
    return folder


def run_dev_sh(args: list[str], fakes: Path, venv: Path, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{fakes}:{os.environ['PATH']}", "OKR_VENV": str(venv)}
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run(["bash", str(DEV_SH), *args], env=env, capture_output=True, text=True, timeout=120, **kw)


def call(function_and_args: str, fakes: Path | None = None, venv: Path | str = ".venv",
         stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    """Source dev.sh in its folder and run one of its functions."""
    path = f"{fakes}:{os.environ['PATH']}" if fakes else os.environ["PATH"]
    env = {**os.environ, "PATH": path, "OKR_VENV": str(venv)}
    return subprocess.run(["bash", "-c", f'cd "{ROOT}" && source ./dev.sh && {function_and_args}'], env=env,
                          stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120)


def test_a_user_without_root_gets_one_line_for_an_administrator_and_nothing_runs_after_it(tmp_path):
    fakes = fake_programs(tmp_path / "bin", uid=1000, installed=("libegl1", "sqlite3"))
    venv = tmp_path / "venv"
    result = run_dev_sh(["test"], fakes, venv)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "INTERNALERROR" not in output and "\033" not in output
    lines = [line for line in output.splitlines() if "apt-get" in line]
    assert len(lines) == 1, output
    assert lines[0].startswith("sudo apt-get update && sudo apt-get install -y ")
    for package in ("libxcb-cursor0", "libglib2.0-0", "tesseract-ocr", "tesseract-ocr-eng", "poppler-utils",
                    "imagemagick"):
        assert f" {package}" in lines[0]
    assert " libegl1" not in lines[0] and " sqlite3" not in lines[0]  # installed already
    assert "./dev.sh test again" in output
    assert not venv.exists()  # stopped before the venv, so before pip and pytest
    assert not (fakes / "apt-calls").exists()


def test_a_user_with_passwordless_sudo_and_root_install_it_themselves(tmp_path):
    for uid, sudo_works in ((1000, True), (0, False)):
        fakes = fake_programs(tmp_path / f"bin{uid}", uid=uid, sudo_works=sudo_works)
        result = call('install_system_packages test "${QT_PACKAGES[@]}" "${TEST_PACKAGES[@]}" && echo done',
                      fakes)
        assert result.returncode == 0 and result.stdout.endswith("done\n"), result.stderr
        calls = (fakes / "apt-calls").read_text().splitlines()
        assert calls[0] == "update -qq"
        assert "--no-install-recommends" in calls[1]
        assert {"libxcb-cursor0", "tesseract-ocr", "tesseract-ocr-eng", "poppler-utils"} <= set(calls[1].split())


def test_a_renamed_library_package_counts_as_installed(tmp_path):
    """Ubuntu 24.04 calls glib's package libglib2.0-0t64; asking for libglib2.0-0 for ever would be wrong."""
    fakes = fake_programs(tmp_path / "bin", installed=("libglib2.0-0t64",))
    missing = call('missing_system_packages "libglib2.0-0|libglib2.0-0t64" libegl1', fakes).stdout.split()
    assert "libglib2.0-0" not in missing and "libegl1" in missing


def test_the_app_needs_no_test_tools(tmp_path):
    fakes = fake_programs(tmp_path / "bin")
    result = run_dev_sh(["app"], fakes, tmp_path / "venv")
    assert result.returncode == 1 and "libxcb-cursor0" in result.stderr and "tesseract" not in result.stderr


def make_half_made_venv(path: Path) -> None:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True, timeout=60)


def test_a_venv_without_pip_is_half_made_and_a_finished_one_is_whole(tmp_path):
    venv = tmp_path / "venv"
    make_half_made_venv(venv)
    assert call("venv_is_whole", venv=venv).returncode == 1
    (venv / ".okr-installed").write_text(call("wanted_stamp").stdout)
    assert call("venv_is_whole", venv=venv).returncode == 0  # a finished install is trusted as it is
    assert call("venv_is_whole", venv=tmp_path / "nothing-here").returncode == 1
    assert call("venv_is_whole", venv=Path(sys.prefix)).returncode == 0


def fake_python3(folder: Path) -> Path:
    """A python3 whose `-m venv DIR` only lays out DIR, to see that ensure_venv rebuilds without pip's cost."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "python3"
    script.write_text(f'#!/bin/bash\necho "$*" >> "{folder}/python3-calls"\n'
                      f'if [ "$1 $2" = "-m venv" ]; then mkdir -p "$3/bin"; touch "$3/pyvenv.cfg"; '
                      f'ln -s "{sys.executable}" "$3/bin/python"; exit 0; fi\nexec "{sys.executable}" "$@"\n')
    script.chmod(0o755)
    return folder


def test_a_half_made_venv_is_rebuilt(tmp_path):
    venv = tmp_path / "venv"
    make_half_made_venv(venv)
    (venv / "left-over").write_text("from the run that failed")
    fakes = fake_python3(tmp_path / "bin")
    result = call("ensure_venv", fakes, venv)
    assert result.returncode == 0, result.stderr
    assert "Rebuilding the virtual environment" in result.stdout
    assert not (venv / "left-over").exists() and (venv / "pyvenv.cfg").exists()
    assert f"-m venv {venv}" in (fakes / "python3-calls").read_text()


def test_a_folder_that_is_not_a_venv_is_never_deleted(tmp_path):
    folder = tmp_path / "precious"
    folder.mkdir()
    (folder / "thesis.txt").write_text("years of work")
    result = call("ensure_venv", fake_python3(tmp_path / "bin"), folder)
    assert result.returncode == 1 and "is not a virtual environment" in result.stderr
    assert (folder / "thesis.txt").exists()


def test_qt_libraries_that_do_not_load_are_named_in_one_sentence(tmp_path):
    fakes = fake_programs(tmp_path / "bin", ldd_missing=("libEGL.so.1", "libxcb-cursor.so.0"))
    result = call("check_qt_loads app", fakes, Path(sys.prefix))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "libEGL.so.1 libxcb-cursor.so.0" in lines[0] and lines[0].endswith(".")


def test_qt_that_loads_passes_the_check():
    result = call("check_qt_loads test", venv=Path(sys.prefix))
    assert result.returncode == 0, result.stderr


def test_colour_only_on_a_terminal():
    piped = call("say hello")
    assert piped.stdout == "==> hello\n"
    try:
        leader, follower = os.openpty()
    except OSError:  # a chroot without /dev/pts
        pytest.skip("no pseudo-terminal here")
    try:
        call("say hello", stdout=follower)
        os.close(follower)
        on_terminal = os.read(leader, 1000).decode()
    finally:
        os.close(leader)
    assert "\033[1m==> hello\033[0m" in on_terminal


@pytest.mark.skipif(not shutil.which("sed") or not shutil.which("cmp"), reason="needs sed and cmp")
def test_registering_without_the_mime_tools_does_not_claim_success(tmp_path):
    tools = tmp_path / "tools"
    tools.mkdir()
    for name in ("mkdir", "sed", "cmp", "mv", "cp", "rm", "cat", "dirname"):
        (tools / name).symlink_to(shutil.which(name))
    env = {"PATH": str(tools), "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run([shutil.which("bash"), str(DEV_SH), "register"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "now opens" not in result.stdout
    assert "not registered" in result.stdout and "update-mime-database" in result.stdout
