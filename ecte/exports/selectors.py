"""Reads, scoped to the organisation the user acts for: another organisation's export is
not found (404)."""

from __future__ import annotations

from django.db.models import QuerySet

from ecte.accounts.models import Membership, Role
from ecte.exports.models import Export, ExportKind

# The export each role may run in the service, for the organisation it acts for. DfE's
# national dataset is exported from the admin only, behind the staff password and
# authenticator code (ecte.imports.admin_views).
KIND_FOR_ROLE = {
    Role.APPROPRIATE_BODY: ExportKind.APPROPRIATE_BODY,
    Role.INDUCTION_TUTOR: ExportKind.SCHOOL,
    Role.LEAD_PROVIDER: ExportKind.LEAD_PROVIDER,
}


def organisation_of(role: Membership) -> tuple[str, int | None]:
    """(role, organisation id) that owns exports made in this role; DfE has no id."""
    match role.role:
        case Role.INDUCTION_TUTOR:
            return role.role, role.school_id
        case Role.APPROPRIATE_BODY:
            return role.role, role.appropriate_body_id
        case Role.LEAD_PROVIDER:
            return role.role, role.lead_provider_id
        case Role.DFE_STAFF:
            return role.role, None
    raise ValueError(f"{role.get_role_display()} users cannot export data")


def can_export(role: Membership | None) -> bool:
    return role is not None and role.role in KIND_FOR_ROLE


def exports_for_organisation(*, organisation_role: str, organisation_id: int | None) -> QuerySet:
    return Export.objects.filter(
        organisation_role=organisation_role, organisation_id=organisation_id
    ).order_by("-created_at", "-id")


def exports_for(*, role: Membership) -> QuerySet[Export]:
    organisation_role, organisation_id = organisation_of(role)
    return exports_for_organisation(
        organisation_role=organisation_role, organisation_id=organisation_id
    )


def national_exports() -> QuerySet[Export]:
    return exports_for_organisation(organisation_role=Role.DFE_STAFF, organisation_id=None)
