import pytest
from playwright.sync_api import expect
from tests.e2e.test_sign_in import dfe_staff, sign_in_with_password, STAFF_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reauth(open_tab):
    staff, _ = dfe_staff("sam.jones@education.gov.uk", authenticator=False)
    tab = open_tab()
    sign_in_with_password(tab, staff.email)
    tab.page.wait_for_load_state()
    tab.check("reauthenticate")
    tab.page.get_by_label("Password").fill(STAFF_PASSWORD)
    tab.page.get_by_role("button", name="Confirm").click()
    tab.page.wait_for_load_state()
    print(tab.page.url)
    tab.check("activate")
    print("\n".join(tab.problems))
