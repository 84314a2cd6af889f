"""What participants record about their own study (rule 28): marking self-study and
diagnostics done, choosing electives (year 1: at least 3 of 5, at least 2 in the first
module) or a focus area (year 2: one). The numbers come from the programme content."""

import datetime

from django.db import transaction
from django.utils import timezone

from ecte.calendar import dates
from ecte.events.record import Actor, record_event
from participants.models import Teacher
from programmes import errors, participation
from programmes.errors import ProgrammeError
from programmes.models import ChoiceKind, CompletionSource, StudyItem, StudyKind, StudyRecord

CHOICE_WORDS = {
    ChoiceKind.ELECTIVES: ("elective", "electives"),
    ChoiceKind.FOCUS_AREAS: ("focus area", "focus areas"),
}


def _locked_teacher(teacher: Teacher) -> Teacher:
    return Teacher.objects.select_for_update().get(pk=teacher.pk)


def _catalogue() -> participation.Catalogue:
    return participation.Catalogue(dates.academic_year_for(dates.today()))


@transaction.atomic
def study_mark_done(
    *,
    teacher: Teacher,
    item: StudyItem,
    completed_on: datetime.date | None = None,
    by: Actor,
) -> StudyRecord:
    """Mark self-study, a diagnostic or a chosen elective or focus area done: only something
    in the teacher's own programme this year (as an ECT or as a training mentor)."""
    teacher = _locked_teacher(teacher)
    completed_on = completed_on or dates.today()
    if item not in participation.items_of(teacher, _catalogue()):
        raise ProgrammeError(errors.STUDY_NOT_IN_PROGRAMME)
    if completed_on > dates.today():
        raise ProgrammeError(errors.STUDY_DATE_IN_FUTURE)
    record = StudyRecord.objects.select_for_update().filter(teacher=teacher, item=item).first()
    if item.kind in StudyKind.chosen_kinds() and (record is None or record.chosen_at is None):
        raise ProgrammeError(errors.STUDY_CHOOSE_FIRST.format(kind=item.get_kind_display().lower()))
    if record is not None and record.completed_on is not None:
        return record  # already done: a second click changes nothing
    record = record or StudyRecord(teacher=teacher, item=item)
    record.completed_on = completed_on
    record.completion_source = CompletionSource.PARTICIPANT
    record.updated_by = by.user
    record.save()
    record_event(
        event_type="study_marked_done",
        heading=f"{item.get_kind_display()} marked as done: {item.title}",
        by=by,
        teacher=teacher,
        after={"code": item.code, "completed_on": completed_on},
    )
    return record


@transaction.atomic
def study_mark_not_done(*, teacher: Teacher, item: StudyItem, by: Actor) -> None:
    """Undo a participant's own mark; what the lead provider recorded stays."""
    teacher = _locked_teacher(teacher)
    record = StudyRecord.objects.select_for_update().filter(teacher=teacher, item=item).first()
    if record is None or record.completed_on is None:
        return
    if record.completion_source == CompletionSource.LEAD_PROVIDER:
        raise ProgrammeError(errors.STUDY_RECORDED_BY_PROVIDER)
    if record.chosen_at is None:
        record.delete()
    else:
        record.completed_on = None
        record.completion_source = ""
        record.updated_by = by.user
        record.save()
    record_event(
        event_type="study_marked_not_done",
        heading=f"{item.get_kind_display()} marked as not done: {item.title}",
        by=by,
        teacher=teacher,
        after={"code": item.code},
    )


@transaction.atomic
def choices_save(
    *, teacher: Teacher, module_code: str, chosen: list[StudyItem], by: Actor
) -> list[StudyItem]:
    """Choose a module's electives (year 1: at least 3 of 5, at least 2 in the first module)
    or its focus area (year 2: one) in the ECT's programme this year (rule 28). A choice
    already completed stays chosen."""
    teacher = _locked_teacher(teacher)
    period = participation.ect_periods_queryset().filter(teacher=teacher).ongoing().first()
    ect = participation.ect_programmes([period], _catalogue())[period.pk] if period else None
    module = ect.module(module_code) if ect and ect.has_content else None
    if module is None or ect.programme_year.choice_kind == ChoiceKind.NONE:
        raise ProgrammeError(errors.STUDY_NOT_IN_PROGRAMME)
    programme_year = ect.programme_year
    choosable = ect.choosable_items(module)
    minimum = ect.min_choices(module)
    one, many = CHOICE_WORDS.get(programme_year.choice_kind, ("choice", "choices"))
    maximum = programme_year.max_choices
    if any(item not in choosable for item in chosen):
        raise ProgrammeError(errors.CHOICE_NOT_IN_MODULE.format(kind=many, module=module.label))
    if minimum == maximum == 1 and len(chosen) != 1:
        raise ProgrammeError(errors.CHOICE_EXACTLY_ONE.format(kind=one, module=module.label))
    if len(chosen) < minimum:
        raise ProgrammeError(
            errors.CHOICES_TOO_FEW.format(
                count=minimum, kind=many if minimum > 1 else one, module=module.label
            )
        )
    if maximum is not None and len(chosen) > maximum:
        raise ProgrammeError(
            errors.CHOICES_TOO_MANY.format(
                count=maximum, kind=many if maximum > 1 else one, module=module.label
            )
        )
    records = {
        record.item_id: record
        for record in StudyRecord.objects.select_for_update().filter(
            teacher=teacher, item__in=choosable
        )
    }
    for item in choosable:
        record = records.get(item.pk)
        if item in chosen or record is None or record.chosen_at is None:
            continue
        if record.completed_on is not None:
            raise ProgrammeError(errors.CHOICE_COMPLETED_KEPT.format(title=item.title))
    before = sorted(
        code for code, r in ((i.code, records.get(i.pk)) for i in choosable) if r and r.chosen_at
    )
    now = timezone.now()
    for item in choosable:
        record = records.get(item.pk)
        if item in chosen:
            if record is None:
                StudyRecord.objects.create(
                    teacher=teacher, item=item, chosen_at=now, updated_by=by.user
                )
            elif record.chosen_at is None:
                record.chosen_at = now
                record.updated_by = by.user
                record.save()
        elif record is not None and record.chosen_at is not None:
            record.delete()  # never completed: checked above
    after = sorted(item.code for item in chosen)
    if before != after:
        record_event(
            event_type="study_choices_made",
            heading=f"{many.capitalize()} chosen for {module.label}",
            by=by,
            teacher=teacher,
            before={"chosen": before},
            after={"chosen": after},
        )
    return chosen
