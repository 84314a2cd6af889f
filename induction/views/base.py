"""What every appropriate body view shares: the role, the scoped lookups, the actor."""

from django.shortcuts import get_object_or_404

from ecte.accounts.access import AppropriateBodyRequiredMixin
from ecte.events.record import Actor
from induction.models import InductionPeriod
from induction.selectors.appropriate_body import teachers_for_appropriate_body


class AppropriateBodyView(AppropriateBodyRequiredMixin):
    """An appropriate body page: self.appropriate_body is the signed-in user's."""

    @property
    def appropriate_body(self):
        return self.role.appropriate_body

    @property
    def actor(self) -> Actor:
        return Actor.for_membership(self.role)

    def get_teacher(self, teacher_id: int):
        """A teacher this appropriate body may see; anyone else's is 'Page not found'."""
        return get_object_or_404(
            teachers_for_appropriate_body(self.appropriate_body), pk=teacher_id
        )

    def get_open_period(self, teacher) -> InductionPeriod:
        """The open period this body holds for the teacher; otherwise 'Page not found'."""
        return get_object_or_404(
            InductionPeriod.objects.ongoing().select_related("teacher", "appropriate_body"),
            teacher=teacher,
            appropriate_body=self.appropriate_body,
        )
