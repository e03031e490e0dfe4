"""A quarter to report on: a session with metrics (up and down) and milestones, checked in every
week, for the report tests and the quarter benchmark. Built straight from rows, no file needed."""

from __future__ import annotations

from datetime import date, timedelta

from workshop import models
from workshop.snapshot import WorkshopSnapshot, build_snapshot

PERIOD_START, PERIOD_END = date(2027, 1, 1), date(2027, 3, 31)
NOTES = ("Ça avance bien 🚀", "Ждём данные от поставщика", "ننتظر الموافقة", "Blocked on the vendor contract", "")


def quarter_snapshot(key_results: int = 25, checkins: int = 13, per_objective: int = 5) -> WorkshopSnapshot:
    """`key_results` key results over objectives of `per_objective`, every one reported at each of
    `checkins` weekly check-ins (every fifth a milestone of four stages, every third a decrease)."""
    details = models.Workshop(id=1, title="Quarter", team="Plateforme Ünïcode", facilitator="Amélie Durand",
                              period_label="2027-Q1", period_start=PERIOD_START.isoformat(),
                              period_end=PERIOD_END.isoformat())
    objectives, krs, checkin_rows, values = [], [], [], []
    for index in range(key_results):
        objective_id = index // per_objective + 1
        if index % per_objective == 0:
            objectives.append(models.Objective(
                id=objective_id, position=objective_id - 1, text=f"Objective {objective_id}: calmer releases for everyone",
                commitment=models.COMMITTED if objective_id % 2 == 0 else models.ASPIRATIONAL))
        if index % 5 == 4:
            krs.append(models.KeyResult(id=index + 1, objective_id=objective_id, position=index % per_objective,
                                        text=f"Ship stage by stage {index}", kind=models.MILESTONE,
                                        stages="Scope\nVisits\nFindings\nAgreement", owner="Ольга"))
        else:
            down = index % 3 == 0
            baseline, target = (48.0, 6.0) if down else (31.0, 55.0)
            krs.append(models.KeyResult(
                id=index + 1, objective_id=objective_id, position=index % per_objective,
                text=f"Move metric {index} from {baseline:g} to {target:g}", kind=models.METRIC,
                baseline=f"{baseline:g}", target=f"{target:g}", unit="hours" if down else "%",
                baseline_value=baseline, target_value=target,
                direction=models.DECREASE if down else models.INCREASE, owner="Jonas Weißmann"))
    confidences = (models.ON_TRACK, models.AT_RISK, models.OFF_TRACK, "")
    for week in range(checkins):
        checkin_id = week + 1
        checkin_rows.append(models.Checkin(id=checkin_id, kind=models.WEEKLY, used_seconds=1800,
                                           held_on=(PERIOD_START + timedelta(days=3 + 7 * week)).isoformat(),
                                           note=NOTES[week % len(NOTES)]))
        share = (week + 1) / (checkins + 2)
        for kr in krs:
            reported = {"stages_done": min(4, (week + 1) * 4 // checkins)} if kr.kind == models.MILESTONE else \
                {"value": kr.baseline_value + (kr.target_value - kr.baseline_value) * share * (1 + (kr.id % 3) / 10)}
            values.append(models.CheckinValue(id=len(values) + 1, checkin_id=checkin_id, key_result_id=kr.id,
                                              confidence=confidences[(kr.id + week) % 4],
                                              note=NOTES[(kr.id + week) % len(NOTES)], **reported))
    return build_snapshot({models.Workshop: [details], models.Objective: objectives, models.KeyResult: krs,
                           models.Checkin: checkin_rows, models.CheckinValue: values})
