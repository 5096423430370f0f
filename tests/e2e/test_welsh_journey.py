"""The public journey in Welsh at 320 CSS pixels: the switch in the header (used from the
keyboard) keeps the visitor's place, the choice is remembered from page to page, and every page
passes the same reflow and axe-core WCAG 2.2 A/AA checks as in English."""

from playwright.sync_api import expect

from tests.e2e.test_reflow_and_accessibility import (  # noqa: F401 - fixtures
    check,
    narrow,
    public_form_settings,
)


def test_welsh_public_journey_at_320_px(narrow, db):  # noqa: F811 - the fixture
    page = narrow
    page.goto("/make-a-request/")
    switch = page.get_by_role("button", name="Cymraeg")
    expect(switch).to_have_attribute("lang", "cy")
    switch.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gwneud cais am wybodaeth")
    assert page.url.endswith("/make-a-request/")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    check(page, "request form in Welsh")

    page.get_by_role("button", name="Anfon y cais").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Mae problem")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Rhowch eich enw llawn")
    check(page, "request form in Welsh with errors")
    page.get_by_label("Gwybodaeth a gedwir gan y cyngor (Rhyddid Gwybodaeth)").check()
    page.get_by_label("Enw llawn").fill("Alys Jones")
    page.get_by_label("Cyfeiriad e-bost").fill("alys@example.org")
    page.get_by_label("Eich cais", exact=True).fill("Faint o oleuadau stryd sydd yn y sir?")
    page.get_by_role("button", name="Anfon y cais").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cais wedi dod i law")
    check(page, "confirmation in Welsh")

    for url, heading in [
        ("/disclosure-log/", "Log datgelu"),
        ("/sharing-agreements/", "Cytundebau rhannu gwybodaeth"),
        ("/complain/", "Cwyno am y ffordd y gwnaethom drin eich data personol"),
        ("/accessibility/", "Datganiad hygyrchedd"),
    ]:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        check(page, f"{url} in Welsh")

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")
