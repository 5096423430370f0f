"""The IG manager's monthly disposal, driven through the browser: a prepared run is reviewed,
one record is taken out of it, the run is approved, the worker disposes of the rest and the
disposal log lists them."""

from playwright.sync_api import expect

from requests_app.models import Case
from retention import disposal
from retention.models import DisposalItem, DisposalRun
from tests.retention.helpers import at, default_schedule, make_case


def test_review_remove_approve_and_read_the_log(page, sign_in, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    default_schedule()
    # Closed in March 2023: past closure + 3 years, whatever day the suite runs on.
    kept, first, second = (make_case(closed_at=at(2023, 3, day)) for day in (1, 2, 3))

    sign_in("ig_manager")
    page.get_by_role("link", name="Retention").click()
    page.get_by_role("button", name="Prepare a run now").click()
    expect(page.get_by_role("heading", name="Disposal run")).to_be_visible()
    counts = page.locator("#counts")
    expect(counts).to_contain_text("FOI / EIR request")
    expect(counts.locator("td").first).to_have_text("3")
    items = page.locator("#items")
    for case in (kept, first, second):
        expect(items).to_contain_text(case.reference)

    items.get_by_role("link", name=f"Remove {kept.reference}").click()
    page.get_by_role("button", name="Remove from the run").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()  # a reason is needed
    page.get_by_label("Reason").fill("The requester has asked for an internal review.")
    page.get_by_role("button", name="Remove from the run").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"{kept.reference} removed"
    )
    expect(counts.locator("td").first).to_have_text("2")

    page.get_by_role("button", name="Approve this run").click()
    expect(page.locator(".govuk-warning-text")).to_contain_text("2 records will be disposed of")
    page.get_by_role("button", name="Approve and dispose").click()
    expect(page.locator("#run-state")).to_have_text("Approved: being disposed of")
    expect(page.get_by_role("link", name=f"Remove {first.reference}")).to_have_count(0)

    # The worker's part (its task calls exactly this).
    run = DisposalRun.objects.get()
    assert disposal.run_dispose(run_id=run.pk) == 2

    page.get_by_role("link", name="Retention").click()
    page.get_by_role("link", name="Disposal log").click()
    log = page.locator("#log")
    expect(log).to_contain_text(first.reference)
    expect(log).to_contain_text(second.reference)
    expect(log).not_to_contain_text(kept.reference)
    expect(log).to_contain_text("FOI / EIR request: closure + 3 years, anonymise")
    expect(log).not_to_contain_text("Private Person")
    assert Case.objects.get(pk=kept.pk).request_text.startswith("Secret")
    assert Case.objects.get(pk=first.pk).requester.name == "Anonymised"
    assert DisposalItem.objects.get(object_id=kept.pk).state == DisposalItem.State.REMOVED
