"""What every induction tutor page shares: the role, the school, and the scoped lookups."""

from django.shortcuts import get_object_or_404

from ecte.accounts.access import InductionTutorRequiredMixin
from ecte.events.record import Actor
from schools.selectors import ect_periods_for, mentor_periods_for


class SchoolPageMixin(InductionTutorRequiredMixin):
    """An induction tutor page: self.school is the school of the active role, never the URL's."""

    @property
    def school(self):
        return self.role.school

    @property
    def actor(self) -> Actor:
        return Actor.for_membership(self.role)

    def ect_period(self, *, open_only: bool = False):
        """The ECT period in the URL, at this school (another school's is 'Page not found')."""
        if not hasattr(self, "_ect_period"):
            periods = ect_periods_for(self.school)
            if open_only:
                periods = periods.filter(finished_on__isnull=True)
            self._ect_period = get_object_or_404(periods, pk=self.kwargs["period_id"])
        return self._ect_period

    def mentor_period(self, *, open_only: bool = False):
        if not hasattr(self, "_mentor_period"):
            periods = mentor_periods_for(self.school)
            if open_only:
                periods = periods.filter(finished_on__isnull=True)
            self._mentor_period = get_object_or_404(periods, pk=self.kwargs["period_id"])
        return self._mentor_period


class SchoolWizardMixin(SchoolPageMixin):
    """A question-page journey of the induction tutor: answers are kept per school."""

    def store_key(self) -> str:
        kwargs = "-".join(f"{k}={v}" for k, v in sorted(self.url_kwargs().items()))
        return f"{self.url_name}:{self.school.pk}:{kwargs}"

    def back_url_for_first_step(self) -> str:
        from django.urls import reverse

        return reverse("schools:home")
