"""Users and the roles they hold.

A person signs in once and may hold several roles (an induction tutor at one
school and a mentor at another). Each role is a Membership; the one in use is
the "active role", kept in the session and never taken from the URL.
"""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("Users need an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            # School, appropriate body and lead provider users sign in with a
            # one-time code: they never have a password.
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    username = None
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    INDUCTION_TUTOR = "induction_tutor", "Induction tutor"
    MENTOR = "mentor", "Mentor"
    ECT = "ect", "Early career teacher"
    APPROPRIATE_BODY = "appropriate_body", "Appropriate body"
    LEAD_PROVIDER = "lead_provider", "Lead provider"
    DFE_STAFF = "dfe_staff", "DfE staff"
    TRUST_INDUCTION_LEAD = "trust_induction_lead", "Trust induction lead"


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)

    def with_organisations(self):
        return self.select_related(
            "school", "trust", "appropriate_body", "lead_provider", "teacher"
        )


class Membership(models.Model):
    """One role a user holds, at one organisation (or through their teacher record)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=32, choices=Role.choices)
    school = models.ForeignKey(
        "schools.School",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    is_headteacher = models.BooleanField(
        "headteacher",
        default=False,
        help_text="Headteachers sign off formal assessments and final recommendations.",
    )
    teacher = models.ForeignKey(
        "participants.Teacher",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    # Rule 24: a trust may decide the module sequence for all its schools.
    trust = models.ForeignKey(
        "schools.Trust",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    appropriate_body = models.ForeignKey(
        "induction.AppropriateBody",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    lead_provider = models.ForeignKey(
        "programmes.LeadProvider",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            # Each role names exactly the organisation it acts for, and nothing else.
            models.CheckConstraint(
                name="membership_organisation_matches_role",
                condition=(
                    Q(
                        role="induction_tutor",
                        school__isnull=False,
                        trust__isnull=True,
                        teacher__isnull=True,
                        appropriate_body__isnull=True,
                        lead_provider__isnull=True,
                    )
                    | Q(
                        role__in=["mentor", "ect"],
                        school__isnull=True,
                        trust__isnull=True,
                        teacher__isnull=False,
                        appropriate_body__isnull=True,
                        lead_provider__isnull=True,
                    )
                    | Q(
                        role="appropriate_body",
                        school__isnull=True,
                        trust__isnull=True,
                        teacher__isnull=True,
                        appropriate_body__isnull=False,
                        lead_provider__isnull=True,
                    )
                    | Q(
                        role="lead_provider",
                        school__isnull=True,
                        trust__isnull=True,
                        teacher__isnull=True,
                        appropriate_body__isnull=True,
                        lead_provider__isnull=False,
                    )
                    | Q(
                        role="dfe_staff",
                        school__isnull=True,
                        trust__isnull=True,
                        teacher__isnull=True,
                        appropriate_body__isnull=True,
                        lead_provider__isnull=True,
                    )
                    | Q(
                        role="trust_induction_lead",
                        school__isnull=True,
                        trust__isnull=False,
                        teacher__isnull=True,
                        appropriate_body__isnull=True,
                        lead_provider__isnull=True,
                    )
                ),
            ),
            models.CheckConstraint(
                name="membership_only_induction_tutors_are_headteachers",
                condition=Q(is_headteacher=False) | Q(role="induction_tutor"),
            ),
            # A user holds each role at each organisation once at a time.
            models.UniqueConstraint(
                fields=["user", "school"],
                condition=Q(role="induction_tutor", ended_at__isnull=True),
                name="membership_one_active_induction_tutor_role_per_school",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "teacher"],
                condition=Q(role__in=["mentor", "ect"], ended_at__isnull=True),
                name="membership_one_active_teacher_role",
            ),
            models.UniqueConstraint(
                fields=["user", "appropriate_body"],
                condition=Q(role="appropriate_body", ended_at__isnull=True),
                name="membership_one_active_appropriate_body_role",
            ),
            models.UniqueConstraint(
                fields=["user", "lead_provider"],
                condition=Q(role="lead_provider", ended_at__isnull=True),
                name="membership_one_active_lead_provider_role",
            ),
            models.UniqueConstraint(
                fields=["user", "trust"],
                condition=Q(role="trust_induction_lead", ended_at__isnull=True),
                name="membership_one_active_trust_induction_lead_role",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(role="dfe_staff", ended_at__isnull=True),
                name="membership_one_active_dfe_staff_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.label}"

    @property
    def organisation(self):
        return self.school or self.trust or self.appropriate_body or self.lead_provider

    @property
    def organisation_name(self) -> str:
        if self.role == Role.DFE_STAFF:
            return "Department for Education"
        if self.role in (Role.MENTOR, Role.ECT):
            return str(self.teacher)
        return str(self.organisation)

    @property
    def label(self) -> str:
        role = self.get_role_display()
        if self.role == Role.INDUCTION_TUTOR and self.is_headteacher:
            role = "Headteacher and induction tutor"
        if self.role in (Role.MENTOR, Role.ECT, Role.DFE_STAFF):
            return role
        return f"{role} at {self.organisation_name}"
