#!/usr/bin/env bash
# The README's promise on a fresh Debian 12, as an ordinary user (not run by CI: it downloads about
# 600 MB and takes a quarter of an hour). Needs root on the host and debootstrap.
#
#   .ci/fresh-debian12.sh [CHROOT_DIR]     (default /tmp/okr-debian12)
#
# 1. A minimal Debian 12 with only git, python3 and sudo (sudo so that the administrator's line can
#    be run exactly as printed; the user `okr` may not use it).
# 2. As `okr`, a clone of this repository's HEAD: `./dev.sh test` must print one `sudo apt-get …`
#    line and exit 1 without a traceback.
# 3. As root, exactly that line.
# 4. As `okr` again, the same `./dev.sh test` must pass, with no other step.
# Times and sizes are printed at the end. An existing CHROOT_DIR is reused as it is: delete it first
# for a fresh run.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="$(realpath -m "${1:-/tmp/okr-debian12}")"
CLONE=/home/okr/okr-workshop
LOG="$TARGET.log"

step() { printf '\n==== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)" | tee -a "$LOG"; }
# A host behind a TLS-inspecting proxy names the proxy's certificates in PIP_CERT; pip in the chroot
# needs them too (nothing else of the host's pip set-up goes in: the user installs from PyPI).
PIP_CERT_IN_CHROOT=()
as_user() {
  chroot --userspec=okr:okr "$TARGET" /usr/bin/env -i HOME=/home/okr USER=okr LOGNAME=okr LANG=C.UTF-8 \
    PATH=/usr/local/bin:/usr/bin:/bin "${PIP_CERT_IN_CHROOT[@]}" bash -c "cd $CLONE && $*"
}
as_root() { chroot "$TARGET" /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin bash -c "$*"; }
seconds() { local start=$SECONDS; "$@"; local status=$?; echo "took $((SECONDS - start)) s" | tee -a "$LOG"; return $status; }

[ "$(id -u)" -eq 0 ] || { echo "Run this as root (debootstrap and chroot need it)." >&2; exit 1; }
: > "$LOG"

# The bootstrapped system is kept in BASE, so a second run starts from the same fresh state.
BASE="$TARGET.base.tar"
if [ -d "$TARGET" ]; then
  [ -f "$TARGET/etc/okr-fresh-chroot" ] || { echo "$TARGET exists and is not a chroot this script made." >&2; exit 1; }
  umount "$TARGET/dev/shm" "$TARGET/proc" 2>/dev/null || true
  rm -rf --one-file-system "$TARGET"
fi
if [ ! -f "$BASE" ]; then
  step "debootstrap bookworm (minbase + git python3 sudo) into $TARGET"
  seconds debootstrap --variant=minbase --include=git,python3,sudo bookworm "$TARGET" \
    http://deb.debian.org/debian >> "$LOG" 2>&1
  touch "$TARGET/etc/okr-fresh-chroot"
  tar -C "$TARGET" -cf "$BASE" .
else
  step "a fresh copy of the bootstrapped Debian 12 from $BASE"
  mkdir -p "$TARGET"
  tar -C "$TARGET" -xf "$BASE"
fi
echo "chroot size before: $(du -shx "$TARGET" | cut -f1)" | tee -a "$LOG"

cp /etc/resolv.conf "$TARGET/etc/resolv.conf"
if [ -n "${PIP_CERT:-}" ] && [ -f "$PIP_CERT" ]; then
  cp "$PIP_CERT" "$TARGET/etc/okr-host-pip-cert.pem"
  PIP_CERT_IN_CHROOT=(PIP_CERT=/etc/okr-host-pip-cert.pem)
fi
mountpoint -q "$TARGET/proc" || mount -t proc proc "$TARGET/proc"
mkdir -p "$TARGET/dev/shm"
mountpoint -q "$TARGET/dev/shm" || mount -t tmpfs -o mode=1777 shm "$TARGET/dev/shm"
trap 'umount "$TARGET/dev/shm" "$TARGET/proc" 2>/dev/null || true' EXIT

as_root "id okr >/dev/null 2>&1 || useradd --create-home --shell /bin/bash okr"
rm -rf "$TARGET$CLONE"
git clone --quiet --no-local "$ROOT" "$TARGET$CLONE"
git -C "$TARGET$CLONE" checkout --quiet "$(git -C "$ROOT" rev-parse HEAD)"
as_root "chown -R okr:okr $CLONE"
echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)" | tee -a "$LOG"

step "as okr: ./dev.sh test (expect the administrator's line and exit 1)"
set +e
first=$(as_user ./dev.sh test 2>&1)
first_status=$?
set -e
printf '%s\n' "$first" | tee -a "$LOG"
echo "exit status: $first_status" | tee -a "$LOG"
[ "$first_status" -eq 1 ] || { echo "FAILED: expected exit status 1" | tee -a "$LOG"; exit 1; }
if grep -q Traceback <<< "$first"; then echo "FAILED: a traceback" | tee -a "$LOG"; exit 1; fi
line=$(grep '^sudo apt-get' <<< "$first")
[ "$(wc -l <<< "$line")" -eq 1 ] || { echo "FAILED: not exactly one sudo line" | tee -a "$LOG"; exit 1; }

step "as root: exactly that line"
seconds as_root "$line" > "$TARGET.apt.log" 2>&1
grep -E "^(Need to get|After this operation)" "$TARGET.apt.log" | tee -a "$LOG"

step "as okr: ./dev.sh test again (expect every test to pass)"
set +e
start=$SECONDS
as_user ./dev.sh test > "$TARGET.test.log" 2>&1
second_status=$?
echo "took $((SECONDS - start)) s" | tee -a "$LOG"
set -e
grep -v '^\s*$' "$TARGET.test.log" | grep -E "^==>|passed|failed|error|SKIPPED" | tail -n 40 | tee -a "$LOG"
echo "exit status: $second_status" | tee -a "$LOG"
echo ".venv: $(du -shx "$TARGET$CLONE/.venv" | cut -f1); pip cache: $(du -shx "$TARGET/home/okr/.cache/pip" 2>/dev/null | cut -f1)" | tee -a "$LOG"
echo "chroot size after: $(du -shx "$TARGET" | cut -f1)" | tee -a "$LOG"
[ "$second_status" -eq 0 ] || echo "FAILED: the tests did not pass (see $TARGET.test.log)" | tee -a "$LOG"

step "as okr: ./dev.sh app without a screen (expect one sentence and exit 2)"
set +e
as_user ./dev.sh app 2>&1 | tee -a "$LOG"
app_status=${PIPESTATUS[0]}
set -e
echo "exit status: $app_status" | tee -a "$LOG"

if command -v Xvfb >/dev/null 2>&1; then
  step "as okr: ./dev.sh app on a virtual screen (Xvfb on the host), 25 s"
  number=$(for n in $(seq 140 199); do [ -e "/tmp/.X11-unix/X$n" ] || { echo "$n"; break; }; done)
  Xvfb ":$number" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  sleep 2
  mkdir -p "$TARGET/tmp/.X11-unix"
  mount --bind /tmp/.X11-unix "$TARGET/tmp/.X11-unix"
  as_user "DISPLAY=:$number timeout 25 ./dev.sh app" > "$TARGET.app.log" 2>&1 &
  app=$!
  sleep 20
  if command -v import >/dev/null 2>&1; then
    import -display ":$number" -window root "$TARGET.app.png" && echo "screenshot: $TARGET.app.png" | tee -a "$LOG"
  fi
  set +e
  wait "$app"
  echo "exit status: $? (124: still running when timeout stopped it, as it should be)" | tee -a "$LOG"
  set -e
  cat "$TARGET.app.log" | tee -a "$LOG"
  umount "$TARGET/tmp/.X11-unix"
  kill "$xvfb"
fi
[ "$second_status" -eq 0 ] && [ "$app_status" -eq 2 ] || exit 1
echo "PASSED" | tee -a "$LOG"
