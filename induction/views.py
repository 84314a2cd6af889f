from django.shortcuts import render
from django.views import View

from ecte.accounts.access import AppropriateBodyRequiredMixin
from induction.selectors import held_by, waiting_to_be_claimed


class AppropriateBodyHomeView(AppropriateBodyRequiredMixin, View):
    def get(self, request):
        appropriate_body = self.role.appropriate_body
        return render(
            request,
            "induction/home.html",
            {
                "appropriate_body": appropriate_body,
                "held": held_by(appropriate_body),
                "waiting": waiting_to_be_claimed(appropriate_body),
            },
        )
