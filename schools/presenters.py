"""Page data prepared in Python: the summary list rows of the ECT and mentor pages."""

from django.urls import reverse
from markupsafe import Markup

from ecte.formatting import format_date
from schools.forms import training_label


def _row(key: str, value, *, href: str | None = None, hidden: str = "", action: str = "Change"):
    row = {"key": {"text": key}}
    row["value"] = {"html": value} if isinstance(value, Markup) else {"text": value}
    if href:
        row["actions"] = {
            "items": [{"href": href, "text": action, "visuallyHiddenText": hidden or key.lower()}]
        }
    return row


def tag(text: str, colour: str) -> Markup:
    return Markup('<strong class="govuk-tag govuk-tag--{}">{}</strong>').format(colour, text)


def ect_rows(period, progress) -> list[dict]:
    """The ECT page: each detail the tutor can change has its Change link, while they are here."""
    teacher = period.teacher
    current = period.finished_on is None

    def link(name: str, **kwargs) -> str | None:
        return reverse(name, kwargs={"period_id": period.pk, **kwargs}) if current else None

    pattern = period.get_working_pattern_display()
    if period.working_pattern == "part_time":
        pattern += f", {period.fte.normalize():f} FTE"
    training = period.training
    holding = progress.current_period
    return [
        _row("Name", teacher.full_name, href=link("schools:change_name")),
        _row("Teacher reference number (TRN)", teacher.trn),
        _row(
            "Qualified teacher status (QTS)",
            format_date(teacher.qts_awarded_on, "Waiting for QTS"),
        ),
        _row("Email address", period.email, href=link("schools:change_email")),
        _row("Start date", format_date(period.started_on)),
        _row("Working pattern", pattern, href=link("schools:change_working_pattern")),
        _row(
            "Mentor",
            period.mentor.full_name if period.mentor else "No mentor assigned",
            href=link("schools:assign_mentor", step="mentor"),
            action="Change" if period.mentor else "Assign",
        ),
        _row(
            "Appropriate body",
            period.appropriate_body.name if period.appropriate_body else "Not chosen",
            href=link("schools:change_appropriate_body"),
        ),
        _row(
            "Induction held by",
            holding.appropriate_body.name if holding else "Not claimed yet",
        ),
        _row(
            "Training",
            training_label(training.school_partnership) if training else "Not chosen",
            href=link("schools:change_training"),
        ),
        _row(
            "Induction",
            tag(progress.status, progress.status_colour) + Markup(" ") + progress.terms_label,
        ),
    ]


def mentor_rows(period) -> list[dict]:
    status = period.training_status
    rows = [
        _row("Name", period.teacher.full_name),
        _row("Teacher reference number (TRN)", period.teacher.trn),
        _row("Email address", period.email),
        _row("Start date", format_date(period.started_on)),
    ]
    if status is not None:
        rows += [
            _row("Mentor training", f"{status.label}. {status.reason}"),
            _row("Funding", f"{status.funding_label}. {status.funding_reason}"),
        ]
    if period.training is not None:
        rows.append(
            _row(
                "Lead provider for their training",
                period.training.school_partnership.lead_provider.name,
            )
        )
    mentees = [
        m.ect_at_school_period.teacher.full_name for m in getattr(period, "current_mentorships", [])
    ]
    rows.append(_row("Mentoring", ", ".join(mentees) if mentees else "No ECTs yet"))
    if period.finished_on:
        rows.append(_row("Left", format_date(period.finished_on)))
    return rows


# Tag colours for a trust school's module sequence status (GOV.UK tag guidance: green done,
# blue decided elsewhere, grey nothing to do, yellow waiting).
SEQUENCE_STATUS_COLOURS = {
    "Decided by the trust": "green",
    "Decided by the school": "blue",
    "Not confirmed": "yellow",
    "Fixed by the lead provider": "grey",
    "No lead provider programme": "grey",
}


def trust_school_rows(rows) -> list[list[dict]]:
    """The trust home's table: school, URN, ECTs, lead provider and sequence status."""
    return [
        [
            {"text": row.school.name},
            {"text": row.school.urn},
            {"text": str(row.ect_count), "format": "numeric"},
            {"text": row.lead_provider.name if row.lead_provider else "None chosen"},
            {"html": tag(row.status, SEQUENCE_STATUS_COLOURS[row.status])},
        ]
        for row in rows
    ]
