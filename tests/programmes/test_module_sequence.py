"""Module sequence: rules 22-26 (NIoT's flexible approach), the tutor's task and journey."""

import datetime

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone

from ecte.events.models import Event
from ecte.events.record import Actor
from ecte.formatting import format_date
from programmes import errors, sequencing
from programmes.errors import ProgrammeError
from programmes.models import ModuleSequence, ModuleSequenceEntry
from programmes.selectors import module_sequence_task
from programmes.services.sequences import module_sequence_confirm, module_sequence_save_draft
from tests.factories import (
    LeadProviderFactory,
    MembershipFactory,
    SchoolFactory,
    SchoolPartnershipFactory,
    TrustFactory,
    UserFactory,
)
from tests.programmes.factories import ModuleSequenceFactory

pytestmark = pytest.mark.django_db

BY = Actor.system("Test")
EARLY_OCTOBER = datetime.date(2026, 10, 5)
DEADLINE = datetime.date(2026, 10, 23)  # the Friday Autumn half-term 1 ends on, by default
AFTER_DEADLINE = datetime.date(2026, 11, 2)
CHOSEN = ["A", "F", "C", "E", "B", "D"]  # the handbook's example (School A in a MAT)


@pytest.fixture
def school_with_niot(niot):
    school = SchoolFactory(trust=TrustFactory())
    SchoolPartnershipFactory(school=school, lead_provider=niot.lead_provider, academic_year=2026)
    return school


def confirm(school, niot, codes, *, on=EARLY_OCTOBER):
    return module_sequence_confirm(
        school=school,
        lead_provider=niot.lead_provider,
        academic_year=2026,
        codes=codes,
        by=BY,
        on=on,
    )


# --- the dashboard task -------------------------------------------------------------------


def test_task_cannot_start_until_the_school_has_a_lead_provider(on):
    on(EARLY_OCTOBER)
    task = module_sequence_task(SchoolFactory(), 2026)
    assert task == {
        "status": "cannot_start_yet",
        "href": None,
        "hint": "Choose a lead provider for 2026 to 2027 first",
    }


def test_task_cannot_start_until_a_flexible_provider_publishes_the_years_programme(on):
    on(EARLY_OCTOBER)
    school = SchoolFactory()
    provider = LeadProviderFactory(name="Ambition", allows_module_sequence_choice=True)
    SchoolPartnershipFactory(school=school, lead_provider=provider)
    task = module_sequence_task(school, 2026)
    assert task["status"] == "cannot_start_yet"
    assert task["hint"] == "Ambition has not published its programme for 2026 to 2027 yet"


def test_task_is_not_applicable_for_a_fixed_programme(on, bpn):
    on(EARLY_OCTOBER)
    school = SchoolFactory()
    SchoolPartnershipFactory(school=school, lead_provider=bpn.lead_provider)
    task = module_sequence_task(school, 2026)
    assert task["status"] == "not_applicable"
    assert task["href"] is None
    assert task["hint"] == f"{bpn.lead_provider.name} runs its modules in a fixed order"


def test_task_is_not_applicable_for_a_fixed_provider_without_content(on):
    on(EARLY_OCTOBER)
    school = SchoolFactory()
    SchoolPartnershipFactory(school=school, lead_provider=LeadProviderFactory(name="Teach First"))
    assert module_sequence_task(school, 2026)["status"] == "not_applicable"


def test_task_is_not_applicable_for_school_led_training(on):
    if not apps.is_installed("schools") or "yearsetup" not in apps.all_models["schools"]:
        pytest.skip("the school's year set-up (issue 3) is not installed")
    year_setup = apps.get_model("schools", "YearSetup")
    on(EARLY_OCTOBER)
    school = SchoolFactory()
    year_setup.objects.create(school=school, academic_year=2026, training_programme="school_led")
    task = module_sequence_task(school, 2026)
    assert task["status"] == "not_applicable"
    assert task["hint"] == "Your ECTs are on school-led training, which has no module sequence"


def test_task_not_started_names_the_deadline_and_links_to_the_page(on, school_with_niot):
    on(EARLY_OCTOBER)
    assert module_sequence_task(school_with_niot, 2026) == {
        "status": "not_started",
        "href": "/school/module-sequence/?year=2026",
        "hint": "Confirm by 23 October 2026 (the end of Autumn half-term 1), "
        "or your ECTs follow the designed order",
    }


def test_task_in_progress_while_a_draft_waits(on, school_with_niot, niot):
    on(EARLY_OCTOBER)
    module_sequence_save_draft(
        school=school_with_niot,
        lead_provider=niot.lead_provider,
        academic_year=2026,
        codes=CHOSEN,
        by=BY,
    )
    task = module_sequence_task(school_with_niot, 2026)
    assert task["status"] == "in_progress"
    assert task["hint"] == "Check and confirm the order by 23 October 2026"


def test_task_completed_once_confirmed(on, school_with_niot, niot):
    on(EARLY_OCTOBER)
    confirm(school_with_niot, niot, CHOSEN)
    task = module_sequence_task(school_with_niot, 2026)
    assert task["status"] == "completed"
    assert task["hint"] == "Confirmed: A, F, C, E, B, D"


def test_task_completed_when_the_trust_decided(on, school_with_niot, niot):
    on(EARLY_OCTOBER)
    module_sequence_confirm(
        trust=school_with_niot.trust,
        lead_provider=niot.lead_provider,
        academic_year=2026,
        codes=CHOSEN,
        by=BY,
    )
    task = module_sequence_task(school_with_niot, 2026)
    assert task["status"] == "completed"
    assert task["hint"] == f"{school_with_niot.trust.name} set the sequence for its schools"


def test_task_completed_after_the_deadline_with_the_designed_order(on, school_with_niot):
    on(AFTER_DEADLINE)
    task = module_sequence_task(school_with_niot, 2026)
    assert task["status"] == "completed"
    assert task["hint"] == "Not changed by 23 October 2026, so your ECTs follow the designed order"


def test_task_counts_a_declined_partnership_as_no_lead_provider(on, niot):
    on(EARLY_OCTOBER)
    school = SchoolFactory()
    SchoolPartnershipFactory(
        school=school,
        lead_provider=niot.lead_provider,
        declined_at=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC),
    )
    assert module_sequence_task(school, 2026)["status"] == "cannot_start_yet"


# --- the rules, in the service ------------------------------------------------------------


def test_the_designed_order_is_followed_when_nothing_is_chosen(school_with_niot, niot):
    sequence = sequencing.effective_sequence(school_with_niot, niot)
    assert sequence.codes == ["A", "B", "C", "D", "E", "F"]
    assert sequence.source == "designed"


def test_a_confirmed_sequence_replaces_the_designed_order_and_is_an_event(school_with_niot, niot):
    confirm(school_with_niot, niot, CHOSEN)
    sequence = sequencing.effective_sequence(school_with_niot, niot)
    assert sequence.codes == CHOSEN
    assert sequence.source == "school"
    event = Event.objects.get(event_type="module_sequence_confirmed", school=school_with_niot)
    assert event.heading == "Confirmed the module sequence for 2026 to 2027: A, F, C, E, B, D"
    assert event.after == {"modules": CHOSEN}


def test_one_sequence_serves_year_1_and_year_2(school_with_niot, niot):
    confirm(school_with_niot, niot, CHOSEN)
    year_2 = niot.years.get(number=2)
    ordered = sequencing.ordered_modules(
        list(year_2.modules.all()), sequencing.effective_sequence(school_with_niot, niot).codes
    )
    assert [m.code for m in ordered] == CHOSEN
    assert ModuleSequence.objects.filter(school=school_with_niot).count() == 1


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (
            ["B", "A", "C", "D", "E", "F"],
            "Module A: Behaviour and Relationships must stay in Autumn half-term 1",
        ),
        (
            ["A", "C", "C", "D", "E", "F"],
            "Module C: Planning and Delivery is already in Autumn half-term 2. "
            "Choose each module once",
        ),
        (["A", "B", "C", "D", "E"], "Choose a module for Summer half-term 2"),
        (["A", "B", "C", "D", "E", "Z"], "Choose a module from the list for Summer half-term 2"),
        (
            ["A", "B", "C", "D", "E", "F", "B"],
            "Choose a module from the list for place 7",
        ),
    ],
    ids=["a-not-first", "module-twice", "module-missing", "unknown-module", "too-many"],
)
def test_a_bad_order_is_refused_and_nothing_is_saved(school_with_niot, niot, codes, message):
    with pytest.raises(ProgrammeError) as refused:
        confirm(school_with_niot, niot, codes)
    assert str(refused.value) == message
    assert not ModuleSequence.objects.exists()
    assert not Event.objects.filter(event_type="module_sequence_confirmed").exists()


def test_the_sequence_is_locked_after_autumn_half_term_1(school_with_niot, niot):
    confirm(school_with_niot, niot, CHOSEN, on=DEADLINE)  # the last day is still open
    with pytest.raises(ProgrammeError) as refused:
        confirm(
            school_with_niot,
            niot,
            ["A", "B", "C", "D", "E", "F"],
            on=DEADLINE + datetime.timedelta(days=1),
        )
    assert str(refused.value) == (
        "The module sequence for 2026 to 2027 was locked at the end of Autumn half-term 1 "
        "on 23 October 2026. It cannot be changed this year"
    )
    assert sequencing.effective_sequence(school_with_niot, niot).codes == CHOSEN


def test_a_school_cannot_change_a_sequence_its_trust_set(school_with_niot, niot):
    module_sequence_confirm(
        trust=school_with_niot.trust,
        lead_provider=niot.lead_provider,
        academic_year=2026,
        codes=CHOSEN,
        by=BY,
        on=EARLY_OCTOBER,
    )
    with pytest.raises(ProgrammeError) as refused:
        confirm(school_with_niot, niot, ["A", "B", "C", "D", "E", "F"])
    assert str(refused.value) == (
        f"{school_with_niot.trust.name} has set the module sequence for its schools. "
        "Only the trust can change it"
    )
    assert not ModuleSequence.objects.filter(school=school_with_niot).exists()


def test_a_trust_sequence_applies_to_each_of_its_schools_and_is_on_each_timeline(niot):
    trust = TrustFactory()
    schools = SchoolFactory.create_batch(2, trust=trust)
    for school in schools:
        SchoolPartnershipFactory(
            school=school, lead_provider=niot.lead_provider, academic_year=2026
        )
    module_sequence_confirm(
        trust=trust,
        lead_provider=niot.lead_provider,
        academic_year=2026,
        codes=CHOSEN,
        by=BY,
        on=EARLY_OCTOBER,
    )
    for school in schools:
        sequence = sequencing.effective_sequence(school, niot)
        assert (sequence.codes, sequence.source, sequence.decided_by) == (
            CHOSEN,
            "trust",
            trust.name,
        )
        assert Event.objects.filter(event_type="module_sequence_confirmed", school=school).exists()


def test_a_fixed_programme_has_no_sequence_to_choose(bpn):
    school = SchoolFactory()
    with pytest.raises(ProgrammeError) as refused:
        module_sequence_confirm(
            school=school,
            lead_provider=bpn.lead_provider,
            academic_year=2026,
            codes=["1"],
            by=BY,
            on=EARLY_OCTOBER,
        )
    assert str(refused.value) == (
        f"{bpn.lead_provider.name} runs its modules in a fixed order, so there is no sequence to choose"
    )


def test_a_draft_is_never_followed_and_a_confirmed_order_stays_while_a_change_waits(
    school_with_niot, niot
):
    module_sequence_save_draft(
        school=school_with_niot,
        lead_provider=niot.lead_provider,
        academic_year=2026,
        codes=CHOSEN,
        by=BY,
        on=EARLY_OCTOBER,
    )
    assert sequencing.effective_sequence(school_with_niot, niot).codes == list("ABCDEF")
    confirm(school_with_niot, niot, CHOSEN)
    module_sequence_save_draft(
        school=school_with_niot,
        lead_provider=niot.lead_provider,
        academic_year=2026,
        codes=list("ABCDEF"),
        by=BY,
        on=EARLY_OCTOBER,
    )
    sequence = sequencing.effective_sequence(school_with_niot, niot)
    assert (sequence.codes, sequence.draft) == (CHOSEN, list("ABCDEF"))


# --- what the database refuses by itself --------------------------------------------------


def test_the_database_refuses_a_module_twice_in_a_sequence():
    sequence = ModuleSequenceFactory(codes="AB")
    with pytest.raises(IntegrityError), transaction.atomic():
        ModuleSequenceEntry.objects.create(sequence=sequence, position=3, module_code="B")


def test_the_database_refuses_two_sequences_for_a_school_in_a_year():
    sequence = ModuleSequenceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ModuleSequenceFactory(school=sequence.school, academic_year=2026)


def test_the_database_refuses_a_sequence_for_both_a_school_and_a_trust():
    with pytest.raises(IntegrityError), transaction.atomic():
        ModuleSequenceFactory(trust=TrustFactory())


# --- the induction tutor's journey --------------------------------------------------------


@pytest.fixture
def tutor(school_with_niot):
    return MembershipFactory(school=school_with_niot)


def test_tutor_chooses_checks_and_confirms_a_sequence(client, on, tutor, niot):
    on(EARLY_OCTOBER)
    client.force_login(tutor.user)
    page = client.get("/school/module-sequence/?year=2026").content.decode()
    assert "Module sequence for 2026 to 2027" in page
    assert "The designed order: your school has not chosen another" in page
    assert "does Module A: Behaviour and Relationships first" in page

    form = client.get("/school/module-sequence/choose/?year=2026").content.decode()
    assert "Autumn half-term 1:</strong> Module A: Behaviour and Relationships" in form
    answers = {f"place_{n}": code for n, code in enumerate(CHOSEN, start=1) if n > 1}
    response = client.post("/school/module-sequence/choose/?year=2026", answers)
    assert response["Location"] == "/school/module-sequence/check/?year=2026"
    assert module_sequence_task(tutor.school, 2026)["status"] == "in_progress"

    check = client.get(response["Location"]).content.decode()
    assert "Module F: Adaptive Practice" in check
    response = client.post("/school/module-sequence/check/?year=2026")
    assert response["Location"] == "/school/module-sequence/?year=2026"
    page = client.get(response["Location"]).content.decode()
    assert "Module sequence confirmed" in page
    assert f"Confirmed by {tutor.user.full_name}" in page
    assert sequencing.effective_sequence(tutor.school, niot).codes == CHOSEN


def test_tutor_can_confirm_the_designed_order(client, on, tutor, niot):
    on(EARLY_OCTOBER)
    client.force_login(tutor.user)
    response = client.post("/school/module-sequence/keep-designed-order/?year=2026")
    assert response.status_code == 302
    assert module_sequence_task(tutor.school, 2026)["status"] == "completed"


def test_choosing_a_module_twice_shows_the_error_and_saves_nothing(client, on, tutor):
    on(EARLY_OCTOBER)
    client.force_login(tutor.user)
    answers = {"place_2": "C", "place_3": "C", "place_4": "D", "place_5": "E", "place_6": "F"}
    page = client.post("/school/module-sequence/choose/?year=2026", answers).content.decode()
    assert "<title>Error: Choose the order of the modules" in page
    assert (
        "Module C: Planning and Delivery is already in Autumn half-term 2. Choose each module once"
        in page
    )
    assert 'href="#id_place_3"' in page
    assert not ModuleSequence.objects.exists()


def test_leaving_a_half_term_empty_shows_the_error(client, on, tutor):
    on(EARLY_OCTOBER)
    client.force_login(tutor.user)
    page = client.post(
        "/school/module-sequence/choose/?year=2026", {"place_2": "B"}
    ).content.decode()
    assert "Choose a module for Spring half-term 1" in page
    assert not ModuleSequence.objects.exists()


def test_after_the_deadline_the_page_shows_why_it_is_locked_and_cannot_be_changed(
    client, on, tutor
):
    on(AFTER_DEADLINE)
    client.force_login(tutor.user)
    page = client.get("/school/module-sequence/?year=2026").content.decode()
    assert "was locked at the end of Autumn half-term 1 on 23 October 2026" in page
    assert "Choose a different order" not in page
    assert client.get("/school/module-sequence/choose/?year=2026").status_code == 404
    assert client.post("/school/module-sequence/check/?year=2026").status_code == 404
    assert client.post("/school/module-sequence/keep-designed-order/?year=2026").status_code == 404


def test_a_trust_decision_is_read_only_for_the_school_and_names_who_decided(
    client, on, tutor, niot
):
    on(EARLY_OCTOBER)
    lead = UserFactory(first_name="Tara", last_name="Trust")
    module_sequence_confirm(
        trust=tutor.school.trust,
        lead_provider=niot.lead_provider,
        academic_year=2026,
        codes=CHOSEN,
        by=Actor(user=lead, role_label="Trust induction lead"),
    )
    client.force_login(tutor.user)
    page = client.get("/school/module-sequence/?year=2026").content.decode()
    today = format_date(timezone.localdate())
    assert f"Decided by {tutor.school.trust.name} (Tara Trust) on {today}" in page
    assert "Choose a different order" not in page
    assert client.get("/school/module-sequence/choose/?year=2026").status_code == 404


def test_a_fixed_programme_page_explains_there_is_nothing_to_choose(client, on, bpn):
    on(EARLY_OCTOBER)
    school = SchoolFactory()
    SchoolPartnershipFactory(school=school, lead_provider=bpn.lead_provider)
    client.force_login(MembershipFactory(school=school).user)
    page = client.get("/school/module-sequence/").content.decode()
    assert f"{bpn.lead_provider.name} runs its modules in a fixed order." in page
    assert client.get("/school/module-sequence/choose/").status_code == 404


def test_another_schools_sequence_is_never_shown(client, on, tutor, niot):
    on(EARLY_OCTOBER)
    other = SchoolFactory()
    SchoolPartnershipFactory(school=other, lead_provider=niot.lead_provider)
    confirm(other, niot, CHOSEN)
    client.force_login(tutor.user)
    page = client.get("/school/module-sequence/?year=2026").content.decode()
    assert "The designed order: your school has not chosen another" in page
    assert other.name not in page


@pytest.mark.parametrize("year", ["2024", "2028", "abc"])
def test_a_year_other_than_this_or_next_is_not_found(client, on, tutor, year):
    on(EARLY_OCTOBER)
    client.force_login(tutor.user)
    assert client.get(f"/school/module-sequence/?year={year}").status_code == 404


@pytest.mark.parametrize("trait", ["mentor", "ect", "lead_provider_user", "appropriate_body_user"])
def test_the_module_sequence_is_for_induction_tutors_only(client, trait):
    client.force_login(MembershipFactory(**{trait: True}).user)
    assert client.get("/school/module-sequence/").status_code == 403
    assert client.post("/school/module-sequence/keep-designed-order/").status_code == 403


def test_errors_are_plain_constants():
    assert errors.SEQUENCE_MODULE_MISSING.format(place="Spring half-term 2") == (
        "Choose a module for Spring half-term 2"
    )
