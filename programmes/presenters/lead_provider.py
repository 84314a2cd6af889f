"""The lead provider's seminar registers and session lists."""

from django.db.models import Count, Q

from ecte.calendar import dates
from programmes import selectors
from programmes.models import SessionAttendance
from programmes.presenters.ect import session_half_term


def register_counts(sessions) -> dict[int, tuple[int, int]]:
    """{session id: (recorded, attended)} in one query."""
    rows = (
        SessionAttendance.objects.filter(session__in=sessions)
        .values("session_id")
        .annotate(recorded=Count("id"), attended=Count("id", filter=Q(attended=True)))
    )
    return {row["session_id"]: (row["recorded"], row["attended"]) for row in rows}


def session_when(session, year: int) -> str:
    half_terms = dates.half_terms(year)
    return session_half_term(session, half_terms)


def session_rows(sessions, participants, recorded, year: int) -> list[dict]:
    half_terms = dates.half_terms(year)
    rows = []
    for session in sessions:
        expected = len(selectors.session_participants(session, participants))
        done, attended = recorded.get(session.pk, (0, 0))
        audience = (
            "Mentors"
            if session.audience == "mentor"
            else f"ECTs, year {session.programme_year.number}"
        )
        rows.append(
            {
                "session": session,
                "audience": audience,
                "when": session_half_term(session, half_terms),
                "status": f"{attended} attended, {done} of {expected} recorded"
                if done
                else f"Not recorded ({expected} expected)",
            }
        )
    return rows


def register_items(participants, attended: dict) -> list[dict]:
    """GOV.UK checkbox items for a register, ticked where attendance was recorded."""
    items = []
    for p in participants:
        hint = f"{p.school.name}, {p.delivery_partner.name}"
        if attended.get(p.teacher.pk) is False:
            hint += ", recorded as absent"
        items.append(
            {
                "value": str(p.teacher.pk),
                "text": f"{p.teacher.full_name} (TRN {p.teacher.trn})",
                "hint": {"text": hint},
                "checked": attended.get(p.teacher.pk) is True,
            }
        )
    return items


def partner_items(partners, chosen: str) -> list[dict]:
    """The delivery partner filter; empty when there is only one partner to choose."""
    if len(partners) < 2:
        return []
    return [
        {"value": "", "text": "All delivery partners"},
        *[{"value": str(p.pk), "text": p.name, "selected": chosen == str(p.pk)} for p in partners],
    ]
