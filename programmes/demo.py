"""Demo programme data for the embedded default (`seed_programmes --demo`, which seed_demo runs).

Brookfield's confirmed module sequence, a few weeks of mentoring logs with actions, self-study
and seminar registers, so that every programme page has something to show. Written through the
services, so the events are as in real use; each piece is skipped when it is already there, so
running it again changes nothing. "Today" is late November 2026.
"""

import datetime

from ecte.accounts.models import User
from ecte.events.record import Actor
from participants.models import ECTAtSchoolPeriod, MentorAtSchoolPeriod, Mentorship
from programmes.models import (
    MeetingFocus,
    MentorMeeting,
    ModuleSequence,
    Programme,
    Session,
    SessionAttendance,
    StudyItem,
    StudyRecord,
)
from programmes.services import lead_providers, mentoring, sequences, study
from schools.models import School

date = datetime.date
NIOT = "National Institute of Teaching"
BROOKFIELD = "144218"
CHOSEN = ["A", "F", "C", "E", "B", "D"]  # the handbook's example order
EARLY_OCTOBER = date(2026, 10, 5)

# (mentor's email, ECT's TRN): mentoring logged in the demo
SAMUEL, MIA, DANIEL = "samuel.osei@example.com", "4215877", "4102385"


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _mentorship(ect_trn: str) -> Mentorship | None:
    return (
        Mentorship.objects.ongoing()
        .filter(ect_at_school_period__teacher__trn=ect_trn)
        .select_related("ect_at_school_period__teacher", "mentor_at_school_period__teacher")
        .first()
    )


def seed_sequence() -> None:
    school = School.objects.filter(urn=BROOKFIELD).first()
    programme = Programme.objects.filter(lead_provider__name=NIOT, academic_year=2026).first()
    if school is None or programme is None or ModuleSequence.objects.filter(school=school).exists():
        return
    tutor = _user("rachel.adeyemi@example.com")
    sequences.module_sequence_confirm(
        school=school,
        lead_provider=programme.lead_provider,
        academic_year=2026,
        codes=CHOSEN,
        by=Actor(user=tutor, role_label=f"Induction tutor at {school.name}"),
        on=EARLY_OCTOBER,
    )


def seed_year_1_mentoring(by: Actor) -> None:
    """Samuel Osei and Mia Patel (NIoT year 1): weekly drop-ins and six-step meetings."""
    mentorship = _mentorship(MIA)
    if mentorship is None or MentorMeeting.objects.filter(mentorship=mentorship).exists():
        return
    first = mentoring.meeting_log(
        mentorship=mentorship,
        by=by,
        held_on=date(2026, 11, 4),
        minutes=50,
        praise="Clear routines at the door; pupils settled within two minutes.",
        probe="Transitions between tasks lost five minutes of learning time.",
        plan="Use the countdown in period 3 on Thursday with Year 4.",
        practice="Rehearsed the countdown script twice with feedback on tone and pace.",
        follow_up_on=date(2026, 11, 11),
        new_actions=["Use a 5-second countdown for every transition"],
    )
    action = first.actions_set.get()
    mentoring.drop_in_log(
        mentorship=mentorship,
        by=by,
        held_on=date(2026, 11, 11),
        minutes=15,
        mode="in_person",
        focus_action=action,
        notes="Countdown used at each transition; two pupils still slow to start.",
    )
    mentoring.meeting_log(
        mentorship=mentorship,
        by=by,
        held_on=date(2026, 11, 11),
        minutes=45,
        praise="Transitions much quicker: the countdown is becoming a routine.",
        probe="Questions go to the same few volunteers.",
        plan="Cold call in the starter on Monday, names on lolly sticks.",
        practice="Practised wording a cold call question and the wait time.",
        follow_up_on=date(2026, 11, 18),
        new_actions=["Cold call at least five pupils in every starter"],
        reviews={action.pk: "achieved"},
    )
    mentoring.drop_in_log(
        mentorship=mentorship,
        by=by,
        held_on=date(2026, 11, 18),
        minutes=12,
        mode="recording",
        notes="Watched the recording of the Year 4 starter.",
    )


def seed_year_2_mentoring(by: Actor) -> None:
    """Samuel Osei and Daniel Hughes (NIoT year 2): fortnightly, with the half-term's focuses."""
    mentorship = _mentorship(DANIEL)
    if mentorship is None or MentorMeeting.objects.filter(mentorship=mentorship).exists():
        return
    programme = Programme.objects.get(lead_provider__name=NIOT, academic_year=2026)
    focus = MeetingFocus.objects.get(
        programme_year__programme=programme, programme_year__number=2, number=1
    )
    mentoring.drop_in_log(
        mentorship=mentorship, by=by, held_on=date(2026, 11, 3), minutes=15, mode="in_person"
    )
    mentoring.meeting_log(
        mentorship=mentorship,
        by=by,
        held_on=date(2026, 11, 5),
        minutes=60,
        focus=focus,
        notes="Chose working memory as the focus for module F, from the diagnostic feedback.",
        new_actions=["Chunk instructions into no more than three steps"],
    )


def seed_study_and_registers(lead_provider_user: User | None) -> None:
    programme = Programme.objects.filter(lead_provider__name=NIOT, academic_year=2026).first()
    if programme is None or StudyRecord.objects.filter(item__programme=programme).exists():
        return
    daniel = ECTAtSchoolPeriod.objects.ongoing().filter(teacher__trn=DANIEL).first()
    if daniel is not None:
        actor = Actor(user=_user("daniel.hughes@example.com"), role_label="Early career teacher")
        teacher = daniel.teacher
        study.choices_save(
            teacher=teacher,
            module_code="A",
            chosen=[StudyItem.objects.get(programme=programme, code="Y2-A-F2")],
            by=actor,
        )
        for code in ("Y2-A-DIAG", "Y2-A-SELF", "Y2-A-F2", "Y2-F-DIAG"):
            study.study_mark_done(
                teacher=teacher,
                item=StudyItem.objects.get(programme=programme, code=code),
                completed_on=date(2026, 10, 14) if code.startswith("Y2-A") else date(2026, 11, 9),
                by=actor,
            )
    by = Actor(user=lead_provider_user, role_label=f"Lead provider at {NIOT}")
    ects = {
        1: list(
            ECTAtSchoolPeriod.objects.ongoing().filter(
                teacher__trn__in=["4215877", "4218036", "4220418"]
            )
        ),
        2: list(
            ECTAtSchoolPeriod.objects.ongoing().filter(
                teacher__trn__in=["4102385", "4105238", "4108942"]
            )
        ),
    }
    for number, periods in ects.items():
        teachers = [p.teacher for p in periods]
        for code, absent in ((f"Y{number}-SEM-INTRO", None), (f"Y{number}-SEM-A", -1)):
            session = Session.objects.get(programme=programme, code=code)
            if SessionAttendance.objects.filter(session=session).exists() or not teachers:
                continue
            lead_providers.register_record(
                session=session,
                listed=teachers,
                attended=teachers if absent is None else teachers[:absent],
                allowed=teachers,
                by=by,
            )
    imran = MentorAtSchoolPeriod.objects.ongoing().filter(teacher__trn="3124590").first()
    if imran is not None:
        lead_providers.self_study_record(
            lead_provider=programme.lead_provider,
            rows=[
                (
                    imran.teacher,
                    StudyItem.objects.get(programme=programme, code="M-1A"),
                    date(2026, 10, 2),
                )
            ],
            by=by,
        )


def seed() -> None:
    seed_sequence()
    samuel = _user(SAMUEL)
    if samuel is not None:
        by = Actor(user=samuel, role_label="Mentor")
        seed_year_1_mentoring(by)
        seed_year_2_mentoring(by)
    seed_study_and_registers(_user("oliver.reid@example.com"))
