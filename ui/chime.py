"""The chime at zero, played by the system's own player so the app needs no multimedia library.

When no player is available (or the chime is muted), the timer's flash is the only cue (ARCHITECTURE.md, The timer).
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from assets import asset_path

CHIME = asset_path("sounds", "chime.wav")
_PLAYERS = (("paplay",), ("aplay", "-q"), ("afplay",))


def chime_player() -> list[str] | None:
    """The command that plays the chime here, or None when sound is unavailable."""
    if sys.platform == "win32":
        return ["winsound"]
    for player in _PLAYERS:
        if shutil.which(player[0]):
            return [*player, str(CHIME)]
    return None


def play_chime() -> bool:
    """Start the chime without waiting for it; False when it could not be played."""
    command = chime_player()
    if command is None:
        return False
    try:
        if command == ["winsound"]:
            import winsound

            winsound.PlaySound(str(CHIME), winsound.SND_FILENAME | winsound.SND_ASYNC)
        else:
            subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return False
    return True
