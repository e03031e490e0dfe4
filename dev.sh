#!/usr/bin/env bash
# Sets up everything OKR Workshop needs on a Debian 12 / Ubuntu machine, then launches the app
# (`./dev.sh app [FILE.okrw]`), runs the tests (`./dev.sh test [pytest args]`) or the benchmarks
# (`./dev.sh bench`), or registers the .okrw file type (`./dev.sh register`). Safe to run twice:
# it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")"

VENV="${OKR_VENV:-.venv}"
# Qt's offscreen platform (tests) and the xcb platform (a real window), plus the tools the tests use.
SYSTEM_PACKAGES=(
  libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0
  libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1 libxcb-randr0 libxcb-shm0
  libxcb-sync1 libxcb-xfixes0 sqlite3
)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian/Ubuntu: see the README's pip route
  local missing=() package
  python3 -c 'import ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
  for package in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
      say "Missing system packages (install them with apt, then run this again): ${missing[*]}"
      return 0
    fi
  fi
  say "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  [ -x "$VENV/bin/python" ] || { say "Creating the virtual environment in $VENV"; python3 -m venv "$VENV"; }
  local stamp="$VENV/.okr-installed" wanted
  wanted=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    say "Installing Python packages"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -c constraints.txt -e ".[test]"
    echo "$wanted" > "$stamp"
  fi
}

# Lets a double-click on a .okrw file (an emailed session, say) open it in the app: a desktop
# entry and the file type, for this user only (XDG folders; nothing needs root).
register_file_type() {
  local data="${XDG_DATA_HOME:-$HOME/.local/share}"
  local exec_path entry="$data/applications/okr-workshop.desktop"
  case "$VENV" in
    /*) exec_path="$VENV/bin/okr-workshop" ;;
    *) exec_path="$(pwd)/$VENV/bin/okr-workshop" ;;
  esac
  # Each step says whether it worked: errexit is off inside a function called with `||`.
  mkdir -p "$data/applications" "$data/mime/packages" || return 1
  sed "s|@EXEC@|\"$exec_path\"|" assets/desktop/okr-workshop.desktop.in > "$entry.new" || return 1
  if cmp -s "$entry.new" "$entry" && [ -f "$data/mime/packages/okr-workshop.xml" ]; then
    rm "$entry.new"
    return 0
  fi
  mv "$entry.new" "$entry" || return 1
  cp assets/desktop/okr-workshop-mime.xml "$data/mime/packages/okr-workshop.xml" || return 1
  if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$data/mime" >/dev/null 2>&1 || true; fi
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database "$data/applications" >/dev/null 2>&1 || true; fi
  if command -v xdg-mime >/dev/null 2>&1; then xdg-mime default okr-workshop.desktop application/x-okr-workshop || true; fi
  say "Double-clicking a .okrw file now opens it in OKR Workshop"
}

command="${1:-}"
case "$command" in
  app)
    shift
    install_system_packages
    install_python_packages
    register_file_type || say "Could not register the .okrw file type; the app works without it"
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      say "No screen found (DISPLAY is not set): start the app from a desktop session."
      exit 1
    fi
    exec "$VENV/bin/okr-workshop" "$@"
    ;;
  test)
    shift
    install_system_packages
    install_python_packages
    export QT_QPA_PLATFORM=offscreen QT_API=pyside6
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  register)
    register_file_type
    ;;
  bench)
    install_system_packages
    install_python_packages
    export QT_QPA_PLATFORM=offscreen QT_API=pyside6
    over=0  # every benchmark runs; the command fails at the end if any was over budget
    for bench in tests/bench/bench_*.py; do
      say "$bench"
      "$VENV/bin/python" "$bench" || over=1
    done
    exit "$over"
    ;;
  *)
    echo "usage: ./dev.sh app [FILE.okrw]   set up and launch the app" >&2
    echo "       ./dev.sh test [ARGS]       set up and run the tests" >&2
    echo "       ./dev.sh bench             set up and print the benchmark tables" >&2
    echo "       ./dev.sh register          let a double-click on a .okrw file open the app" >&2
    exit 2
    ;;
esac
