"""Scores and colour bands (ARCHITECTURE.md, Scoring): the boundaries, committed goals, and the words with the
colours.
"""

from __future__ import annotations

import math

import pytest

from workshop import models
from workshop.scoring import (
    ASPIRATIONAL, COMMITTED, Band, all_bands, describe_commitment, score_band,
)


@pytest.mark.parametrize("score, band", [
    (0.0, "red"), (0.39, "red"), (0.399999, "red"), (0.4, "orange"), (0.69, "orange"), (0.699999, "orange"),
    (0.7, "green"), (0.71, "green"), (1.0, "green"), (0, "red"), (1, "green"),
])
def test_aspirational_bands_at_the_boundaries(score, band):
    assert score_band(score, ASPIRATIONAL).name == band


def test_float_noise_never_changes_a_band():
    assert 0.1 * 7 != 0.7 and score_band(0.1 * 7, ASPIRATIONAL).name == "green"
    assert score_band(0.1 + 0.2 + 0.4, ASPIRATIONAL).name == "green"
    assert score_band(0.4 - 1e-12, ASPIRATIONAL).name == "orange"


def test_committed_goals_score_zero_or_one():
    assert score_band(0, COMMITTED).name == "red"
    assert score_band(1, COMMITTED).name == "green"
    assert score_band(1.0, COMMITTED) == score_band(1, ASPIRATIONAL)


@pytest.mark.parametrize("score", [0.5, 0.7, 0.01, 0.99])
def test_a_committed_goal_half_done_is_refused_not_rounded(score):
    with pytest.raises(ValueError, match="committed goal scores 0 or 1"):
        score_band(score, COMMITTED)


@pytest.mark.parametrize("score", [-0.1, 1.01, 7, math.nan, math.inf, "0.5", True])
def test_a_score_outside_zero_to_one_is_refused(score):
    with pytest.raises(ValueError):
        score_band(score, ASPIRATIONAL)


def test_an_unknown_commitment_is_refused():
    with pytest.raises(ValueError):
        score_band(0.5, "stretch")
    with pytest.raises(ValueError):
        describe_commitment("stretch")


def test_a_goal_not_scored_yet_is_grey_with_its_own_word():
    band = score_band(None, COMMITTED)
    assert band.name == "unscored" and band.word and band == score_band(None, ASPIRATIONAL)


def test_every_band_has_a_word_and_a_colour_that_prints_and_projects():
    bands = all_bands() + (score_band(None, ASPIRATIONAL),)
    assert [band.name for band in all_bands()] == ["red", "orange", "green"]
    assert len({band.word for band in bands}) == 4, "the word tells bands apart on a grey printout"
    for band in bands:
        assert isinstance(band, Band) and band.word.strip()
        assert band.colour.startswith("#") and len(band.colour) == 7
        assert _contrast_with_white(band.colour) >= 7, band


def test_commitments_are_described_in_a_sentence():
    assert "0 when not" in describe_commitment(COMMITTED)
    assert "0.7" in describe_commitment(ASPIRATIONAL)


def test_the_commitment_names_are_those_of_the_session_file():
    assert (COMMITTED, ASPIRATIONAL) == models.COMMITMENTS


def _contrast_with_white(colour: str) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(colour[index:index + 2], 16) / 255) for index in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)
