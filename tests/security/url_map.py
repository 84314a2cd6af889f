"""Every URL pattern of the service, with who may use it and what fills its parameters.

`tests/security/test_url_access.py` walks the URL resolver and fails on any pattern missing
here: whoever adds a URL declares its area (the role that owns it, "shared" for every
signed-in role, "public" for no sign-in) and how to fill its parameters from the world of
tests/security/world.py. A parameter given as `Own("key")` names a record of organisation 1;
a plain value is the same for every organisation (a wizard step, a kind).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Patterns with tests of their own: Django admin (tests/test_admin.py and the MFA tests
# here) and allauth's own pages (sign-in tests).
EXCLUDED_PREFIXES = ("admin/", "accounts/")


@dataclass(frozen=True)
class Own:
    """A record that belongs to organisation 1: another organisation must not reach it."""

    key: str


@dataclass(frozen=True)
class Common:
    """A value taken from the world that every organisation shares (a programme's module
    code: both lead providers run the same programme)."""

    key: str


@dataclass(frozen=True)
class Page:
    area: str  # "public", "shared" or a role of world.ROLES
    params: dict[str, object] = field(default_factory=dict)

    @property
    def scoped(self) -> bool:
        return any(isinstance(value, Own) for value in self.params.values())

    def kwargs(self, ids: dict[str, object]) -> dict[str, object]:
        return {
            name: ids[value.key] if isinstance(value, Own | Common) else value
            for name, value in self.params.items()
        }


def tutor(**params):
    return Page("tutor", params)


def ab(**params):
    return Page("ab", params)


def lp(**params):
    return Page("lp", params)


def mentor(**params):
    return Page("mentor", params)


def ect(**params):
    return Page("ect", params)


def trust(**params):
    return Page("trust", params)


def shared(**params):
    return Page("shared", params)


PUBLIC = Page("public")
TEACHER = Own("teacher")
ECT_PERIOD = Own("ect_period")
MENTOR_PERIOD = Own("mentor_period")

PAGES: dict[str, Page] = {
    # --- public and every role ---------------------------------------------------------
    "start": PUBLIC,
    "accessibility": PUBLIC,
    "cookies": PUBLIC,
    "privacy": PUBLIC,
    "healthcheck": PUBLIC,
    # A signed token is the proof of who asked: no sign-in (ecte.notifications.views).
    "notifications:opt_out": Page("public", {"token": "not-a-valid-token"}),
    # Only in the embedded demo (DEBUG and DEMO_MODE): a 404 everywhere else.
    "demo_sign_in": Page("public", {"user_id": Own("user")}),
    "home": shared(),
    "choose_role": shared(),
    "participants:teacher": shared(teacher_id=TEACHER),
    "notifications:list": shared(),
    # A notification is its recipient's (the induction tutor here); an export its requester's.
    "notifications:open": tutor(notification_id=Own("notification")),
    "notifications:mark_read": tutor(notification_id=Own("notification")),
    "notifications:mark_all_read": shared(),
    "exports:list": shared(),
    "exports:detail": ab(export_id=Own("export")),
    "exports:download": ab(export_id=Own("export")),
    # --- induction tutor -------------------------------------------------------------------
    "schools:home": tutor(),
    "schools:set_up_year": tutor(step="last-year"),
    "schools:year_set_up": tutor(),
    "schools:ects": tutor(),
    "schools:ect": tutor(period_id=ECT_PERIOD),
    "schools:change_appropriate_body": tutor(period_id=ECT_PERIOD),
    "schools:change_email": tutor(period_id=ECT_PERIOD),
    "schools:change_name": tutor(period_id=ECT_PERIOD),
    "schools:change_training": tutor(period_id=ECT_PERIOD),
    "schools:change_working_pattern": tutor(period_id=ECT_PERIOD),
    "schools:ect_leaving": tutor(period_id=ECT_PERIOD, step="date"),
    "schools:ect_left": tutor(period_id=ECT_PERIOD),
    "schools:assign_mentor": tutor(period_id=ECT_PERIOD, step="mentor"),
    "schools:mentor_assigned": tutor(period_id=ECT_PERIOD),
    "schools:register_mentor_for_ect": tutor(period_id=ECT_PERIOD, step="find"),
    "schools:ect_registered": tutor(period_id=ECT_PERIOD),
    "schools:register_ect": tutor(step="find"),
    "schools:mentors": tutor(),
    "schools:mentor": tutor(period_id=MENTOR_PERIOD),
    "schools:mentor_leaving": tutor(period_id=MENTOR_PERIOD, step="date"),
    "schools:mentor_left": tutor(period_id=MENTOR_PERIOD),
    "schools:mentor_registered": tutor(period_id=MENTOR_PERIOD),
    "schools:register_mentor": tutor(step="find"),
    "school_programme:engagement_csv": tutor(),
    "school_programme:engagement": tutor(),
    "school_programme:engagement_ect": tutor(period_id=ECT_PERIOD),
    "school_programme:meeting": tutor(pk=Own("meeting")),
    "school_programme:module_sequence": tutor(),
    "school_programme:module_sequence_check": tutor(),
    "school_programme:module_sequence_choose": tutor(),
    "school_programme:module_sequence_keep": tutor(),
    "school_reviews:home": tutor(),
    # The ECT's own reviews and assessments, under /school/reviews/ but theirs.
    "school_reviews:own": ect(),
    "school_reviews:ect": tutor(teacher_id=TEACHER),
    "school_reviews:absence": tutor(teacher_id=TEACHER),
    "school_reviews:record_assessment": tutor(teacher_id=TEACHER, kind="formal"),
    "school_reviews:progress_review": tutor(teacher_id=TEACHER),
    "school_reviews:assessment": tutor(assessment_id=Own("assessment")),
    "school_reviews:support_plan": tutor(plan_id=Own("plan")),
    # --- trust induction lead (rule 24: a trust decides the module sequence) --------------
    "schools:trust_home": trust(),
    "schools:trust_module_sequence": trust(provider_id=Own("lead_provider")),
    "schools:trust_module_sequence_choose": trust(provider_id=Own("lead_provider")),
    "schools:trust_module_sequence_check": trust(provider_id=Own("lead_provider")),
    "schools:trust_module_sequence_keep": trust(provider_id=Own("lead_provider")),
    # --- appropriate body ------------------------------------------------------------------
    "induction:home": ab(),
    "induction:list": ab(slug="in-induction"),
    "induction:received": ab(kind="assessment", record_id=Own("assessment")),
    "induction:claim_find": ab(),
    "induction:claim": ab(teacher_id=TEACHER, step="start-date"),
    "induction:teacher": ab(teacher_id=TEACHER),
    "induction:release": ab(teacher_id=TEACHER, step="end-date"),
    "induction:outcome": ab(teacher_id=TEACHER, step="decision"),
    "induction:reduce": ab(teacher_id=TEACHER),
    "induction:ask_to_release": ab(teacher_id=TEACHER),
    "induction:correct": ab(period_id=Own("induction_period")),
    "induction:correct_extension": ab(record_id=Own("extension")),
    "induction:correct_reduction": ab(record_id=Own("reduction")),
    "induction:bulk_upload": ab(),
    "induction:bulk_template": ab(kind="claim"),
    "induction:bulk_upload_detail": ab(upload_id=Own("upload")),
    "induction:bulk_progress": ab(upload_id=Own("upload")),
    "induction:bulk_errors": ab(upload_id=Own("upload")),
    "induction:release_requests": ab(),
    "induction:release_request": ab(request_id=Own("release_request")),
    # --- lead provider ---------------------------------------------------------------------
    "programmes:home": lp(),
    "programmes:partnerships": lp(),
    "programmes:confirm_partnership": lp(pk=Own("partnership")),
    "programmes:decline_partnership": lp(pk=Own("partnership")),
    "programmes:self_study": lp(),
    "programmes:self_study_errors": lp(),
    "programmes:sessions": lp(),
    "programmes:register": lp(pk=Own("session")),
    # --- mentor ----------------------------------------------------------------------------
    "participants:mentor_home": mentor(),
    "mentoring:ect": mentor(period_id=ECT_PERIOD),
    "mentoring:drop_ins": mentor(period_id=ECT_PERIOD),
    "mentoring:meetings": mentor(period_id=ECT_PERIOD),
    "mentoring:log_drop_in": mentor(period_id=ECT_PERIOD),
    "mentoring:log_meeting": mentor(period_id=ECT_PERIOD),
    "mentoring:meeting": mentor(pk=Own("meeting")),
    "mentoring:change_meeting": mentor(pk=Own("meeting")),
    "mentoring:change_drop_in": mentor(pk=Own("drop_in")),
    "mentoring:training": mentor(),
    # Study items are the programme's, the same for every school on it: the mark is the
    # signed-in mentor's own.
    "mentoring:mark_study": mentor(item_id=Own("mentor_item")),
    # --- ECT -------------------------------------------------------------------------------
    "participants:ect_home": ect(),
    "participants:own_reviews": ect(),
    "participants:own_record": ect(kind="assessment", pk=Own("assessment")),
    "my_programme:meetings": ect(),
    "my_programme:meeting": ect(pk=Own("meeting")),
    "my_programme:programme": ect(),
    "my_programme:module": ect(code=Common("module_code")),
    "my_programme:mark_study": ect(code=Common("module_code"), item_id=Own("ect_item")),
}
