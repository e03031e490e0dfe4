"""The pack's closing sections: review schedule, wrap-up, reference card, meeting templates."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from assets import load_json
from exports.pdf import wording
from exports.pdf.document import Story
from exports.pdf.theme import RULE
from workshop.models import MONTHLY, RETROSPECTIVE, WEEKLY
from workshop.schedule import meeting_reminder
from workshop.snapshot import WorkshopSnapshot

NOTE_ROW_HEIGHT = (14 * mm, 30 * mm)  # room to write per agenda item, within one page
TEMPLATE_HEADER_ALLOWANCE = 66 * mm  # title, purpose, length, reminder, date line, table header
TEXT = load_json("report_texts.json")["followup"]


def write_schedule(story: Story, snapshot: WorkshopSnapshot) -> None:
    story.new_page()
    story.where = TEXT["schedule"]
    story.h1(TEXT["schedule"])
    if snapshot.review_events:
        rows = []
        for number, event in enumerate(snapshot.review_events, start=1):
            day, time = wording.meeting_start(event.starts_at)
            rows.append([str(number), day, time, wording.length(event.minutes),
                         wording.meeting_kind(event.kind), event.title])
        story.table(["#", TEXT["column_date"], TEXT["column_time"], TEXT["column_length"], TEXT["column_kind"],
                     TEXT["column_title"]], rows,
                    widths=(0.05, 0.19, 0.09, 0.12, 0.19, 0.36), right_aligned=(0,))
    else:
        story.empty(TEXT["no_meetings"])
    story.spacer(3 * mm)
    story.p(meeting_reminder(), "muted")


def write_wrap_up(story: Story, snapshot: WorkshopSnapshot) -> None:
    details = snapshot.details
    story.new_page()
    story.where = TEXT["wrap_up"]
    story.h1(TEXT["wrap_up"])
    story.h2(TEXT["open_questions"])
    if snapshot.open_questions:
        story.table([TEXT["column_question"], TEXT["column_status"]],
                    [[q.text, TEXT["answered"] if q.answered else TEXT["open"]] for q in snapshot.open_questions],
                    widths=(0.82, 0.18))
    else:
        story.empty(TEXT["no_questions"])
    story.h2(TEXT["next_steps"])
    if snapshot.action_items:
        story.table([TEXT["column_what"], TEXT["column_who"], TEXT["column_by_when"]],
                    [[item.what, item.who, wording.day(item.due_date)] for item in snapshot.action_items],
                    widths=(0.56, 0.24, 0.20))
    else:
        story.empty(TEXT["no_next_steps"])
    story.h2(TEXT["follow_up"])
    day, time = wording.day(details.followup_date), (details.followup_time or "").strip()
    when = TEXT["at"].join(part for part in (day, time) if part)
    if when or details.followup_note:
        story.field(TEXT["when"], when or wording.NOT_SET)
        if details.followup_note:
            story.field(TEXT["note"], details.followup_note)
    else:
        story.empty(TEXT["no_follow_up"])
    story.p(meeting_reminder(), "muted")


def write_reference_card(story: Story, _snapshot: WorkshopSnapshot) -> None:
    """The card as two columns of boxed sections, so it can be cut out and kept on a desk."""
    card = load_json("reference_card.json")
    story.new_page()
    story.where = TEXT["reference_card"]
    story.h1(card["title"])
    boxes = []
    for section in card["sections"]:
        box = [story.paragraph(section["heading"], "h3")]
        box += [story.paragraph(f"\u2022 {line}", "card") for line in section["lines"]]
        boxes.append(box)
    if len(boxes) % 2:
        boxes.append("")
    grid = Table([boxes[i:i + 2] for i in range(0, len(boxes), 2)], colWidths=[story.frame_width / 2] * 2)
    grid.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.8, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
        ("LEFTPADDING", (0, 0), (-1, -1), 9),
        ("RIGHTPADDING", (0, 0), (-1, -1), 9),
    ]))
    story.add(grid)


def write_meeting_templates(story: Story, snapshot: WorkshopSnapshot) -> None:
    """One page per meeting of the cadence: purpose, length, and the agenda with room for notes."""
    templates = load_json("meeting_templates.json")
    details = snapshot.details
    chosen_minutes = {WEEKLY: details.weekly_minutes, MONTHLY: details.monthly_minutes,
                      RETROSPECTIVE: details.retro_minutes}  # the lengths the team picked in step 5
    for number, template in enumerate(templates["templates"]):
        story.new_page()
        story.where = TEXT["meeting_template"].format(name=template["name"])
        outline = [(template["name"], 1)]
        if number == 0:
            outline.insert(0, (TEXT["meeting_templates"], 0))
        story.h1(template["name"], outline=outline)
        story.p(template["purpose"])
        story.field(TEXT["length"], wording.length(chosen_minutes.get(template["kind"]) or template["default_minutes"]))
        story.p(templates["reminder"], "muted")
        story.p(TEXT["date_and_attendees"].format(date_line="_" * 22, attendees_line="_" * 40), "body")
        rows = [[f"{n}. {item}", ""] for n, item in enumerate(template["agenda"], start=1)]
        room = (story.frame_height - TEMPLATE_HEADER_ALLOWANCE) / max(1, len(rows))
        row_height = min(max(room, NOTE_ROW_HEIGHT[0]), NOTE_ROW_HEIGHT[1])
        story.table([TEXT["column_agenda"], TEXT["column_notes"]], rows, widths=(0.42, 0.58), row_height=row_height, empty="")
