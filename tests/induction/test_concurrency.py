"""Rule 3 under concurrency: two appropriate bodies claiming the same ECT at the same moment.
The teacher's row lock serialises them: exactly one wins, the other is told who holds the ECT."""

import datetime
import threading

import pytest
from django.db import connection

from ecte.events.record import Actor
from induction import errors
from induction.models import InductionPeriod
from induction.services import InductionError, claim_ect
from tests.factories import AppropriateBodyFactory, TeacherFactory


@pytest.mark.django_db(transaction=True)
def test_two_appropriate_bodies_claiming_the_same_ect_at_once_exactly_one_wins():
    teacher = TeacherFactory()
    bodies = [AppropriateBodyFactory(), AppropriateBodyFactory()]
    start = threading.Barrier(len(bodies))
    outcomes: dict[str, object] = {}

    def claim(body):
        try:
            start.wait(timeout=10)
            claim_ect(
                teacher=teacher,
                appropriate_body=body,
                started_on=datetime.date(2026, 9, 1),
                induction_programme="provider_led",
                by=Actor.system(body.name),
            )
            outcomes[body.name] = "claimed"
        except InductionError as error:
            outcomes[body.name] = str(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=claim, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values(), key=lambda v: v != "claimed")[0] == "claimed"
    assert list(outcomes.values()).count("claimed") == 1
    winner = InductionPeriod.objects.get(teacher=teacher).appropriate_body
    loser = next(body for body in bodies if body != winner)
    assert outcomes[loser.name] == errors.HELD_BY_ANOTHER.format(name=winner.name)
