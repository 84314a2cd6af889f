from django.apps import AppConfig


class AcademicCalendarConfig(AppConfig):
    """Academic years, terms, half-terms and working days for the whole service.

    The label is `academic_calendar`, not `calendar`, so that it never reads as
    Python's standard-library `calendar` module in migrations or the admin.
    """

    name = "ecte.calendar"
    label = "academic_calendar"
    verbose_name = "Academic calendar"
    default_auto_field = "django.db.models.BigAutoField"
