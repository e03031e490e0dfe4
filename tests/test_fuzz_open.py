"""Fuzzing the session-file check: whatever the bytes, `validate_file` answers with a session or a
`SessionError`, never another exception, and within 2 s (ARCHITECTURE.md, Session files: "Never crash").

Mutations start from a small valid session (a few rows in every table) and flip bits, overwrite
ranges with random or copied bytes, splice ranges in or out and truncate, with extra weight on the
100-byte header and the first pages, where most of SQLite's structure lives.

CI runs 150 examples. For a long run, set the number of examples:

    OKR_FUZZ_EXAMPLES=20000 ./dev.sh test tests/test_fuzz_open.py --hypothesis-show-statistics
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop import models
from workshop.errors import SessionError
from workshop.validation import ValidatedSession, validate_file

EXAMPLES = int(os.environ.get("OKR_FUZZ_EXAMPLES", "150"))
SECONDS_PER_FILE = 2.0
HEADER_AND_FIRST_PAGES = 3 * 4096

pytestmark = pytest.mark.slow


def small_session_rows() -> dict[type, list[dict]]:
    """One or two rows in every table: every kind of page and value, in a file of a few pages."""
    return {
        models.Workshop: [{"id": 1, "title": "Fuzz", "team": "Équipe Ωmega", "period_label": "2027-Q1"}],
        models.Participant: [{"id": 1, "position": 0, "name": "Ольга", "role": "facilitator"}],
        models.AgendaStep: [{"id": n, "planned_minutes": 10} for n in range(7)],
        models.CompanyObjective: [{"id": 1, "text": "Grow"}],
        models.CompanyKeyResult: [{"id": 1, "company_objective_id": 1, "text": "Revenue from 1 to 2"}],
        models.Objective: [{"id": 1, "text": "Delight", "commitment": models.COMMITTED,
                            "parent_objective_id": 1, "necessary": True}],
        models.KeyResult: [{"id": 1, "objective_id": 1, "text": "NPS from 20 to 40", "baseline": "20",
                            "target": "40"}],
        models.Initiative: [{"id": 1, "objective_id": 1, "text": "Interview users"}],
        models.Candidate: [{"id": 1, "text": "Idea", "votes": 3}],
        models.ReviewEvent: [{"id": 1, "kind": models.WEEKLY, "starts_at": "2027-01-04T09:30"}],
        models.OpenQuestion: [{"id": 1, "text": "Who owns it?"}],
        models.ActionItem: [{"id": 1, "what": "Send the pack", "who": "Ольга",
                             "due_date": "2027-01-08"}],
    }


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory) -> bytes:
    from workshop.session import create_session

    folder = tmp_path_factory.mktemp("fuzz-seed")
    path = folder / "seed.okrw"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OKR_WORKSHOP_DATA_DIR", str(folder))
        create_session(path, small_session_rows()).store.close()
    data = path.read_bytes()
    assert isinstance(validate_file(path), ValidatedSession)
    return data


@pytest.fixture(scope="module")
def target(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "mutated.okrw"


KINDS = ("flip", "overwrite", "copy", "splice-in", "cut", "truncate")

# One mutation: what, where (a raw number folded into the file's length at that moment, so that
# what is drawn never depends on earlier mutations: that keeps generation and shrinking stable),
# whether to aim at the start of the file, a bit, a size and some bytes.
MUTATION = st.tuples(
    st.sampled_from(KINDS),
    st.integers(0, 2**24),
    st.booleans(),
    st.integers(0, 7),
    st.integers(1, 4096),
    st.integers(0, 2**24),
    st.binary(min_size=1, max_size=512),
)


def mutate(original: bytes, mutations) -> bytes:
    mutated = bytearray(original)
    for kind, raw_at, near_start, bit, size, raw_source, payload in mutations:
        length = len(mutated)
        if length == 0:
            mutated += payload
            continue
        upper = min(length, HEADER_AND_FIRST_PAGES) if near_start else length
        at = raw_at % upper
        if kind == "flip":
            mutated[at] ^= 1 << bit
        elif kind == "overwrite":
            chunk = payload[:64]
            mutated[at:at + len(chunk)] = chunk[: length - at]
        elif kind == "copy":  # bytes from elsewhere in the file: plausible-looking structure
            source = raw_source % length
            chunk = bytes(mutated[source:source + size])
            mutated[at:at + len(chunk)] = chunk[: length - at]
        elif kind == "splice-in":
            mutated[at:at] = payload
        elif kind == "cut":
            del mutated[at:at + size]
        else:
            del mutated[at:]
    return bytes(mutated)


# No example database: a fresh clone (CI) has none anyway, and examples saved by an earlier version
# of the mutations replay as a different strategy. A failure prints a blob to reproduce it instead.
@settings(max_examples=EXAMPLES, deadline=SECONDS_PER_FILE * 1000, database=None, print_blob=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_bytes_give_a_session_or_a_session_error(seed_file, target, data):
    mutations = data.draw(st.lists(MUTATION, min_size=1, max_size=8), label="mutations")
    target.write_bytes(mutate(seed_file, mutations))
    started = time.perf_counter()
    try:
        result = validate_file(target)
    except SessionError as refused:
        text = str(refused)
        assert "\n" not in text and text.endswith(".") and target.name in text, text
    else:
        assert isinstance(result, ValidatedSession)
        assert len(result.rows[models.Workshop]) == 1
    assert time.perf_counter() - started < SECONDS_PER_FILE
