"""factory-boy factories for programme content, sequences, mentoring logs and engagement.

The real programmes (NIoT from its handbook, the BPN-style fixed one) load through
`load_programme`, the importer `seed_programmes` uses, so rule tests run against the
content schools will see.
"""

import datetime
import json

import factory
from factory.django import DjangoModelFactory

from programmes import content_io
from programmes.models import (
    ChoiceKind,
    LeadProvider,
    MeetingModel,
    Module,
    ModuleSequence,
    ModuleSequenceEntry,
    Programme,
    ProgrammeYear,
    SchoolPartnership,
)
from tests.factories import (
    ECTAtSchoolPeriodFactory,
    LeadProviderFactory,
    MentorAtSchoolPeriodFactory,
    MentorshipFactory,
    SchoolFactory,
    SchoolPartnershipFactory,
    TrainingPeriodFactory,
)

NIOT_FILE = content_io.CONTENT_DIR / "niot-2026.json"
BPN_FILE = content_io.CONTENT_DIR / "bpn-2026.json"


def load_programme(
    path=NIOT_FILE, *, lead_provider: LeadProvider | None = None, academic_year: int = 2026
) -> Programme:
    """A bundled programme, for `lead_provider` (a new one by default) and `academic_year`."""
    data = json.loads(path.read_text())
    lead_provider = lead_provider or LeadProviderFactory(
        allows_module_sequence_choice=path == NIOT_FILE
    )
    data.update(lead_provider=lead_provider.name, academic_year=academic_year)
    return content_io.import_programme(data)


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    lead_provider = factory.SubFactory(LeadProviderFactory)
    academic_year = 2026
    name = factory.Sequence(lambda n: f"Programme {n}")


class ProgrammeYearFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeYear

    programme = factory.SubFactory(ProgrammeFactory)
    number = 1
    title = "Year 1"
    meeting_model = MeetingModel.SIX_STEP
    choice_kind = ChoiceKind.ELECTIVES
    min_choices = 3
    min_choices_first_module = 2


class ModuleFactory(DjangoModelFactory):
    class Meta:
        model = Module

    programme_year = factory.SubFactory(ProgrammeYearFactory)
    code = factory.Sequence(lambda n: f"M{n}")
    title = factory.Sequence(lambda n: f"Module {n}")
    position = 1
    fixed_position = True


class ModuleSequenceFactory(DjangoModelFactory):
    """A confirmed school sequence; pass `codes` for the order."""

    class Meta:
        model = ModuleSequence
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    trust = None
    lead_provider = factory.SubFactory(LeadProviderFactory)
    academic_year = 2026
    confirmed_at = factory.Faker("date_time", tzinfo=datetime.UTC)

    @factory.post_generation
    def codes(self, create, extracted, **kwargs):
        for position, code in enumerate(extracted or "ABCDEF", start=1):
            ModuleSequenceEntry.objects.create(sequence=self, position=position, module_code=code)


def ect_on_programme(
    programme: Programme,
    *,
    started_on=datetime.date(2026, 9, 1),
    school=None,
    mentor_period=None,
):
    """An ECT at a school partnered with the programme's lead provider, training with it since
    `started_on`, with a mentor: returns the Mentorship."""
    school = school or SchoolFactory()
    partnership = SchoolPartnership.objects.filter(
        school=school, lead_provider=programme.lead_provider, academic_year=programme.academic_year
    ).first() or SchoolPartnershipFactory(
        school=school, lead_provider=programme.lead_provider, academic_year=programme.academic_year
    )
    if started_on.year < programme.academic_year or (
        started_on.year == programme.academic_year and started_on.month < 9
    ):
        # Training began in an earlier year, through that year's partnership.
        earlier = SchoolPartnershipFactory(
            school=school,
            lead_provider=programme.lead_provider,
            delivery_partner=partnership.delivery_partner,
            academic_year=started_on.year if started_on.month >= 9 else started_on.year - 1,
        )
    else:
        earlier = partnership
    period = ECTAtSchoolPeriodFactory(school=school, started_on=started_on)
    TrainingPeriodFactory(
        ect_at_school_period=period, school_partnership=earlier, started_on=started_on
    )
    mentor_period = mentor_period or MentorAtSchoolPeriodFactory(
        school=school, started_on=datetime.date(2020, 9, 1)
    )
    return MentorshipFactory(
        ect_at_school_period=period, mentor_at_school_period=mentor_period, started_on=started_on
    )
