"""The pack's opening sections: cover, agenda with planned vs actual time, alignment (ARCHITECTURE.md, Outputs)."""

from __future__ import annotations

from reportlab.lib.units import mm

from assets import load_json
from exports.pdf import wording
from exports.pdf.document import Story
from exports.pdf.theme import BODY, COVER
from workshop.agenda import PREPARATION, step_info
from workshop.snapshot import WorkshopSnapshot

DEFAULT_TITLE = "OKR workshop"


def write_cover(story: Story, snapshot: WorkshopSnapshot) -> None:
    details = snapshot.details
    story.new_page(COVER, then=BODY)  # a long participant list continues on pages with a footer
    story.where = "Cover"
    title = (details.title or "").strip() or DEFAULT_TITLE
    heading = story.paragraph(title, "title")
    heading.outline_entries = (("Cover", 0),)
    story.add(heading)
    if details.team:
        story.p(details.team, "subtitle")
    story.rule()
    story.field("Period", wording.period(details) or wording.NOT_SET)
    story.field("Workshop date", wording.day(details.workshop_date) or wording.NOT_SET)
    story.field("Facilitator", details.facilitator or wording.NOT_SET)
    story.p(_counts(snapshot), "muted")
    story.spacer(8 * mm)
    story.where = "Participants"
    story.h2("Participants")
    if not snapshot.participants:
        story.empty("No participants were recorded.")
        return
    rows = [[person.name, person.role] for person in snapshot.participants]
    story.table(["Name", "Role"], rows, widths=(0.45, 0.55))


def _counts(snapshot: WorkshopSnapshot) -> str:
    """"4 objectives · 16 key results · 12 review meetings": what the pack holds, at a glance."""
    counted = ((len(snapshot.objectives), "objective"), (len(snapshot.key_results), "key result"),
               (len(snapshot.review_events), "review meeting"))
    return " \u00b7 ".join(f"{count} {noun}{'' if count == 1 else 's'}" for count, noun in counted)


def write_agenda(story: Story, snapshot: WorkshopSnapshot) -> None:
    """Planned vs actual minutes per step; only steps that were run count towards ahead/behind."""
    story.new_page()
    story.where = "Agenda"
    story.h1("Agenda: planned and actual time")
    steps = [step for step in snapshot.steps if step.id != PREPARATION]
    if not steps:
        story.empty("No agenda was recorded.")
        return
    rows, planned_total, actual_total, planned_run, actual_run = [], 0, 0, 0, 0
    for step in sorted(steps, key=lambda s: s.id):
        actual = wording.used_minutes(step.used_seconds)
        was_run = step.used_seconds > 0
        planned_total += step.planned_minutes
        actual_total += actual
        if was_run:
            planned_run += step.planned_minutes
            actual_run += actual
        rows.append([str(step.id), step_info(step.id).title, f"{step.planned_minutes} min",
                     f"{actual} min" if was_run else "not run",
                     wording.difference(actual, step.planned_minutes) if was_run else ""])
    total = ["", "Total", f"{planned_total} min", f"{actual_total} min",
             wording.difference(actual_run, planned_run) if actual_run else ""]
    story.table(["#", "Step", "Planned", "Actual", "Difference"], rows,
                widths=(0.06, 0.44, 0.16, 0.16, 0.18), right_aligned=(2, 3, 4), total=total)
    story.spacer(3 * mm)
    if not actual_run:
        story.p("No step has been run yet.")
    elif all(step.used_seconds > 0 for step in steps):
        story.p(f"The workshop took {actual_run} minutes for {planned_run} planned: "
                f"{wording.ahead_or_behind(actual_run, planned_run)}.")
    else:
        story.p(f"The steps run so far took {actual_run} minutes for {planned_run} planned: "
                f"{wording.ahead_or_behind(actual_run, planned_run)}.")


def write_alignment(story: Story, snapshot: WorkshopSnapshot) -> None:
    """Company objective → its key results → the team objectives aligned under it."""
    story.new_page()
    story.where = "Alignment"
    story.h1("Alignment with company objectives")
    story.p(load_json("cascade.json")["tree_caption"], "muted")
    story.field("Cascade model", _cascade_model(snapshot.details.cascade_model))
    numbers = {objective.id: number for number, objective in enumerate(snapshot.objectives, start=1)}
    if not snapshot.company_objectives:
        story.empty("No company objectives were recorded.")
    for number, company in enumerate(snapshot.company_objectives, start=1):
        story.h2(f"Company objective {number}: {company.text}")
        key_results = snapshot.company_key_results_of(company.id)
        story.p("Company key results", "muted")
        if key_results:
            story.bullets(kr.text for kr in key_results)
        else:
            story.empty("No key results were recorded for this company objective.")
        aligned = snapshot.objectives_under(company.id)
        story.p("Team objectives aligned to it", "muted")
        if aligned:
            story.bullets(_aligned_line(o, numbers[o.id], snapshot) for o in aligned)
        else:
            story.empty("No team objective is aligned to this company objective.")
    aligned_ids = {o.id for c in snapshot.company_objectives for o in snapshot.objectives_under(c.id)}
    unaligned = [o for o in snapshot.objectives if o.id not in aligned_ids]
    story.h2("Team objectives not aligned to a company objective")
    if unaligned:
        story.bullets(f"Objective {numbers[o.id]}: {o.text}" for o in unaligned)
    elif snapshot.objectives:
        story.empty("Every team objective is aligned to a company objective.")
    else:
        story.empty("No team objectives were written yet.")


def _cascade_model(key: str) -> str:
    for model in load_json("cascade.json")["models"]:
        if model["key"] == key:
            return f"{model['name']}: {model['summary']}"
    return "not chosen"


def _aligned_line(objective, number: int, snapshot: WorkshopSnapshot) -> str:
    """"Objective 2: text", naming the company key result when the link goes through one."""
    through = next((kr for kr in snapshot.company_key_results if kr.id == objective.parent_key_result_id), None)
    line = f"Objective {number}: {objective.text}"
    return f"{line} (through the key result \u201c{through.text}\u201d)" if through else line
