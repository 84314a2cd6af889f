"""The notifications list and the export pages in a real browser, checked with axe-core."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ecte.accounts.models import Role
from ecte.exports.models import Export, ExportKind
from tests.e2e.axe import path_is
from tests.e2e.conftest import Induction
from tests.notifications.factories import NotificationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_notifications_list_mark_as_read_and_opt_out(open_tab, induction: Induction):
    user = induction.induction_tutor
    NotificationFactory(
        recipient=user,
        subject="Assign a mentor to Amara Okafor",
        body="You registered Amara Okafor.\n\nEvery ECT must have a mentor.",
        link="/school/",
    )
    NotificationFactory(recipient=user, subject="Spring term 2027 has started", read=True)
    tab = open_tab(user)
    page = tab.page

    tab.visit("/school/")
    link = page.get_by_test_id("notifications-link")
    expect(link).to_have_text("Notifications (1 unread)")
    link.click()
    expect(page).to_have_url(path_is("/notifications/"))
    expect(page.locator("h1")).to_have_text("Notifications")
    expect(page.get_by_role("link", name="Assign a mentor to Amara Okafor")).to_be_visible()
    tab.check("notifications list")

    page.get_by_role("button", name=re.compile(r"^Mark as read\s*: Assign a mentor")).click()
    expect(page.get_by_test_id("notifications-link")).to_have_text("Notifications")
    expect(page.get_by_text("You have read all your notifications.")).to_be_visible()
    tab.check("notifications list, all read")

    page.get_by_role("link", name="Assign a mentor to Amara Okafor").click()
    expect(page).to_have_url(path_is("/school/"))

    from ecte.notifications.services import opt_out_token

    tab.visit(f"/notifications/stop/{opt_out_token(user_id=user.pk, kind='start_of_term_check')}/")
    expect(page.locator("h1")).to_contain_text("Stop start of term reminders")
    tab.check("opt-out question")
    page.get_by_role("button", name="Stop these notifications").click()
    expect(page.locator("h1")).to_have_text("Notifications stopped")
    tab.check("opt-out confirmation")
    tab.assert_no_problems()


def test_export_request_progress_and_download(open_tab, induction: Induction, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = induction.appropriate_body_user
    tab = open_tab(user)
    page = tab.page

    tab.visit("/exports/")
    expect(page.locator("h1")).to_have_text("Export induction records")
    tab.check("exports")

    page.get_by_role("button", name="Create export").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select CSV or Excel spreadsheet")
    tab.check("exports, no format chosen")

    page.get_by_label("CSV", exact=True).check()
    page.get_by_role("button", name="Create export").click()
    # Tasks run in-process here, so the export is built by the time the page shows.
    expect(page.get_by_test_id("export-status")).to_contain_text("Your export is ready")
    tab.check("export ready")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert induction.ect.trn in content

    queued = Export.objects.create(
        kind=ExportKind.APPROPRIATE_BODY,
        file_format="xlsx",
        organisation_role=Role.APPROPRIATE_BODY,
        organisation_id=induction.appropriate_body.pk,
        organisation_name=induction.appropriate_body.name,
        requested_by=user,
        requested_by_name=user.full_name,
        row_count=10,
        rows_written=4,
    )
    tab.visit(f"/exports/{queued.pk}/")
    expect(page.get_by_test_id("export-status")).to_contain_text("4 of 10 rows written")
    refresh = page.get_by_role("button", name="Refresh")
    expect(refresh).to_have_attribute("href", f"/exports/{queued.pk}/")
    tab.check("export in progress")
    tab.assert_no_problems()
