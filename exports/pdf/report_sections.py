"""The quarter report's closing sections: the meetings held, the retrospective (scores, questions
and answers) and the key results that never got a value. See `report` for the whole document."""

from __future__ import annotations

from exports.pdf import wording
from exports.pdf.document import Story
from exports.pdf.theme import EMPTY_CELL
from workshop import models
from workshop.progress import ObjectiveProgress, suggested_score
from workshop.scoring import score_band
from workshop.snapshot import WorkshopSnapshot

_CHECKIN_WORDS = {models.WEEKLY: "Weekly check-in", models.MONTHLY: "Monthly review",
                  models.RETROSPECTIVE: "Retrospective", models.UNSCHEDULED: "Unscheduled check-in"}


def score_words(score: float | None, commitment: str) -> str:
    """"0.7 · On track", or "not scored yet"; a score the commitment does not allow is printed as stored."""
    if score is None:
        return "not scored yet"
    try:
        band = score_band(score, commitment)
    except ValueError:  # e.g. 0.5 on a committed goal: show it, the facilitator will correct it
        return f"{score:g}"
    return f"{score:g} \u00b7 {band.word}"


def write_meeting_notes(story: Story, snapshot: WorkshopSnapshot) -> None:
    """Every check-in held: date, kind, length, how many key results it reported on, its note."""
    story.new_page()
    story.where = "Check-ins"
    story.h1("Check-ins held")
    if not snapshot.checkins:
        story.empty("No check-in has been recorded yet.")
        return
    reported: dict[int, int] = {}
    for value in snapshot.checkin_values:
        reported[value.checkin_id] = reported.get(value.checkin_id, 0) + 1
    rows = [[wording.day(checkin.held_on), _CHECKIN_WORDS.get(checkin.kind, checkin.kind),
             wording.length(wording.used_minutes(checkin.used_seconds)) if checkin.used_seconds else EMPTY_CELL,
             str(reported.get(checkin.id, 0)), checkin.note] for checkin in snapshot.checkins]
    story.table(["Date", "Meeting", "Length", "Key results", "Note"], rows,
                widths=(0.17, 0.19, 0.12, 0.11, 0.41), right_aligned=(2, 3))


def write_retrospective(story: Story, snapshot: WorkshopSnapshot, objectives: tuple[ObjectiveProgress, ...]) -> None:
    """Scores (given and suggested) for every key result and objective, then the questions and answers."""
    story.new_page()
    story.where = "Retrospective"
    story.h1("Retrospective")
    held = [checkin for checkin in snapshot.checkins if checkin.kind == models.RETROSPECTIVE]
    scored = any(o.score is not None or any(kr.key_result.score is not None for kr in o.key_results)
                 for o in objectives)
    if not held and not scored and not snapshot.retro_answers:
        planned = [event for event in snapshot.review_events if event.kind == models.RETROSPECTIVE]
        when = f"; it is planned for {wording.meeting_start(planned[-1].starts_at)[0]}" if planned else ""
        story.empty(f"The retrospective has not been held yet{when}.")
        return
    if held:
        story.field("Held on", wording.day(held[-1].held_on))
    story.h2("Scores")
    rows = []
    for objective in objectives:
        commitment = objective.objective.commitment
        rows.append([objective.ref, objective.objective.text, wording.commitment(commitment).split(" (")[0],
                     _suggested(objective.suggested_score, commitment), score_words(objective.score, commitment)])
        for kr in objective.key_results:
            rows.append([kr.ref, kr.key_result.text, "",
                         _suggested(suggested_score(commitment, kr.progress), commitment),
                         score_words(kr.key_result.score, commitment)])
    story.table(["#", "Objective or key result", "Type", "Suggested", "Score"], rows,
                widths=(0.06, 0.43, 0.15, 0.18, 0.18))
    story.h2("Questions and answers")
    if not snapshot.retro_answers:
        story.empty("No answers were recorded.")
    for answer in snapshot.retro_answers:
        story.p(answer.question or EMPTY_CELL, "h3")
        story.p(answer.answer or EMPTY_CELL)


def _suggested(score: float | None, commitment: str) -> str:
    return EMPTY_CELL if score is None else score_words(score, commitment)


def write_never_measured(story: Story, objectives: tuple[ObjectiveProgress, ...]) -> None:
    """The key results no check-in gave a value: the numbers to find before the next period."""
    story.new_page()
    story.where = "Never measured"
    story.h1("Key results that never got a value")
    missing = [(kr.ref, kr.key_result.text, kr.key_result.owner)
               for objective in objectives for kr in objective.key_results if kr.current is None]
    if not missing:
        story.empty("Every key result got at least one value.")
        return
    story.p("Without a value their progress is unknown and counts as 0 in their objective.", "muted")
    story.table(["#", "Key result", "Owner"], [list(row) for row in missing], widths=(0.08, 0.67, 0.25))
