from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled


def staff_has_totp(user) -> bool:
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def staff_has_passed_mfa(request) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)
