"""The review cadence generator and the checks on an edited schedule, on fixed dates (ARCHITECTURE.md, The
workshop step 5).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from workshop import models
from workshop.models import MONTHLY, OTHER, RETROSPECTIVE, WEEKLY
from workshop.schedule import (
    CadenceChoices,
    PlannedMeeting,
    ScheduleWarning,
    format_starts_at,
    generate_schedule,
    last_working_day,
    meeting_reminder,
    meeting_template,
    parse_clock_time,
    parse_starts_at,
    period_of,
    schedule_warnings,
)
from workshop.snapshot import record

Q1_START, Q1_END = date(2027, 1, 1), date(2027, 3, 31)
MONDAY, TUESDAY, WEDNESDAY = 0, 1, 2


def choices(**changes) -> CadenceChoices:
    """Weekly on Monday 09:30, monthly on the first Tuesday 14:00, retrospective 90 minutes."""
    values = dict(weekly_weekday=MONDAY, weekly_time=time(9, 30), weekly_minutes=30,
                  monthly_weekday=TUESDAY, monthly_time=time(14, 0), monthly_minutes=60,
                  retro_minutes=90)
    return CadenceChoices(**(values | changes))


def days_of(meetings: list[PlannedMeeting], kind: str) -> list[date]:
    return [m.starts_at.date() for m in meetings if m.kind == kind]


def meeting(day: str, at: str = "09:30", minutes: int = 30, kind: str = WEEKLY,
            title: str = "") -> PlannedMeeting:
    return PlannedMeeting(kind, title or meeting_template(kind)["name"],
                          parse_starts_at(f"{day}T{at}"), minutes)


# --- generating -------------------------------------------------------------------------------


def test_quarter_has_a_check_in_every_monday():
    schedule = generate_schedule(Q1_START, Q1_END, choices())
    mondays = days_of(schedule, WEEKLY)
    assert len(mondays) == 13
    assert mondays[0] == date(2027, 1, 4) and mondays[-1] == date(2027, 3, 29)
    assert all(later - earlier == timedelta(weeks=1) for earlier, later in zip(mondays, mondays[1:]))
    assert {m.starts_at.time() for m in schedule if m.kind == WEEKLY} == {time(9, 30)}
    assert {m.minutes for m in schedule if m.kind == WEEKLY} == {30}


def test_monthly_review_on_the_first_tuesday_of_each_month():
    schedule = generate_schedule(Q1_START, Q1_END, choices())
    assert days_of(schedule, MONTHLY) == [date(2027, 1, 5), date(2027, 2, 2), date(2027, 3, 2)]
    assert {m.starts_at.time() for m in schedule if m.kind == MONTHLY} == {time(14, 0)}


def test_retrospective_on_the_last_day_when_it_is_a_working_day():
    schedule = generate_schedule(Q1_START, Q1_END, choices())
    retrospectives = [m for m in schedule if m.kind == RETROSPECTIVE]
    assert [m.starts_at for m in retrospectives] == [datetime(2027, 3, 31, 14, 0)]  # a Wednesday
    assert retrospectives[0].minutes == 90
    assert schedule[-1] == retrospectives[0]
    assert len(schedule) == 13 + 3 + 1


def test_meetings_are_sorted_and_titled_from_the_templates():
    schedule = generate_schedule(Q1_START, Q1_END, choices())
    assert [m.starts_at for m in schedule] == sorted(m.starts_at for m in schedule)
    for kind in (WEEKLY, MONTHLY, RETROSPECTIVE):
        name = meeting_template(kind)["name"]
        assert name and {m.title for m in schedule if m.kind == kind} == {name}


def test_period_across_the_year_end():
    schedule = generate_schedule(date(2026, 11, 1), date(2027, 1, 31), choices())
    mondays = days_of(schedule, WEEKLY)
    assert len(mondays) == 13
    assert mondays[:1] == [date(2026, 11, 2)] and date(2026, 12, 28) in mondays
    assert mondays[-1] == date(2027, 1, 25)
    assert days_of(schedule, MONTHLY) == [date(2026, 11, 3), date(2026, 12, 1), date(2027, 1, 5)]
    # The period ends on a Sunday, so the retrospective moves back to Friday.
    assert days_of(schedule, RETROSPECTIVE) == [date(2027, 1, 29)]


def test_wall_clock_time_holds_across_a_daylight_saving_change():
    schedule = generate_schedule(date(2027, 3, 1), date(2027, 4, 30), choices())
    check_ins = [m.starts_at for m in schedule if m.kind == WEEKLY]
    assert len(check_ins) == 9
    assert {moment.time() for moment in check_ins} == {time(9, 30)}
    # Europe/Berlin moves its clocks on Sunday 28 March 2027: the check-ins either side of it are
    # one week apart on the wall clock but only 167 hours apart in real time.
    berlin = ZoneInfo("Europe/Berlin")
    before, after = datetime(2027, 3, 22, 9, 30), datetime(2027, 3, 29, 9, 30)
    assert before in check_ins and after in check_ins
    assert before.replace(tzinfo=berlin).utcoffset() == timedelta(hours=1)
    assert after.replace(tzinfo=berlin).utcoffset() == timedelta(hours=2)
    in_utc = [moment.replace(tzinfo=berlin).astimezone(timezone.utc) for moment in (before, after)]
    assert in_utc[1] - in_utc[0] == timedelta(hours=167)
    assert days_of(schedule, RETROSPECTIVE) == [date(2027, 4, 30)]


def test_check_in_on_the_day_of_a_bigger_meeting_is_left_out():
    schedule = generate_schedule(Q1_START, Q1_END, choices(weekly_weekday=TUESDAY))
    tuesdays = days_of(schedule, WEEKLY)
    assert date(2027, 1, 5) not in tuesdays and date(2027, 2, 2) not in tuesdays
    assert date(2027, 3, 2) not in tuesdays
    assert len(tuesdays) == 13 - 3

    on_wednesday = generate_schedule(Q1_START, Q1_END, choices(weekly_weekday=WEDNESDAY))
    assert date(2027, 3, 31) not in days_of(on_wednesday, WEEKLY)
    assert days_of(on_wednesday, RETROSPECTIVE) == [date(2027, 3, 31)]


def test_monthly_review_on_the_retrospective_day_is_left_out():
    schedule = generate_schedule(date(2027, 2, 1), date(2027, 3, 2), choices())  # ends on a first Tuesday
    assert days_of(schedule, RETROSPECTIVE) == [date(2027, 3, 2)]
    assert days_of(schedule, MONTHLY) == [date(2027, 2, 2)]
    assert schedule_warnings(schedule, date(2027, 2, 1), date(2027, 3, 2)) == []


def test_monthly_review_before_a_mid_month_start_is_not_planned():
    schedule = generate_schedule(date(2027, 1, 15), date(2027, 2, 26), choices())
    assert days_of(schedule, MONTHLY) == [date(2027, 2, 2)]


def test_a_weekend_only_period_has_no_retrospective():
    assert last_working_day(date(2027, 1, 2), date(2027, 1, 3)) is None
    assert generate_schedule(date(2027, 1, 2), date(2027, 1, 3), choices()) == []


def test_a_period_of_370_days_is_accepted():
    schedule = generate_schedule(date(2027, 1, 1), date(2028, 1, 5), choices())
    assert len(days_of(schedule, MONTHLY)) == 13


@pytest.mark.parametrize(
    ("start", "end", "sentence"),
    [
        (date(2027, 3, 31), date(2027, 1, 1),
         r"^The period ends on Fri 1 Jan 2027, before it starts on Wed 31 Mar 2027"),
        (date(2027, 1, 1), date(2028, 1, 6), r"^The period is 371 days long; .* at most 370 days"),
    ],
)
def test_bad_periods_are_refused_with_a_sentence(start, end, sentence):
    with pytest.raises(ValueError, match=sentence) as raised:
        generate_schedule(start, end, choices())
    assert str(raised.value).endswith(".")


# --- the choices ------------------------------------------------------------------------------


def test_choices_come_from_the_workshop_row_and_its_record():
    row = models.Workshop(id=1, weekly_weekday=3, weekly_time="08:15", weekly_minutes=20,
                          monthly_weekday=4, monthly_time="13:05", monthly_minutes=45, retro_minutes=120)
    expected = CadenceChoices(3, time(8, 15), 20, 4, time(13, 5), 45, 120)
    assert CadenceChoices.from_workshop(row) == expected
    assert CadenceChoices.from_workshop(record(row)) == expected
    assert expected.retro_time == time(14, 0)


@pytest.mark.parametrize("changes", [{"weekly_weekday": 7}, {"monthly_weekday": -1}, {"retro_minutes": 0}])
def test_impossible_choices_are_refused(changes):
    with pytest.raises(ValueError, match=r"\.$"):
        choices(**changes)


@pytest.mark.parametrize("text", ["", "9.30", "24:00", "09:60", "nine"])
def test_bad_clock_times_are_refused_with_a_sentence(text):
    with pytest.raises(ValueError, match=r"is not a (real )?time of day"):
        parse_clock_time(text)


def test_period_of_reads_the_workshop_dates_or_says_what_to_fix():
    row = models.Workshop(period_start="2027-01-01", period_end="2027-03-31")
    assert period_of(row) == (Q1_START, Q1_END)
    with pytest.raises(ValueError, match="no valid end date; set it in Preparation"):
        period_of(models.Workshop(period_start="2027-01-01"))


# --- stored text ------------------------------------------------------------------------------


def test_starts_at_round_trips_through_the_stored_text():
    moment = datetime(2027, 3, 28, 2, 30)  # does not exist in Berlin; naive local time does not care
    assert format_starts_at(moment) == "2027-03-28T02:30"
    assert parse_starts_at(format_starts_at(moment)) == moment
    assert parse_starts_at(" 2027-01-04 09:30 ") == datetime(2027, 1, 4, 9, 30)
    assert format_starts_at(datetime(2027, 1, 4, 9, 30, 59)) == "2027-01-04T09:30"


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("", "The meeting has no start date and time."),
        ("04.01.2027 09:30", "“04.01.2027 09:30” is not a date and time like 2027-01-04T09:30."),
        ("2027-02-30T09:30", "“2027-02-30T09:30” is not a real date and time."),
        ("2027-01-04T25:00", "“2027-01-04T25:00” is not a real date and time."),
    ],
)
def test_bad_starts_at_is_refused_with_a_sentence(text, sentence):
    with pytest.raises(ValueError) as raised:
        parse_starts_at(text)
    assert str(raised.value) == sentence


# --- templates --------------------------------------------------------------------------------


def test_templates_exist_for_every_generated_kind():
    for kind in (WEEKLY, MONTHLY, RETROSPECTIVE):
        template = meeting_template(kind)
        assert template["kind"] == kind and template["agenda"] and template["default_minutes"] > 0
    assert meeting_reminder()


def test_other_meetings_get_a_plain_template_and_copies_are_safe_to_change():
    other = meeting_template(OTHER)
    assert other["name"] and other["agenda"] == [] and other["default_minutes"] > 0
    meeting_template(WEEKLY)["agenda"].append("changed by a caller")
    assert "changed by a caller" not in meeting_template(WEEKLY)["agenda"]


# --- warnings ---------------------------------------------------------------------------------


def test_a_generated_schedule_has_no_warnings():
    assert schedule_warnings(generate_schedule(Q1_START, Q1_END, choices()), Q1_START, Q1_END) == []


def test_weekend_meeting_is_flagged():
    meetings = [meeting("2027-02-12"), meeting("2027-02-13"), meeting("2027-02-14", "10:00")]
    assert schedule_warnings(meetings, Q1_START, Q1_END) == [
        ScheduleWarning(1, "Sat 13 Feb 2027 falls on a weekend."),
        ScheduleWarning(2, "Sun 14 Feb 2027 falls on a weekend."),
    ]


def test_meetings_outside_the_period_are_flagged():
    meetings = [meeting("2026-12-28"), meeting("2027-01-04"), meeting("2027-04-05")]
    assert schedule_warnings(meetings, Q1_START, Q1_END) == [
        ScheduleWarning(0, "Mon 28 Dec 2026 is before the period starts (Fri 1 Jan 2027)."),
        ScheduleWarning(2, "Mon 5 Apr 2027 is after the period ends (Wed 31 Mar 2027)."),
    ]


def test_overlapping_meetings_are_flagged_on_the_later_one():
    meetings = [
        meeting("2027-01-05", "14:30", kind=WEEKLY, title="Check-in"),
        meeting("2027-01-05", "14:00", 60, kind=MONTHLY, title="Review"),
        meeting("2027-01-05", "15:00", kind=OTHER, title="Demo"),  # starts as the review ends
    ]
    assert schedule_warnings(meetings, Q1_START, Q1_END) == [
        ScheduleWarning(0, "Check-in on Tue 5 Jan 2027 at 14:30 overlaps Review at 14:00."),
    ]


def test_overlap_across_midnight_names_the_other_day():
    meetings = [meeting("2027-01-04", "23:30", 90, title="Late"),
                meeting("2027-01-05", "00:15", title="Early")]
    assert schedule_warnings(meetings, Q1_START, Q1_END) == [
        ScheduleWarning(1, "Early on Tue 5 Jan 2027 at 00:15 overlaps Late on Mon 4 Jan 2027 at 23:30."),
    ]


def test_stored_rows_are_checked_and_unreadable_starts_reported():
    rows = [
        models.ReviewEvent(id=1, kind=WEEKLY, title="", starts_at="2027-01-09T09:30", minutes=30),
        models.ReviewEvent(id=2, kind=WEEKLY, title="Check-in", starts_at="2027-01-1", minutes=30),
    ]
    warnings = schedule_warnings([record(row) for row in rows], Q1_START, Q1_END)
    assert warnings == [
        ScheduleWarning(0, "Sat 9 Jan 2027 falls on a weekend."),
        ScheduleWarning(1, "“2027-01-1” is not a date and time like 2027-01-04T09:30."),
    ]
