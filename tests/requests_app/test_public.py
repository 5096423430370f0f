"""The public pages: the online request form (and its spam defences) and the disclosure log."""

import datetime as dt
import itertools
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app import publication, services
from requests_app.models import (
    Case,
    Channel,
    Correspondence,
    Document,
    Outcome,
    Regime,
    Requester,
    Status,
)
from requests_app.public_forms import issue_token, refused_message

LONDON = ZoneInfo("Europe/London")
# A Monday morning; the form is shown at NOW and sent a few seconds later.
NOW = dt.datetime(2025, 3, 3, 9, 30, tzinfo=LONDON)
FORM_URL = "/make-a-request/"
DONE_URL = "/make-a-request/confirmation/"
LOG_URL = "/disclosure-log/"

VALID = {
    "request_type": "foi",
    "name": "Alex Requester",
    "email": "alex@example.org",
    "address": "1 High Street\nTown\nAB1 2CD",
    "title": "",
    "request_text": "Please send me the number of potholes repaired in each ward in 2024.",
    "website": "",
}


@pytest.fixture(autouse=True)
def empty_cache():
    # The rate limit and single-use tokens live in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock(db):
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def nothing_created():
    return (Case.objects.count(), Requester.objects.count(), Correspondence.objects.count()) == (
        0,
        0,
        0,
    )


def show_form(client, **extra):
    response = client.get(FORM_URL, **extra)
    assert response.status_code == 200
    return response.context["token"]


def submit(client, clock, *, wait: float = 5, token: str | None = None, extra=None, **changes):
    """Load the form, let `wait` seconds pass (people are slower than the spam timer), send it."""
    shown = show_form(client, **(extra or {}))
    clock.shift(wait)
    data = {**VALID, "token": shown if token is None else token, **changes}
    return client.post(FORM_URL, data, **(extra or {}))


def error_summary(response) -> str:
    html = response.content.decode()
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert match, "no error summary on the page"
    return match.group(0)


# --- the request form ------------------------------------------------------------------------


def test_form_is_public_and_offers_the_three_kinds_of_request(client, db):
    response = client.get(FORM_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for label in (
        "Information held by the council (Freedom of Information)",
        "Information about the environment (EIR)",
        "Your own personal information (subject access)",
    ):
        assert label in html
    # Pages carrying a one-off token must not be cached by browsers or proxies.
    assert "no-store" in response["Cache-Control"]


def test_honeypot_is_hidden_from_people_and_assistive_technology(client, db):
    html = client.get(FORM_URL).content.decode()
    honeypot = re.search(
        r'<div class="govuk-visually-hidden" aria-hidden="true">(.*?)</div>', html, re.S
    )
    assert honeypot, "the honeypot must sit in an aria-hidden, visually hidden container"
    assert 'name="website"' in honeypot.group(1)
    assert 'tabindex="-1"' in honeypot.group(1)
    assert 'autocomplete="off"' in honeypot.group(1)


def test_valid_submission_creates_one_web_case_with_a_receipt(client, clock):
    response = submit(client, clock)

    assert response.status_code == 302
    assert response.url == DONE_URL
    case = Case.objects.get()
    assert case.channel == Channel.WEB
    assert case.regime == Regime.FOI
    assert case.status == Status.RECEIVED
    assert case.received_at == NOW + dt.timedelta(seconds=5)
    assert case.created_by is None
    assert case.request_text == VALID["request_text"]
    assert (case.requester.name, case.requester.email) == ("Alex Requester", "alex@example.org")
    assert case.requester.address == VALID["address"]
    receipt = Correspondence.objects.get()
    assert (receipt.case, receipt.kind, receipt.to) == (
        case,
        Correspondence.Kind.RECEIPT,
        "alex@example.org",
    )

    page = client.get(DONE_URL)
    html = page.content.decode()
    assert "govuk-panel--confirmation" in html
    assert case.reference in html
    assert "alex@example.org" in html
    assert "emailed" in html


@pytest.mark.parametrize(
    ("choice", "regime"), [("foi", Regime.FOI), ("eir", Regime.EIR), ("sar", Regime.SAR)]
)
def test_each_kind_of_request_is_classified_on_arrival(client, clock, choice, regime):
    submit(client, clock, request_type=choice)
    case = Case.objects.get()
    assert case.regime == regime
    # The statutory clock runs from the moment it arrived.
    assert case.statutory_due is not None


def test_confirmation_for_a_sar_explains_the_calendar_month(client, clock):
    submit(client, clock, request_type="sar")
    assert "one calendar month" in client.get(DONE_URL).content.decode()


def test_title_defaults_to_the_start_of_the_request(client, clock):
    text = "I would like   to know\r\nhow much the council spent on consultants " * 5
    submit(client, clock, request_text=text)
    case = Case.objects.get()
    assert len(case.title) == 80
    assert case.title.startswith("I would like to know how much the council spent")
    assert case.title.endswith("…")


def test_a_title_given_is_kept(client, clock):
    submit(client, clock, title="Pothole repairs")
    assert Case.objects.get().title == "Pothole repairs"


def test_request_text_limit_counts_line_breaks_once(client, clock):
    # 10,000 characters as the browser counts them, sent with CRLF line breaks.
    text = ("x" * 99 + "\r\n") * 100
    assert len(text.replace("\r\n", "\n")) == 10_000
    response = submit(client, clock, request_text=text)
    assert response.status_code == 302
    assert Case.objects.get().request_text == text.replace("\r\n", "\n").strip()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"request_type": ""}, "Select what kind of information you want"),
        ({"request_type": "erasure"}, "Select what kind of information you want"),
        ({"name": "   "}, "Enter your full name"),
        ({"email": ""}, "Enter your email address"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format"),
        ({"request_text": ""}, "Enter your request"),
        ({"request_text": "x" * 10_001}, "Your request must be 10,000 characters or fewer"),
        ({"title": "t" * 201}, "The title must be 200 characters or fewer"),
        ({"name": "n" * 201}, "Your name must be 200 characters or fewer"),
    ],
)
def test_invalid_answers_are_shown_in_the_error_summary_and_change_nothing(
    client, clock, changes, message
):
    response = submit(client, clock, **changes)

    assert response.status_code == 200
    assert message in error_summary(response)
    assert "govuk-form-group--error" in response.content.decode()
    assert response.content.decode().count("<title>Error: ") == 1
    assert nothing_created()


def test_error_summary_links_to_the_first_radio(client, clock):
    response = submit(client, clock, request_type="")
    assert 'href="#id_request_type"' in error_summary(response)
    assert 'id="id_request_type"' in response.content.decode()


def test_answers_are_kept_and_escaped_when_the_form_comes_back(client, clock):
    response = submit(client, clock, name="<script>alert(1)</script>", email="")
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert nothing_created()


def test_correcting_a_mistake_straight_away_is_not_taken_for_spam(client, clock):
    """The token shown with the errors is the original one, so time already spent counts."""
    first = submit(client, clock, email="")
    clock.shift(1)
    response = client.post(FORM_URL, {**VALID, "token": first.context["token"]})
    assert response.status_code == 302
    assert Case.objects.count() == 1


def _assert_refused(response):
    assert response.status_code == 200
    assert refused_message() in error_summary(response)
    assert nothing_created()


def test_honeypot_filled_in_creates_nothing(client, clock):
    _assert_refused(submit(client, clock, website="http://spam.example"))


def test_submission_faster_than_a_person_creates_nothing(client, clock):
    _assert_refused(submit(client, clock, wait=1))


def test_minimum_time_is_a_setting(client, clock, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 10
    _assert_refused(submit(client, clock, wait=5))
    assert submit(client, clock, wait=11).status_code == 302


def test_tampered_token_creates_nothing(client, clock):
    genuine = issue_token()
    payload, signature = genuine.split(":", 1)
    _assert_refused(submit(client, clock, token=payload + "x:" + signature))


def test_token_forged_with_another_salt_creates_nothing(client, clock):
    forged = signing.dumps({"t": 0, "n": "abc"}, salt="something-else")
    _assert_refused(submit(client, clock, token=forged))


def test_missing_token_creates_nothing(client, clock):
    _assert_refused(submit(client, clock, token=""))


def test_token_older_than_a_day_creates_nothing(client, clock):
    _assert_refused(submit(client, clock, wait=24 * 60 * 60 + 1))


def test_token_a_few_hours_old_is_fine(client, clock):
    assert submit(client, clock, wait=6 * 60 * 60).status_code == 302


def test_a_form_sent_twice_makes_one_case_and_confirms_it_again(client, clock):
    # A double click or a resend from the browser history: the person sees the confirmation
    # of the request they made, not an error that would make them send it a third time.
    token = show_form(client)
    clock.shift(5)
    assert client.post(FORM_URL, {**VALID, "token": token}).status_code == 302
    replay = client.post(FORM_URL, {**VALID, "token": token})
    assert replay.status_code == 302 and replay["Location"] == DONE_URL
    case = Case.objects.get()
    assert case.reference in client.get(DONE_URL).content.decode()
    assert Correspondence.objects.count() == 1


def test_after_a_refusal_the_form_can_be_sent_again(client, clock):
    refused = submit(client, clock, wait=1)
    clock.shift(5)
    response = client.post(FORM_URL, {**VALID, "token": refused.context["token"]})
    assert response.status_code == 302
    assert Case.objects.count() == 1


def test_rate_limit_is_five_an_hour_per_address(client, clock):
    for _ in range(5):
        assert submit(client, clock).status_code == 302
    _assert_refused_after(5, submit(client, clock))
    # Someone else is not affected.
    other = {"REMOTE_ADDR": "203.0.113.50"}
    assert submit(client, clock, extra=other).status_code == 302
    # An hour after the first submission the first address may send again.
    clock.shift(60 * 60)
    assert submit(client, clock).status_code == 302
    assert Case.objects.count() == 7


def _assert_refused_after(count, response):
    assert response.status_code == 200
    assert refused_message() in error_summary(response)
    assert Case.objects.count() == count


def test_rate_limit_is_a_setting(client, clock, settings):
    settings.PUBLIC_FORM_MAX_PER_HOUR = 1
    assert submit(client, clock).status_code == 302
    _assert_refused_after(1, submit(client, clock))


def test_behind_a_proxy_only_the_address_it_saw_counts(client, clock, settings):
    """A visitor can write anything at the left of X-Forwarded-For; only the address our own
    proxy appended is trusted, so changing the rest does not escape the limit."""
    settings.TRUSTED_PROXIES = 1
    settings.PUBLIC_FORM_MAX_PER_HOUR = 2
    for n in range(2):
        headers = {"HTTP_X_FORWARDED_FOR": f"10.0.0.{n}, 198.51.100.7", "REMOTE_ADDR": "10.1.1.1"}
        assert submit(client, clock, extra=headers).status_code == 302
    headers = {"HTTP_X_FORWARDED_FOR": "10.0.0.9, 198.51.100.7", "REMOTE_ADDR": "10.1.1.1"}
    _assert_refused_after(2, submit(client, clock, extra=headers))
    headers = {"HTTP_X_FORWARDED_FOR": "198.51.100.8", "REMOTE_ADDR": "10.1.1.1"}
    assert submit(client, clock, extra=headers).status_code == 302


def test_confirmation_needs_this_visitors_own_submission(client, clock):
    submit(client, clock)
    reference = Case.objects.get().reference
    stranger = type(client)()
    response = stranger.get(DONE_URL)
    assert response.status_code == 302
    assert response.url == FORM_URL
    assert reference not in stranger.get(DONE_URL, follow=True).content.decode()


def test_confirmation_url_carries_no_reference(client, clock):
    response = submit(client, clock)
    assert response.url == DONE_URL
    assert Case.objects.get().reference not in response.url


def test_form_refuses_other_methods(client, db):
    assert client.put(FORM_URL).status_code == 405


# --- the disclosure log ----------------------------------------------------------------------

RESPONDED = dt.datetime(2024, 5, 14, 11, 0, tzinfo=LONDON)
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def disclosure_log_uncached(settings):
    """These tests change cases without committing (no after-commit work runs), so the
    disclosure log's cache would show the page from before the change; its caching is tested in
    test_disclosure_load."""
    settings.DISCLOSURE_LOG_CACHE_SECONDS = 0


def make_case(
    *,
    regime=Regime.FOI,
    status=Status.RESPONDED,
    responded_at=RESPONDED,
    outcome=Outcome.GRANTED,
    title=None,
    response_text="Please find the information attached.",
    reference=None,
    published=True,
    **fields,
) -> Case:
    """A case straight into the state a disclosure-log test needs (no workflow involved),
    with a requester whose details must never reach a public page."""
    number = next(_numbers)
    requester = Requester.objects.create(
        name=f"Private Person {number}",
        email=f"private.person{number}@example.net",
        address=f"{number} Secret Lane",
        phone=f"07700 900{number:03d}",
    )
    received = (responded_at or RESPONDED) - dt.timedelta(days=15)
    title = title or f"Request number {number}"
    if responded_at is not None and published:
        # Published by IG (requests_app.publication) on the day it was answered.
        fields = {
            "public_title": title,
            "public_answer": response_text,
            "published_at": responded_at,
            "publish_from": responded_at.date(),
            **fields,
        }
    return Case.objects.create(
        reference=reference or f"IG-2024-{number:05d}",
        regime=regime,
        status=status,
        requester=requester,
        channel=Channel.EMAIL,
        received_at=received,
        title=title,
        request_text=f"Secret request text {number} from Private Person {number}",
        responded_at=responded_at,
        outcome=outcome,
        response_text=response_text,
        **fields,
    )


def add_document(settings, tmp_path, case, *, publish=True, name="answer.csv", content=b"a,b\n"):
    settings.MEDIA_ROOT = tmp_path
    return Document.objects.create(
        case=case,
        kind=Document.Kind.RELEASED,
        file=SimpleUploadedFile(name, content),
        original_name=name,
        content_type="text/csv",
        size=len(content),
        publish=publish,
    )


@pytest.fixture
def log(db):
    """Released answers and every kind of case that must stay out of the log."""
    released = {
        "foi": make_case(title="Pothole repairs by ward"),
        "eir": make_case(regime=Regime.EIR, status=Status.CLOSED, title="Air quality readings"),
        "sensitive": make_case(title="Children's services spending", sensitive=True),
    }
    hidden = {
        "sar": make_case(regime=Regime.SAR, title="My housing file"),
        "erasure": make_case(regime=Regime.ERASURE, title="Delete my data"),
        "in_progress": make_case(status=Status.IN_PROGRESS, responded_at=None),
        "authorised": make_case(status=Status.AUTHORISED, responded_at=None),
        "closed_unanswered": make_case(
            status=Status.CLOSED, responded_at=None, regime=Regime.NOT_VALID
        ),
        "withdrawn": make_case(status=Status.WITHDRAWN, responded_at=None),
        # Answered once, then reopened: off the log until it is answered again.
        "reopened": make_case(status=Status.IN_PROGRESS),
        "unclassified": make_case(regime=Regime.UNCLASSIFIED),
    }
    hidden["review"] = make_case(review_of=released["foi"], title="Internal review of FOI")
    return released, hidden


def page_references(response) -> list[str]:
    return [case.reference for case in response.context["cases"]]


def test_log_lists_only_released_foi_and_eir_answers(client, log):
    released, hidden = log
    response = client.get(LOG_URL)
    assert response.status_code == 200
    assert sorted(page_references(response)) == sorted(c.reference for c in released.values())
    html = response.content.decode()
    for case in hidden.values():
        assert case.reference not in html
        assert case.title not in html


def test_log_never_shows_who_asked(client, log):
    released, _ = log
    pages = [client.get(LOG_URL)] + [
        client.get(f"{LOG_URL}{case.reference}/") for case in released.values()
    ]
    for response in pages:
        assert response.status_code == 200
        html = response.content.decode()
        assert "Private Person" not in html
        assert "@example.net" not in html
        assert "Secret Lane" not in html
        assert "07700" not in html
        assert "Secret request text" not in html


def test_detail_shows_the_answer(client, log):
    released, _ = log
    case = released["eir"]
    html = client.get(f"{LOG_URL}{case.reference}/").content.decode()
    assert case.title in html
    assert "Please find the information attached." in html
    assert "Environmental Information" in html
    assert "14 May 2024" in html


def test_unreleased_and_data_protection_cases_have_no_public_page(client, log):
    _, hidden = log
    for case in hidden.values():
        assert client.get(f"{LOG_URL}{case.reference}/").status_code == 404
    assert client.get(f"{LOG_URL}IG-1999-99999/").status_code == 404


def test_signed_in_staff_see_the_same_public_log(client, cast, log):
    released, hidden = log
    client.force_login(cast.ig_manager)
    response = client.get(LOG_URL)
    assert sorted(page_references(response)) == sorted(c.reference for c in released.values())
    assert client.get(f"{LOG_URL}{hidden['sar'].reference}/").status_code == 404


def test_user_text_is_escaped(client, db):
    case = make_case(title="<script>alert('t')</script>", response_text="<b>bold</b>\n\nnext")
    for url in (LOG_URL, f"{LOG_URL}{case.reference}/"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in client.get(f"{LOG_URL}{case.reference}/").content.decode()


def test_search_covers_title_answer_and_reference(client, db):
    potholes = make_case(title="Pothole repairs", response_text="We repaired 412.")
    bins = make_case(title="Waste collections", response_text="Bins are emptied fortnightly.")
    make_case(title="Parking fines", response_text="Attached.")

    assert page_references(client.get(LOG_URL, {"q": "POTHOLE"})) == [potholes.reference]
    assert page_references(client.get(LOG_URL, {"q": "fortnightly"})) == [bins.reference]
    assert page_references(client.get(LOG_URL, {"q": bins.reference})) == [bins.reference]
    # Every word must match somewhere, not the exact phrase.
    assert page_references(client.get(LOG_URL, {"q": "waste emptied"})) == [bins.reference]
    assert page_references(client.get(LOG_URL, {"q": "waste potholes"})) == []


def test_search_with_no_match_shows_the_empty_state(client, db):
    make_case()
    response = client.get(LOG_URL, {"q": "zebra crossing"})
    html = response.content.decode()
    assert "No published responses match your search" in html
    assert "app-empty-state" in html
    assert "<table" not in html


def test_empty_log_says_so(client, db):
    assert "We have not published any responses yet" in client.get(LOG_URL).content.decode()


def test_filters_by_regime_outcome_and_year(client, db):
    foi_2024 = make_case()
    eir_2024 = make_case(regime=Regime.EIR, outcome=Outcome.NOT_HELD)
    foi_2023 = make_case(
        responded_at=dt.datetime(2023, 12, 31, 23, 30, tzinfo=LONDON), outcome=Outcome.PART
    )

    def refs(**query):
        return sorted(page_references(client.get(LOG_URL, query)))

    assert refs(regime="eir") == [eir_2024.reference]
    assert refs(regime="foi") == sorted([foi_2024.reference, foi_2023.reference])
    assert refs(outcome="not_held") == [eir_2024.reference]
    assert refs(outcome="part") == [foi_2023.reference]
    assert refs(year="2023") == [foi_2023.reference]
    assert refs(year="2024") == sorted([foi_2024.reference, eir_2024.reference])
    assert refs(regime="foi", year="2024") == [foi_2024.reference]
    # The year choices are the years with answers, newest first.
    years = client.get(LOG_URL).context["filter_form"].fields["year"].choices
    assert [label for _, label in years] == ["All", "2024", "2023"]


@pytest.mark.parametrize(
    "query", [{"regime": "sar"}, {"outcome": "withdrawn"}, {"year": "1900"}, {"sort": "requester"}]
)
def test_invalid_filters_are_ignored(client, log, query):
    released, hidden = log
    response = client.get(LOG_URL, query)
    assert response.status_code == 200
    assert sorted(page_references(response)) == sorted(c.reference for c in released.values())


def test_sorts_by_date_responded_and_reference(client, db):
    older = make_case(reference="IG-2024-00300", responded_at=RESPONDED - dt.timedelta(days=9))
    newest = make_case(reference="IG-2024-00100", responded_at=RESPONDED)
    middle = make_case(reference="IG-2024-00200", responded_at=RESPONDED - dt.timedelta(days=3))

    newest_first = [newest.reference, middle.reference, older.reference]
    assert page_references(client.get(LOG_URL)) == newest_first
    assert page_references(client.get(LOG_URL, {"sort": "-responded"})) == newest_first
    assert page_references(client.get(LOG_URL, {"sort": "responded"})) == newest_first[::-1]
    by_reference = ["IG-2024-00100", "IG-2024-00200", "IG-2024-00300"]
    assert page_references(client.get(LOG_URL, {"sort": "reference"})) == by_reference
    assert page_references(client.get(LOG_URL, {"sort": "-reference"})) == by_reference[::-1]


def test_column_headings_keep_the_filters(client, db):
    make_case(title="Bins")
    html = client.get(LOG_URL, {"q": "bins", "regime": "foi", "sort": "reference"}).content.decode()
    assert 'href="?q=bins&amp;regime=foi&amp;sort=-reference"' in html
    assert 'aria-sort="ascending"' in html


def test_paginates_25_a_page_keeping_filters(client, db):
    for n in range(30):
        make_case(responded_at=RESPONDED - dt.timedelta(hours=n))
    first = client.get(LOG_URL, {"regime": "foi"})
    assert len(page_references(first)) == 25
    assert "30 matching responses" in first.content.decode()
    assert 'href="?regime=foi&amp;sort=-responded&amp;page=2"' in first.content.decode()
    second = client.get(LOG_URL, {"regime": "foi", "page": "2"})
    assert len(page_references(second)) == 5
    assert set(page_references(first)).isdisjoint(page_references(second))
    # A page number past the end shows the last page rather than an error.
    assert page_references(client.get(LOG_URL, {"page": "99"})) == page_references(second)


@pytest.mark.parametrize("count", [5, 30])
def test_list_costs_a_fixed_number_of_queries(
    client, db, settings, tmp_path, django_assert_max_num_queries, count
):
    for n in range(count):
        case = make_case(responded_at=RESPONDED - dt.timedelta(hours=n))
        add_document(settings, tmp_path, case)
        add_document(settings, tmp_path, case, publish=False)
    # The years for the filter, the count for the paginator and the page itself.
    with django_assert_max_num_queries(3):
        response = client.get(LOG_URL)
    rows = response.context["cases"]
    assert len(rows) == min(count, 25)
    assert {row.document_count for row in rows} == {1}


def test_document_count_counts_published_documents_only(client, db, settings, tmp_path):
    case = make_case()
    add_document(settings, tmp_path, case)
    add_document(settings, tmp_path, case, name="draft.csv", publish=False)
    [row] = client.get(LOG_URL).context["cases"]
    assert row.document_count == 1


# --- documents --------------------------------------------------------------------------------


def document_url(case, document):
    return reverse("public:disclosure_document", args=[case.reference, document.pk])


def test_published_document_downloads_as_an_attachment(client, db, settings, tmp_path):
    case = make_case()
    document = add_document(settings, tmp_path, case, name="Pothole repairs 2024.csv")
    response = client.get(document_url(case, document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"a,b\n"
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Pothole repairs 2024.csv" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_detail_lists_only_published_documents(client, db, settings, tmp_path):
    case = make_case()
    published = add_document(settings, tmp_path, case, name="released.csv")
    unpublished = add_document(settings, tmp_path, case, name="unredacted.csv", publish=False)
    html = client.get(f"{LOG_URL}{case.reference}/").content.decode()
    assert "released.csv" in html
    assert document_url(case, published) in html
    assert "unredacted.csv" not in html
    assert document_url(case, unpublished) not in html


def test_documents_the_public_may_not_have_are_404(client, db, settings, tmp_path):
    released = make_case()
    other_released = make_case()
    sar = make_case(regime=Regime.SAR)
    unreleased = make_case(status=Status.AUTHORISED, responded_at=None)
    unpublished = add_document(settings, tmp_path, released, publish=False)
    on_sar = add_document(settings, tmp_path, sar)
    on_unreleased = add_document(settings, tmp_path, unreleased)
    elsewhere = add_document(settings, tmp_path, other_released)

    assert client.get(document_url(released, unpublished)).status_code == 404
    assert client.get(document_url(sar, on_sar)).status_code == 404
    assert client.get(document_url(unreleased, on_unreleased)).status_code == 404
    # A published document reached through another case's reference.
    assert client.get(document_url(released, elsewhere)).status_code == 404
    assert client.get(f"{LOG_URL}{released.reference}/documents/999999/").status_code == 404


def test_document_missing_from_storage_is_404(client, db, settings, tmp_path):
    case = make_case()
    document = add_document(settings, tmp_path, case)
    document.file.storage.delete(document.file.name)
    assert client.get(document_url(case, document)).status_code == 404


def test_public_pages_need_no_sign_in(client, db):
    case = make_case()
    for url in (FORM_URL, LOG_URL, f"{LOG_URL}{case.reference}/"):
        assert client.get(url).status_code == 200


def test_case_logged_by_staff_then_answered_appears_in_the_log(client, cast, clock):
    """End to end through the services: a case only reaches the log once it is answered."""
    case = services.case_log(
        user=cast.ig_officer,
        requester={"name": "Pat Person", "email": "pat@example.org"},
        channel=Channel.EMAIL,
        received_at=NOW,
        title="Street lighting contracts",
        request_text="Please send the street lighting contracts.",
        regime=Regime.FOI,
    )
    assert case.reference not in client.get(LOG_URL).content.decode()
    Case.objects.filter(pk=case.pk).update(
        status=Status.RESPONDED,
        responded_at=NOW,
        outcome=Outcome.GRANTED,
        response_text="Dear Pat Person,\n\nThe contracts are attached.\n\nYours sincerely,\nIG",
    )
    # Answered is not published: publishing is IG's explicit step.
    assert case.reference not in client.get(LOG_URL).content.decode()
    with pytest.raises(services.ActionRefused, match="requester's name"):
        publication.case_publish(
            case_id=case.pk,
            user=cast.ig_officer,
            public_title="Street lighting contracts",
            public_summary="The street lighting contracts.",
            public_answer="Dear Pat, the contracts are attached.",
        )
    assert case.reference not in client.get(LOG_URL).content.decode()
    publication.case_publish(
        case_id=case.pk,
        user=cast.ig_officer,
        public_title="Street lighting contracts",
        public_summary="The street lighting contracts.",
        public_answer="The contracts are attached.",
    )
    html = client.get(LOG_URL).content.decode()
    assert case.reference in html
    assert "Pat Person" not in html
    publication.case_unpublish(case_id=case.pk, user=cast.ig_officer, reason="Contains a name.")
    assert case.reference not in client.get(LOG_URL).content.decode()


def test_a_cache_outage_does_not_stop_the_public_making_a_request(client, clock, settings):
    # The cache guards against spam only; the legal right to ask comes first.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    from django.core.cache import caches

    with pytest.raises(Exception):  # noqa: B017 - proves the cache really is down
        caches["default"].get("anything")
    response = submit(client, clock)
    assert response.status_code == 302
    assert Case.objects.get().channel == Channel.WEB
