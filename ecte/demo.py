"""Demo accounts, listed on the start page of the embedded default only.

Every demo user's email ends with DEMO_EMAIL_DOMAIN. The demo DfE staff user
has a fixed password and authenticator secret so a newcomer can reach the
admin; seed_demo refuses to run with DEBUG off, so none of this reaches
production.
"""

import time
from dataclasses import dataclass

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings

DEMO_EMAIL_DOMAIN = "@example.com"
DEMO_STAFF_EMAIL = "dfe.admin@example.com"
DEMO_STAFF_PASSWORD = "demo-admin-password-2026"  # noqa: S105 - demo only, refused without DEBUG
DEMO_STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105


@dataclass
class DemoAccount:
    user: object
    roles: list[str]


def demo_accounts() -> list[DemoAccount]:
    from ecte.accounts.models import Membership

    if not settings.DEMO_MODE:
        return []
    accounts: dict[int, DemoAccount] = {}
    memberships = (
        Membership.objects.active()
        .with_organisations()
        .select_related("user")
        .filter(user__email__endswith=DEMO_EMAIL_DOMAIN, user__is_staff=False)
        .order_by("user__email", "role")
    )
    for membership in memberships:
        account = accounts.setdefault(
            membership.user_id, DemoAccount(user=membership.user, roles=[])
        )
        account.roles.append(membership.label)
    return sorted(accounts.values(), key=lambda a: (a.roles[0], a.user.email))


def demo_staff_code() -> str:
    return format_hotp_value(hotp_value(DEMO_STAFF_TOTP_SECRET, int(time.time()) // 30))
