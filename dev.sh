#!/usr/bin/env bash
# Sets up everything OKR Workshop needs on a Debian 12 / Ubuntu machine, then launches the app
# (`./dev.sh app [FILE.okrw]`), runs the tests (`./dev.sh test [pytest args]`) or the benchmarks
# (`./dev.sh bench`), or registers the .okrw file type (`./dev.sh register`). Safe to run twice:
# it installs only what is missing, and repairs a virtual environment an earlier run left half-made.
#
# Without root (and without password-less sudo) it cannot install system packages: it prints the one
# command to hand to an administrator and stops before anything that would fail. Sourcing this file
# (`source dev.sh`) defines its functions without running a command; the tests use that.
set -euo pipefail

VENV="${OKR_VENV:-.venv}"
# What Qt needs for the offscreen platform (tests) and for the xcb platform (a real window).
# "a|b": either package will do (Ubuntu 24.04 and Debian 13 renamed some libraries with a t64 suffix).
QT_PACKAGES=(
  "libglib2.0-0|libglib2.0-0t64" libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6
  libxkbcommon0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1 libxcb-randr0
  libxcb-shm0 libxcb-sync1 libxcb-xfixes0
)
# What the tests use besides Qt: sqlite3 to look inside session files, OCR (ImageMagick prepares the
# picture, tesseract reads English and Russian) to read projector pages back, pdftoppm to turn PDF
# pages into pictures. Tests that need one of them skip without it.
TEST_PACKAGES=(sqlite3 tesseract-ocr tesseract-ocr-eng tesseract-ocr-rus poppler-utils imagemagick)
STAMP_NAME=".okr-installed"  # in the venv: the hash of what the last complete install installed

# Colour only on a terminal: a log file gets plain lines.
if [ -t 1 ]; then OUT_ON=$'\033[1m' OUT_OFF=$'\033[0m'; else OUT_ON="" OUT_OFF=""; fi
if [ -t 2 ]; then ERR_ON=$'\033[1;31m' ERR_OFF=$'\033[0m'; else ERR_ON="" ERR_OFF=""; fi
say() { printf '%s==> %s%s\n' "$OUT_ON" "$*" "$OUT_OFF"; }
fail() { printf '%s==> %s%s\n' "$ERR_ON" "$*" "$ERR_OFF" >&2; exit 1; }

check_python() {
  command -v python3 >/dev/null 2>&1 || fail "python3 is missing: install Python 3.11 or newer, then run this again."
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
    fail "OKR Workshop needs Python 3.11 or newer; python3 here is $(python3 -c 'import platform; print(platform.python_version())')."
}

# Prints, one per line, the Debian packages among "$@" that are not installed (python3-venv too,
# when Python cannot make a virtual environment with pip in it).
missing_system_packages() {
  local wanted name installed
  python3 -c 'import ensurepip' >/dev/null 2>&1 || echo python3-venv
  for wanted in "$@"; do
    installed=""
    for name in ${wanted//|/ }; do
      if dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed"; then installed=1; fi
    done
    [ -n "$installed" ] || echo "${wanted%%|*}"
  done
}

# Installs the missing system packages as root (or with password-less sudo); anyone else gets the
# one command to hand to an administrator, and the script stops: nothing after this could work.
install_system_packages() {
  local command_name="$1" missing=()
  shift
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian/Ubuntu: see the README's pip route
  mapfile -t missing < <(missing_system_packages "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      {
        printf '%s==> %s%s\n' "$ERR_ON" "This needs ${#missing[@]} system packages that only an administrator can \
install. Ask one to run this line (or run it yourself if you may use sudo):" "$ERR_OFF"
        echo
        echo "sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
        echo
        echo "Then run ./dev.sh $command_name again."
      } >&2
      exit 1
    fi
  fi
  say "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq || fail "apt-get update failed (see its message above); check the network and run this again."
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    fail "apt-get could not install ${missing[*]} (see its message above)."
}

wanted_stamp() { cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1; }

# A venv is whole when its Python runs and either a complete install is stamped in it or its pip
# runs (an earlier run may have stopped after `python3 -m venv` failed to add pip, or mid-install).
venv_is_whole() {
  "$VENV/bin/python" -c '' >/dev/null 2>&1 || return 1
  [ "$(cat "$VENV/$STAMP_NAME" 2>/dev/null)" = "$(wanted_stamp)" ] && return 0
  "$VENV/bin/python" -m pip --version >/dev/null 2>&1
}

ensure_venv() {
  if [ -e "$VENV" ] && ! venv_is_whole; then
    [ -f "$VENV/pyvenv.cfg" ] ||
      fail "$VENV exists but is not a virtual environment; move it away (or set OKR_VENV) and run this again."
    say "Rebuilding the virtual environment in $VENV: an earlier run left it half-made"
    rm -rf "$VENV"
  fi
  if [ ! -e "$VENV" ]; then
    say "Creating the virtual environment in $VENV"
    python3 -m venv "$VENV" >/dev/null 2>&1 || {
      rm -rf "$VENV"
      fail "python3 could not create a virtual environment with pip in it (on Debian/Ubuntu the package \
python3-venv provides that)."
    }
  fi
}

install_python_packages() {
  local wanted
  wanted=$(wanted_stamp)
  [ "$(cat "$VENV/$STAMP_NAME" 2>/dev/null)" = "$wanted" ] && return 0
  say "Installing Python packages"
  rm -f "$VENV/$STAMP_NAME"
  "$VENV/bin/python" -m pip install -q --upgrade pip &&
    "$VENV/bin/python" -m pip install -q -c constraints.txt -e ".[test]" ||
    fail "pip could not install the Python packages (see its message above); run this again when that is fixed."
  echo "$wanted" > "$VENV/$STAMP_NAME"
}

# Lists, one per line, the shared libraries Qt needs and cannot find: those of QtGui, QtWidgets and
# the offscreen platform, and for a real window ("app") those of the xcb platform as well.
missing_qt_libraries() {
  local purpose="$1" qt files=()
  command -v ldd >/dev/null 2>&1 || return 0
  qt=$("$VENV/bin/python" -c 'import os, PySide6; print(os.path.dirname(PySide6.__file__))' 2>/dev/null) || return 0
  files=("$qt"/QtGui.*so "$qt"/QtWidgets.*so "$qt/Qt/plugins/platforms/libqoffscreen.so")
  [ "$purpose" = app ] && files+=("$qt/Qt/plugins/platforms/libqxcb.so")
  ldd "${files[@]}" 2>/dev/null | awk '/=> not found/ {print $1}' | sort -u
}

# Checks that Qt's libraries really load (a package list can be complete and a library still absent,
# and other distributions have no package list to check), and names what is missing in one sentence.
check_qt_loads() {
  local purpose="$1" missing=() error
  mapfile -t missing < <(missing_qt_libraries "$purpose")
  if [ ${#missing[@]} -gt 0 ]; then
    fail "Qt cannot load because these system libraries are missing: ${missing[*]}; install the packages \
that provide them (the README lists them) and run this again."
  fi
  if ! error=$(QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -c \
      'from PySide6.QtWidgets import QApplication; QApplication([])' 2>&1 >/dev/null); then
    fail "Qt does not start (offscreen): $(printf '%s' "$error" | grep -v '^\s' | tail -n 1)"
  fi
}

prepare() {
  local purpose="$1" packages=("${QT_PACKAGES[@]}")
  [ "$purpose" = test ] && packages+=("${TEST_PACKAGES[@]}")
  check_python
  install_system_packages "$purpose" "${packages[@]}"
  ensure_venv
  install_python_packages
  compile_app
  check_qt_loads "$purpose"
}

# Writes the app's bytecode now, so that no launch compiles about 120 modules first (about 60 ms of
# opening a workshop); only files changed since the last run are compiled again.
compile_app() {
  "$VENV/bin/python" -m compileall -q main.py cli.py assets exports ui workshop >/dev/null ||
    say "Could not write the app's bytecode; it starts a little slower"
}

# Lets a double-click on a .okrw file (an emailed session, say) open it in the app: a desktop
# entry and the file type, for this user only (XDG folders; nothing needs root). Says it worked
# only when the file type is in the MIME database, which is what a file manager reads.
register_file_type() {
  local data="${XDG_DATA_HOME:-$HOME/.local/share}"
  local exec_path entry="$data/applications/okr-workshop.desktop"
  local registered="$data/mime/application/x-okr-workshop.xml"  # written by update-mime-database
  case "$VENV" in
    /*) exec_path="$VENV/bin/okr-workshop" ;;
    *) exec_path="$(pwd)/$VENV/bin/okr-workshop" ;;
  esac
  # Each step says whether it worked: errexit is off inside a function called with `||`.
  mkdir -p "$data/applications" "$data/mime/packages" || return 1
  sed "s|@EXEC@|\"$exec_path\"|" assets/desktop/okr-workshop.desktop.in > "$entry.new" || return 1
  if cmp -s "$entry.new" "$entry" && cmp -s assets/desktop/okr-workshop-mime.xml "$data/mime/packages/okr-workshop.xml" &&
      [ -f "$registered" ]; then
    rm "$entry.new"
    return 0
  fi
  mv "$entry.new" "$entry" || return 1
  cp assets/desktop/okr-workshop-mime.xml "$data/mime/packages/okr-workshop.xml" || return 1
  if ! command -v update-mime-database >/dev/null 2>&1; then
    say "Installed the desktop entry, but the .okrw file type is not registered: update-mime-database \
(package shared-mime-info) is missing; the app works without it"
    return 0
  fi
  update-mime-database "$data/mime" >/dev/null 2>&1 && [ -f "$registered" ] || return 1
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database "$data/applications" >/dev/null 2>&1 || true; fi
  if command -v xdg-mime >/dev/null 2>&1; then xdg-mime default okr-workshop.desktop application/x-okr-workshop >/dev/null 2>&1 || true; fi
  say "Double-clicking a .okrw file now opens it in OKR Workshop"
}

usage() {
  echo "usage: ./dev.sh app [FILE.okrw]   set up and launch the app (needs a desktop session)" >&2
  echo "       ./dev.sh test [ARGS]       set up and run the tests (ARGS go to pytest)" >&2
  echo "       ./dev.sh bench             set up and print the benchmark tables" >&2
  echo "       ./dev.sh register          let a double-click on a .okrw file open the app" >&2
  exit 2
}

main() {
  cd "$(dirname "${BASH_SOURCE[0]}")"
  local command="${1:-}"
  case "$command" in
    app)
      shift
      prepare app
      register_file_type || say "Could not register the .okrw file type; the app works without it"
      exec "$VENV/bin/okr-workshop" "$@"   # without a usable display the app says so itself
      ;;
    test)
      shift
      prepare test
      export QT_QPA_PLATFORM=offscreen QT_API=pyside6
      exec "$VENV/bin/python" -m pytest "$@"
      ;;
    register)
      register_file_type || fail "Could not register the .okrw file type in ${XDG_DATA_HOME:-$HOME/.local/share}."
      ;;
    bench)
      prepare test
      export QT_QPA_PLATFORM=offscreen QT_API=pyside6
      local bench over=0  # every benchmark runs; the command fails at the end if any was over budget
      for bench in tests/bench/bench_*.py; do
        say "$bench"
        "$VENV/bin/python" "$bench" || over=1
      done
      exit "$over"
      ;;
    *) usage ;;
  esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
