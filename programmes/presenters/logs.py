"""Mentoring logs (drop-ins, meetings, actions) as table rows and summary lists."""

from django.urls import reverse

from ecte.calendar import dates
from ecte.formatting import format_date, format_datetime
from programmes.services.mentoring import edit_window_open


def can_change(log, user) -> bool:
    """Its mentor may change a log for 7 days after writing it (issue 5, item 7)."""
    return log.logged_by_id == user.pk and edit_window_open(log, dates.today())


def drop_in_rows(drop_ins, role) -> list[dict]:
    # The role's user id, not `can_change(d, role.user)`: that would read the user again.
    today = dates.today()
    mentor_user_id = role.user_id if role.role == "mentor" else None
    return [
        {
            "held_on": format_date(d.held_on),
            "minutes": d.minutes,
            "mode": d.get_mode_display(),
            "focus": d.focus_action.description if d.focus_action else "",
            "notes": d.notes,
            "change_url": reverse("mentoring:change_drop_in", args=[d.pk])
            if d.logged_by_id == mentor_user_id and edit_window_open(d, today)
            else None,
        }
        for d in drop_ins
    ]


def more_logs_link(count: int, shown: int, href: str, noun: str) -> dict | None:
    """The link under a shortened list to the whole log, or None when nothing is left out."""
    if count <= shown:
        return None
    return {"href": href, "text": f"View all {count:,} {noun}"}


def meeting_title(meeting) -> str:
    if meeting.focus_id:
        return f"Meeting {meeting.focus.number}: {meeting.focus.title}"
    return meeting.get_meeting_model_display()


def meeting_rows(meetings, role, url_name: str = "mentoring:meeting") -> list[dict]:
    return [
        {
            "held_on": format_date(m.held_on),
            "title": meeting_title(m),
            "minutes": m.minutes,
            "url": reverse(url_name, args=[m.pk]) if url_name else None,
        }
        for m in meetings
    ]


ACTION_TAGS = {
    "open": "govuk-tag--blue",
    "achieved": "govuk-tag--green",
    "carried_forward": "govuk-tag--yellow",
}


def action_rows(actions) -> list[dict]:
    return [
        {
            "description": a.description,
            "set_on": format_date(a.set_in.held_on),
            "status": a.get_status_display(),
            "tag_classes": ACTION_TAGS[a.status],
            "reviewed_on": format_date(a.reviewed_on, ""),
        }
        for a in actions
    ]


def meeting_detail(meeting, user=None) -> dict:
    """The meeting as summary list rows, in the order of its model."""
    rows = [("Date", format_date(meeting.held_on)), ("Length", f"{meeting.minutes} minutes")]
    if meeting.meeting_model == "six_step":
        rows += [
            ("1. Praise", meeting.praise),
            ("2. Probe", meeting.probe),
            (
                "3. Precise action",
                "; ".join(a.description for a in meeting.actions_set.all()) or "None",
            ),
            ("4. Plan", meeting.plan),
            ("5. Practise", meeting.practice),
            ("6. Follow-up observation", format_date(meeting.follow_up_on)),
        ]
    if meeting.focus_id:
        rows.append(("Meeting focus", meeting_title(meeting)))
    if meeting.meeting_model != "six_step":
        actions = "; ".join(a.description for a in meeting.actions_set.all())
        rows.append(("Actions set", actions or "None"))
    reviewed = [
        f"{a.description}: {a.get_status_display()}" for a in meeting.actions_reviewed.all()
    ]
    rows.append(("Actions reviewed", "; ".join(reviewed) or "None"))
    if meeting.notes:
        rows.append(("Notes", meeting.notes))
    revisions = [f"Changed {format_datetime(r.revised_at)}" for r in meeting.revisions.all()]
    return {
        "title": meeting_title(meeting),
        "rows": [{"key": {"text": k}, "value": {"text": v}} for k, v in rows],
        "revisions": revisions,
    }


def meeting_model_hint(ect) -> str:
    if ect.meeting_model == "six_step":
        return (
            "Use the six-step observation and feedback model: praise, probe, set a precise "
            "action, plan, practise, and arrange a follow-up observation."
        )
    if ect.meeting_model == "half_term_focus":
        return (
            "Each half-term's meetings have a fixed focus: prepare and plan (week 1), review and "
            "adapt (week 3), final review and next steps (week 6)."
        )
    return "Record what you discussed and any action for the ECT."
