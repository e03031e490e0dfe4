"""Double-clicking a received .okrw file opens it (ARCHITECTURE.md, Session files): `./dev.sh register` installs the
desktop entry and the file type for the user, in the XDG folders, and says so."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIME_TYPE = "application/x-okr-workshop"
SHARED_MIME = "{http://www.freedesktop.org/standards/shared-mime-info}"


def register(home: Path, venv: str = ".venv", data: Path | str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(data or home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "OKR_VENV": venv}
    return subprocess.run(["bash", str(ROOT / "dev.sh"), "register"], env=env, capture_output=True, text=True,
                          timeout=60)


def test_register_installs_a_desktop_entry_that_opens_session_files(tmp_path):
    first = register(tmp_path, ".venv")
    assert first.returncode == 0, first.stderr
    mime_tools = shutil.which("update-mime-database") is not None  # a desktop has them; a bare machine not
    if mime_tools:
        assert "Double-clicking a .okrw file now opens it" in first.stdout
    else:
        assert "not registered" in first.stdout and "now opens" not in first.stdout

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # desktop entry keys are case-sensitive
    entry.read(tmp_path / "data" / "applications" / "okr-workshop.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == f'"{ROOT}/.venv/bin/okr-workshop" %f'  # the app's own file argument
    assert MIME_TYPE in desktop["MimeType"].split(";")
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "false"

    package = ElementTree.parse(tmp_path / "data" / "mime" / "packages" / "okr-workshop.xml").getroot()
    mime = package.find(f"{SHARED_MIME}mime-type")
    assert mime.get("type") == MIME_TYPE
    glob = mime.find(f"{SHARED_MIME}glob")
    assert glob.get("pattern") == "*.okrw" and int(glob.get("weight")) > 50  # beats the SQLite magic
    if mime_tools:
        globs = (tmp_path / "data" / "mime" / "globs2").read_text()
        assert f"{MIME_TYPE}:*.okrw" in globs

    again = register(tmp_path, ".venv")
    assert again.returncode == 0 and (again.stdout == "" or not mime_tools)  # nothing to do the second time


def test_an_absolute_virtual_environment_is_used_as_given(tmp_path):
    assert register(tmp_path, "/opt/okr-venv").returncode == 0
    entry = (tmp_path / "data" / "applications" / "okr-workshop.desktop").read_text(encoding="utf-8")
    assert 'Exec="/opt/okr-venv/bin/okr-workshop" %f' in entry.splitlines()


def test_a_folder_it_cannot_write_is_a_failure_not_a_false_success(tmp_path):
    result = register(tmp_path, data="/proc/no-such-folder")
    assert result.returncode != 0 and "now opens" not in result.stdout
