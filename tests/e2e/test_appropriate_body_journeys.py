"""The appropriate body's journeys in a real browser, with axe-core on every page:
claim, release with suggested terms, pass, fail, extension, a bulk upload with errors,
and a school's progress review to formal assessment cycle seen by the appropriate body."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from induction.models import Extension, InductionPeriod
from tests.e2e.axe import Tab, path_is
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    MembershipFactory,
    SchoolFactory,
    TeacherFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hub():
    return AppropriateBodyFactory(name="Coastal Teaching School Hub")


@pytest.fixture
def ab_user(hub):
    user = UserFactory(first_name="Tom", last_name="Bennett")
    MembershipFactory(user=user, appropriate_body_user=True, appropriate_body=hub)
    return user


@pytest.fixture
def ect(hub):
    school = SchoolFactory(name="Harbour View Academy")
    teacher = TeacherFactory(first_name="Amara", last_name="Okafor")
    return ECTAtSchoolPeriodFactory(teacher=teacher, school=school, appropriate_body=hub)


def fill_date(tab: Tab, legend: str, day: datetime.date) -> None:
    group = tab.page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def continue_(tab: Tab) -> None:
    tab.page.get_by_role("button", name="Continue").click()


def claim(tab: Tab, ect) -> None:
    page = tab.page
    tab.visit("/appropriate-body/")
    expect(page.locator("h1")).to_have_text("Coastal Teaching School Hub")
    tab.check("appropriate body home")
    page.get_by_role("link", name=f"Claim {ect.teacher.full_name}").first.click()
    expect(page.locator("h1")).to_have_text("When did their induction start with you?")
    tab.check("claim: start date")
    continue_(tab)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the induction start date")
    tab.check("claim: start date, missing")
    fill_date(tab, "When did their induction start with you?", datetime.date(2026, 9, 2))
    continue_(tab)
    expect(page.locator("h1")).to_have_text("What kind of induction programme are they doing?")
    tab.check("claim: programme")
    page.get_by_label("Provider-led").check()
    continue_(tab)
    expect(page.locator("h1")).to_have_text("Check your answers")
    tab.check("claim: check answers")
    page.get_by_role("button", name="Claim ECT").click()
    expect(page.locator("h1")).to_have_text(ect.teacher.full_name)
    expect(page.get_by_text(f"You have claimed {ect.teacher.full_name}")).to_be_visible()
    tab.check("teacher page after claiming")


def test_claim_then_release_with_suggested_terms(open_tab, ab_user, ect):
    tab = open_tab(ab_user)
    page = tab.page
    claim(tab, ect)

    page.get_by_role("button", name="Release", exact=True).click()
    expect(page.locator("h1")).to_have_text("When did their induction period with you end?")
    tab.check("release: end date")
    fill_date(tab, "When did their induction period with you end?", datetime.date(2027, 5, 28))
    continue_(tab)
    expect(page.locator("h1")).to_have_text("How many terms did they serve with you?")
    field = page.get_by_label("How many terms did they serve with you?")
    expect(field).to_have_value("2.5")
    expect(page.get_by_text("2.5 terms in post")).to_be_visible()
    tab.check("release: terms, suggested")
    field.fill("2.555")
    continue_(tab)
    expect(page.locator(".govuk-error-summary")).to_contain_text("up to 2 decimal places")
    tab.check("release: terms, too precise")
    page.get_by_label("How many terms did they serve with you?").fill("2.5")
    continue_(tab)
    tab.check("release: check answers")
    page.get_by_role("button", name="Release ECT").click()
    expect(page.get_by_text(f"You have released {ect.teacher.full_name}")).to_be_visible()
    expect(page.get_by_test_id("periods")).to_contain_text("Released")
    tab.check("teacher page after release")
    period = InductionPeriod.objects.get(teacher=ect.teacher)
    assert period.number_of_terms == Decimal("2.5")
    tab.assert_no_problems()


def record_outcome(tab: Tab, ect, decision: str) -> None:
    page = tab.page
    tab.visit(f"/appropriate-body/teachers/{ect.teacher.pk}/")
    page.get_by_role("button", name="Record an outcome").click()
    expect(page.locator("h1")).to_have_text("What is your decision?")
    tab.check("outcome: decision")
    page.get_by_label(decision).check()
    continue_(tab)


def end_and_terms(tab: Tab) -> None:
    page = tab.page
    expect(page.locator("h1")).to_have_text("When did their induction period with you end?")
    fill_date(tab, "When did their induction period with you end?", datetime.date(2028, 7, 14))
    continue_(tab)
    expect(page.locator("h1")).to_have_text("How many terms did they serve with you?")
    tab.check("outcome: terms")
    page.get_by_label("How many terms did they serve with you?").fill("6")
    continue_(tab)


def test_claim_then_pass(open_tab, ab_user, ect):
    tab = open_tab(ab_user)
    claim(tab, ect)
    record_outcome(tab, ect, "Passed induction")
    end_and_terms(tab)
    expect(tab.page.locator("h1")).to_have_text("Check your answers")
    tab.check("pass: check answers")
    tab.page.get_by_role("button", name="Record outcome").click()
    expect(tab.page.get_by_text(f"{ect.teacher.full_name} has passed induction")).to_be_visible()
    expect(tab.page.get_by_test_id("periods")).to_contain_text("Passed")
    tab.check("teacher page after a pass")
    assert InductionPeriod.objects.get(teacher=ect.teacher).outcome == "pass"
    tab.assert_no_problems()


def test_claim_then_fail_with_the_appeal_deadline(open_tab, ab_user, ect):
    tab = open_tab(ab_user)
    page = tab.page
    claim(tab, ect)
    record_outcome(tab, ect, "Failed induction")
    end_and_terms(tab)
    legend = "When was the teacher told in writing of their right to appeal?"
    expect(page.locator("h1")).to_have_text(legend)
    continue_(tab)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the date the teacher was told in writing of their right to appeal"
    )
    tab.check("fail: appeal date, missing")
    fill_date(tab, legend, datetime.date(2028, 7, 17))
    continue_(tab)
    expect(page.get_by_text("they can appeal until 14 August 2028")).to_be_visible()
    tab.check("fail: check answers")
    page.get_by_role("button", name="Record outcome").click()
    expect(page.get_by_test_id("periods")).to_contain_text("can appeal until 14 August 2028")
    tab.check("teacher page after a fail")
    assert InductionPeriod.objects.get(teacher=ect.teacher).outcome == "fail"
    tab.assert_no_problems()


def test_claim_then_extend(open_tab, ab_user, ect):
    tab = open_tab(ab_user)
    page = tab.page
    claim(tab, ect)
    record_outcome(tab, ect, "Extend induction")
    expect(page.locator("h1")).to_have_text("How many terms are you extending their induction by?")
    tab.check("extension: terms")
    page.get_by_label("How many terms are you extending their induction by?").fill("1.5")
    continue_(tab)
    tab.check("extension: check answers")
    page.get_by_role("button", name="Record outcome").click()
    expect(page.get_by_text("0 of 6 terms, plus a 1.5 terms extension")).to_be_visible()
    tab.check("teacher page after an extension")
    assert Extension.objects.get(teacher=ect.teacher).number_of_terms == Decimal("1.5")
    tab.assert_no_problems()


def test_claim_extend_then_correct_the_extension_and_the_reduction(open_tab, ab_user, ect, hub):
    from induction.models import Reduction

    tab = open_tab(ab_user)
    page = tab.page
    claim(tab, ect)
    record_outcome(tab, ect, "Extend induction")
    page.get_by_label("How many terms are you extending their induction by?").fill("1")
    continue_(tab)
    page.get_by_role("button", name="Record outcome").click()
    Reduction.objects.create(
        teacher=ect.teacher,
        appropriate_body=hub,
        terms_required=Decimal("3"),
        teacher_consented_on=datetime.date(2026, 9, 2),
        reason="Five years teaching abroad",
    )
    page.reload()
    page.get_by_role("link", name="Correct the extension of 1 term").click()
    expect(page.locator("h1")).to_have_text("Correct an extension")
    tab.check("correct an extension")
    page.get_by_label("Number of terms").fill("2")
    page.get_by_role("button", name="Save correction").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why you are making this correction"
    )
    tab.check("correct an extension, no reason")
    page.get_by_label("Why are you making this correction?").fill("The panel decided 2 terms")
    page.get_by_role("button", name="Save correction").click()
    expect(page.get_by_text("The correction has been saved")).to_be_visible()
    expect(page.get_by_test_id("correction")).to_contain_text("The panel decided 2 terms")
    tab.check("teacher page after correcting an extension")
    assert Extension.objects.get(teacher=ect.teacher).number_of_terms == Decimal("2")
    page.get_by_role("link", name="Correct the reduction").click()
    expect(page.locator("h1")).to_have_text("Correct a reduction")
    tab.check("correct a reduction")
    page.get_by_label("How many terms must they serve in total?").fill("4")
    page.get_by_label("Why are you making this correction?").fill("The teacher agreed to 4")
    page.get_by_role("button", name="Save correction").click()
    expect(page.locator(".govuk-summary-list").first).to_contain_text("Reduced to 4 terms")
    tab.check("teacher page after correcting a reduction")
    tab.assert_no_problems()


def test_held_elsewhere_ask_to_release_then_holder_declines(open_tab, ab_user, ect, hub):
    from tests.factories import InductionPeriodFactory

    other = AppropriateBodyFactory(name="Moorland Teaching School Hub")
    InductionPeriodFactory(teacher=ect.teacher, appropriate_body=other)
    holder = UserFactory(first_name="Ada", last_name="Lovell")
    MembershipFactory(user=holder, appropriate_body_user=True, appropriate_body=other)

    tab = open_tab(ab_user)
    page = tab.page
    tab.visit("/appropriate-body/claim/")
    expect(page.locator("h1")).to_have_text("Find the early career teacher")
    tab.check("find by TRN")
    page.get_by_label("Teacher reference number (TRN)").fill(ect.teacher.trn)
    fill_date(tab, "Date of birth", ect.teacher.date_of_birth)
    continue_(tab)
    expect(page.locator("h1")).to_have_text(
        f"Moorland Teaching School Hub holds {ect.teacher.full_name}’s induction"
    )
    tab.check("held elsewhere")
    page.get_by_role("button", name="Ask them to release").click()
    expect(page).to_have_url(path_is("/appropriate-body/release-requests/"))
    expect(page.get_by_test_id("sent-requests")).to_contain_text("Waiting for a reply")
    tab.check("release requests sent")
    tab.assert_no_problems()

    holder_tab = open_tab(holder)
    holder_tab.visit("/appropriate-body/release-requests/")
    holder_tab.check("release requests received")
    holder_tab.page.get_by_role(
        "link", name=f"Answer the request about {ect.teacher.full_name}"
    ).click()
    holder_tab.check("answer a release request")
    holder_tab.page.get_by_role("button", name="Decline").click()
    expect(holder_tab.page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why you are declining"
    )
    holder_tab.check("decline without a reason")
    holder_tab.page.get_by_label("Why are you declining to release this teacher?").fill(
        "The ECT has not left our school"
    )
    holder_tab.page.get_by_role("button", name="Decline").click()
    expect(holder_tab.page.get_by_text("You have declined")).to_be_visible()
    holder_tab.check("after declining")
    holder_tab.assert_no_problems()

    tab.visit("/appropriate-body/release-requests/")
    expect(page.get_by_test_id("sent-requests")).to_contain_text("The ECT has not left our school")


def test_review_to_assessment_cycle_seen_by_the_appropriate_body(open_tab, ab_user, ect, hub):
    from tests.factories import InductionPeriodFactory

    InductionPeriodFactory(teacher=ect.teacher, appropriate_body=hub)
    tutor = UserFactory(first_name="Priya", last_name="Shah")
    MembershipFactory(user=tutor, school=ect.school)
    head = UserFactory(first_name="Helen", last_name="Carter")
    MembershipFactory(user=head, school=ect.school, is_headteacher=True)
    name = ect.teacher.full_name
    meeting = datetime.date(2026, 11, 20)

    # The induction tutor records a progress review that finds unsatisfactory progress.
    tab = open_tab(tutor)
    page = tab.page
    tab.visit("/school/reviews/")
    expect(page.locator("h1")).to_have_text("Progress reviews and assessments")
    tab.check("school reviews home")
    page.get_by_role("link", name=name).click()
    expect(page.get_by_test_id("schedule")).to_contain_text("Formal assessment")
    tab.check("school ECT schedule")
    page.get_by_role("button", name="Record a progress review").click()
    page.get_by_role("button", name="Record and send").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select whether they are")
    tab.check("progress review with errors")
    fill_date(tab, "Date of the review meeting", meeting)
    page.get_by_label("No, they are not making satisfactory progress").check()
    page.get_by_label("Evidence against the Teachers’ Standards").fill(
        "Routines are not yet secure"
    )
    page.get_by_label("Areas to develop").fill("Behaviour management")
    page.get_by_label("Next steps").fill("Weekly coaching")
    page.get_by_role("button", name="Record and send").click()
    expect(page.locator("h1")).to_have_text("Support plan")
    tab.check("support plan to write")
    page.get_by_label("Areas in which improvement is needed").fill("Behaviour management")
    page.get_by_label("Objectives").fill("Consistent routines by February half-term")
    page.get_by_label("Support", exact=True).fill("Weekly coaching with the mentor")
    page.get_by_role("button", name="Save support plan").click()
    expect(page.get_by_text("Support plan saved")).to_be_visible()
    tab.check("support plan saved")

    # Then a formal assessment, which the headteacher must sign off.
    tab.visit(f"/school/reviews/ects/{ect.teacher.pk}/")
    page.get_by_role("link", name="Record a formal assessment").click()
    expect(page.locator("h1")).to_have_text("Record formal assessment")
    tab.check("formal assessment form")
    fill_date(tab, "Date of the assessment meeting", meeting)
    page.get_by_label("Yes, they are making satisfactory progress").check()
    page.get_by_label("Evidence against the Teachers’ Standards").fill("Routines now secure")
    page.get_by_label("Areas to develop").fill("Adaptive teaching")
    page.get_by_label("Next steps").fill("Plan for the range of needs")
    page.get_by_role("button", name="Record formal assessment").click()
    expect(page.get_by_text("The headteacher must sign this off")).to_be_visible()
    tab.check("assessment waiting for sign-off")
    assessment_url = page.url
    tab.assert_no_problems()

    head_tab = open_tab(head)
    hpage = head_tab.page
    head_tab.visit(assessment_url)
    hpage.get_by_role("button", name="Sign off as headteacher").click()
    expect(hpage.get_by_text("Signed off")).to_be_visible()
    head_tab.check("assessment signed off")
    hpage.get_by_role("button", name="Send to the appropriate body").click()
    expect(hpage.get_by_text("Sent to the appropriate body")).to_be_visible()
    expect(hpage.locator("main")).to_contain_text("Met")
    head_tab.check("assessment sent")
    head_tab.visit(f"/school/reviews/ects/{ect.teacher.pk}/")
    hpage.get_by_role("link", name="Support plan opened").click()
    hpage.get_by_role("button", name="Approve and share with the appropriate body").click()
    expect(hpage.get_by_text("Support plan approved and shared")).to_be_visible()
    head_tab.check("support plan approved")
    head_tab.assert_no_problems()

    # The appropriate body sees all three and reads them.
    ab_tab = open_tab(ab_user)
    apage = ab_tab.page
    ab_tab.visit("/appropriate-body/")
    expect(apage.locator("#received")).to_have_text("Assessments and reviews received (3)")
    ab_tab.check("appropriate body home with received items")
    apage.get_by_role("link", name=f"Formal assessment for {name}").click()
    expect(apage.locator("h1")).to_have_text(f"Formal assessment for {name}")
    ab_tab.check("received formal assessment")
    apage.get_by_role("button", name="Mark as read").click()
    expect(apage.locator("#received")).to_have_text("Assessments and reviews received (2)")
    ab_tab.visit(f"/appropriate-body/teachers/{ect.teacher.pk}/")
    expect(apage.get_by_test_id("reviews")).to_contain_text("At risk")
    expect(apage.get_by_test_id("induction-timeline")).to_contain_text("Progress review, term 1")
    ab_tab.check("appropriate body teacher page with reviews")
    ab_tab.assert_no_problems()

    # The ECT reads their own.
    ect_user = UserFactory(first_name="Amara", last_name="Okafor")
    MembershipFactory(user=ect_user, ect=True, teacher=ect.teacher)
    ect_tab = open_tab(ect_user)
    ect_tab.visit("/ect/reviews/")
    ect_tab.page.get_by_role("link", name="Formal assessment").click()
    expect(ect_tab.page.locator("main")).to_contain_text("Routines now secure")
    ect_tab.check("the ECT's own reviews")
    ect_tab.assert_no_problems()


def test_bulk_upload_with_errors_then_corrected(open_tab, ab_user, ect, hub):
    from induction.models import BulkUpload

    header = "TRN,Date of birth,Induction programme,Start date\n"
    good = f"{ect.teacher.trn},{ect.teacher.date_of_birth:%d/%m/%Y},Provider-led,02/09/2026\n"
    tab = open_tab(ab_user)
    page = tab.page

    def upload(text: str) -> None:
        tab.visit("/appropriate-body/bulk/")
        page.get_by_label("Claim ECTs").check()
        page.get_by_label("Upload a CSV file").set_input_files(
            files=[{"name": "claims.csv", "mimeType": "text/csv", "buffer": text.encode()}]
        )
        page.get_by_role("button", name="Upload and check").click()

    tab.visit("/appropriate-body/bulk/")
    expect(page.locator("h1")).to_have_text("Upload a CSV file")
    tab.check("bulk upload form")
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a CSV file")
    tab.check("bulk upload form with errors")

    upload(header + good + "12345,12/04/1998,Cheap,31/02/2026\n")
    expect(page.locator("h1")).to_have_text("claims.csv has problems to fix")
    expect(page.get_by_test_id("problems")).to_contain_text("must be 7 digits")
    expect(page.get_by_test_id("problems")).to_contain_text("provider-led or school-led")
    tab.check("bulk upload errors")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the rows with problems (CSV)").click()
    content = Path(download.value.path()).read_text()
    assert content.splitlines()[0].endswith("Line,Error")
    assert "12345" in content and ect.teacher.trn not in content
    assert not InductionPeriod.objects.exists()

    upload(header + good)
    expect(page.locator("h1")).to_have_text("Check your upload")
    expect(page.get_by_test_id("preview")).to_contain_text(ect.teacher.full_name)
    tab.check("bulk upload check")
    page.get_by_role("button", name="Confirm and apply 1 rows").click()
    expect(page.locator("h1")).to_have_text("Upload applied")
    tab.check("bulk upload applied")
    assert InductionPeriod.objects.get(teacher=ect.teacher).appropriate_body == hub

    # The progress page, as a worker is half way through a larger upload.
    running = BulkUpload.objects.create(
        appropriate_body=hub,
        kind="claim",
        filename="big.csv",
        status="processing",
        row_count=1000,
        processed_count=400,
    )
    tab.visit(f"/appropriate-body/bulk/{running.pk}/")
    expect(page.get_by_test_id("progress-text")).to_have_text("400 of 1000 rows done (40%).")
    tab.check("bulk upload progress")
    # With JavaScript the bar follows the upload without reloading the page.
    BulkUpload.objects.filter(pk=running.pk).update(processed_count=1000, status="done")
    expect(page.get_by_test_id("progress-text")).to_have_text("1000 of 1000 rows done (100%).")
    expect(
        page.get_by_role("link", name="The upload has finished: see the results")
    ).to_be_visible()
    tab.check("bulk upload progress, finished")
    tab.assert_no_problems()
