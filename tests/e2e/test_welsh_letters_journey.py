"""A request in Welsh (WELSH_LANGUAGE_STANDARDS on): the public form, read in Welsh, records
Welsh as the language of correspondence, and the receipt, the acknowledgement and the response
go in Welsh, through the same preview-and-send pages as any other letter."""

import io

import pytest
from django.core.cache import cache
from playwright.sync_api import expect
from pypdf import PdfReader

from requests_app import services
from requests_app.models import Case, Correspondence, Status
from tests.requests_app.builders import _decided
from workflow import outbox


@pytest.fixture(autouse=True)
def welsh_council(settings, tmp_path):
    settings.WELSH_LANGUAGE_STANDARDS = True
    settings.PUBLIC_FORM_MIN_SECONDS = 0  # Playwright is faster than the spam timer
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def test_a_request_made_in_welsh_is_answered_in_welsh(page, sign_in, cast, org, live_server):
    page.set_default_timeout(60_000)  # the response's PDF is rendered inside the request
    page.goto("/make-a-request/")
    # The requester reads the form in Welsh: the language question then starts on Welsh.
    page.get_by_role("button", name="Cymraeg").click()
    page.get_by_label("Gwybodaeth a gedwir gan y cyngor (Rhyddid Gwybodaeth)").check()
    page.get_by_label("Enw llawn").fill("Siân Jones")
    page.get_by_label("Cyfeiriad e-bost").fill("sian@example.org")
    expect(page.get_by_label("Cymraeg", exact=True)).to_be_checked()
    page.get_by_label("Eich cais", exact=True).fill(
        "Faint o oleuadau stryd a newidiwyd i lampau LED yn 2025?"
    )
    page.get_by_role("button", name="Anfon y cais").click()
    expect(page).to_have_url(live_server.url + "/make-a-request/confirmation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cais wedi dod i law")

    case = Case.objects.get()
    assert case.requester.language == "cy"
    receipt = outbox.delivery_of(Correspondence.objects.get(case=case, kind="receipt"))
    assert receipt.subject.startswith(f"{case.reference}: rydym wedi cael eich cais")
    assert receipt.body_text.startswith("Annwyl Siân Jones,\n\nDiolch am eich cais")

    # IG acknowledges: the letter on the usual page is already in Welsh, nothing extra to do.
    page.context.clear_cookies()  # IG works in its own browser, in English
    sign_in("ig_officer")
    page.goto(f"/requests/{case.pk}/")
    page.get_by_role("button", name="Acknowledge", exact=True).click()
    preview = page.locator("#letter-preview")
    expect(preview).to_contain_text("Annwyl Siân Jones,")
    expect(preview).to_contain_text("o dan Ddeddf Rhyddid Gwybodaeth 2000")
    expect(preview).to_contain_text("Rydym yn croesawu gohebiaeth yn Gymraeg.")
    expect(preview).to_contain_text("Yn gywir,")
    page.get_by_role("button", name="Acknowledge", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    acknowledgement = outbox.delivery_of(
        Correspondence.objects.get(case=case, kind="acknowledgement")
    )
    assert acknowledgement.subject == f"{case.reference}: cydnabod eich cais – {case.title}"
    assert "Daeth eich cais i law ar" in acknowledgement.body_text
    assert "Dear" not in acknowledgement.body_text

    # The service area answers and the director approves (their own journeys are elsewhere).
    _decided(cast, org, case)
    services.case_send_for_authorisation(case_id=case.pk, user=cast.ig_officer)
    services.case_authorise(case_id=case.pk, user=cast.director)
    assert Case.objects.get(pk=case.pk).status == Status.AUTHORISED

    page.goto(f"/requests/{case.pk}/actions/send_response/")
    expect(preview).to_contain_text("Canlyniad: Rhoddwyd yn llawn")
    expect(preview).to_contain_text("Eich hawl i gael adolygiad ac i gwyno")
    page.get_by_role("button", name="Send the response", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    letter = Correspondence.objects.get(case=case, kind="response")
    email = outbox.delivery_of(letter)
    assert email.subject == f"{case.reference}: ein hymateb – {case.title}"
    assert "Swyddfa'r Comisiynydd Gwybodaeth (ICO)" in email.body_text
    assert "We received 312 claims in 2025." in email.body_text  # the answer, as written
    pdf = PdfReader(io.BytesIO(letter.pdf.read()))
    text = " ".join("".join(p.extract_text() for p in pdf.pages).split())
    assert "Ein cyfeirnod" in text and "Annwyl Siân Jones" in text
    assert "Canlyniad: Rhoddwyd yn llawn" in text
    assert "Rydym yn croesawu gohebiaeth yn Gymraeg." in text

    # The public pages the requester goes on to read are in Welsh too (their language cookie).
    page.context.clear_cookies()
    page.goto("/disclosure-log/")
    page.get_by_role("button", name="Cymraeg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log datgelu")
    page.goto("/sharing-agreements/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cytundebau rhannu gwybodaeth")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
