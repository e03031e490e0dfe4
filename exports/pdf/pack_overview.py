"""The pack's opening sections: cover, agenda with planned vs actual time, alignment (ARCHITECTURE.md, Outputs)."""

from __future__ import annotations

from reportlab.lib.units import mm

from assets import load_json
from exports.pdf import wording
from exports.pdf.document import Story
from exports.pdf.theme import BODY, COVER
from workshop.agenda import PREPARATION, step_info
from workshop.snapshot import WorkshopSnapshot

TEXT = load_json("report_texts.json")["overview"]
DEFAULT_TITLE = TEXT["default_title"]


def write_cover(story: Story, snapshot: WorkshopSnapshot) -> None:
    details = snapshot.details
    story.new_page(COVER, then=BODY)  # a long participant list continues on pages with a footer
    story.where = TEXT["cover"]
    title = (details.title or "").strip() or DEFAULT_TITLE
    heading = story.paragraph(title, "title")
    heading.outline_entries = ((TEXT["cover"], 0),)
    story.add(heading)
    if details.team:
        story.p(details.team, "subtitle")
    story.rule()
    story.field(TEXT["period"], wording.period(details) or wording.NOT_SET)
    story.field(TEXT["workshop_date"], wording.day(details.workshop_date) or wording.NOT_SET)
    story.field(TEXT["facilitator"], details.facilitator or wording.NOT_SET)
    story.p(_counts(snapshot), "muted")
    story.spacer(8 * mm)
    story.where = TEXT["participants"]
    story.h2(TEXT["participants"])
    if not snapshot.participants:
        story.empty(TEXT["no_participants"])
        return
    rows = [[person.name, person.role] for person in snapshot.participants]
    story.table([TEXT["name"], TEXT["role"]], rows, widths=(0.45, 0.55))


def _counts(snapshot: WorkshopSnapshot) -> str:
    """"4 objectives · 16 key results · 12 review meetings": what the pack holds, at a glance."""
    counted = ((len(snapshot.objectives), "objective"), (len(snapshot.key_results), "key result"),
               (len(snapshot.review_events), "review meeting"))
    return " \u00b7 ".join(f"{count} {noun}{'' if count == 1 else 's'}" for count, noun in counted)


def write_agenda(story: Story, snapshot: WorkshopSnapshot) -> None:
    """Planned vs actual minutes per step; only steps that were run count towards ahead/behind."""
    story.new_page()
    story.where = TEXT["agenda"]
    story.h1(TEXT["agenda_title"])
    steps = [step for step in snapshot.steps if step.id != PREPARATION]
    if not steps:
        story.empty(TEXT["no_agenda"])
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
        rows.append([str(step.id), step_info(step.id).title, TEXT["minutes"].format(minutes=step.planned_minutes),
                     TEXT["minutes"].format(minutes=actual) if was_run else TEXT["not_run"],
                     wording.difference(actual, step.planned_minutes) if was_run else ""])
    total = ["", TEXT["total"], TEXT["minutes"].format(minutes=planned_total),
             TEXT["minutes"].format(minutes=actual_total),
             wording.difference(actual_run, planned_run) if actual_run else ""]
    story.table(["#", TEXT["column_step"], TEXT["column_planned"], TEXT["column_actual"], TEXT["column_difference"]], rows,
                widths=(0.06, 0.44, 0.16, 0.16, 0.18), right_aligned=(2, 3, 4), total=total)
    story.spacer(3 * mm)
    if not actual_run:
        story.p(TEXT["nothing_run"])
    else:
        sentence = TEXT["all_run"] if all(step.used_seconds > 0 for step in steps) else TEXT["some_run"]
        story.p(sentence.format(actual=actual_run, planned=planned_run,
                                verdict=wording.ahead_or_behind(actual_run, planned_run)))


def write_alignment(story: Story, snapshot: WorkshopSnapshot) -> None:
    """Company objective → its key results → the team objectives aligned under it."""
    story.new_page()
    story.where = TEXT["alignment"]
    story.h1(TEXT["alignment_title"])
    story.p(load_json("cascade.json")["tree_caption"], "muted")
    story.field(TEXT["cascade_model"], _cascade_model(snapshot.details.cascade_model))
    numbers = {objective.id: number for number, objective in enumerate(snapshot.objectives, start=1)}
    if not snapshot.company_objectives:
        story.empty(TEXT["no_company_objectives"])
    for number, company in enumerate(snapshot.company_objectives, start=1):
        story.h2(TEXT["company_objective"].format(number=number, text=company.text))
        key_results = snapshot.company_key_results_of(company.id)
        story.p(TEXT["company_key_results"], "muted")
        if key_results:
            story.bullets(kr.text for kr in key_results)
        else:
            story.empty(TEXT["no_company_key_results"])
        aligned = snapshot.objectives_under(company.id)
        story.p(TEXT["aligned_to_it"], "muted")
        if aligned:
            story.bullets(_aligned_line(o, numbers[o.id], snapshot) for o in aligned)
        else:
            story.empty(TEXT["none_aligned"])
    aligned_ids = {o.id for c in snapshot.company_objectives for o in snapshot.objectives_under(c.id)}
    unaligned = [o for o in snapshot.objectives if o.id not in aligned_ids]
    story.h2(TEXT["not_aligned_title"])
    if unaligned:
        story.bullets(TEXT["objective_line"].format(number=numbers[o.id], text=o.text) for o in unaligned)
    elif snapshot.objectives:
        story.empty(TEXT["all_aligned"])
    else:
        story.empty(TEXT["no_objectives"])


def _cascade_model(key: str) -> str:
    for model in load_json("cascade.json")["models"]:
        if model["key"] == key:
            return f"{model['name']}: {model['summary']}"
    return TEXT["not_chosen"]


def _aligned_line(objective, number: int, snapshot: WorkshopSnapshot) -> str:
    """"Objective 2: text", naming the company key result when the link goes through one."""
    through = next((kr for kr in snapshot.company_key_results if kr.id == objective.parent_key_result_id), None)
    line = TEXT["objective_line"].format(number=number, text=objective.text)
    return TEXT["through_key_result"].format(line=line, key_result=through.text) if through else line
