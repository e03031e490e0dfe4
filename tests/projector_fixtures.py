"""A workshop that strains the projector: five objectives of 150-170 characters in several scripts,
25 key results, 17 meetings, open questions and next steps (issue 13's "stress workshop")."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from workshop import models
from workshop.session import create_session, default_rows

OBJECTIVES = (
    "Rendre le paiement mobile si fiable et si rapide que nos clients de Montréal à Genève terminent "
    "leurs commandes sans hésiter, afin de gagner leur confiance durable",
    "Сделать обработку заказов быстрой и понятной для каждого покупателя в Москве и Казани, чтобы "
    "клиенты возвращались к нам каждую неделю без лишних звонков",
    "Κάνουμε την εξυπηρέτηση πελατών στην Αθήνα και τη Θεσσαλονίκη πιο ανθρώπινη και γρήγορη, ώστε "
    "κάθε παράπονο να λύνεται την ίδια μέρα χωρίς καμία αναμονή",
    "Make onboarding for new restaurant partners in Zürich, Kraków and Łódź smooth enough that they "
    "publish their first menu within one day, so that growth is steady",
    "Reduce the time our warehouse teams in São Paulo and Málaga spend on manual stock counts so that "
    "they can focus on careful packing and fewer damaged deliveries",
)
KEY_RESULT_TEMPLATES = (
    "Raise weekly completed orders for group {n} from {a} to {b} per store, measured every Friday",
    "Cut the average waiting time for team {n} from {a} minutes to {b} minutes before the period ends",
    "Increase satisfied survey answers in area {n} from {a}% to {b}% of all responses",
    "Lower the number of repeated complaints for site {n} from {a} a month to {b} a month",
    "Grow the share of self-service changes in region {n} from {a}% to {b}% of requests",
)
MEETING_COUNT = 17
NEXT_STEPS = (
    ("Send the written OKRs to the whole department", "Amélie Durand", 3),
    ("Book the monthly review room for the whole quarter", "Дмитрий Соколов", 5),
    ("Collect baselines for every key result still missing one", "Νίκος Παπαδόπουλος", 7),
    ("Ask finance for last quarter's payment fee report", "Zoë Kowalczyk", 10),
)
QUESTIONS = (
    "Who owns the warehouse counts when the night shift is short of people?",
    "Can the payment provider give us daily figures instead of weekly ones?",
)


def stress_rows() -> dict:
    rows = default_rows()
    rows[models.Workshop] = [{"id": 1, "title": "Stress test — Ålesund · Київ · Ηράκλειο", "team": "Platform",
                              "period_label": "2027-Q1", "period_start": "2027-01-04",
                              "period_end": "2027-03-31", "followup_date": "2027-01-15",
                              "followup_time": "10:00", "followup_note": "Review the baselines together"}]
    rows[models.Objective] = [{"id": n, "position": n, "text": text} for n, text in enumerate(OBJECTIVES, start=1)]
    rows[models.KeyResult] = [
        {"id": (o - 1) * 5 + k, "objective_id": o, "position": k,
         "text": KEY_RESULT_TEMPLATES[k - 1].format(n=o * 10 + k, a=10 + k, b=40 + o)}
        for o in range(1, 6) for k in range(1, 6)]
    start = date(2027, 1, 4)
    rows[models.ReviewEvent] = [
        {"id": n, "kind": models.WEEKLY, "title": f"Weekly check-in {n}", "minutes": 30,
         "starts_at": f"{start + timedelta(weeks=n - 1):%Y-%m-%d}T09:30"} for n in range(1, MEETING_COUNT + 1)]
    rows[models.ActionItem] = [
        {"id": n, "position": n, "what": what, "who": who, "due_date": f"{start + timedelta(days=days):%Y-%m-%d}"}
        for n, (what, who, days) in enumerate(NEXT_STEPS, start=1)]
    rows[models.OpenQuestion] = [{"id": n, "position": n, "text": text} for n, text in enumerate(QUESTIONS, start=1)]
    return rows


def write_stress_workshop(path: Path) -> Path:
    create_session(path, stress_rows()).store.close()
    return path
