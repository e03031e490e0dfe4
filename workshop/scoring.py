"""Scores and their colour bands (ARCHITECTURE.md, Scoring): the one function every screen and printout uses.

Committed goals score 0 or 1; aspirational goals score from 0.0 to 1.0, where about 0.7 is a good
result. Bands: red below 0.4, orange from 0.4 to below 0.7, green from 0.7. The band's word always
travels with its colour because printouts are often grey; words and colours live in assets/scoring.json.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

from assets import load_json

COMMITTED, ASPIRATIONAL = "committed", "aspirational"  # the same strings as workshop.models
RED, ORANGE, GREEN, UNSCORED = "red", "orange", "green", "unscored"
ORANGE_FROM, GREEN_FROM = 0.4, 0.7
_DECIMALS_THAT_MATTER = 6  # 0.1 * 7 is 0.7000000000000001: float noise must never change a band


@dataclass(frozen=True)
class Band:
    """A score's band: `name` is red, orange, green (or unscored), `word` is what people read."""

    name: str
    word: str
    colour: str


def _band(name: str) -> Band:
    entry = load_json("scoring.json")["bands"][name]
    return Band(name=name, word=entry["word"], colour=entry["colour"])


def all_bands() -> tuple[Band, ...]:
    """The three scored bands from worst to best, for legends and the reference card."""
    return tuple(_band(name) for name in (RED, ORANGE, GREEN))


def score_band(score: float | None, commitment: str) -> Band:
    """The band of a score; None means "not scored yet" and gets the grey `unscored` band.

    Raises ValueError for an unknown commitment, a score outside 0-1 (or not a number), and a committed
    score between 0 and 1: a committed goal is done or not done, and rounding 0.5 up or down would hide
    a data-entry mistake in the final report.
    """
    if commitment not in (COMMITTED, ASPIRATIONAL):
        raise ValueError(f"Unknown commitment {commitment!r}; expected committed or aspirational.")
    if score is None:
        return _band(UNSCORED)
    if isinstance(score, bool) or not isinstance(score, Real) or not math.isfinite(score):
        raise ValueError(f"A score must be a number from 0 to 1, not {score!r}.")
    value = round(float(score), _DECIMALS_THAT_MATTER)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"A score must be from 0 to 1, not {score!r}.")
    if commitment == COMMITTED and value not in (0.0, 1.0):
        raise ValueError(f"A committed goal scores 0 or 1, not {score!r}.")
    if value >= GREEN_FROM:
        return _band(GREEN)
    return _band(ORANGE if value >= ORANGE_FROM else RED)


def describe_commitment(commitment: str) -> str:
    """One sentence on what committed or aspirational means and how such a goal is scored."""
    descriptions = load_json("scoring.json")["commitments"]
    if commitment not in descriptions:
        raise ValueError(f"Unknown commitment {commitment!r}; expected committed or aspirational.")
    return descriptions[commitment]
