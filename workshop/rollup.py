"""The company roll-up (ARCHITECTURE.md, Outputs): many teams' objectives gathered under the company objectives.

Every team file is validated like any file that arrives by email; a refused one is listed with its
sentence and the others still import. Company objectives (and their key results) that several teams
copied are merged when their texts match once case and spacing are ignored; team objectives keep
their own texts, key results and initiatives, re-pointed at the merged company objectives.

A roll-up file says what it is in its data: `workshop.kind` is "rollup", each objective's `team`
names the team it came from, and one participant row per team (its name) keeps the teams' order,
also of a team with no objectives. `rollup_from_snapshot` rebuilds from those the `Rollup` that the
roll-up view and PDF draw from. (Roll-ups written before schema version 4 are converted when their
file is upgraded, see `rollup_upgrade`.)
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Sequence

from assets import load_json
from workshop import models
from workshop.errors import ReadableError, SessionError
from workshop.filenames import is_same_file
from workshop.periods import most_common
from workshop.progress import ObjectiveProgress, quarter_progress
from workshop.session import create_session, default_rows
from workshop.snapshot import WorkshopSnapshot, build_snapshot
from workshop.validation import validate_file

TEXT = load_json("report_texts.json")["rollup"]
ROLLUP_TITLE = TEXT["title"]
ALL_TEAMS = TEXT["all_teams"]
MAX_FOCUSED_OBJECTIVES = 5  # more than this and a team is flagged as trying to do too much


@dataclass(frozen=True)
class TeamSummary:
    """One imported team, as the roll-up lists it."""

    name: str
    objectives: int
    key_results: int
    unaligned: int
    period: str
    facilitator: str
    path: Path | None = None
    progress: float | None = None  # the mean of its objectives' latest progress; None before any value
    score: float | None = None  # the mean of its objectives' scores, once any is scored
    latest_checkin: str = ""  # ISO date of its latest value


@dataclass(frozen=True)
class TeamObjective:
    """A team's objective with its key results and initiatives, and where it sits in the company's."""

    team: str
    objective: Any  # ObjectiveRecord, texts untouched
    key_results: tuple = ()
    initiatives: tuple = ()
    company_objective: int | None = None  # index into Rollup.company_objectives; None = unaligned
    company_key_result: int | None = None  # index into that company objective's key results
    progress: ObjectiveProgress | None = None  # its latest progress, key results' values and scores


@dataclass(frozen=True)
class CompanyObjectiveEntry:
    """A company objective as merged from every team that listed it."""

    text: str
    key_results: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rollup:
    """Every team's objectives under the merged company objectives, teams in import order."""

    teams: tuple[TeamSummary, ...]
    company_objectives: tuple[CompanyObjectiveEntry, ...]
    objectives: tuple[TeamObjective, ...]  # grouped by team, in team order
    periods: tuple[str, ...] = ()  # every distinct period label, in the order met
    period_start: str = ""  # set only when every team of `period` has the same dates
    period_end: str = ""

    @property
    def period(self) -> str:
        """The period the roll-up is for: the one most teams plan for (a tie: the earliest)."""
        return most_common([team.period for team in self.teams])

    def objectives_under(self, company_objective: int) -> tuple[TeamObjective, ...]:
        return tuple(o for o in self.objectives if o.company_objective == company_objective)

    def objectives_of(self, team: str) -> tuple[TeamObjective, ...]:
        return tuple(o for o in self.objectives if o.team == team)

    @property
    def unaligned(self) -> tuple[TeamObjective, ...]:
        return tuple(o for o in self.objectives if o.company_objective is None)

    @property
    def oversized_teams(self) -> tuple[TeamSummary, ...]:
        return tuple(t for t in self.teams if t.objectives > MAX_FOCUSED_OBJECTIVES)


@dataclass(frozen=True)
class RollupReport:
    """What `build_rollup_file` did: teams imported, files refused (with their sentence), the file written."""

    imported: list[TeamSummary]
    refused: list[tuple[Path, str]]
    path: Path | None  # None when no team could be imported (nothing is written then)
    rollup: Rollup | None = None


def normalised(text: str) -> str:
    """The form two company objectives are compared in: same letters, any case, any spacing."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


class _CompanyMerge:
    """Company objectives and key results met so far, each kept once under its first spelling."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, list[str]]] = []
        self._objective_index: dict[str, int] = {}
        self._key_result_index: list[dict[str, int]] = []

    def objective(self, text: str) -> int:
        key = normalised(text)
        if key not in self._objective_index:
            self._objective_index[key] = len(self.entries)
            self.entries.append((text, []))
            self._key_result_index.append({})
        return self._objective_index[key]

    def key_result(self, objective: int, text: str) -> int:
        known = self._key_result_index[objective]
        key = normalised(text)
        if key not in known:
            known[key] = len(self.entries[objective][1])
            self.entries[objective][1].append(text)
        return known[key]

    def frozen(self) -> tuple[CompanyObjectiveEntry, ...]:
        return tuple(CompanyObjectiveEntry(text, tuple(krs)) for text, krs in self.entries)


def _team_names(snapshots: Sequence[WorkshopSnapshot], file_names: Sequence[str] = ()) -> list[str]:
    """Each team's name, made unique ("Ops", "Ops (2)") so that every team keeps its own objectives.
    A team left unnamed is called after its file ("ops-q1.okrw" is "ops-q1"), or numbered."""
    names: list[str] = []
    for number, snapshot in enumerate(snapshots, start=1):
        fallback = (file_names[number - 1] if number <= len(file_names)
                    else TEXT["team_number"].format(number=number))
        base = snapshot.details.team.strip() or fallback
        name, copy = base, 2
        while name in names:
            name, copy = f"{base} ({copy})", copy + 1
        names.append(name)
    return names


def _unanimous(values: Sequence[str]) -> str:
    return values[0] if values and all(v == values[0] for v in values) else ""


def build_rollup(snapshots: Sequence[WorkshopSnapshot], file_names: Sequence[str] = ()) -> Rollup:
    """Gather the teams' objectives under the merged company objectives, in the order given.
    `file_names` (without extension) name the teams whose files leave the team unnamed."""
    merge = _CompanyMerge()
    objectives: list[TeamObjective] = []
    teams: list[TeamSummary] = []
    for name, snapshot in zip(_team_names(snapshots, file_names), snapshots):
        company = {c.id: merge.objective(c.text) for c in snapshot.company_objectives}
        progress = {p.objective.id: p for p in quarter_progress(snapshot)}
        company_kr = {}
        for kr in snapshot.company_key_results:
            if kr.company_objective_id in company:  # always, in a validated file
                group = company[kr.company_objective_id]
                company_kr[kr.id] = (group, merge.key_result(group, kr.text))
        team_objectives = []
        for objective in snapshot.objectives:
            # Aligned through a company key result is the more precise answer, so it wins.
            group, key_result = company_kr.get(objective.parent_key_result_id,
                                               (company.get(objective.parent_objective_id), None))
            team_objectives.append(TeamObjective(
                team=name, objective=objective, key_results=snapshot.key_results_of(objective.id),
                initiatives=snapshot.initiatives_of(objective.id),
                company_objective=group, company_key_result=key_result, progress=progress.get(objective.id),
            ))
        objectives += team_objectives
        teams.append(_summary(name, team_objectives, snapshot.details.period_label,
                              snapshot.details.facilitator))
    periods = tuple(dict.fromkeys(s.details.period_label for s in snapshots if s.details.period_label))
    used = most_common([s.details.period_label for s in snapshots])
    dated = [s for s in snapshots if s.details.period_label == used]  # the dates of the period used
    return Rollup(
        teams=tuple(teams), company_objectives=merge.frozen(), objectives=tuple(objectives), periods=periods,
        period_start=_unanimous([s.details.period_start for s in dated]),
        period_end=_unanimous([s.details.period_end for s in dated]),
    )


def _summary(name: str, objectives: Sequence[TeamObjective], period: str, facilitator: str) -> TeamSummary:
    progresses = [o.progress for o in objectives if o.progress is not None]
    values = [p.progress for p in progresses]
    scores = [p.score for p in progresses if p.score is not None]
    dates = [point.held_on for p in progresses for kr in p.key_results for point in kr.history
             if point.current is not None]
    return TeamSummary(
        name=name, objectives=len(objectives), key_results=sum(len(o.key_results) for o in objectives),
        unaligned=sum(1 for o in objectives if o.company_objective is None), period=period,
        facilitator=facilitator,
        progress=None if all(v is None for v in values) else sum(v or 0.0 for v in values) / len(objectives),
        score=sum(scores) / len(scores) if scores else None, latest_checkin=max(dates, default=""),
    )


def counted(count: int, noun: str) -> str:
    """"1 team", "3 teams": how the roll-up's views and PDF count things."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def rollup_rows(rollup: Rollup, today: date | None = None) -> dict[type, list[dict]]:
    """The rows of a roll-up session file (see the module docstring for how teams are recorded)."""
    rows: dict[type, list[dict]] = {
        models.Workshop: [{
            "id": 1, "kind": models.KIND_ROLLUP, "title": ROLLUP_TITLE, "team": ALL_TEAMS,
            "workshop_date": (today or date.today()).isoformat(), "period_label": rollup.period,
            "period_start": rollup.period_start, "period_end": rollup.period_end,
        }],
        models.AgendaStep: default_rows()[models.AgendaStep],
        models.Participant: [
            {"id": i + 1, "position": i, "name": team.name}
            for i, team in enumerate(rollup.teams)
        ],
        models.CompanyObjective: [], models.CompanyKeyResult: [],
        models.Objective: [], models.KeyResult: [], models.Initiative: [],
        models.Checkin: [], models.CheckinValue: [],
    }
    kr_ids: dict[tuple[int, int], int] = {}
    for index, entry in enumerate(rollup.company_objectives):
        rows[models.CompanyObjective].append({"id": index + 1, "position": index, "text": entry.text})
        for kr_index, text in enumerate(entry.key_results):
            kr_ids[index, kr_index] = len(kr_ids) + 1
            rows[models.CompanyKeyResult].append({"id": kr_ids[index, kr_index], "position": kr_index,
                                                  "company_objective_id": index + 1, "text": text})
    for position, team_objective in enumerate(rollup.objectives):
        objective_id = position + 1
        group, key_result = team_objective.company_objective, team_objective.company_key_result
        rows[models.Objective].append({
            **dataclasses.asdict(team_objective.objective),
            "id": objective_id, "position": position, "team": team_objective.team,
            "parent_objective_id": None if group is None else group + 1,
            "parent_key_result_id": None if key_result is None else kr_ids[group, key_result],
        })
        for table, children in ((models.KeyResult, team_objective.key_results),
                                (models.Initiative, team_objective.initiatives)):
            for child in children:
                rows[table].append({**dataclasses.asdict(child), "id": len(rows[table]) + 1,
                                    "objective_id": objective_id})
        _add_latest_values(rows, team_objective, first_key_result_id=len(rows[models.KeyResult])
                           - len(team_objective.key_results) + 1)
    return rows


def _add_latest_values(rows: dict[type, list[dict]], team_objective: TeamObjective, first_key_result_id: int) -> None:
    """Keep each key result's latest value and confidence in the roll-up file: one check-in per team,
    dated its latest value, so the roll-up shows the teams' progress when it is opened again."""
    if team_objective.progress is None:
        return
    checkins, note = rows[models.Checkin], TEXT["latest_values"].format(team=team_objective.team)
    for offset, kr in enumerate(team_objective.progress.key_results):
        latest = next((point for point in reversed(kr.history) if point.current is not None), None)
        if latest is None:
            continue
        if not checkins or checkins[-1]["note"] != note:  # objectives come grouped by team
            checkins.append({"id": len(checkins) + 1, "kind": models.UNSCHEDULED, "held_on": latest.held_on,
                             "note": note})
        checkin = checkins[-1]
        checkin["held_on"] = max(checkin["held_on"], latest.held_on)
        milestone = kr.key_result.kind == models.MILESTONE
        rows[models.CheckinValue].append({
            "id": len(rows[models.CheckinValue]) + 1, "checkin_id": checkin["id"],
            "key_result_id": first_key_result_id + offset, "value": None if milestone else latest.current,
            "stages_done": int(latest.current) if milestone else None, "confidence": kr.confidence, "note": "",
        })


def build_rollup_file(out: Path, team_paths: Sequence[Path], today: date | None = None) -> RollupReport:
    """Validate every team file, roll up those that pass and write the roll-up session file to `out`.

    Nothing is written when no team file passes. Writing failures raise StorageError."""
    out = Path(out)
    if any(is_same_file(p, out) for p in team_paths):
        raise ReadableError(f"{out.name} is one of the team files; write the roll-up to a new file.")
    snapshots, paths, refused = [], [], []
    for path in map(Path, team_paths):
        if any(is_same_file(path, seen) for seen in paths):  # one team counted once, however named
            refused.append((path, f"{path.name} was given more than once; it is counted once."))
            continue
        try:
            snapshots.append(build_snapshot(validate_file(path).rows))
            paths.append(path)
        except SessionError as error:
            refused.append((path, str(error)))
    if not snapshots:
        return RollupReport(imported=[], refused=refused, path=None)
    rollup = build_rollup(snapshots, [path.stem for path in paths])
    rollup = dataclasses.replace(rollup, teams=tuple(
        dataclasses.replace(team, path=path) for team, path in zip(rollup.teams, paths)))
    create_session(out, rollup_rows(rollup, today)).store.close()
    return RollupReport(imported=list(rollup.teams), refused=refused, path=out, rollup=rollup)


def is_rollup(details) -> bool:
    """Whether a workshop's details (a snapshot's or a row's) are those of a roll-up file."""
    return details.kind == models.KIND_ROLLUP


def rollup_from_snapshot(snapshot: WorkshopSnapshot) -> Rollup:
    """Rebuild the roll-up from a roll-up file: teams in their recorded order, each objective under
    its recorded team (one with no team, added by hand, under the file's own team name)."""
    owners = [objective.team or snapshot.details.team or ALL_TEAMS for objective in snapshot.objectives]
    team_names = list(dict.fromkeys([p.name for p in snapshot.participants] + owners))
    group_of = {c.id: index for index, c in enumerate(snapshot.company_objectives)}
    progress = {p.objective.id: p for p in quarter_progress(snapshot)}
    key_result_of = {}
    company = []
    for index, company_objective in enumerate(snapshot.company_objectives):
        krs = snapshot.company_key_results_of(company_objective.id)
        key_result_of.update({kr.id: (index, kr_index) for kr_index, kr in enumerate(krs)})
        company.append(CompanyObjectiveEntry(company_objective.text, tuple(kr.text for kr in krs)))
    objectives = []
    for owner, objective in zip(owners, snapshot.objectives):
        group, key_result = key_result_of.get(objective.parent_key_result_id,
                                              (group_of.get(objective.parent_objective_id), None))
        objectives.append(TeamObjective(owner, objective, snapshot.key_results_of(objective.id),
                                        snapshot.initiatives_of(objective.id), group, key_result,
                                        progress.get(objective.id)))
    details = snapshot.details
    teams = tuple(_summary(name, [o for o in objectives if o.team == name], details.period_label, "")
                  for name in team_names)
    return Rollup(teams=teams, company_objectives=tuple(company), objectives=tuple(objectives),
                  periods=(details.period_label,) if details.period_label else (),
                  period_start=details.period_start, period_end=details.period_end)


def _quoted(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[:limit - 1].rstrip() + '…'}”"


def rollup_findings(rollup: Rollup) -> list[str]:
    """The roll-up's flags as sentences: differing periods, oversized teams, unaligned objectives."""
    findings = [period_warning(rollup)] if len(rollup.periods) > 1 else []
    for team in rollup.teams:
        if team.objectives > MAX_FOCUSED_OBJECTIVES:
            findings.append(TEXT["too_many"].format(team=team.name, count=team.objectives,
                                                    most=MAX_FOCUSED_OBJECTIVES))
        elif team.objectives == 0:
            findings.append(TEXT["no_objectives"].format(team=team.name))
    for team in rollup.teams:
        unaligned = [o for o in rollup.objectives_of(team.name) if o.company_objective is None]
        if unaligned:
            texts = ", ".join(_quoted(o.objective.text) for o in unaligned)
            findings.append(TEXT["unaligned"].format(team=team.name, objectives=counted(len(unaligned), "objective"),
                                                     texts=texts))
    return findings


def period_warning(rollup: Rollup) -> str:
    """The sentence for teams that plan for different periods, naming the one the roll-up uses."""
    counts = Counter(team.period for team in rollup.teams if team.period)
    tied = sum(1 for count in counts.values() if count == counts[rollup.period]) > 1
    why = TEXT["earliest_most_common"] if tied else TEXT["most_common"]
    return TEXT["different_periods"].format(periods=", ".join(rollup.periods), period=rollup.period, why=why)
