"""Letters and emails in the requester's language of correspondence (WELSH_LANGUAGE_STANDARDS):
Welsh, English, or bilingual with the Welsh first. Every expected sentence is written out."""

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from requests_app import correspondence, letter_templates, services
from requests_app import letter_terms_cy as cy
from requests_app.letter_defaults import DEFAULTS
from requests_app.letter_defaults_cy import DEFAULTS as DEFAULTS_CY
from requests_app.models import (
    AppliedExemption,
    Case,
    Correspondence,
    Event,
    Exemption,
    Outcome,
    Requester,
    Status,
)
from requests_app.public_forms import PublicRequestForm
from tests.requests_app.builders import case_in, logged
from workflow import outbox

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=LONDON)  # a Tuesday: "1 Rhagfyr 2026"
FORM_URL = "/make-a-request/"
QUESTION = "Which language should we write to you in?"
WELCOME_CY = (
    "Rydym yn croesawu gohebiaeth yn Gymraeg. Byddwn yn ateb gohebiaeth Gymraeg yn Gymraeg, "
    "ac ni fydd hynny'n arwain at oedi."
)
WELCOME_EN = (
    "We welcome correspondence in Welsh. We will answer correspondence in Welsh in Welsh, "
    "and this will not lead to a delay."
)
SIGN_OFF_CY = "Yn gywir,\n\nLlywodraethu Gwybodaeth\nDemo District Council"
SIGN_OFF_EN = "Yours sincerely,\n\nInformation Governance\nDemo District Council"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def no_worker(monkeypatch):
    monkeypatch.setattr("workflow.tasks.send_email.delay", lambda email_id: None)


@pytest.fixture
def welsh_on(settings):
    settings.WELSH_LANGUAGE_STANDARDS = True
    return settings


def action_url(case, action):
    return reverse("requests:case_action", args=[case.pk, action])


def pdf_text(letter) -> str:
    content = correspondence.render_pdf(letter)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())  # the PDF wraps lines where it likes


def acknowledge(client, cast, case, body=None):
    client.force_login(cast.ig_officer)
    body = correspondence.compose(case, "acknowledgement")[1] if body is None else body
    response = client.post(action_url(case, "acknowledge"), {"version": case.version, "body": body})
    assert response.status_code == 302, response.content.decode()[:3000]
    return case.correspondence.get(kind="acknowledgement")


# --- the Welsh defaults and terms -----------------------------------------------------------


def test_every_english_default_has_a_welsh_one_that_the_admin_would_accept():
    assert set(DEFAULTS_CY) == set(DEFAULTS)
    for subject, body in DEFAULTS_CY.values():
        letter_templates.check(subject, "subject")
        letter_templates.check(body, "body")
        assert "pluralize" not in body  # Welsh keeps the noun singular after a number


def test_the_welsh_date_and_citations():
    assert cy.date(dt.date(2026, 12, 1)) == "1 Rhagfyr 2026"
    assert cy.date(dt.date(2027, 2, 14)) == "14 Chwefror 2027"
    assert cy.citation("foi", "s40(2)") == "Deddf Rhyddid Gwybodaeth 2000, adran 40(2)"
    assert cy.citation("eir", "12(5)(e)") == (
        "Rheoliadau Gwybodaeth Amgylcheddol 2004, rheoliad 12(5)(e)"
    )
    assert cy.citation("dpa", "Sch2 p16") == "Deddf Diogelu Data 2018, Atodlen 2, paragraff 16"


# --- a Welsh requester: receipt, acknowledgement, response ----------------------------------


def test_a_welsh_public_request_gets_its_receipt_in_welsh(welsh_on, db):
    case = services.case_submit_public(
        name="Siân Jones",
        email="sian@example.org",
        address="",
        regime="foi",
        title="Tyllau yn y ffordd",
        request_text="Faint o dyllau a drwsiwyd yn 2025?",
        language="cy",
    )
    assert case.requester.language == "cy"
    letter = case.correspondence.get()
    assert letter.language == "cy"
    assert letter.subject == f"{case.reference}: rydym wedi cael eich cais – Tyllau yn y ffordd"
    assert letter.body == (
        "Annwyl Siân Jones,\n\n"
        'Diolch am eich cais "Tyllau yn y ffordd", a ddaeth i law ar 1 Rhagfyr 2026.\n\n'
        f"Eich cyfeirnod yw {case.reference}. Dyfynnwch y cyfeirnod hwn bob tro y byddwch yn "
        "cysylltu â ni am y cais hwn.\n\n"
        "Byddwn yn cydnabod eich cais yn ffurfiol ac yn rhoi gwybod i chi erbyn pa ddyddiad y "
        f"byddwn yn ymateb.\n\n{WELCOME_CY}\n\n{SIGN_OFF_CY}"
    )
    email = outbox.delivery_of(letter)
    assert email.subject == letter.subject
    assert email.body_text.startswith("Annwyl Siân Jones,\n\nDiolch am eich cais")
    assert "Dear" not in email.body_text and "Yours sincerely" not in email.body_text


def test_a_welsh_requesters_acknowledgement_is_previewed_and_sent_in_welsh(welsh_on, client, cast):
    case = logged(cast, language="cy")
    due = cy.date(case.statutory_due)
    client.force_login(cast.ig_officer)
    page = client.get(action_url(case, "acknowledge")).content.decode()
    # The same page, no extra step: the letter is already in Welsh to check and edit.
    assert "The letter (in Welsh: the requester" in page
    assert "Annwyl Jo Bloggs," in page
    assert "Daeth eich cais i law ar 28 Tachwedd 2026" in page
    assert 'lang="cy"' in page

    letter = acknowledge(client, cast, case)
    assert letter.language == "cy"
    assert letter.subject == f"{case.reference}: cydnabod eich cais – Pothole claims 2025"
    assert letter.body.startswith(
        f"Annwyl Jo Bloggs,\n\nCyfeirnod: {case.reference}\nEich cais: Pothole claims 2025\n\n"
        "Daeth eich cais i law ar 28 Tachwedd 2026 ac rydym yn ymdrin ag ef o dan Ddeddf "
        "Rhyddid Gwybodaeth 2000. Mae'r Ddeddf yn rhoi 20 diwrnod gwaith i ni ymateb "
        f"(adran 10): byddwn yn ymateb erbyn {due}."
    )
    assert letter.body.endswith(f"(adran 1(3)).\n\n{WELCOME_CY}\n\n{SIGN_OFF_CY}")
    email = outbox.delivery_of(letter)
    assert email.subject == letter.subject
    assert email.body_text == letter.body + "\n" + "\n".join(letter_templates.address_block())

    text = pdf_text(letter)
    for words in ("Llywodraethu Gwybodaeth", "Ein cyfeirnod", "Dyddiad", "1 Rhagfyr 2026"):
        assert words in text
    assert "Annwyl Jo Bloggs" in text and "Yn gywir" in text
    assert "Our reference" not in text and "Dear" not in text and "December" not in text


def test_a_welsh_requesters_response_letter_pdf_and_email_are_in_welsh(
    welsh_on, client, cast, org, django_capture_on_commit_callbacks
):
    case = case_in(Status.AUTHORISED, cast, org)
    Requester.objects.filter(pk=case.requester_id).update(language="cy")
    case = Case.objects.get(pk=case.pk)
    client.force_login(cast.ig_officer)
    page = client.get(action_url(case, "send_response")).content.decode()
    assert "Canlyniad: Rhoddwyd yn llawn" in page
    body = correspondence.compose(case, "response")[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            action_url(case, "send_response"), {"version": case.version, "body": body}
        )
    assert response.status_code == 302
    letter = case.correspondence.get(kind="response")
    assert letter.subject == f"{case.reference}: ein hymateb – Pothole claims 2025"
    email = outbox.delivery_of(letter)
    assert email.subject == letter.subject
    for text in (email.body_text, pdf_text(letter)):
        assert "Annwyl Jo Bloggs" in text
        assert "Canlyniad: Rhoddwyd yn llawn" in text
        assert "We received 312 claims in 2025." in text  # the officer's answer, as written
        assert "Eich hawl i gael adolygiad ac i gwyno" in text
        assert "Swyddfa'r Comisiynydd Gwybodaeth (ICO)" in text
        assert "adran 50 o Ddeddf Rhyddid Gwybodaeth 2000" in text
        assert "Rydym yn croesawu gohebiaeth yn Gymraeg." in text
        assert "Yours sincerely" not in text and "Outcome:" not in text
    assert "1 Rhagfyr 2026" in pdf_text(letter)


def test_a_welsh_refusal_cites_the_exemption_in_welsh(welsh_on, cast):
    case = logged(cast, language="cy")
    AppliedExemption.objects.create(
        case=case,
        exemption=Exemption.objects.get(law="foi", code="s43"),
        public_interest_test="",
        proposed_by=cast.ig_manager,
    )
    case.outcome = Outcome.PART
    body = correspondence.compose(case, "response")[1]
    assert "Canlyniad: Rhoddwyd yn rhannol" in body
    assert "hysbysiad gwrthod o dan adran 17 o Ddeddf Rhyddid Gwybodaeth 2000" in body
    assert "- Deddf Rhyddid Gwybodaeth 2000, adran 43: " in body
    assert "Budd y cyhoedd: rydym wedi ystyried budd y cyhoedd" in body


# --- bilingual: one document, Welsh first -----------------------------------------------------


def test_a_bilingual_acknowledgement_is_one_document_with_the_welsh_first(welsh_on, client, cast):
    case = logged(cast, language="both")
    letter = acknowledge(client, cast, case)
    assert letter.language == "both"
    assert letter.subject == (
        f"{case.reference}: cydnabod eich cais – Pothole claims 2025 / "
        f"{case.reference}: acknowledgement – Pothole claims 2025"
    )
    welsh, english = letter.body.split(f"\n\n{cy.DIVIDER}\n\n")
    assert welsh.startswith("Annwyl Jo Bloggs,\n\nCyfeirnod:")
    assert welsh.endswith(f"{WELCOME_CY}\n\n{SIGN_OFF_CY}")
    assert english.startswith("Dear Jo Bloggs,\n\nReference:")
    assert english.endswith(f"{WELCOME_EN}\n\n{SIGN_OFF_EN}")
    assert "28 November 2026" in english and "28 Tachwedd 2026" in welsh
    email = outbox.delivery_of(letter).body_text
    assert email.index("Annwyl Jo Bloggs") < email.index("Dear Jo Bloggs")
    text = pdf_text(letter)
    assert text.index("Annwyl Jo Bloggs") < text.index("Dear Jo Bloggs")
    assert "Ein cyfeirnod / Our reference" in text
    assert "1 Rhagfyr 2026 / 1 December 2026" in text


def test_a_bilingual_body_must_keep_its_divider_and_no_greeting(welsh_on, client, cast):
    case = logged(cast, language="both")
    client.force_login(cast.ig_officer)
    for body, error in [
        ("Diolch.\n\nThank you.", f"Keep the line “{cy.DIVIDER}” once"),
        (f"Annwyl Jo,\n\nDiolch.\n\n{cy.DIVIDER}\n\nThank you.", "Remove the greeting"),
        (f"Diolch.\n\nCofion,\nSam\n\n{cy.DIVIDER}\n\nThank you.", "Remove the sign-off"),
        (f"\n{cy.DIVIDER}\n\nThank you.", "Write the Welsh part of the letter"),
    ]:
        response = client.post(
            action_url(case, "acknowledge"), {"version": case.version, "body": body}
        )
        assert response.status_code == 200
        assert error in response.content.decode()
    assert not case.correspondence.exists()


# --- English, and the setting off ---------------------------------------------------------------


def test_an_english_requesters_letter_is_unchanged_but_says_welsh_is_welcome(
    welsh_on, client, cast
):
    case = logged(cast)
    edited = "Thank you for your request about potholes."
    letter = acknowledge(client, cast, case, body=edited)
    assert letter.language == "en"
    assert letter.body == (
        f"Dear Jo Bloggs,\n\n{edited}\n\n{WELCOME_CY}\n{WELCOME_EN}\n\n{SIGN_OFF_EN}"
    )


def test_with_the_setting_off_a_welsh_requester_gets_the_english_letter_as_before(client, cast):
    case = logged(cast, language="cy")
    # Recorded as English: the standards are off, so the question is not asked.
    assert case.requester.language == "en"
    Requester.objects.filter(pk=case.requester_id).update(language="cy")
    case = Case.objects.get(pk=case.pk)
    edited = "Thank you for your request about potholes."
    letter = acknowledge(client, cast, case, body=edited)
    assert (letter.language, letter.body) == ("en", f"Dear Jo Bloggs,\n\n{edited}\n\n{SIGN_OFF_EN}")
    assert "Our reference" in pdf_text(letter)


def test_an_english_letter_keeps_english_dates_under_the_welsh_interface(welsh_on, cast):
    case = logged(cast)
    with translation.override("cy"):
        body = correspondence.compose(case, "acknowledgement")[1]
    assert "28 November 2026" in body


# --- the question on the forms ------------------------------------------------------------------


def test_the_public_form_asks_the_language_only_under_the_standards(client, db, settings):
    assert QUESTION not in client.get(FORM_URL).content.decode()
    settings.WELSH_LANGUAGE_STANDARDS = True
    html = client.get(FORM_URL).content.decode()
    assert QUESTION in html
    # Three radios (the header's language switch has a field of the same name, not a radio).
    assert len(re.findall(r'name="language"\s+type="radio"', html)) == 3
    assert 'value="both"' in html


def test_a_request_made_on_the_welsh_pages_defaults_to_welsh(welsh_on, db):
    with translation.override("cy"):
        assert PublicRequestForm().initial["language"] == "cy"
    assert PublicRequestForm().initial["language"] == "en"


def test_submitting_the_public_form_in_welsh_records_welsh(welsh_on, db, client, frozen):
    cache.clear()
    token = client.get(FORM_URL).context["token"]
    frozen.shift(5)
    response = client.post(
        FORM_URL,
        {
            "request_type": "foi",
            "name": "Siân Jones",
            "email": "sian@example.org",
            "address": "",
            "title": "",
            "request_text": "Faint o dyllau a drwsiwyd yn 2025?",
            "website": "",
            "token": token,
            "language": "cy",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.requester.language == "cy"
    assert case.correspondence.get().body.startswith("Annwyl Siân Jones,")


def test_a_language_that_is_not_offered_is_refused_and_nothing_is_made(
    welsh_on, db, client, frozen
):
    cache.clear()
    token = client.get(FORM_URL).context["token"]
    frozen.shift(5)
    response = client.post(
        FORM_URL,
        {
            "request_type": "foi",
            "name": "Siân Jones",
            "email": "sian@example.org",
            "request_text": "Faint?",
            "token": token,
            "language": "fr",
        },
    )
    assert response.status_code == 200
    assert "Select the language we should write to you in" in response.content.decode()
    assert not Case.objects.exists()


def test_the_staff_log_form_asks_the_language_only_under_the_standards(client, cast, settings):
    client.force_login(cast.ig_officer)
    assert "Language of correspondence" not in client.get("/requests/new/").content.decode()
    settings.WELSH_LANGUAGE_STANDARDS = True
    assert "Language of correspondence" in client.get("/requests/new/").content.decode()


# --- IG changes the language on the case ----------------------------------------------------------


def test_ig_changes_the_language_with_history_and_a_timeline_line(welsh_on, client, cast):
    case = logged(cast)
    client.force_login(cast.ig_officer)
    history = case.requester.history.count()
    response = client.post(
        action_url(case, "change_language"), {"version": case.version, "language": "cy"}
    )
    assert response.status_code == 302
    requester = Requester.objects.get(pk=case.requester_id)
    assert requester.language == "cy"
    assert requester.history.count() == history + 1
    assert requester.history.first().history_user == cast.ig_officer
    assert "Letters: Welsh" in client.get(reverse("requests:case", args=[case.pk])).text
    event = Event.objects.get(case=case, kind="change_language")
    assert event.message == (
        "Language of correspondence of Jo Bloggs changed from English to Welsh: letters and "
        "emails to them are written in it from now on."
    )
    assert event.actor == cast.ig_officer
    # The next letter follows it.
    assert correspondence.compose(Case.objects.get(pk=case.pk), "acknowledgement")[1].startswith(
        "Cyfeirnod:"
    )


def test_a_stale_or_needless_language_change_changes_nothing(welsh_on, client, cast, org):
    case = logged(cast)
    opened_at = case.version
    services.case_assign(case_id=case.pk, user=cast.ig_manager, service_area_ids=[org.area_a.pk])
    client.force_login(cast.ig_officer)
    url = action_url(case, "change_language")
    stale = client.post(url, {"version": opened_at, "language": "cy"})
    assert stale.status_code == 200
    assert "was changed by" in stale.content.decode()
    case.refresh_from_db()
    same = client.post(url, {"version": case.version, "language": "en"})
    assert "The language of correspondence is already English." in same.content.decode()
    bad = client.post(url, {"version": case.version, "language": "fr"})
    assert bad.status_code == 200
    assert Requester.objects.get(pk=case.requester_id).language == "en"
    assert not Event.objects.filter(case=case, kind="change_language").exists()


def test_no_language_change_while_the_standards_are_off(client, cast):
    case = logged(cast)
    client.force_login(cast.ig_officer)
    response = client.post(
        action_url(case, "change_language"), {"version": case.version, "language": "cy"}
    )
    assert response.status_code in (403, 409)
    assert Requester.objects.get(pk=case.requester_id).language == "en"


@pytest.mark.parametrize(
    ("who", "status"),
    [("officer_a", 403), ("officer_b", 404), ("director_other", 404), ("outsider", 404)],
)
def test_people_who_may_not_change_the_language_are_refused(
    welsh_on, client, cast, org, who, status
):
    case = case_in(Status.ASSIGNED, cast, org)
    client.force_login(getattr(cast, who))
    url = action_url(case, "change_language")
    assert client.get(url).status_code == status
    assert client.post(url, {"version": case.version, "language": "cy"}).status_code == status
    assert Requester.objects.get(pk=case.requester_id).language == "en"
    assert not Correspondence.objects.filter(case=case, language="cy").exists()


def test_the_admin_edits_a_welsh_template_and_the_next_welsh_letter_uses_it(welsh_on, client, cast):
    from requests_app.letter_models import LetterTemplate

    template = LetterTemplate.objects.get(kind="acknowledgement", regime="foi", language="cy")
    client.force_login(cast.administrator)
    url = reverse("admin:requests_app_lettertemplate_change", args=[template.pk])
    response = client.post(
        url,
        {
            "kind": "acknowledgement",
            "regime": "foi",
            "language": "cy",
            "subject": "{{ reference }}: wedi dod i law",
            "body": 'Byddwn yn ateb erbyn {{ due_on|date:"j F Y" }}.',
        },
    )
    assert response.status_code == 302
    case = logged(cast, language="cy")
    subject, body = correspondence.compose(case, "acknowledgement")
    assert (subject, body) == (
        f"{case.reference}: wedi dod i law",
        f"Byddwn yn ateb erbyn {cy.date(case.statutory_due)}.",
    )
    # The English template is untouched, and an English requester still gets it.
    english = logged(cast, email="ann@example.org", name="Ann Lee")
    assert correspondence.compose(english, "acknowledgement")[1].startswith("Reference:")
