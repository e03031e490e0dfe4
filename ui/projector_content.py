"""What the room sees for each step, as data built from the model (never from widgets).

`room_screens(service, step)` returns one `RoomScreen` per screen of a step (the overview has one
per slide, every other step one): the header's words and the body as `RoomItem`s, small units that
are never split across pages. Every user string is escaped here; the layout (ui.projector_layout)
decides sizes and pages, and the painter draws them. Items the coach flags get a small marker,
never the findings themselves. Screens are plain frozen data, so slides can be painted off the
GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape

from PySide6.QtCore import QCoreApplication

from assets import load_json
from workshop import agenda, models
from workshop.alignment import objectives_under
from workshop.service import WorkshopService

from ui.room_words import day_text, moment_text

MARKER = "⚑"  # the coach has a suggestion: a shape, so it reads without colour
STEP_COUNT = 6
AGENDA_SLIDE = "agenda"  # the overview slide whose bullets come from the plan


def tr(text: str) -> str:
    return QCoreApplication.translate("Projector", text)


@dataclass(frozen=True)
class RoomItem:
    """One unit of the body, never split across pages: `prefix` + escaped `text` + `suffix` (HTML).

    Only `text` (the user's words) is shortened, with "…", in the last resort of an item taller
    than a whole page. `focus` names the objective or key result it shows, so the page follows the
    item being edited; `keep_with_next` keeps a heading on the page of what it introduces.
    """

    text: str
    prefix: str = ""
    suffix: str = ""
    style: str = "body"  # body | heading | section | muted
    level: int = 0
    focus: tuple[str, int] | None = None
    keep_with_next: bool = False
    new_page: bool = False
    group: str = ""  # items of one group (an objective and its key results) share a page when they can

    def html(self, text: str | None = None) -> str:
        return self.prefix + escape(self.text if text is None else text) + self.suffix


@dataclass(frozen=True)
class RoomScreen:
    """Everything one screen of a step shows: the header's words and the body's items."""

    step: int
    title: str
    step_label: str
    short_step_label: str
    formula: str
    items: tuple[RoomItem, ...]
    compact: bool = False  # short items: they may flow into columns on a wide screen


def needs_work_marker(kind: str, row) -> str:
    """A small marker for an objective or key result the coach would flag."""
    from workshop import coach  # the coach loads with the rest of the domain, after the first paint

    if kind == "objective":
        findings = coach.review_objective(row.text, adopted_key_result=row.parent_key_result_id is not None)
    else:
        findings = coach.review_key_result(row.text, row.kind, row.stages, baseline=row.baseline,
                                           target=row.target)
    return f' <span class="marker">{MARKER}</span>' if coach.needs_work(findings) else ""


def _muted(text: str, **extra) -> RoomItem:
    return RoomItem(text, style="muted", **extra)


def _section(text: str) -> RoomItem:
    return RoomItem(text, style="section", keep_with_next=True)


# -- steps ------------------------------------------------------------------------------------------


def preparation(service: WorkshopService) -> list[RoomItem]:
    details = service.details
    items = [RoomItem(details.title or tr("Our OKR workshop"), style="heading", keep_with_next=True)]
    facts = " · ".join(x for x in (details.team, details.period_label) if x)
    if facts:
        items.append(RoomItem(facts))
    return items + agenda_items(service)


def agenda_items(service: WorkshopService) -> list[RoomItem]:
    """Today's plan: each step with its planned minutes, and the total of those minutes."""
    steps = [s for s in service.rows(models.AgendaStep) if s.id]
    items = [RoomItem(f"{agenda.step_info(s.id).title} — {s.planned_minutes} min", prefix=f"<b>{s.id}</b>  ")
             for s in steps]
    total = tr("%1 minutes in total").replace("%1", str(agenda.planned_total_minutes(steps)))
    return items + [_muted(total)]


def overview_slides(service: WorkshopService) -> list[tuple[str, list[str]]]:
    """The overview deck as (title, bullets); the agenda slide's bullets are built from the plan."""
    slides = []
    for slide in load_json("overview_slides.json"):
        if slide.get("from_plan") == AGENDA_SLIDE:
            bullets = [item.text for item in agenda_items(service)]
        else:
            bullets = list(slide["bullets"])
        slides.append((slide["title"], bullets))
    return slides


def overview(service: WorkshopService, slide_index: int) -> list[RoomItem]:
    slides = overview_slides(service)
    title, bullets = slides[max(0, min(slide_index, len(slides) - 1))]
    items = [RoomItem(title, style="heading", keep_with_next=True)]
    items += [RoomItem(bullet, prefix="• ") for bullet in bullets]
    return items


def alignment_tree(service: WorkshopService) -> list[RoomItem]:
    """Company objective → team objectives → key results, one item per line."""
    company = service.rows(models.CompanyObjective)
    objectives = service.rows(models.Objective)
    company_krs = service.rows(models.CompanyKeyResult)
    numbers = {o.id: n for n, o in enumerate(objectives, start=1)}
    items: list[RoomItem] = []
    placed = set()
    for company_objective in company:
        under = objectives_under(company_objective.id, objectives, company_krs)
        placed.update(o.id for o in under)
        items.append(RoomItem(company_objective.text, prefix="<b>", suffix="</b>", keep_with_next=bool(under)))
        for objective in under:
            items += _objective_with_key_results(service, objective, numbers[objective.id], level=1)
    loose = [o for o in objectives if o.id not in placed]
    if loose:
        items.append(RoomItem(tr("Not yet aligned"), prefix="<i>", suffix="</i>", keep_with_next=True))
        for objective in loose:
            items += _objective_with_key_results(service, objective, numbers[objective.id], level=1)
    return items or [_muted(tr("No company objectives yet."))]


def _objective_item(service, objective, number: int, level: int = 0) -> RoomItem:
    return RoomItem(objective.text or tr("(empty objective)"), prefix=f"<b>{number}.</b> ",
                    suffix=needs_work_marker("objective", objective), level=level,
                    focus=("objective", objective.id))


def _objective_with_key_results(service, objective, number: int, level: int = 0) -> list[RoomItem]:
    krs = [kr for kr in service.children(models.KeyResult, "objective_id", objective.id) if kr.text]
    head = _objective_item(service, objective, number, level)
    group = f"objective-{objective.id}"
    items = [RoomItem(head.text, head.prefix, head.suffix, level=level, focus=head.focus, keep_with_next=bool(krs),
                      group=group)]
    for kr_number, kr in enumerate(krs, start=1):
        items.append(RoomItem(kr.text, prefix=f"<span class='muted'>{number}.{kr_number}</span> ",
                              suffix=needs_work_marker("key_result", kr), level=level + 1,
                              focus=("key_result", kr.id), group=group))
    return items


def cascade(service: WorkshopService) -> list[RoomItem]:
    chosen = service.details.cascade_model
    data = load_json("cascade.json")
    names = {m["key"]: m["name"] for m in data["models"]}
    heading = (tr("Our model: ") + names[chosen]) if chosen else tr("Which model fits us?")
    return [RoomItem(heading, style="heading", keep_with_next=True)] + alignment_tree(service)


def objectives(service: WorkshopService) -> list[RoomItem]:
    rows = service.rows(models.Objective)
    items = [_objective_item(service, o, n) for n, o in enumerate(rows, start=1)]
    if not items:
        items = [_muted(tr("Objectives appear here as they are written."))]
    candidates = sorted(service.rows(models.Candidate), key=lambda c: (-c.votes, c.position))
    if candidates and len(rows) < 3:
        items.append(_section(tr("Ideas")))
        items += [RoomItem(c.text, prefix="• ", suffix=f" <span class='muted'>({'●' * min(c.votes, 12)} {c.votes})</span>")
                  for c in candidates[:6]]
    return items


def key_results(service: WorkshopService) -> list[RoomItem]:
    """Each objective followed by its key results; the page shown follows the one being written."""
    rows = service.rows(models.Objective)
    if not rows:
        return [_muted(tr("Write objectives first."))]
    items = []
    for number, objective in enumerate(rows, start=1):
        items += _objective_with_key_results(service, objective, number)
    return items


def cadence_rule(service: WorkshopService) -> str:
    """The schedule in one sentence: "Weekly on Monday at 09:30 · monthly review on the first Tuesday…"."""
    details = service.details
    days = [tr("Monday"), tr("Tuesday"), tr("Wednesday"), tr("Thursday"), tr("Friday"), tr("Saturday"),
            tr("Sunday")]
    weekly = tr("Weekly check-in on %1 at %2").replace("%1", days[details.weekly_weekday % 7]) \
        .replace("%2", details.weekly_time)
    monthly = tr("monthly review on the first %1 at %2").replace("%1", days[details.monthly_weekday % 7]) \
        .replace("%2", details.monthly_time)
    return f"{weekly} · {monthly} · {tr('retrospective at the end of the period')}"


def cadence(service: WorkshopService) -> list[RoomItem]:
    events = service.rows(models.ReviewEvent)
    if not events:
        return [_muted(tr("The review schedule appears here."))]
    items = [RoomItem(cadence_rule(service), style="section")]
    items += [RoomItem(f"{event.title} · {event.minutes} min", prefix=f"<b>{escape(when(event.starts_at))}</b>  ")
              for event in events]
    items.append(_muted(load_json("meeting_templates.json")["reminder"]))
    return items


def wrap_up(service: WorkshopService) -> list[RoomItem]:
    """Open questions, next steps (who, by when), the follow-up meeting, then the closing summary."""
    items: list[RoomItem] = []
    questions = [q for q in service.rows(models.OpenQuestion) if q.text.strip()]
    if questions:
        items.append(_section(tr("Open questions")))
        items += [RoomItem(q.text, prefix="✓ " if q.answered else "? ") for q in questions]
    actions = [a for a in service.rows(models.ActionItem) if a.what.strip()]
    if actions:
        items.append(_section(tr("Next steps")))
        for action in actions:
            who = escape(action.who) if action.who.strip() else tr("owner to agree")
            by = escape(day(action.due_date)) if action.due_date else tr("date to agree")
            items.append(RoomItem(action.what, prefix="• ", suffix=f" <span class='muted'>— {who} · {by}</span>"))
    details = service.details
    if details.followup_date:
        items.append(_section(tr("Follow-up meeting")))
        moment = when(details.followup_date + "T" + (details.followup_time or "00:00"))
        items.append(RoomItem(details.followup_note, prefix=f"<b>{escape(moment)}</b> — " if details.followup_note
                              else f"<b>{escape(moment)}</b>"))
    items += closing_summary(service, new_page=bool(items))
    return items


def closing_summary(service: WorkshopService, new_page: bool) -> list[RoomItem]:
    summary = [RoomItem(tr("What we agreed"), style="heading", keep_with_next=True, new_page=new_page)]
    if service.rows(models.Objective):  # read, not edited, here: no item is marked as being written
        summary += [replace(item, focus=None) for item in key_results(service)]
    events = service.rows(models.ReviewEvent)
    first = next((e for e in events if e.kind == models.WEEKLY), events[0] if events else None)
    if first is not None:
        summary.append(RoomItem(tr("%1 meetings planned").replace("%1", str(len(events))),
                                prefix=f"{tr('First check-in')}: <b>{escape(when(first.starts_at))}</b> · "))
        summary.append(_muted(load_json("meeting_templates.json")["reminder"]))
    return summary


def when(starts_at: str) -> str:
    return moment_text(starts_at)  # the laptop writes dates the same way


def day(iso_date: str) -> str:
    return day_text(iso_date)


# -- screens ----------------------------------------------------------------------------------------


def step_label(step: int, title: str) -> tuple[str, str]:
    """The long and short forms of "Step 2 of 6 · Cascade model" ("" before the meeting)."""
    if step == agenda.PREPARATION:
        return "", ""
    short = tr("Step %1 of %2").replace("%1", str(step)).replace("%2", str(STEP_COUNT))
    return f"{short} · {title}", short


def body_items(service: WorkshopService, step: int, slide_index: int = 0) -> list[RoomItem]:
    """The body of one screen of a step."""
    builders = {agenda.PREPARATION: preparation, agenda.CASCADE: cascade, agenda.OBJECTIVES: objectives,
                agenda.KEY_RESULTS: key_results, agenda.CADENCE: cadence, agenda.WRAP_UP: wrap_up}
    if step == agenda.OVERVIEW:
        return overview(service, slide_index)
    return builders[step](service)


def room_screen(service: WorkshopService, step: int, slide_index: int = 0) -> RoomScreen:
    info = agenda.step_info(step)
    label, short = step_label(step, info.title)
    return RoomScreen(step=step, title=info.room_heading, step_label=label, short_step_label=short,
                      formula=info.formula, items=tuple(body_items(service, step, slide_index)),
                      compact=step in (agenda.PREPARATION, agenda.CADENCE))


def slide_count(step: int) -> int:
    return len(load_json("overview_slides.json")) if step == agenda.OVERVIEW else 1


def all_screens(service: WorkshopService) -> list[RoomScreen]:
    """Every screen of every step, in the order the meeting shows them."""
    return [room_screen(service, step, slide) for step in agenda.STEP_NUMBERS for slide in range(slide_count(step))]


def body_blocks(service: WorkshopService, step: int, slide_index: int = 0) -> list[str]:
    """The body of a screen as HTML, one string per item (for checks of what the room reads)."""
    return [item.html() for item in body_items(service, step, slide_index)]
