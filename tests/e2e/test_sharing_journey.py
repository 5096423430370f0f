"""A sharing agreement from draft to the public register, driven through the browser: the IG
officer drafts a cross-service agreement, the IG manager agrees it, the Service Director is not
offered the signature, the SIRO signs, and the public sees it without its private parts."""

from playwright.sync_api import expect

from sharing.models import Agreement, Status


def act(page, action, fields=None, button=None):
    page.get_by_role("button", name=action, exact=True).click()
    for label, value in (fields or {}).items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name=button or action, exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def open_agreement(page, reference):
    page.goto("/sharing/?q=" + reference)
    page.get_by_role("link", name=reference, exact=True).click()


def test_draft_agree_sign_publish(page, sign_in, cast, org):
    sign_in("ig_officer")
    page.get_by_role("link", name="Sharing agreements").first.click()
    expect(page.get_by_text("No agreements match.")).to_be_visible()
    page.get_by_role("button", name="New agreement").first.click()
    page.get_by_label("Information Sharing Agreement").check()
    page.get_by_label("Title").fill("Homelessness prevention data sharing")
    page.get_by_label("Purpose").fill("Spot households at risk of homelessness early.")
    page.get_by_label("Planning").check()
    page.get_by_label("Housing").check()
    page.get_by_label("Article 6 lawful basis").select_option(label="Art 6(1)(e) public task")
    page.get_by_label("Special-category data is shared").check()
    page.get_by_label("Data subjects").fill("Households approaching the council.")
    page.get_by_label("Categories of data").fill("Contact details, tenancy, health needs.")
    page.get_by_label("Method of transfer").fill("Secure email")
    page.get_by_label("Frequency of transfer").fill("Weekly")
    page.get_by_label("Security measures").fill("Encrypted email only.")
    page.get_by_label("Retention and disposal").fill("Two years, then deleted.")
    page.get_by_label("Partner organisation").fill("Shelter Midlands")
    page.get_by_label("Contact email").fill("private.contact@shelter.example")
    page.get_by_role("button", name="Create the draft").click()
    # Special-category data without an Article 9 condition is refused, with the reason.
    expect(page.locator(".govuk-error-summary")).to_contain_text("Article 9 condition")
    page.get_by_label("Article 9 condition").select_option(
        label="Art 9(2)(h) health or social care"
    )
    page.get_by_role("button", name="Create the draft").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("created")
    agreement = Agreement.objects.get()
    act(page, "Send to the IG manager")
    sign_out(page)

    sign_in("ig_manager")
    open_agreement(page, agreement.reference)
    expect(page.locator("#dates")).to_contain_text("SIRO / Director of Legal")
    act(page, "Agree (IG manager)")
    sign_out(page)

    # Cross-service: the Service Director for Place leads Planning, but may not sign it.
    sign_in("director")
    open_agreement(page, agreement.reference)
    expect(page.get_by_role("heading", name=agreement.title)).to_be_visible()
    expect(page.get_by_role("button", name="Sign the agreement")).to_have_count(0)
    sign_out(page)

    sign_in("siro")
    open_agreement(page, agreement.reference)
    act(page, "Sign the agreement")
    expect(page.locator(".moj-timeline")).to_contain_text("Signed by")
    sign_out(page)
    assert Agreement.objects.get().status == Status.ACTIVE

    page.goto("/sharing-agreements/")
    register = page.locator("#register")
    expect(register).to_contain_text("Homelessness prevention data sharing")
    expect(register).to_contain_text("Shelter Midlands")
    expect(register).to_contain_text("Art 9(2)(h) health or social care")
    expect(page.get_by_text("private.contact@shelter.example")).to_have_count(0)
