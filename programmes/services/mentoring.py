"""Logging lesson drop-ins and mentor meetings, setting and reviewing actions (rules 18-20).

From the NIoT handbook: a weekly drop-in of at most 15 minutes (in person or from a
recording) followed by a 45-60 minute meeting using the six-step observation and
feedback model in year 1; fortnightly in year 2, each of the half-term's three
meetings with its fixed focus. The numbers come from the programme content. A mentor
may change their own log for 7 days; the version before each change is kept.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from ecte.calendar import dates
from ecte.events.record import Actor, record_event
from ecte.formatting import format_date
from participants.models import Mentorship
from programmes import errors
from programmes.errors import ProgrammeError
from programmes.models import (
    Action,
    ActionStatus,
    LessonDropIn,
    LogRevision,
    MeetingModel,
    MentorMeeting,
)
from programmes.participation import ect_programme

EDIT_DAYS = 7
SIX_STEPS = {"praise": "praise", "probe": "probe", "plan": "plan", "practice": "practise"}
DROP_IN_FIELDS = ["held_on", "minutes", "mode", "focus_action_id", "notes"]
MEETING_FIELDS = [
    "held_on",
    "minutes",
    "praise",
    "probe",
    "plan",
    "practice",
    "follow_up_on",
    "focus_id",
    "notes",
]


def _locked_mentorship(mentorship: Mentorship) -> Mentorship:
    return (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("ect_at_school_period__teacher", "mentor_at_school_period__teacher")
        .get(pk=mentorship.pk)
    )


def _check_date(mentorship: Mentorship, held_on: datetime.date, today: datetime.date) -> None:
    ect = mentorship.ect_at_school_period.teacher.full_name
    if held_on > today:
        raise ProgrammeError(errors.LOG_DATE_IN_FUTURE)
    if held_on < mentorship.started_on:
        raise ProgrammeError(
            errors.LOG_DATE_BEFORE_MENTORING.format(
                date=format_date(mentorship.started_on), ect=ect
            )
        )


def _check_current(mentorship: Mentorship, today: datetime.date) -> None:
    if mentorship.finished_on is not None and mentorship.finished_on < today:
        raise ProgrammeError(
            errors.NOT_MENTORING_NOW.format(ect=mentorship.ect_at_school_period.teacher.full_name)
        )


def _active_action(mentorship: Mentorship, action: Action | None) -> Action | None:
    if action is None:
        return None
    ect = mentorship.ect_at_school_period.teacher
    if action.ect_id != ect.pk or action.status not in ActionStatus.active():
        raise ProgrammeError(errors.FOCUS_ACTION_NOT_CURRENT.format(ect=ect.full_name))
    return action


def _check_drop_in(mentorship, *, held_on, minutes, focus_action, today):
    _check_date(mentorship, held_on, today)
    if minutes is None or minutes < 1:
        raise ProgrammeError(errors.DROP_IN_NO_MINUTES)
    maximum = ect_programme(mentorship.ect_at_school_period).max_drop_in_minutes
    if minutes > maximum:
        raise ProgrammeError(errors.DROP_IN_TOO_LONG.format(minutes=maximum))
    return _active_action(mentorship, focus_action)


@transaction.atomic
def drop_in_log(
    *,
    mentorship: Mentorship,
    held_on: datetime.date,
    minutes: int,
    mode: str,
    notes: str = "",
    focus_action: Action | None = None,
    by: Actor,
    today: datetime.date | None = None,
) -> LessonDropIn:
    """Log a lesson drop-in: at most the programme's minutes (15, rule 18), in person or from a
    recording, usually looking at one of the ECT's current actions."""
    today = today or dates.today()
    mentorship = _locked_mentorship(mentorship)
    _check_current(mentorship, today)
    focus_action = _check_drop_in(
        mentorship, held_on=held_on, minutes=minutes, focus_action=focus_action, today=today
    )
    drop_in = LessonDropIn.objects.create(
        mentorship=mentorship,
        held_on=held_on,
        minutes=minutes,
        mode=mode,
        focus_action=focus_action,
        notes=notes,
        logged_by=by.user,
    )
    ect = mentorship.ect_at_school_period.teacher
    # Events carry no content: lead providers can read a teacher's timeline (item 11).
    record_event(
        event_type="lesson_drop_in_logged",
        heading=f"Lesson drop-in logged by {mentorship.mentor_at_school_period.teacher.full_name}",
        by=by,
        teacher=ect,
        mentorship=mentorship,
        after={"held_on": held_on, "minutes": minutes},
    )
    return drop_in


def _check_meeting(
    mentorship,
    *,
    held_on,
    minutes,
    model,
    steps,
    new_actions,
    follow_up_on,
    focus,
    notes,
    today,
    focuses,
):
    _check_date(mentorship, held_on, today)
    if minutes is None or minutes < 1:
        raise ProgrammeError(errors.MEETING_NO_MINUTES)
    if model == MeetingModel.SIX_STEP:
        missing = [
            label for name, label in SIX_STEPS.items() if not (steps.get(name) or "").strip()
        ]
        if missing:
            raise ProgrammeError(errors.SIX_STEP_MISSING.format(steps=", ".join(missing)))
        if not new_actions:
            raise ProgrammeError(errors.PRECISE_ACTION_MISSING)
        if follow_up_on is None:
            raise ProgrammeError(errors.SIX_STEP_MISSING.format(steps="follow-up date"))
    if follow_up_on is not None and follow_up_on < held_on:
        raise ProgrammeError(errors.FOLLOW_UP_BEFORE_MEETING)
    if model == MeetingModel.HALF_TERM_FOCUS and (focus is None or focus not in focuses):
        raise ProgrammeError(errors.FOCUS_MISSING)
    if model != MeetingModel.SIX_STEP and not notes.strip():
        raise ProgrammeError(errors.NOTES_MISSING)


@transaction.atomic
def meeting_log(
    *,
    mentorship: Mentorship,
    held_on: datetime.date,
    minutes: int,
    praise: str = "",
    probe: str = "",
    plan: str = "",
    practice: str = "",
    follow_up_on: datetime.date | None = None,
    focus=None,
    notes: str = "",
    new_actions: list[str] = (),
    reviews: dict[int, str] | None = None,
    by: Actor,
    today: datetime.date | None = None,
) -> MentorMeeting:
    """Log a mentor meeting in the model the ECT's programme year sets: the six steps in year 1
    (praise, probe, precise action, plan, practise, follow-up), the half-term's focus in
    year 2 (prepare and plan, review and adapt, final review and next steps). New precise
    actions are created; the ECT's current actions reviewed as achieved or carried forward."""
    today = today or dates.today()
    mentorship = _locked_mentorship(mentorship)
    _check_current(mentorship, today)
    ect_programme_now = ect_programme(mentorship.ect_at_school_period)
    model = ect_programme_now.meeting_model
    new_actions = [text.strip() for text in new_actions if text and text.strip()]
    _check_meeting(
        mentorship,
        held_on=held_on,
        minutes=minutes,
        model=model,
        steps={"praise": praise, "probe": probe, "plan": plan, "practice": practice},
        new_actions=new_actions,
        follow_up_on=follow_up_on,
        focus=focus,
        notes=notes,
        today=today,
        focuses=ect_programme_now.meeting_focuses,
    )
    ect = mentorship.ect_at_school_period.teacher
    reviews = reviews or {}
    to_review = {
        action.pk: action
        for action in Action.objects.select_for_update().filter(pk__in=list(reviews))
    }
    for action_id, status in reviews.items():
        action = to_review.get(action_id)
        if (
            action is None
            or action.ect_id != ect.pk
            or action.status not in ActionStatus.active()
            or status not in (ActionStatus.ACHIEVED, ActionStatus.CARRIED_FORWARD)
        ):
            raise ProgrammeError(errors.REVIEW_NOT_CURRENT.format(ect=ect.full_name))
    meeting = MentorMeeting.objects.create(
        mentorship=mentorship,
        held_on=held_on,
        minutes=minutes,
        meeting_model=model,
        praise=praise if model == MeetingModel.SIX_STEP else "",
        probe=probe if model == MeetingModel.SIX_STEP else "",
        plan=plan if model == MeetingModel.SIX_STEP else "",
        practice=practice if model == MeetingModel.SIX_STEP else "",
        follow_up_on=follow_up_on,
        focus=focus if model == MeetingModel.HALF_TERM_FOCUS else None,
        notes=notes,
        logged_by=by.user,
    )
    for description in new_actions:
        Action.objects.create(
            ect=ect, mentorship=mentorship, set_in=meeting, description=description
        )
    for action_id, status in reviews.items():
        action = to_review[action_id]
        action.status = status
        action.reviewed_in = meeting
        action.reviewed_on = held_on
        action.save(update_fields=["status", "reviewed_in", "reviewed_on"])
    record_event(
        event_type="mentor_meeting_logged",
        heading=f"Mentor meeting logged by {mentorship.mentor_at_school_period.teacher.full_name}",
        by=by,
        teacher=ect,
        mentorship=mentorship,
        after={
            "held_on": held_on,
            "minutes": minutes,
            "actions_set": len(new_actions),
            "actions_reviewed": len(reviews),
        },
    )
    return meeting


def edit_window_open(log, today: datetime.date) -> bool:
    """A log can be changed for 7 days after it was written (issue 5, item 7)."""
    return today <= timezone.localtime(log.created_at).date() + datetime.timedelta(days=EDIT_DAYS)


def _check_editable(log, by: Actor, today: datetime.date) -> None:
    if by.user is None or log.logged_by_id != by.user.pk:
        raise ProgrammeError(errors.NOT_YOUR_LOG)
    if not edit_window_open(log, today):
        raise ProgrammeError(errors.EDIT_WINDOW_CLOSED)


def _snapshot(log, fields: list[str]) -> dict:
    values = {}
    for name in fields:
        value = getattr(log, name)
        values[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return values


@transaction.atomic
def drop_in_change(
    *,
    drop_in: LessonDropIn,
    held_on: datetime.date,
    minutes: int,
    mode: str,
    notes: str = "",
    focus_action: Action | None = None,
    by: Actor,
    today: datetime.date | None = None,
) -> LessonDropIn:
    """Change a drop-in within 7 days of logging it; the version before is kept."""
    today = today or dates.today()
    drop_in = LessonDropIn.objects.select_for_update().get(pk=drop_in.pk)
    _check_editable(drop_in, by, today)
    mentorship = _locked_mentorship(drop_in.mentorship)
    if focus_action is not None and focus_action.pk == drop_in.focus_action_id:
        # The action it looked at may be achieved since: keeping it is fine.
        focus_action_checked = focus_action
        _check_drop_in(mentorship, held_on=held_on, minutes=minutes, focus_action=None, today=today)
    else:
        focus_action_checked = _check_drop_in(
            mentorship, held_on=held_on, minutes=minutes, focus_action=focus_action, today=today
        )
    before = _snapshot(drop_in, DROP_IN_FIELDS)
    drop_in.held_on, drop_in.minutes, drop_in.mode, drop_in.notes = held_on, minutes, mode, notes
    drop_in.focus_action = focus_action_checked
    drop_in.save()
    LogRevision.objects.create(
        drop_in=drop_in, revised_by=by.user, before=before, after=_snapshot(drop_in, DROP_IN_FIELDS)
    )
    record_event(
        event_type="lesson_drop_in_changed",
        heading=f"Lesson drop-in of {format_date(drop_in.held_on)} changed by its mentor",
        by=by,
        teacher=mentorship.ect_at_school_period.teacher,
        mentorship=mentorship,
    )
    return drop_in


@transaction.atomic
def meeting_change(
    *,
    meeting: MentorMeeting,
    held_on: datetime.date,
    minutes: int,
    praise: str = "",
    probe: str = "",
    plan: str = "",
    practice: str = "",
    follow_up_on: datetime.date | None = None,
    focus=None,
    notes: str = "",
    by: Actor,
    today: datetime.date | None = None,
) -> MentorMeeting:
    """Change a meeting's record within 7 days of logging it; the version before is kept.
    Its actions are reviewed in later meetings, not changed here."""
    today = today or dates.today()
    meeting = MentorMeeting.objects.select_for_update().get(pk=meeting.pk)
    _check_editable(meeting, by, today)
    mentorship = _locked_mentorship(meeting.mentorship)
    focuses = ect_programme(mentorship.ect_at_school_period).meeting_focuses
    _check_meeting(
        mentorship,
        held_on=held_on,
        minutes=minutes,
        model=meeting.meeting_model,
        steps={"praise": praise, "probe": probe, "plan": plan, "practice": practice},
        new_actions=["(set when logged)"],
        follow_up_on=follow_up_on,
        focus=focus,
        notes=notes,
        today=today,
        focuses=focuses,
    )
    before = _snapshot(meeting, MEETING_FIELDS)
    six_step = meeting.meeting_model == MeetingModel.SIX_STEP
    meeting.held_on, meeting.minutes, meeting.notes = held_on, minutes, notes
    meeting.praise = praise if six_step else ""
    meeting.probe = probe if six_step else ""
    meeting.plan = plan if six_step else ""
    meeting.practice = practice if six_step else ""
    meeting.follow_up_on = follow_up_on
    meeting.focus = focus if meeting.meeting_model == MeetingModel.HALF_TERM_FOCUS else None
    meeting.save()
    LogRevision.objects.create(
        meeting=meeting, revised_by=by.user, before=before, after=_snapshot(meeting, MEETING_FIELDS)
    )
    record_event(
        event_type="mentor_meeting_changed",
        heading=f"Mentor meeting of {format_date(meeting.held_on)} changed by its mentor",
        by=by,
        teacher=mentorship.ect_at_school_period.teacher,
        mentorship=mentorship,
    )
    return meeting
