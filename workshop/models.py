"""The session's tables: everything a workshop records, from preparation to wrap-up (ARCHITECTURE.md, The workshop).

One row of `Workshop` holds the workshop's details; every other table hangs off it by position.
Columns are plain values (text, integers, ISO dates as text) so a session file stays readable with
the `sqlite3` command and validates column by column when it arrives by email (ARCHITECTURE.md, Session files).
"""

from __future__ import annotations

import uuid
from typing import Optional

from sqlmodel import Field, SQLModel

# Values kept as short strings so the file is self-explanatory.
COMMITTED = "committed"
ASPIRATIONAL = "aspirational"
COMMITMENTS = (COMMITTED, ASPIRATIONAL)

METRIC = "metric"
MILESTONE = "milestone"
KR_KINDS = (METRIC, MILESTONE)

DUALITY = "duality"
FLEXIBLE = "flexible"
CASCADE_MODELS = ("", DUALITY, FLEXIBLE)

STEP_PENDING = "pending"
STEP_ACTIVE = "active"
STEP_DONE = "done"
STEP_STATUSES = (STEP_PENDING, STEP_ACTIVE, STEP_DONE)

WEEKLY = "weekly"
MONTHLY = "monthly"
RETROSPECTIVE = "retrospective"
OTHER = "other"
MEETING_KINDS = (WEEKLY, MONTHLY, RETROSPECTIVE, OTHER)

# What a session file holds: one team's workshop, or a company roll-up built from teams' files.
KIND_WORKSHOP = "workshop"
KIND_ROLLUP = "rollup"
WORKSHOP_KINDS = (KIND_WORKSHOP, KIND_ROLLUP)

# Which way a metric key result moves from its baseline to its target ("" until it is known).
INCREASE = "increase"
DECREASE = "decrease"
DIRECTIONS = ("", INCREASE, DECREASE)

# The meetings of the quarter after the workshop (ARCHITECTURE.md, Scoring): a check-in is one of them, held.
UNSCHEDULED = "unscheduled"
CHECKIN_KINDS = (WEEKLY, MONTHLY, RETROSPECTIVE, UNSCHEDULED)

# An owner's confidence in a key result at a check-in, always shown as these words ("" = not given).
ON_TRACK = "on track"
AT_RISK = "at risk"
OFF_TRACK = "off track"
CONFIDENCES = ("", ON_TRACK, AT_RISK, OFF_TRACK)


class Workshop(SQLModel, table=True):
    """The single row of details: who, when, which period, and the choices made during the steps."""

    id: Optional[int] = Field(default=None, primary_key=True)
    title: str = ""
    team: str = ""
    facilitator: str = ""
    workshop_date: str = ""  # ISO date
    period_label: str = ""  # e.g. "2027-Q1"
    period_start: str = ""  # ISO date
    period_end: str = ""  # ISO date
    prework_company_okrs_shared: bool = False
    prework_team_brings_ideas: bool = False
    prework_champion_named: bool = False
    cascade_model: str = ""  # one of CASCADE_MODELS; "" until the team picks
    current_step: int = 0
    current_slide: int = 0
    warning_seconds: int = 120
    chime_muted: bool = False
    # Review cadence choices (step 5) from which the schedule is generated.
    weekly_weekday: int = 0  # Monday = 0
    weekly_time: str = "09:30"
    weekly_minutes: int = 30
    monthly_weekday: int = 1  # first <weekday> of the month
    monthly_time: str = "14:00"
    monthly_minutes: int = 60
    retro_minutes: int = 90
    # Wrap-up (step 6): the follow-up meeting.
    followup_date: str = ""  # ISO date
    followup_time: str = ""  # HH:MM
    followup_note: str = ""
    # Made once when the workshop is created and kept through renames, copies and Save As, so the
    # calendar's events keep their identity (ARCHITECTURE.md, Outputs) whatever the workshop is called later.
    uid: str = Field(default_factory=lambda: uuid.uuid4().hex)
    kind: str = KIND_WORKSHOP  # one of WORKSHOP_KINDS: a roll-up is told apart by this, not by its title


class Participant(SQLModel, table=True):
    """A person in the room."""

    id: Optional[int] = Field(default=None, primary_key=True)
    position: int = 0
    name: str = ""
    role: str = ""
    email: str = ""


class AgendaStep(SQLModel, table=True):
    """One step of the agenda (0 preparation .. 6 wrap-up) with its planned and used time."""

    id: Optional[int] = Field(default=None, primary_key=True)  # the step number, 0..6
    planned_minutes: int = 0
    used_seconds: int = 0
    status: str = STEP_PENDING


class CompanyObjective(SQLModel, table=True):
    """A company-level objective the team aligns to."""

    id: Optional[int] = Field(default=None, primary_key=True)
    position: int = 0
    text: str = ""


class CompanyKeyResult(SQLModel, table=True):
    """A key result of a company objective; under the duality model it becomes a team objective."""

    id: Optional[int] = Field(default=None, primary_key=True)
    company_objective_id: int = Field(foreign_key="companyobjective.id", ondelete="CASCADE")
    position: int = 0
    text: str = ""


class Objective(SQLModel, table=True):
    """A team objective, with its alignment and the necessary/sufficient test answers."""

    id: Optional[int] = Field(default=None, primary_key=True)
    position: int = 0
    text: str = ""
    commitment: str = ASPIRATIONAL
    parent_objective_id: Optional[int] = Field(
        default=None, foreign_key="companyobjective.id", ondelete="SET NULL"
    )
    parent_key_result_id: Optional[int] = Field(
        default=None, foreign_key="companykeyresult.id", ondelete="SET NULL"
    )
    necessary: Optional[bool] = None  # None until the team answers
    necessary_note: str = ""
    sufficient: Optional[bool] = None
    sufficient_note: str = ""
    team: str = ""  # in a roll-up, the name of the team whose objective this is; "" in a team's own file
    score: Optional[float] = None  # 0.0..1.0 given at the retrospective (ARCHITECTURE.md, Scoring); None until then


class KeyResult(SQLModel, table=True):
    """A measurable key result: a metric (baseline -> target, unit) or a milestone (named stages).

    `baseline`, `target` and `unit` are what the team wrote, printed as written ("about 70"). The
    numbers progress is computed from are `baseline_value` and `target_value` (None until known);
    `kr_numbers.read_numbers` fills them from a key result's text, the facilitator can correct them.
    """

    id: Optional[int] = Field(default=None, primary_key=True)
    objective_id: int = Field(foreign_key="objective.id", ondelete="CASCADE")
    position: int = 0
    text: str = ""
    kind: str = METRIC
    baseline: str = ""
    target: str = ""
    unit: str = ""
    stages: str = ""  # milestone stages, one per line
    owner: str = ""
    due_date: str = ""  # ISO date
    direction: str = ""  # one of DIRECTIONS
    baseline_value: Optional[float] = None
    target_value: Optional[float] = None
    score: Optional[float] = None  # 0.0..1.0 given at the retrospective (committed: 0 or 1)


class Initiative(SQLModel, table=True):
    """Something the team will do to move a key result; kept apart from the key results."""

    id: Optional[int] = Field(default=None, primary_key=True)
    objective_id: int = Field(foreign_key="objective.id", ondelete="CASCADE")
    position: int = 0
    text: str = ""
    owner: str = ""


class Candidate(SQLModel, table=True):
    """A brainstormed idea for an objective, with its dot votes."""

    id: Optional[int] = Field(default=None, primary_key=True)
    position: int = 0
    text: str = ""
    votes: int = 0


class ReviewEvent(SQLModel, table=True):
    """One meeting of the review cadence (step 5)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    kind: str = WEEKLY
    title: str = ""
    starts_at: str = ""  # ISO local date-time, "YYYY-MM-DDTHH:MM"
    minutes: int = 30


class OpenQuestion(SQLModel, table=True):
    """A question raised during the workshop, answered or not by the end."""

    id: Optional[int] = Field(default=None, primary_key=True)
    position: int = 0
    text: str = ""
    answered: bool = False


class ActionItem(SQLModel, table=True):
    """A next step agreed at the wrap-up: what, who, by when."""

    id: Optional[int] = Field(default=None, primary_key=True)
    position: int = 0
    what: str = ""
    who: str = ""
    due_date: str = ""  # ISO date


class Checkin(SQLModel, table=True):
    """A review meeting as it was held: a weekly or monthly check-in, the retrospective, or one
    the team called unscheduled. Its values are kept forever: a later check-in adds, never overwrites."""

    id: Optional[int] = Field(default=None, primary_key=True)
    kind: str = WEEKLY  # one of CHECKIN_KINDS
    review_event_id: Optional[int] = Field(default=None, foreign_key="reviewevent.id", ondelete="SET NULL")
    held_on: str = ""  # ISO date the values are as of
    used_seconds: int = 0
    note: str = ""


class CheckinValue(SQLModel, table=True):
    """One key result's state at one check-in: its value (a metric) or stages done (a milestone),
    the owner's confidence and a short note or blocker."""

    id: Optional[int] = Field(default=None, primary_key=True)
    checkin_id: int = Field(foreign_key="checkin.id", ondelete="CASCADE")
    key_result_id: int = Field(foreign_key="keyresult.id", ondelete="CASCADE")
    value: Optional[float] = None  # a metric's current value; None when not reported
    stages_done: Optional[int] = None  # a milestone's stages done; None when not reported
    confidence: str = ""  # one of CONFIDENCES
    note: str = ""


class RetroAnswer(SQLModel, table=True):
    """A question asked at the end-of-period retrospective and the team's answer."""

    id: Optional[int] = Field(default=None, primary_key=True)
    position: int = 0
    question: str = ""
    answer: str = ""


# Every table of the schema, parents before children (the order rows are written and validated in).
TABLES: tuple[type[SQLModel], ...] = (
    Workshop,
    Participant,
    AgendaStep,
    CompanyObjective,
    CompanyKeyResult,
    Objective,
    KeyResult,
    Initiative,
    Candidate,
    ReviewEvent,
    OpenQuestion,
    ActionItem,
    Checkin,
    CheckinValue,
    RetroAnswer,
)
