"""What an ECT's programme is this year, and how they and their mentor stand against it.

Reads only. `Catalogue` memoises the content a page needs (programmes, sequences,
half-terms, study items, sessions) so that a list of ECTs costs a fixed number of
queries per lead provider and school, never per ECT.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Min, Prefetch

from ecte import reference_cache
from ecte.calendar import dates
from participants.models import ECTAtSchoolPeriod, Mentorship, TrainingPeriod
from programmes import cadence, sequencing, timeline
from programmes.models import (
    ChoiceKind,
    LeadProvider,
    LessonDropIn,
    MentorMeeting,
    Module,
    ModuleSequence,
    Programme,
    ProgrammeYear,
    Session,
    SessionAttendance,
    SessionKind,
    StudyItem,
    StudyKind,
    StudyRecord,
)
from programmes.sequencing import EffectiveSequence

# A programme that has no content for the ECT (school-led training) still has mentor
# meetings; DOMAIN rule 18 gives these numbers, which the content otherwise sets.
DEFAULT_MAX_DROP_IN_MINUTES = 15

FULL_TIME = Decimal("1")


def pro_rata(count: int, fte: Decimal) -> int:
    """What a full-time ECT would have done by now, scaled to a part-time ECT's FTE.

    Rule 4 makes induction pro rata (0.5 FTE: four years). The NIoT handbook asks for a
    bespoke programme for part-time ECTs, agreed with the provider and the appropriate body,
    "for example 0.5 FTE over 4 years instead of two", and sets no other pace: until such a
    programme is recorded, the service expects engagement pro rata to the FTE.
    """
    if fte >= FULL_TIME:
        return count
    return int((Decimal(count) * fte).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


class Catalogue:
    """Programme content for one academic year, each piece read once."""

    def __init__(self, academic_year: int, today: datetime.date | None = None):
        self.academic_year = academic_year
        self.today = today or dates.today()
        self.half_terms = dates.half_terms(academic_year)
        self._programmes: dict[int, Programme | None] = {}
        self._sequences: dict[tuple[int, int], EffectiveSequence] = {}
        self._without_sequences: set[int] = set()
        self._items: dict[int, list[StudyItem]] = {}
        self._module_items: dict[tuple[int, int], list[StudyItem]] = {}
        self._sessions: dict[int, list[Session]] = {}

    def programme(self, lead_provider) -> Programme | None:
        if lead_provider.pk not in self._programmes:
            self._programmes[lead_provider.pk] = sequencing.programme_for(
                lead_provider, self.academic_year
            )
        return self._programmes[lead_provider.pk]

    def sequence(self, school, programme: Programme) -> EffectiveSequence:
        key = (school.pk, programme.pk)
        if key not in self._sequences:
            if school.pk in self._without_sequences:
                # What effective_sequence finds when neither the school nor its trust has one.
                self._sequences[key] = EffectiveSequence(
                    codes=sequencing.designed_order(programme), source="designed"
                )
            else:
                self._sequences[key] = sequencing.effective_sequence(school, programme)
        return self._sequences[key]

    def know_schools_without_sequences(self, schools) -> None:
        """Find out in two queries which of `schools` have no module sequence of their own or
        their trust's this year, so that `sequence` does not ask for each of them: a sweep
        over every school in England would otherwise ask twice per school."""
        years = ModuleSequence.objects.filter(academic_year=self.academic_year)
        own = set(years.filter(school__isnull=False).values_list("school_id", flat=True))
        trusts = set(years.filter(trust__isnull=False).values_list("trust_id", flat=True))
        self._without_sequences |= {
            school.pk
            for school in schools
            if school.pk not in own and (school.trust_id is None or school.trust_id not in trusts)
        }

    def items(self, programme: Programme) -> list[StudyItem]:
        if programme.pk not in self._items:
            self._items[programme.pk] = reference_cache.cached(
                ("study_items", programme.pk),
                lambda: list(
                    StudyItem.objects.filter(programme=programme).order_by("number", "code")
                ),
            )
        return self._items[programme.pk]

    def module_items(self, programme: Programme, module: Module) -> list[StudyItem]:
        # Asked for each ECT and module: a sweep over every ECT asks hundreds of thousands
        # of times, so each module's list is made once.
        key = (programme.pk, module.pk)
        if key not in self._module_items:
            self._module_items[key] = [
                item for item in self.items(programme) if item.module_id == module.pk
            ]
        return self._module_items[key]

    def mentor_items(self, programme: Programme) -> list[StudyItem]:
        return [item for item in self.items(programme) if item.module_id is None]

    def sessions(self, programme: Programme) -> list[Session]:
        if programme.pk not in self._sessions:
            self._sessions[programme.pk] = reference_cache.cached(
                ("sessions", programme.pk),
                lambda: list(
                    Session.objects.filter(programme=programme).order_by("position", "code")
                ),
            )
        return self._sessions[programme.pk]


@dataclass
class Progress:
    done: int
    expected: int

    @property
    def percent(self) -> int | None:
        if not self.expected:
            return None
        return round(100 * min(self.done, self.expected) / self.expected)

    def below(self, threshold: int) -> bool:
        return self.percent is not None and self.percent < threshold


@dataclass
class ECTProgramme:
    """An ECT's programme this year: which provider, year 1 or 2, and their six half-terms."""

    ect_period: ECTAtSchoolPeriod
    training: TrainingPeriod | None
    programme: Programme | None
    programme_year: ProgrammeYear | None
    year_number: int
    sequence: EffectiveSequence | None
    slots: list[timeline.Slot]
    joined_on: datetime.date
    catalogue: Catalogue = field(repr=False)

    @property
    def has_content(self) -> bool:
        return self.programme_year is not None

    @property
    def late_joiner(self) -> bool:
        return timeline.is_late_joiner(self.catalogue.half_terms, self.joined_on)

    @property
    def current_slot(self) -> timeline.Slot | None:
        """The half-term today is in; in a holiday, the next one (or None after the year)."""
        today = self.catalogue.today
        for slot in self.slots:
            if slot.half_term.ends_on >= today:
                return slot
        return None

    @property
    def modules(self) -> list[Module]:
        """The modules the ECT takes this year, in their order, each once."""
        # Compared by id, a plain attribute: a model's == (and .pk) run Python code, and a
        # reminder sweep asks this of 30,000 ECTs. These modules are always saved ones.
        seen: dict[int, Module] = {}
        for slot in self.slots:
            if slot.module is not None:
                seen.setdefault(slot.module.id, slot.module)
        return list(seen.values())

    def module(self, code: str) -> Module | None:
        return next((m for m in self.modules if m.code == code), None)

    def slots_of(self, module: Module) -> list[timeline.Slot]:
        return [
            slot for slot in self.slots if slot.module is not None and slot.module.id == module.id
        ]

    def module_ended(self, module: Module) -> bool:
        slots = self.slots_of(module)
        return bool(slots) and slots[-1].half_term.ends_on < self.catalogue.today

    def items(self, module: Module) -> list[StudyItem]:
        return self.catalogue.module_items(self.programme, module)

    def required_items(self, module: Module) -> list[StudyItem]:
        return [item for item in self.items(module) if item.kind in StudyKind.required_kinds()]

    def choosable_items(self, module: Module) -> list[StudyItem]:
        return [item for item in self.items(module) if item.kind in StudyKind.chosen_kinds()]

    def min_choices(self, module: Module) -> int:
        year = self.programme_year
        if year is None or year.choice_kind == ChoiceKind.NONE:
            return 0
        return year.min_choices_for(module)

    def seminars(self) -> list[Session]:
        """This year's ECT seminars in their fixed order (rule 27), then webinars."""
        if self.programme_year is None:
            return []
        return [
            session
            for session in self.catalogue.sessions(self.programme)
            if session.programme_year_id == self.programme_year.pk
        ]

    def counted_seminars(self) -> list[Session]:
        """Seminars in half-terms since the ECT joined: the ones engagement counts (rule 29)."""
        joined = timeline.joining_half_term(self.catalogue.half_terms, self.joined_on)
        return [
            s
            for s in self.seminars()
            if s.kind == SessionKind.SEMINAR and s.half_term is not None and s.half_term >= joined
        ]

    def session_ended(self, session: Session) -> bool:
        half_terms = self.catalogue.half_terms
        if session.half_term:
            return half_terms[session.half_term - 1].ends_on < self.catalogue.today
        return half_terms[session.term * 2 - 1].ends_on < self.catalogue.today

    # --- cadence, paced by the ECT's FTE (rule 4) ---------------------------------------------

    @property
    def fte(self) -> Decimal:
        return self.ect_period.fte or FULL_TIME

    @property
    def part_time(self) -> bool:
        return self.fte < FULL_TIME

    def _paced(self, every_weeks: int) -> Decimal | int:
        """A part-time ECT's drop-ins and meetings come 1/FTE times as far apart (0.5 FTE in
        year 1: fortnightly instead of weekly), so the mentoring keeps pace with the work."""
        return every_weeks if not self.part_time else Decimal(every_weeks) / self.fte

    @property
    def meeting_every_weeks(self) -> Decimal | int:
        return self._paced(self.programme_year.meeting_every_weeks if self.programme_year else 1)

    @property
    def drop_in_every_weeks(self) -> Decimal | int:
        return self._paced(self.programme_year.drop_in_every_weeks if self.programme_year else 1)

    @property
    def max_drop_in_minutes(self) -> int:
        if self.programme_year is None:
            return DEFAULT_MAX_DROP_IN_MINUTES
        return self.programme_year.max_drop_in_minutes

    @property
    def meeting_focuses(self) -> list:
        return list(self.programme_year.meeting_focuses.all()) if self.programme_year else []

    @property
    def cadence_focuses(self) -> list:
        """The fixed focus weeks set when meetings fall due, full time only: a part-time ECT's
        meetings are spread pro rata instead, each still taking the focus of its week."""
        return [] if self.part_time else self.meeting_focuses

    @property
    def meeting_model(self) -> str:
        return self.programme_year.meeting_model if self.programme_year else "notes"

    def focus_on(self, day: datetime.date):
        """The year 2 meeting focus whose window holds `day` (None without focuses)."""
        focuses = self.meeting_focuses
        half_term = next((ht for ht in self.catalogue.half_terms if day in ht), None)
        if not focuses or half_term is None:
            return None
        windows = cadence.half_term_windows(half_term, every_weeks=1, focuses=focuses)
        return next((w.focus for w in windows if day in w), windows[0].focus)


# --- building ECT programmes in bulk --------------------------------------------------------


def _current_training(period: ECTAtSchoolPeriod, today: datetime.date) -> TrainingPeriod | None:
    return current_training(list(period.training_periods.all()), today)


def current_training(trainings: list, today: datetime.date):
    """Of a period's trainings, newest first (anything with `started_on` and `finished_on`):
    the ongoing one, else the one covering today, else the latest."""
    ongoing = [t for t in trainings if t.finished_on is None]
    if ongoing:
        return ongoing[0]
    covering = [t for t in trainings if t.started_on <= today and (t.finished_on or today) >= today]
    return covering[0] if covering else (trainings[0] if trainings else None)


def first_training_starts(teacher_ids) -> dict[int, datetime.date]:
    rows = (
        TrainingPeriod.objects.filter(ect_at_school_period__teacher_id__in=list(teacher_ids))
        .values("ect_at_school_period__teacher_id")
        .annotate(first=Min("started_on"))
    )
    return {row["ect_at_school_period__teacher_id"]: row["first"] for row in rows}


def programme_year_number(first_started_on: datetime.date | None, academic_year: int) -> int:
    """Year 1 in the academic year training started, year 2 after (an extension stays in 2)."""
    if first_started_on is None:
        return 1
    return min(max(academic_year - dates.academic_year_for(first_started_on) + 1, 1), 2)


def ect_periods_queryset():
    return (
        ECTAtSchoolPeriod.objects.all()
        .select_related("teacher", "school__trust")
        .prefetch_related(
            Prefetch(
                "training_periods",
                queryset=TrainingPeriod.objects.select_related(
                    "school_partnership__lead_provider", "school_partnership__delivery_partner"
                ).order_by("-started_on"),
            )
        )
    )


def ect_programmes(
    periods: list[ECTAtSchoolPeriod], catalogue: Catalogue
) -> dict[int, ECTProgramme]:
    """Each period's programme this year. `periods` come from `ect_periods_queryset()`."""
    firsts = first_training_starts(p.teacher_id for p in periods)
    year_start, _ = dates.academic_year_bounds(catalogue.academic_year)
    result = {}
    for period in periods:
        training = _current_training(period, catalogue.today)
        partnership = training.school_partnership if training else None
        programme = catalogue.programme(partnership.lead_provider) if partnership else None
        number = programme_year_number(firsts.get(period.teacher_id), catalogue.academic_year)
        programme_year = None
        sequence = None
        modules: list[Module] = []
        if programme is not None:
            programme_year = next((y for y in programme.years.all() if y.number == number), None)
        if programme_year is not None:
            modules = list(programme_year.modules.all())
            if sequencing.is_flexible(programme):
                sequence = catalogue.sequence(period.school, programme)
                modules = sequencing.ordered_modules(modules, sequence.codes)
        joined_on = max(period.started_on, training.started_on if training else period.started_on)
        slots = timeline.ect_slots(
            modules,
            catalogue.half_terms,
            joined_on=joined_on if joined_on >= year_start else None,
            late_joiners_start_with_first_module=bool(
                programme and programme.late_joiners_start_with_first_module
            ),
            today=catalogue.today,
        )
        result[period.pk] = ECTProgramme(
            ect_period=period,
            training=training,
            programme=programme,
            programme_year=programme_year,
            year_number=number,
            sequence=sequence,
            slots=slots,
            joined_on=max(joined_on, year_start),
            catalogue=catalogue,
        )
    return result


def ect_programme(period: ECTAtSchoolPeriod, catalogue: Catalogue | None = None) -> ECTProgramme:
    catalogue = catalogue or Catalogue(dates.academic_year_for(dates.today()))
    period = ect_periods_queryset().get(pk=period.pk)
    return ect_programmes([period], catalogue)[period.pk]


# --- engagement ----------------------------------------------------------------------------


def study_records_for(teacher_ids) -> dict[int, dict[int, StudyRecord]]:
    """{teacher id: {item id: record}} in one query."""
    records: dict[int, dict[int, StudyRecord]] = defaultdict(dict)
    for record in StudyRecord.objects.filter(teacher_id__in=list(teacher_ids)):
        records[record.teacher_id][record.item_id] = record
    return records


def attendance_for(teacher_ids) -> dict[int, dict[int, bool]]:
    """{teacher id: {session id: attended}} in one query."""
    attendance: dict[int, dict[int, bool]] = defaultdict(dict)
    for row in SessionAttendance.objects.filter(teacher_id__in=list(teacher_ids)):
        attendance[row.teacher_id][row.session_id] = row.attended
    return attendance


def module_progress(ect: ECTProgramme, module: Module, records: dict[int, StudyRecord]) -> Progress:
    """Required study done, plus chosen study done up to the minimum to choose (rule 28)."""
    required = ect.required_items(module)
    done = sum(1 for item in required if is_completed(records, item))
    minimum = ect.min_choices(module)
    chosen_done = sum(1 for item in ect.choosable_items(module) if is_completed(records, item))
    return Progress(done=done + min(chosen_done, minimum), expected=len(required) + minimum)


def is_completed(records: dict[int, StudyRecord], item: StudyItem) -> bool:
    record = records.get(item.pk)
    return record is not None and record.completed_on is not None


def year_progress(ect: ECTProgramme, records: dict[int, StudyRecord]) -> Progress:
    """Every module of the ECT's year."""
    parts = [module_progress(ect, module, records) for module in ect.modules]
    return Progress(sum(p.done for p in parts), sum(p.expected for p in parts))


def self_study_engagement(ect: ECTProgramme, records: dict[int, StudyRecord]) -> Progress:
    """Self-study due so far: the modules whose half-terms have ended (rule 29), pro rata to a
    part-time ECT's FTE (rule 4). Study done in any of the year's modules counts."""
    ended = [
        module_progress(ect, module, records) for module in ect.modules if ect.module_ended(module)
    ]
    expected = sum(p.expected for p in ended)
    if not ect.part_time:
        return Progress(sum(p.done for p in ended), expected)
    done = sum(p.done for p in (module_progress(ect, m, records) for m in ect.modules))
    return Progress(done, pro_rata(expected, ect.fte))


def seminar_engagement(ect: ECTProgramme, attended: dict[int, bool]) -> Progress:
    """Seminars held so far since the ECT joined, pro rata to a part-time ECT's FTE."""
    counted = ect.counted_seminars()
    due = [s for s in counted if ect.session_ended(s)]
    if not ect.part_time:
        return Progress(sum(1 for s in due if attended.get(s.pk)), len(due))
    return Progress(sum(1 for s in counted if attended.get(s.pk)), pro_rata(len(due), ect.fte))


def chosen_count(ect: ECTProgramme, records: dict[int, StudyRecord]) -> int:
    return sum(
        1
        for module in ect.modules
        for item in ect.choosable_items(module)
        if item.pk in records and records[item.pk].chosen_at is not None
    )


# --- mentoring against the cadence ---------------------------------------------------------


@dataclass(frozen=True)
class MentoringStatus:
    drop_ins: cadence.Due
    meetings: cadence.Due
    # The day the latest log of each kind was held.
    last_drop_in: datetime.date | None
    last_meeting: datetime.date | None


def logs_for(mentorship_ids) -> tuple[dict, dict]:
    """({mentorship id: [days drop-ins were held]}, {mentorship id: [days meetings were
    held]}), newest first, two queries: the cadence (rules 18-19) needs nothing else, and a
    term of weekly logs for every mentee is hundreds of rows."""
    ids = list(mentorship_ids)
    drop_ins: dict[int, list] = defaultdict(list)
    meetings: dict[int, list] = defaultdict(list)
    for model, logs in ((LessonDropIn, drop_ins), (MentorMeeting, meetings)):
        rows = (
            model.objects.filter(mentorship_id__in=ids)
            .order_by("-held_on", "-id")
            .values_list("mentorship_id", "held_on")
        )
        for mentorship_id, held_on in rows:
            logs[mentorship_id].append(held_on)
    return drop_ins, meetings


def mentoring_status(
    ect: ECTProgramme, mentorship: Mentorship, drop_ins_held_on: list, meetings_held_on: list
) -> MentoringStatus:
    """This week's expected drop-in and meeting, what was held against what was due, and
    whether the latest one due was missed (rules 18-19), from the days logs were held on,
    newest first."""
    catalogue = ect.catalogue
    from_day = max(mentorship.started_on, ect.joined_on)
    today = catalogue.today
    return MentoringStatus(
        drop_ins=cadence.due(
            catalogue.half_terms,
            every_weeks=ect.drop_in_every_weeks,
            logged_on=drop_ins_held_on,
            from_day=from_day,
            today=today,
        ),
        meetings=cadence.due(
            catalogue.half_terms,
            every_weeks=ect.meeting_every_weeks,
            focuses=ect.cadence_focuses,
            logged_on=meetings_held_on,
            from_day=from_day,
            today=today,
        ),
        last_drop_in=drop_ins_held_on[0] if drop_ins_held_on else None,
        last_meeting=meetings_held_on[0] if meetings_held_on else None,
    )


# --- mentors' own training -----------------------------------------------------------------


@dataclass
class MentorProgramme:
    """A mentor's own training this year (rule 21): with which provider, and what it asks."""

    training: TrainingPeriod | None
    programme: Programme | None
    catalogue: Catalogue = field(repr=False)

    @property
    def items(self) -> list[StudyItem]:
        return self.catalogue.mentor_items(self.programme) if self.programme else []

    @property
    def sessions(self) -> list[Session]:
        if self.programme is None:
            return []
        return [s for s in self.catalogue.sessions(self.programme) if s.programme_year_id is None]

    def _terms_ended(self) -> int:
        today = self.catalogue.today
        return sum(1 for ht in self.catalogue.half_terms[1::2] if ht.ends_on < today)

    def self_study(self, records: dict[int, StudyRecord]) -> Progress:
        required = self.programme.mentor_self_studies_required if self.programme else 0
        done = sum(1 for item in self.items if is_completed(records, item))
        return Progress(min(done, required), required)

    def sessions_attended(self, attended: dict[int, bool]) -> Progress:
        required = self.programme.mentor_sessions_required if self.programme else 0
        done = sum(1 for s in self.sessions if attended.get(s.pk))
        return Progress(min(done, required), required)

    def engagement_so_far(self, records: dict, attended: dict) -> Progress:
        """Against what is due by the terms that have ended (a third of the year's each)."""
        study, sessions = self.self_study(records), self.sessions_attended(attended)
        terms = self._terms_ended()
        expected = round((study.expected + sessions.expected) * terms / 3)
        return Progress(min(study.done + sessions.done, expected), expected)


def mentor_trainings(mentor_period_ids, catalogue: Catalogue) -> dict[int, MentorProgramme]:
    """{mentor at school period id: their training this year}: one query plus the content."""
    trainings = (
        TrainingPeriod.objects.filter(mentor_at_school_period_id__in=list(mentor_period_ids))
        .select_related("school_partnership__lead_provider", "school_partnership__delivery_partner")
        .order_by("-started_on")
    )
    result: dict[int, MentorProgramme] = {}
    for training in trainings:
        period_id = training.mentor_at_school_period_id
        if period_id in result:
            continue
        partnership = training.school_partnership
        programme = catalogue.programme(partnership.lead_provider) if partnership else None
        result[period_id] = MentorProgramme(training, programme, catalogue)
    return result


def items_of(teacher, catalogue: Catalogue) -> list[StudyItem]:
    """Every study item the teacher may record this year: their ECT modules' and their own
    mentor training's."""
    items: list[StudyItem] = []
    period = ect_periods_queryset().filter(teacher=teacher).ongoing().first()
    if period is not None:
        ect = ect_programmes([period], catalogue)[period.pk]
        if ect.has_content:
            items += [item for module in ect.modules for item in ect.items(module)]
    mentor_period_ids = teacher.mentor_at_school_periods.ongoing().values_list("pk", flat=True)
    for mentor in mentor_trainings(mentor_period_ids, catalogue).values():
        items += mentor.items
    return items


# --- meeting cadences in bulk ----------------------------------------------------------------


@dataclass(frozen=True)
class MeetingCadence:
    """What an ECT's mentor meetings are measured against (rules 4 and 18-19): the same as
    their `ECTProgramme`'s `meeting_every_weeks`, `cadence_focuses` and `joined_on`."""

    every_weeks: Decimal | int
    focuses: tuple
    joined_on: datetime.date


@dataclass(frozen=True)
class _Training:
    started_on: datetime.date
    finished_on: datetime.date | None
    lead_provider_id: int | None


def meeting_cadences(periods, catalogue: Catalogue) -> dict[int, MeetingCadence]:
    """{ECT period id: its meeting cadence this year} for a queryset of ECT periods, in a fixed
    number of queries whatever their number, reading only what the cadence needs (a sweep over every
    ECT in England cannot afford `ect_programmes`' modules and timelines). Periods without a
    programme year (no provider, or school-led) have no cadence and are left out."""
    trainings: dict[int, list[_Training]] = defaultdict(list)
    rows = (
        TrainingPeriod.objects.filter(ect_at_school_period__in=periods.values("pk"))
        .order_by("-started_on")
        .values_list(
            "ect_at_school_period_id",
            "started_on",
            "finished_on",
            "school_partnership__lead_provider_id",
        )
    )
    for period_id, started_on, finished_on, lead_provider_id in rows:
        trainings[period_id].append(_Training(started_on, finished_on, lead_provider_id))
    firsts = dict(
        TrainingPeriod.objects.filter(
            ect_at_school_period__teacher_id__in=periods.values("teacher_id")
        )
        .values("ect_at_school_period__teacher_id")
        .annotate(first=Min("started_on"))
        .values_list("ect_at_school_period__teacher_id", "first")
    )
    providers = {provider.pk: provider for provider in LeadProvider.objects.all()}
    year_start, _ = dates.academic_year_bounds(catalogue.academic_year)
    # {programme id: {year number: (weeks between meetings, focuses)}}, read once each.
    years: dict[int, dict[int, tuple]] = {}
    result = {}
    for period_id, teacher_id, started_on, fte in periods.values_list(
        "pk", "teacher_id", "started_on", "fte"
    ):
        training = current_training(trainings[period_id], catalogue.today)
        if training is None or training.lead_provider_id is None:
            continue
        programme = catalogue.programme(providers[training.lead_provider_id])
        if programme is None:
            continue
        number = programme_year_number(firsts.get(teacher_id), catalogue.academic_year)
        if programme.pk not in years:
            years[programme.pk] = {
                year.number: (year.meeting_every_weeks, tuple(year.meeting_focuses.all()))
                for year in reversed(list(programme.years.all()))  # the first of each number wins
            }
        if number not in years[programme.pk]:
            continue
        every_weeks, focuses = years[programme.pk][number]
        fte = fte or FULL_TIME
        part_time = fte < FULL_TIME
        result[period_id] = MeetingCadence(
            every_weeks=Decimal(every_weeks) / fte if part_time else every_weeks,
            focuses=() if part_time else focuses,
            joined_on=max(started_on, training.started_on, year_start),
        )
    return result
