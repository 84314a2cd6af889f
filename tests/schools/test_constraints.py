import pytest
from django.db import DataError, IntegrityError

from schools.models import School
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("urn", ["12345", "1234567", "12a456", ""])
def test_school_urn_must_be_6_digits(urn):
    with pytest.raises((IntegrityError, DataError)):
        School.objects.create(
            urn=urn, name="X", phase="primary", school_type="academy", local_authority="Leeds"
        )


def test_school_urn_is_unique():
    SchoolFactory(urn="123456")
    with pytest.raises(IntegrityError):
        SchoolFactory(urn="123456")
