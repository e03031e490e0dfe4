"""Whether Qt can open a window here, decided before Qt is imported.

Without a display Qt does not fail politely: it aborts the whole process with a message about
libxcb-cursor0 (ARCHITECTURE.md, Command line wants one sentence and exit code 2 instead). So the launcher asks this
module first. It imports no Qt: it reads the environment, knocks on the X server or Wayland socket
the way Qt would, and checks the X libraries whose absence Qt reports so confusingly.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping

_FROM_A_DESKTOP = "start OKR Workshop from a desktop session; the commands in okr-workshop --help need no screen."
_X_DISPLAY = re.compile(r"^(?P<host>[^:]*):(?P<number>\d+)(?:\.\d+)?$")
_CONNECT_SECONDS = 3
# What Qt's xcb platform plugin links to beyond libxcb itself (ldd libqxcb.so, Qt 6.11).
_XCB_LIBRARIES = (
    "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-image.so.0", "libxcb-keysyms.so.1",
    "libxcb-render-util.so.0", "libxcb-render.so.0", "libxcb-shape.so.0", "libxcb-util.so.1", "libxcb-xkb.so.1",
    "libxcb-randr.so.0", "libxcb-shm.so.0", "libxcb-sync.so.1", "libxcb-xfixes.so.0", "libxkbcommon-x11.so.0",
    "libX11-xcb.so.1",
)


def display_problem(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """None when a window can open; otherwise one sentence saying why not and what to do."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform in ("win32", "darwin", "cygwin"):
        return None  # Qt's native platform always has a screen there
    wanted = [name.split(":")[0].strip() for name in environ.get("QT_QPA_PLATFORM", "").split(";")]
    wanted = [name for name in wanted if name]
    if any(name not in ("xcb", "wayland", "wayland-egl") for name in wanted):
        return None  # offscreen, vnc, eglfs…: chosen on purpose, and they need no desktop
    x_display, wayland = environ.get("DISPLAY", "").strip(), environ.get("WAYLAND_DISPLAY", "").strip()
    try_x = not wanted or "xcb" in wanted
    try_wayland = not wanted or any(name.startswith("wayland") for name in wanted)
    if not (try_x and x_display) and not (try_wayland and wayland):
        unset = [name for name, used in (("DISPLAY", try_x), ("WAYLAND_DISPLAY", try_wayland)) if used]
        verb = "is" if len(unset) == 1 else "are"
        return f"There is no screen to show the app on ({' and '.join(unset)} {verb} not set): {_FROM_A_DESKTOP}"
    if try_wayland and wayland and _wayland_answers(wayland, environ.get("XDG_RUNTIME_DIR", "")):
        return None
    if try_x and x_display:
        problem = _x_problem(x_display)
        if problem is None:
            return _missing_xcb_libraries()
        return problem
    return f"The Wayland display {wayland} does not answer: " + _FROM_A_DESKTOP


def _wayland_answers(name: str, runtime_dir: str) -> bool:
    import socket  # here and below: the offscreen platform, which tests and benchmarks use, needs neither

    path = name if name.startswith("/") else os.path.join(runtime_dir, name)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(_CONNECT_SECONDS)
            connection.connect(path)
        return True
    except OSError:
        return False


def _x_problem(display: str) -> str | None:
    """None when the X server at `display` accepts this user (socket and authorisation, as Qt's own
    connection would), else the sentence to show."""
    import ctypes
    import socket

    cannot = f"The display {display} cannot be reached"
    parsed = _X_DISPLAY.match(display)
    if parsed is None:
        return f"{cannot} (DISPLAY should look like :0): " + _FROM_A_DESKTOP
    host = parsed["host"]
    if host and host != "unix":  # over the network (ssh -X): knock first, libxcb has no time-out
        try:
            socket.create_connection((host, 6000 + int(parsed["number"])), timeout=_CONNECT_SECONDS).close()
        except OSError:
            return f"{cannot}: " + _FROM_A_DESKTOP
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None if host or _x_socket_answers(parsed["number"]) else f"{cannot}: " + _FROM_A_DESKTOP
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    failed = xcb.xcb_connection_has_error(connection)
    xcb.xcb_disconnect(connection)  # safe on the error connection libxcb returns, too
    return f"{cannot} (no X server there, or it does not let this user in): " + _FROM_A_DESKTOP if failed else None


def _x_socket_answers(number: str) -> bool:
    import socket

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(_CONNECT_SECONDS)
            connection.connect(f"/tmp/.X11-unix/X{number}")
        return True
    except OSError:
        return False


def _missing_xcb_libraries() -> str | None:
    """Qt's xcb platform aborts, blaming libxcb-cursor0 whatever is missing, when one of these is absent."""
    import ctypes

    missing = []
    for library in _XCB_LIBRARIES:
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(library)
    if not missing:
        return None
    one = len(missing) == 1
    return (f"Qt needs the system {'library' if one else 'libraries'} {', '.join(missing)} to open a window; "
            f"install {'it' if one else 'them'} (./dev.sh app does on Debian and Ubuntu) and start again.")
