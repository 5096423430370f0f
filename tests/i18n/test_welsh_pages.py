"""Every public page in Welsh: no English left outside what people entered, the language switch
keeps the visitor's place and is remembered, and <html lang> follows the language. Staff pages
stay English unless the switch is used."""

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from requests_app import publication
from requests_app.delivery_models import ReleaseLink
from requests_app.models import Case, Correspondence, Outcome, Status
from sharing.models import Status as AgreementStatus
from tests.i18n.english import english_words, page_text, without
from tests.requests_app.builders import logged
from tests.sharing.builders import agreement_in

PO = Path(django_settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"
COOKIE = django_settings.LANGUAGE_COOKIE_NAME

PUBLIC_TITLE = "Pothole repairs by ward"
PUBLIC_SUMMARY = "How many potholes were repaired in each ward."
PUBLIC_ANSWER = "We repaired 1,204 potholes. The figures for each ward are below."


@pytest.fixture(autouse=True)
def public_form_settings(settings):
    cache.clear()
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    settings.PUBLICATION_DELAY_WORKING_DAYS = 0
    yield
    cache.clear()


@pytest.fixture
def welsh(client):
    client.cookies[COOKIE] = "cy"
    return client


@pytest.fixture
def published(cast):
    case = logged(cast, title="Internal title, never public")
    Case.objects.filter(pk=case.pk).update(
        status=Status.RESPONDED, responded_at=timezone.now(), outcome=Outcome.GRANTED
    )
    publication.case_publish(
        case_id=case.pk,
        user=cast.ig_officer,
        public_title=PUBLIC_TITLE,
        public_summary=PUBLIC_SUMMARY,
        public_answer=PUBLIC_ANSWER,
    )
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def agreement(cast, org):
    return agreement_in(AgreementStatus.ACTIVE, cast, [org.area_a], title="Sharing with police")


def release_link(case, *, days: int, token: str) -> ReleaseLink:
    letter = Correspondence.objects.create(
        case=case, kind=Correspondence.Kind.choices[0][0], subject="Response", body="Dear Jo"
    )
    return ReleaseLink.objects.create(
        case=case, letter=letter, token=token, expires_at=timezone.now() + dt.timedelta(days=days)
    )


def user_content(*, case=None, agreement=None, extra=()):
    """What people entered (or the council configured): never translated."""
    pieces = [
        django_settings.COUNCIL_NAME,
        django_settings.DEFAULT_FROM_EMAIL,
        django_settings.COUNCIL_ADDRESS,
        *extra,
    ]
    if case is not None:
        pieces += [case.reference, case.public_title, case.public_summary, case.public_answer]
    if agreement is not None:
        pieces += [agreement.reference, agreement.title, agreement.purpose]
        pieces += [agreement.data_categories, *agreement.partners.values_list("name", flat=True)]
    return pieces


def english_msgid_fragments() -> set[str]:
    """Runs of English from the catalogue's msgids (markup and placeholders removed): any of
    them on a Welsh page means a string was not translated there."""
    fragments = set()
    for entry in polib.pofile(str(PO)):
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            for fragment in re.split(r"<[^>]+>|%\([a-zA-Z_]+\)s|%%", msgid):
                fragment = " ".join(fragment.split())
                if len(fragment) >= 12:
                    fragments.add(fragment)
    return fragments


def assert_welsh(response, content=()):
    assert response.status_code < 500
    html = response.content.decode()
    assert '<html lang="cy"' in html
    text = without(page_text(html), content)
    left = english_words(text)
    assert not left, f"English words on the Welsh page {response.request['PATH_INFO']}: {left}"
    untranslated = [f for f in english_msgid_fragments() if f in text]
    assert not untranslated, f"Untranslated on {response.request['PATH_INFO']}: {untranslated}"


# --- the crawl ---------------------------------------------------------------------------------


def test_every_public_page_is_in_welsh(welsh, cast, published, agreement, settings):
    case, pages = published, []
    pages.append((welsh.get("/make-a-request/"), user_content()))
    bad = welsh.post("/make-a-request/", {"request_type": "", "name": "", "email": "not-an-email"})
    assert "Rhowch eich enw llawn" in bad.content.decode()
    pages.append((bad, user_content(extra=["not-an-email"])))
    token = welsh.get("/make-a-request/").context["token"]
    sent = {
        "request_type": "foi",
        "name": "Alys Jones",
        "email": "alys@example.org",
        "address": "",
        "title": "",
        "request_text": "Faint o dyllau yn y ffordd a atgyweiriwyd?",
        "website": "",
        "token": token,
    }
    assert welsh.post("/make-a-request/", sent).status_code == 302
    done = welsh.get("/make-a-request/confirmation/")
    reference = done.context["reference"]
    pages.append((done, user_content(extra=[reference, "alys@example.org"])))

    pages.append((welsh.get("/complain/"), user_content()))
    complaint_errors = welsh.post("/complain/", {"name": "", "what_happened": ""})
    assert complaint_errors.status_code == 200
    pages.append((complaint_errors, user_content()))
    pages.append((welsh.get("/complain/received/"), user_content()))

    pages.append((welsh.get("/disclosure-log/"), user_content(case=case)))
    pages.append((welsh.get(f"/disclosure-log/{case.reference}/"), user_content(case=case)))
    nothing = welsh.get("/disclosure-log/?q=zzzznothing")
    assert not nothing.context["cases"]
    pages.append((nothing, user_content(extra=["zzzznothing"])))

    pages.append((welsh.get("/sharing-agreements/"), user_content(agreement=agreement)))
    pages.append(
        (welsh.get("/sharing-agreements/?q=nothing-at-all"), user_content(extra=["nothing-at-all"]))
    )
    pages.append((welsh.get("/privacy/"), user_content()))
    pages.append((welsh.get("/accessibility/"), user_content()))

    live = release_link(case, days=7, token="a" * 40)
    expired = release_link(case, days=-1, token="b" * 40)
    pages.append((welsh.get(f"/your-documents/{live.token}/"), user_content(case=case)))
    assert welsh.get(f"/your-documents/{expired.token}/").status_code == 410
    pages.append((welsh.get(f"/your-documents/{expired.token}/"), user_content()))
    pages.append((welsh.get(f"/your-documents/{'c' * 40}/"), user_content()))
    missing = welsh.get("/no-such-page/")
    assert missing.status_code == 404
    pages.append((missing, user_content()))

    refused = welsh.get("/disclosure-log/?q=%00")
    assert refused.status_code == 400
    pages.append((refused, user_content()))
    settings.DISCLOSURE_LOG_RATE_PER_MINUTE = 1  # a new rate is a new count: the 2nd is refused
    welsh.get("/disclosure-log/")
    too_many = welsh.get("/disclosure-log/")
    assert too_many.status_code == 429
    pages.append((too_many, user_content()))

    for response, content in pages:
        assert_welsh(response, content)


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_the_standalone_error_pages_are_in_welsh(template):
    """Rendered as Django renders them (no request, no context processors), in the language
    the middleware chose for the request that failed."""
    with translation.override("cy"):
        html = render_to_string(template)
    assert '<html lang="cy"' in html
    text = page_text(html)
    assert not english_words(text), english_words(text)
    assert not [f for f in english_msgid_fragments() if f in text]


def test_the_check_finds_english(client, published):
    """The crawl's check can fail: the same page in English is full of English, and one
    English sentence planted in a Welsh page is found."""
    english = client.get("/disclosure-log/")
    assert len(english_words(page_text(english.content.decode()))) > 20
    client.cookies[COOKIE] = "cy"
    html = client.get("/disclosure-log/").content.decode()
    planted = html.replace("</main>", "<p>Search the disclosure log</p></main>")
    found = Counter(english_words(page_text(planted))) - Counter(english_words(page_text(html)))
    assert found == Counter(["Search", "the", "disclosure"])
    assert "Search the disclosure log" in {
        f for f in english_msgid_fragments() if f in page_text(planted)
    }


def test_form_errors_and_choices_are_in_welsh(welsh):
    response = welsh.post("/make-a-request/", {"email": "not-an-email", "request_type": "x"})
    html = response.content.decode()
    assert "Mae problem" in html
    assert "Dewiswch pa fath o wybodaeth ydych chi ei heisiau" in html
    assert "Rhowch gyfeiriad e-bost yn y fformat cywir" in html
    assert "Gwybodaeth a gedwir gan y cyngor (Rhyddid Gwybodaeth)" in html
    assert "<title>Gwall: Gwneud cais am wybodaeth" in html


# --- the switch --------------------------------------------------------------------------------


def test_the_switch_returns_to_the_same_page_in_welsh_and_is_remembered(client, db):
    page = "/disclosure-log/?q=roads&sort=reference"
    html = client.get(page).content.decode()
    assert (
        '<html lang="en-GB"' in html and '<h1 class="govuk-heading-l">Disclosure log</h1>' in html
    )
    assert 'lang="cy"' in html and "Cymraeg" in html
    assert f'name="next" value="{page.replace("&", "&amp;")}"' in html

    response = client.post(reverse("set_language"), {"language": "cy", "next": page})
    assert response.status_code == 302
    assert response["Location"] == page
    assert response.cookies[COOKIE].value == "cy"
    assert response.cookies[COOKIE]["httponly"]
    assert response.cookies[COOKIE]["samesite"] == "Lax"

    welsh_page = client.get(page)
    html = welsh_page.content.decode()
    assert '<html lang="cy"' in html
    assert '<h1 class="govuk-heading-l">Log datgelu</h1>' in html
    assert welsh_page["Content-Language"] == "cy"
    assert "Cookie" in welsh_page["Vary"]
    # Remembered on the next page, and the switch now offers English.
    html = client.get("/make-a-request/").content.decode()
    assert '<html lang="cy"' in html and "Gwneud cais am wybodaeth" in html
    assert 'value="en-gb"' in html and 'lang="en-GB"' in html

    back = client.post(reverse("set_language"), {"language": "en-gb", "next": "/privacy/"})
    assert back["Location"] == "/privacy/"
    assert "How we use your information" in client.get("/privacy/").content.decode()


def test_the_switch_refuses_other_sites_unknown_languages_and_get(client):
    off_site = client.post(
        reverse("set_language"), {"language": "cy", "next": "https://evil.example/"}
    )
    assert off_site["Location"] == "/"
    client.cookies.pop(COOKIE, None)
    unknown = client.post(reverse("set_language"), {"language": "xx", "next": "/privacy/"})
    assert unknown["Location"] == "/privacy/" and COOKIE not in unknown.cookies
    by_get = client.get(reverse("set_language"), {"language": "cy", "next": "/privacy/"})
    assert COOKIE not in by_get.cookies
    # A language Django knows but this service does not offer: stored, and ignored.
    client.post(reverse("set_language"), {"language": "fr", "next": "/privacy/"})
    assert '<html lang="en-GB"' in client.get("/privacy/").content.decode()


def test_an_altered_cookie_is_english(client):
    client.cookies[COOKIE] = "xx-not-a-language"
    assert '<html lang="en-GB"' in client.get("/privacy/").content.decode()


def test_the_browser_language_does_not_decide(client, cast):
    """English until the visitor chooses: staff pages stay English whatever the computer's
    language, and so do public pages."""
    assert (
        '<html lang="en-GB"' in client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    )
    client.force_login(cast.ig_officer)
    staff = client.get(reverse("requests:queue"), HTTP_ACCEPT_LANGUAGE="cy")
    assert staff.status_code == 200
    assert '<html lang="en-GB"' in staff.content.decode()
    # Staff may switch too.
    client.cookies[COOKIE] = "cy"
    staff = client.get(reverse("requests:queue")).content.decode()
    assert '<html lang="cy"' in staff and "Neidio i’r prif gynnwys" in staff


def test_open_data_files_stay_english_in_welsh(welsh, agreement):
    data = welsh.get("/sharing-agreements/agreements.json").json()
    row = next(r for r in data["agreements"] if r["title"] == "Sharing with police")
    assert row["type"] in {"Information Sharing Agreement", "Data Processing Agreement"}
    page = welsh.get("/sharing-agreements/").content.decode()
    assert "Cytundeb Rhannu Gwybodaeth" in page or "Cytundeb Prosesu Data" in page
