"""What the room sees for each step, as HTML built from the model (never from widgets).

Each function reads the service's rows and returns the body of the projector for one step. Every
user string is escaped. Items the coach flags get a small marker, never the findings themselves.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QCoreApplication

from assets import load_json
from workshop import agenda, models
from workshop.alignment import objectives_under
from workshop.service import WorkshopService

MARKER = "⚑"  # the coach has a suggestion: a shape, so it reads without colour


def tr(text: str) -> str:
    return QCoreApplication.translate("Projector", text)


def needs_work_marker(kind: str, row) -> str:
    """A small marker for an objective or key result the coach would flag."""
    from workshop import coach  # the coach loads with the rest of the domain, after the first paint

    if kind == "objective":
        findings = coach.review_objective(row.text, adopted_key_result=row.parent_key_result_id is not None)
    else:
        findings = coach.review_key_result(row.text, row.kind, row.stages, baseline=row.baseline,
                                           target=row.target)
    return f' <span class="marker">{MARKER}</span>' if coach.needs_work(findings) else ""


def _list(items: list[str], css: str = "") -> str:
    if not items:
        return ""
    return f'<ul class="{css}">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _empty(text: str) -> str:
    return f'<p class="muted">{escape(text)}</p>'


def preparation(service: WorkshopService) -> str:
    details = service.details
    lines = [f"<h2>{escape(details.title or tr('Our OKR workshop'))}</h2>"]
    facts = [escape(x) for x in (details.team, details.period_label) if x]
    if facts:
        lines.append(f"<p>{' · '.join(facts)}</p>")
    steps = service.rows(models.AgendaStep)
    agenda_items = [
        f"{escape(agenda.step_info(s.id).title)} — {s.planned_minutes} min" for s in steps if s.id
    ]
    lines.append(_list(agenda_items))
    lines.append(f"<p class='muted'>{tr('Total')}: {agenda.planned_total_minutes(steps)} min</p>")
    return "".join(lines)


def overview(service: WorkshopService, slide_index: int) -> str:
    slides = load_json("overview_slides.json")
    slide = slides[max(0, min(slide_index, len(slides) - 1))]
    counter = f"<p class='muted'>{slide_index + 1} / {len(slides)}</p>"
    return f"<h2>{escape(slide['title'])}</h2>" + _list([escape(b) for b in slide["bullets"]]) + counter


def alignment_tree(service: WorkshopService) -> str:
    """Company objective → team objectives → key results, as nested lists."""
    company = service.rows(models.CompanyObjective)
    objectives = service.rows(models.Objective)
    company_krs = service.rows(models.CompanyKeyResult)
    parts = []
    placed = set()
    for company_objective in company:
        under = objectives_under(company_objective.id, objectives, company_krs)
        placed.update(o.id for o in under)
        team_items = [_objective_item(service, o, with_key_results=True) for o in under]
        parts.append(f"<li><b>{escape(company_objective.text)}</b>{_list(team_items)}</li>")
    loose = [o for o in objectives if o.id not in placed]
    if loose:
        items = [_objective_item(service, o, with_key_results=True) for o in loose]
        parts.append(f"<li><i>{tr('Not yet aligned')}</i>{_list(items)}</li>")
    if not parts:
        return _empty(tr("No company objectives yet."))
    return "<ul>" + "".join(parts) + "</ul>"


def _objective_item(service: WorkshopService, objective, with_key_results: bool) -> str:
    text = escape(objective.text) or f"<i>{tr('(empty objective)')}</i>"
    item = text + needs_work_marker("objective", objective)
    if with_key_results:
        krs = service.children(models.KeyResult, "objective_id", objective.id)
        item += _list([escape(kr.text) + needs_work_marker("key_result", kr) for kr in krs if kr.text], "krs")
    return item


def cascade(service: WorkshopService) -> str:
    chosen = service.details.cascade_model
    data = load_json("cascade.json")
    names = {m["key"]: m["name"] for m in data["models"]}
    heading = (tr("Our model: ") + escape(names[chosen])) if chosen else tr("Which model fits us?")
    return f"<h2>{heading}</h2>" + alignment_tree(service)


def objectives(service: WorkshopService) -> str:
    rows = service.rows(models.Objective)
    items = [f"<p><b>{n}.</b> {_objective_item(service, o, with_key_results=False)}</p>"
             for n, o in enumerate(rows, start=1)]
    body = "".join(items) if items else _empty(tr("Objectives appear here as they are written."))
    candidates = sorted(service.rows(models.Candidate), key=lambda c: (-c.votes, c.position))
    if candidates and len(rows) < 3:
        ideas = [f"{escape(c.text)} <span class='muted'>({'●' * min(c.votes, 12)} {c.votes})</span>"
                 for c in candidates[:6]]
        body += f"<h3>{tr('Ideas')}</h3>" + _list(ideas)
    return body


def key_results(service: WorkshopService) -> list[str]:
    """One block per objective (number, text, its key results), so long sets can flow into columns."""
    rows = service.rows(models.Objective)
    if not rows:
        return [_empty(tr("Write objectives first."))]
    return [f"<p><b>{n}.</b> {_objective_item(service, o, with_key_results=True)}</p>"
            for n, o in enumerate(rows, start=1)]


def cadence(service: WorkshopService) -> str:
    events = service.rows(models.ReviewEvent)
    if not events:
        return _empty(tr("The review schedule appears here."))
    rows = []
    for event in events[:14]:
        rows.append(f"<tr><td>{_when(event.starts_at)}</td><td>{escape(event.title)}</td><td>{event.minutes} min</td></tr>")
    more = len(events) - 14
    tail = f"<p class='muted'>+{more} {tr('more')}</p>" if more > 0 else ""
    reminder = load_json("meeting_templates.json")["reminder"]
    return f"<table>{''.join(rows)}</table>{tail}<p class='muted'>{escape(reminder)}</p>"


def wrap_up(service: WorkshopService) -> list[str]:
    """The closing summary: every objective with its key results, then the first check-in,
    the reminder to update key results before it, and the follow-up meeting."""
    okrs = key_results(service) if service.rows(models.Objective) else []
    events = service.rows(models.ReviewEvent)
    lines = []
    first = next((e for e in events if e.kind == models.WEEKLY), events[0] if events else None)
    if first is not None:
        lines.append(f"{tr('First check-in')}: <b>{_when(first.starts_at)}</b> · "
                     f"{len(events)} {tr('meetings planned')}")
        lines.append(f"<span class='muted'>{escape(load_json('meeting_templates.json')['reminder'])}</span>")
    details = service.details
    if details.followup_date:
        lines.append(f"{tr('Follow-up')}: <b>{_when(details.followup_date + 'T' + (details.followup_time or '00:00'))}</b>"
                     + (f" — {escape(details.followup_note)}" if details.followup_note else ""))
    return okrs + (["<p>" + "<br>".join(lines) + "</p>"] if lines else [])


def _when(starts_at: str) -> str:
    try:
        return datetime.fromisoformat(starts_at).strftime("%a %d %b %H:%M")
    except ValueError:
        return escape(starts_at)


def body_blocks(service: WorkshopService, step: int, slide_index: int) -> list[str]:
    """The projector's body for a step, as blocks of HTML the window may flow into columns."""
    if step == agenda.PREPARATION:
        return [preparation(service)]
    if step == agenda.OVERVIEW:
        return [overview(service, slide_index)]
    if step == agenda.CASCADE:
        return [cascade(service)]
    if step == agenda.OBJECTIVES:
        return [objectives(service)]
    if step == agenda.KEY_RESULTS:
        return key_results(service)
    if step == agenda.CADENCE:
        return [cadence(service)]
    return wrap_up(service)
