"""Snapshots for the PDF tests and benchmark (a demo-like session, a Unicode-heavy one, a 50-team one),
and `ReadBack`, which reads a built PDF for the tests.

Snapshots are built with `build_snapshot` straight from table rows, so the PDF tests need no session file.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pdfplumber

from workshop import models
from workshop.snapshot import WorkshopSnapshot, build_snapshot

A4_POINTS = (595.3, 841.9)
LETTER_POINTS = (612.0, 792.0)
PARTICIPANTS = (
    ("Amélie Durand", "Engineering manager, facilitator"),
    ("Ольга Смирнова", "Product designer"),
    ("Νίκος Παπαδόπουλος", "Backend engineer"),
    ("Jonas Weißmann", "Site reliability engineer"),
    ("Priya Raghunathan", "Data analyst"),
)
COMPANY_OBJECTIVES = (
    ("Make our platform the most dependable part of every customer's day so that they renew",
     ("Raise gross renewal rate from 86% to 92%", "Cut customer-visible incidents from 14 to 4 a quarter")),
    ("Ship value faster in order to win the mid-market segment",
     ("Reduce idea-to-release time from 41 days to 20 days",)),
)
USED_MINUTES = (0, 33, 9, 29, 31, 14, 12)
PLANNED_MINUTES = (0, 30, 10, 25, 25, 15, 15)

JONAS, NIKOS, OLGA, PRIYA, AMELIE = ("Jonas Weißmann", "Νίκος Παπαδόπουλος", "Ольга Смирнова",
                                     "Priya Raghunathan", "Amélie Durand")


def _metric(text, baseline, target, unit, owner):
    return (text, "metric", baseline, target, unit, "", owner)


def _milestone(text, stages, owner):
    return (text, "milestone", "", "", "", "\n".join(stages), owner)


# (objective, commitment, parent company objective, key results, initiatives)
OBJECTIVES = (
    ("Make deployments boring so that every team can release on a Friday afternoon", "committed", 1, (
        _metric("Reduce failed deployments from 12% to 3%", "12", "3", "%", JONAS),
        _metric("Cut lead time for changes from 9 days to 2 days", "9", "2", "days", NIKOS),
        _metric("Raise automated rollback coverage from 20% to 90%", "20", "90", "% of services", JONAS),
        _milestone("Roll out progressive delivery to every service", (
            "Canary for the API gateway", "Canary for all stateless services", "Canary for databases"), AMELIE),
    ), (("Write the deployment runbook", JONAS), ("Pair with each team on its first canary", NIKOS))),
    ("Give on-call engineers calm nights in order to keep our best people", "aspirational", 1, (
        _metric("Reduce pages outside working hours from 45 to 10 a month", "45", "10", "pages a month", PRIYA),
        _metric("Lower mean time to recovery from 95 minutes to 30 minutes", "95", "30", "minutes", JONAS),
        _metric("Raise on-call satisfaction from 2.8 to 4.0", "2.8", "4.0", "out of 5", AMELIE),
        _metric("Increase alerts with a runbook link from 35% to 100%", "35", "100", "%", OLGA),
    ), (("Delete alerts nobody acted on in 90 days", PRIYA),)),
    ("Make self-service infrastructure delightful so that product teams stop waiting for us", "aspirational", 2, (
        _metric("Cut time to a new service in production from 5 days to 2 hours", "5 days", "2 hours", "", NIKOS),
        _metric("Raise developer satisfaction with the platform from 6.1 to 8.0", "6.1", "8.0", "NPS-style score",
                OLGA),
        _metric("Reduce platform support tickets from 180 to 60 a month", "180", "60", "tickets a month", PRIYA),
        _milestone("Launch the service catalogue", (
            "Prototype tested with two teams", "Beta with ten services", "Every service listed"), OLGA),
    ), ()),
    ("Know what our cloud spend buys in order to fund next year's growth", "committed", None, (
        _metric("Tag 100% of cloud resources with an owner, from 54%", "54", "100", "%", PRIYA),
        _metric("Cut idle compute cost from €38,000 to €20,000 a month", "38000", "20000", "€ a month", JONAS),
        _milestone("Publish a monthly cost report per team", (
            "Report designed", "First report sent", "Three reports sent"), AMELIE),
        _metric("Raise teams that review their costs monthly from 2 to 12", "2", "12", "teams", AMELIE),
    ), (("Set up budget alerts for every account", JONAS),)),
)
OPEN_QUESTIONS = (
    ("Who approves a rollback of a database migration?", False),
    ("Do we count weekend pages separately?", True),
)
ACTION_ITEMS = (
    ("Send the final OKRs to the company OKR champion", "Amélie Durand", "2026-12-16"),
    ("Measure the baseline for rollback coverage", "Jonas Weißmann", "2027-01-06"),
    ("Book rooms for the monthly reviews", "Ольга Смирнова", "2026-12-18"),
)


def _details(**overrides) -> models.Workshop:
    values = dict(
        id=1, title="Q1 2027 OKR workshop", team="Équipe Plateforme", facilitator="Amélie Durand",
        workshop_date="2026-12-14", period_label="2027-Q1", period_start="2027-01-01",
        period_end="2027-03-31", cascade_model="flexible", current_step=6,
        followup_date="2027-01-11", followup_time="10:00",
        followup_note="Confirm every baseline and owner before the first weekly check-in.",
    )
    return models.Workshop(**{**values, **overrides})


def _review_events(count: int = 12) -> list[models.ReviewEvent]:
    """Weekly check-ins on Mondays, a monthly review on the first Tuesday, a retrospective at the end."""
    events = []
    monday = datetime(2027, 1, 4, 9, 30)
    for week in range(count - 3):
        events.append(models.ReviewEvent(kind=models.WEEKLY, title="Weekly check-in",
                                         starts_at=(monday + timedelta(weeks=week)).strftime("%Y-%m-%dT%H:%M"),
                                         minutes=30))
    for month, day in ((2, 2), (3, 2)):
        events.append(models.ReviewEvent(kind=models.MONTHLY, title="Monthly cross-team review",
                                         starts_at=f"2027-{month:02d}-{day:02d}T14:00", minutes=60))
    events.append(models.ReviewEvent(kind=models.RETROSPECTIVE, title="End-of-period retrospective",
                                     starts_at="2027-03-31T14:00", minutes=90))
    events.sort(key=lambda event: event.starts_at)
    for number, event in enumerate(events, start=1):
        event.id = number
    return events


def _steps(used_minutes=USED_MINUTES) -> list[models.AgendaStep]:
    return [models.AgendaStep(id=n, planned_minutes=PLANNED_MINUTES[n], used_seconds=used_minutes[n] * 60 + 20,
                              status=models.STEP_DONE) for n in range(7)]


def _company_rows() -> tuple[list, list]:
    objectives, key_results = [], []
    for position, (text, krs) in enumerate(COMPANY_OBJECTIVES):
        objectives.append(models.CompanyObjective(id=position + 1, position=position, text=text))
        for kr_text in krs:
            key_results.append(models.CompanyKeyResult(id=len(key_results) + 1, position=len(key_results),
                                                       company_objective_id=position + 1, text=kr_text))
    return objectives, key_results


def demo_snapshot(**detail_overrides) -> WorkshopSnapshot:
    """A finished workshop like the demo: 4 objectives × 4 key results, 12 meetings, a wrap-up."""
    company_objectives, company_key_results = _company_rows()
    objectives, key_results, initiatives = [], [], []
    for position, (text, commitment, parent, krs, plans) in enumerate(OBJECTIVES):
        objective_id = position + 1
        objectives.append(models.Objective(
            id=objective_id, position=position, text=text, commitment=commitment, parent_objective_id=parent,
            necessary=True if position != 2 else None, necessary_note="Each key result covers a different risk.",
            sufficient=position % 2 == 0 if position != 2 else None,
            sufficient_note="" if position else "Speed and safety together tell us deployments are boring.",
        ))
        for kr_position, (kr_text, kind, baseline, target, unit, stages, owner) in enumerate(krs):
            key_results.append(models.KeyResult(
                id=len(key_results) + 1, objective_id=objective_id, position=kr_position, text=kr_text,
                kind=kind, baseline=baseline, target=target, unit=unit, stages=stages, owner=owner,
                due_date="2027-03-31"))
        for i_position, (plan, owner) in enumerate(plans):
            initiatives.append(models.Initiative(id=len(initiatives) + 1, objective_id=objective_id,
                                                 position=i_position, text=plan, owner=owner))
    return build_snapshot({
        models.Workshop: [_details(**detail_overrides)],
        models.Participant: [models.Participant(id=i + 1, position=i, name=name, role=role)
                             for i, (name, role) in enumerate(PARTICIPANTS)],
        models.AgendaStep: _steps(),
        models.CompanyObjective: company_objectives,
        models.CompanyKeyResult: company_key_results,
        models.Objective: objectives,
        models.KeyResult: key_results,
        models.Initiative: initiatives,
        models.ReviewEvent: _review_events(),
        models.OpenQuestion: [models.OpenQuestion(id=i + 1, position=i, text=text, answered=answered)
                              for i, (text, answered) in enumerate(OPEN_QUESTIONS)],
        models.ActionItem: [models.ActionItem(id=i + 1, position=i, what=what, who=who, due_date=due)
                            for i, (what, who, due) in enumerate(ACTION_ITEMS)],
    })


def empty_snapshot() -> WorkshopSnapshot:
    """A workshop just prepared: details only, nothing written yet."""
    return build_snapshot({models.Workshop: [_details(cascade_model="", followup_date="", followup_time="",
                                                      followup_note="")]})


UNICODE_TEXTS = {
    "title": "Atelier OKR 🚀 2027",
    "greek": "Νίκος Παπαδόπουλος",
    "cyrillic": "Ольга Смирнова",
    "arabic": "تحسين تجربة العملاء",
    "hebrew": "לשפר את חוויית הלקוח",
    "cjk": "提高客户满意度",
}


def unicode_snapshot() -> WorkshopSnapshot:
    """Long texts and many scripts: accents, Greek, Cyrillic, emoji, right-to-left, CJK, markup characters."""
    long_objective = ("Rendre la plateforme fiable, rapide et agréable à utiliser pour chaque équipe produit, "
                      "afin que les clients européens — à Zürich, Kraków, Αθήνα and Москва — fassent confiance "
                      "à nos services <même> quand la charge & les attentes augmentent; ") * 2
    long_objective = long_objective[:400]
    company_objectives, company_key_results = _company_rows()
    objectives = [
        models.Objective(id=1, position=0, text=long_objective, commitment="aspirational", parent_objective_id=1),
        models.Objective(id=2, position=1, text=f"{UNICODE_TEXTS['arabic']} / {UNICODE_TEXTS['hebrew']}",
                         commitment="committed", parent_key_result_id=2),
        models.Objective(id=3, position=2, text=f"{UNICODE_TEXTS['cjk']} so that 顧客 stay", commitment="committed"),
    ]
    key_results = [
        models.KeyResult(id=1, objective_id=1, position=0, text=long_objective, baseline="12", target="3", unit="%",
                         owner=UNICODE_TEXTS["greek"]),
        models.KeyResult(id=2, objective_id=1, position=1, text="Lancer l'offre 🎯 en trois étapes", kind="milestone",
                         stages="Étape 1\nÉtape 2 👍🏽\nÉtape 3 🇫🇷", owner=UNICODE_TEXTS["cyrillic"]),
        models.KeyResult(id=3, objective_id=2, position=0, text="رفع الرضا من 60% إلى 80%", baseline="60",
                         target="80", unit="%", owner="דוד כהן"),
        models.KeyResult(id=4, objective_id=3, position=0, text="满意度 from 3.1 to 4.5", baseline="3.1",
                         target="4.5", owner="王芳"),
    ]
    return build_snapshot({
        models.Workshop: [_details(title=UNICODE_TEXTS["title"], team="Équipe Plateforme & Données <β>",
                                   facilitator="Zoë Ångström-Øberg")],
        models.Participant: [models.Participant(id=1, position=0, name=UNICODE_TEXTS["greek"], role="Ingénieur"),
                             models.Participant(id=2, position=1, name=UNICODE_TEXTS["cyrillic"], role="Дизайнер"),
                             models.Participant(id=3, position=2, name="李明", role="数据分析师"),
                             models.Participant(id=4, position=3, name="سارة", role="مهندسة")],
        models.AgendaStep: _steps(),
        models.CompanyObjective: company_objectives,
        models.CompanyKeyResult: company_key_results,
        models.Objective: objectives,
        models.KeyResult: key_results,
        models.ReviewEvent: _review_events(),
        models.OpenQuestion: [models.OpenQuestion(id=1, position=0, text="Faut-il ✅ valider avec le juridique ?")],
        models.ActionItem: [models.ActionItem(id=1, position=0, what="Envoyer les OKR 📧", who="Zoë",
                                              due_date="2026-12-16")],
    })


def roll_up_snapshot(objective_count: int = 200, key_results_per_objective: int = 6,
                     extra_key_results: int = 50) -> WorkshopSnapshot:
    """A 50-team roll-up sized session: 200 objectives and 1,250 key results by default."""
    company_objectives, company_key_results = _company_rows()
    objectives, key_results, initiatives = [], [], []
    for index in range(objective_count):
        team = index // 4 + 1
        template = OBJECTIVES[index % len(OBJECTIVES)]
        objectives.append(models.Objective(
            id=index + 1, position=index, text=f"Team {team}: {template[0]}", commitment=template[1],
            parent_objective_id=template[2], necessary=index % 3 == 0, sufficient=index % 4 == 0,
            necessary_note="Checked with the team lead."))
        count = key_results_per_objective + (1 if index < extra_key_results else 0)
        for position in range(count):
            kr_text, kind, baseline, target, unit, stages, owner = template[3][position % len(template[3])]
            key_results.append(models.KeyResult(
                id=len(key_results) + 1, objective_id=index + 1, position=position,
                text=f"{kr_text} (team {team}, #{position + 1})", kind=kind, baseline=baseline, target=target,
                unit=unit, stages=stages, owner=owner, due_date="2027-03-31"))
        initiatives.append(models.Initiative(id=index + 1, objective_id=index + 1, position=0,
                                             text=f"Initiative of team {team}", owner="Amélie Durand"))
    return build_snapshot({
        models.Workshop: [_details(title="Company roll-up 2027-Q1", team="All teams")],
        models.Participant: [models.Participant(id=i + 1, position=i, name=f"Team lead {i + 1}", role="Team lead")
                             for i in range(50)],
        models.AgendaStep: _steps(),
        models.CompanyObjective: company_objectives,
        models.CompanyKeyResult: company_key_results,
        models.Objective: objectives,
        models.KeyResult: key_results,
        models.Initiative: initiatives,
        models.ReviewEvent: _review_events(),
        models.OpenQuestion: [models.OpenQuestion(id=1, position=0, text="Which teams share a dependency?")],
        models.ActionItem: [models.ActionItem(id=1, position=0, what="Archive every pack", who="Champion",
                                              due_date=str(date(2027, 1, 8)))],
    })


class ReadBack:
    """A built PDF read back once: normalised text and words per page, and the bookmarks."""

    def __init__(self, path: Path):
        with pdfplumber.open(path) as pdf:
            self.sizes = [(round(page.width, 1), round(page.height, 1)) for page in pdf.pages]
            raw = [page.extract_text() or "" for page in pdf.pages]
            page_ids = {page.page_obj.pageid: number for number, page in enumerate(pdf.pages)}
            self.bookmarks = [(level, title, page_ids.get(dest[0].objid))
                              for level, title, dest, _action, _se in pdf.doc.get_outlines()]
        self.words = [text.split() for text in raw]
        self.pages = [" ".join(words) for words in self.words]
        self.text = " ".join(self.pages)

    def page_of(self, bookmark_start: str) -> int:
        """The page the first bookmark whose title starts with `bookmark_start` points at."""
        return next(page for _level, title, page in self.bookmarks if title.startswith(bookmark_start))

    def contains_words(self, expected: str) -> bool:
        """Whether the words of `expected` appear in order on one page, close together.

        Table cells wrap, so a long text's lines are interleaved with its row's other cells;
        in-order words within a small window survive that, a plain substring would not.
        """
        wanted = expected.split()
        window = len(wanted) * 6 + 20
        for words in self.words:
            for start, word in enumerate(words):
                if word != wanted[0]:
                    continue
                position, found = start + 1, 1
                while found < len(wanted) and position < min(len(words), start + window):
                    if words[position] == wanted[found]:
                        found += 1
                    position += 1
                if found == len(wanted):
                    return True
        return False
