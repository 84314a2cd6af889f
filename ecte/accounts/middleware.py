from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from ecte.accounts.mfa import staff_has_passed_mfa, staff_has_totp
from ecte.accounts.roles import resolve_active_role


class ActiveRoleMiddleware:
    """Puts the active role (a Membership, or None) on request.active_role."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.active_role = SimpleLazyObject(lambda: resolve_active_role(request))
        return self.get_response(request)


class StaffMFAMiddleware:
    """DfE staff reach /admin only with a password and an authenticator app code.

    A staff user without an authenticator is sent to set one up first; a staff
    session that did not pass the second factor is signed out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and request.user.is_authenticated:
            user = request.user
            if not user.is_staff:
                return self.get_response(request)
            if not staff_has_totp(user):
                messages.info(request, "Set up an authenticator app before you use the admin.")
                return redirect("mfa_activate_totp")
            if not staff_has_passed_mfa(request):
                logout(request)
                return redirect(f"{reverse('account_login')}?next={request.path}")
        return self.get_response(request)
