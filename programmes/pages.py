"""What the programme adds to pages other apps own (the mentor's and the ECT's home pages)."""

from ecte.calendar import dates
from programmes import participation, presenters, selectors


def mentor_home(role, mentorships: list) -> dict:
    """Cards for "My ECTs": this week's drop-in and meeting for each ECT mentored now."""
    catalogue = participation.Catalogue(dates.academic_year_for(dates.today()))
    return {
        "ect_cards": [
            presenters.mentor_card(entry)
            for entry in selectors.mentor_overview(mentorships, catalogue)
        ]
    }


def ect_home(role) -> dict:
    """The ECT's current module and progress, for "Your induction"."""
    catalogue = participation.Catalogue(dates.academic_year_for(dates.today()))
    period = participation.ect_periods_queryset().filter(teacher=role.teacher).ongoing().first()
    if period is None:
        return {"programme": None}
    ect = participation.ect_programmes([period], catalogue)[period.pk]
    records = participation.study_records_for([role.teacher.pk])[role.teacher.pk]
    current = ect.current_slot
    module = current.module if current else None
    return {
        "programme": {
            "summary": presenters.current_module_text(ect),
            "has_content": ect.has_content,
            "module": module,
            "module_progress": participation.module_progress(ect, module, records)
            if module
            else None,
            "year_progress": participation.year_progress(ect, records) if ect.has_content else None,
        }
    }
