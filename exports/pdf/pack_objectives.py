"""One section per team objective: the objective, its key results, the two tests, its initiatives."""

from __future__ import annotations

from collections import defaultdict

from assets import load_json
from exports.pdf import wording
from exports.pdf.document import Story
from exports.pdf.theme import EMPTY_CELL
from workshop import models
from workshop.snapshot import WorkshopSnapshot


def write_objectives(story: Story, snapshot: WorkshopSnapshot) -> None:
    if not snapshot.objectives:
        story.new_page()
        story.where = "Objectives"
        story.h1("Objectives")
        story.empty("No team objectives were written yet.")
        return
    # Grouped once: asking the snapshot per objective is quadratic on a 50-team roll-up.
    key_results, initiatives = defaultdict(list), defaultdict(list)
    for key_result in snapshot.key_results:
        key_results[key_result.objective_id].append(key_result)
    for initiative in snapshot.initiatives:
        initiatives[initiative.objective_id].append(initiative)
    parents = _parent_descriptions(snapshot)
    tests = load_json("worksheets.json")["tests"]
    for number, objective in enumerate(snapshot.objectives, start=1):
        story.numbered_section("Objective", number, objective.text, group="Objectives")
        story.p(objective.text or EMPTY_CELL, "statement")
        story.field("Type", wording.commitment(objective.commitment))
        story.field("Supports", parents.get(objective.id, "not aligned to a company objective"))
        write_key_results(story, key_results[objective.id])
        _tests(story, objective, tests)
        _initiatives(story, initiatives[objective.id])


def _parent_descriptions(snapshot: WorkshopSnapshot) -> dict[int, str]:
    """Objective id → what it supports, in words, e.g. "Company objective 1: …"."""
    company_numbers = {c.id: number for number, c in enumerate(snapshot.company_objectives, start=1)}
    company_texts = {c.id: c.text for c in snapshot.company_objectives}
    company_krs = {kr.id: kr for kr in snapshot.company_key_results}
    described = {}
    for objective in snapshot.objectives:
        through = company_krs.get(objective.parent_key_result_id)
        if through is not None:
            number = company_numbers.get(through.company_objective_id, "?")
            described[objective.id] = (f"company key result \u201c{through.text}\u201d "
                                       f"(of company objective {number})")
        elif objective.parent_objective_id in company_numbers:
            parent_id = objective.parent_objective_id
            described[objective.id] = f"company objective {company_numbers[parent_id]}: {company_texts[parent_id]}"
    return described


def write_key_results(story: Story, key_results: list, with_heading: bool = True) -> None:
    """"Key results" and their table (kind, baseline to target, unit, owner, due), or one sentence."""
    if with_heading:
        story.h2("Key results")
    if not key_results:
        story.empty("No key results were written for this objective.")
        return
    rows = []
    for number, kr in enumerate(key_results, start=1):
        text_cell = kr.text
        if kr.kind == models.MILESTONE:
            stages = [line.strip() for line in (kr.stages or "").splitlines() if line.strip()]
            listed = "\n".join(f"{n}. {stage}" for n, stage in enumerate(stages, start=1))
            text_cell = story.text_with_note(kr.text, f"Stages:\n{listed}" if stages else "No stages named yet.")
            change = f"{len(stages)} stage{'s' if len(stages) != 1 else ''}"
        else:
            change = _baseline_to_target(kr.baseline, kr.target)
        rows.append([str(number), text_cell, wording.kind(kr.kind), change, kr.unit, kr.owner,
                     wording.day(kr.due_date, with_weekday=False)])
    story.table(["#", "Key result", "Kind", "Baseline \u2192 target", "Unit", "Owner", "Due"], rows,
                widths=(0.04, 0.31, 0.11, 0.13, 0.10, 0.17, 0.14))


def _baseline_to_target(baseline: str, target: str) -> str:
    baseline, target = (baseline or "").strip(), (target or "").strip()
    if not (baseline or target):
        return ""
    return f"{baseline or '?'} \u2192 {target or '?'}"


def _tests(story: Story, objective, questions: dict) -> None:
    story.h2("Necessary and sufficient test")
    rows = [
        ["Necessary", questions["necessary"], wording.answer(objective.necessary), objective.necessary_note],
        ["Sufficient", questions["sufficient"], wording.answer(objective.sufficient), objective.sufficient_note],
    ]
    story.table(["Test", "Question", "Answer", "Note"], rows, widths=(0.13, 0.35, 0.16, 0.36))


def _initiatives(story: Story, initiatives: list) -> None:
    story.h2("Initiatives")
    if not initiatives:
        story.empty("No initiatives were recorded for this objective.")
        return
    story.table(["Initiative (what we will do)", "Owner"],
                [[initiative.text, initiative.owner] for initiative in initiatives], widths=(0.72, 0.28))
