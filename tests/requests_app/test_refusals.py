"""Who is refused what, through HTTP: out-of-scope users get 404 (a case cannot be probed),
read-only users 403 on every action, anonymous users the sign-in page, and an action the case
is not ready for 409 with the reason. A refusal never changes the case."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import URLPattern, reverse
from django.utils.html import escape

from requests_app import documents, services, urls
from requests_app.models import Case, Correspondence, Outcome, Regime, Status
from requests_app.transitions import TRANSITIONS as ACTIONS
from tests.requests_app.builders import case_in, qualified_exemption

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 3, 4, 10, 0, tzinfo=LONDON)  # Wed 4 Mar 2026, 10:00


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def state(case):
    """Status, the whole row, the timeline and the history: what a refusal must not touch."""
    return (
        Case.objects.filter(pk=case.pk).values().get(),
        list(case.events.values_list("id", flat=True)),
        list(case.history.values_list("history_id", flat=True)),
    )


def responded_with_document_and_letter(cast, org):
    """An FOI case of area A (Place) with an uploaded document and a PDF response letter."""
    case = case_in(Status.ASSIGNED, cast, org)
    upload = SimpleUploadedFile("claims.pdf", b"%PDF-1.4 claims")
    upload.checked_content_type = "application/pdf"
    documents.case_document_add(
        case_id=case.pk, user=cast.ig_officer, kind="working", upload=upload, publish=False
    )
    services.case_submit_draft(
        case_id=case.pk, user=cast.officer_a, service_area_id=org.area_a.pk, draft="None held."
    )
    services.case_decide(
        case_id=case.pk,
        user=cast.ig_manager,
        outcome=Outcome.NOT_HELD,
        reasons="",
        response_text="We do not hold this.",
    )
    # The letter's PDF is rendered once the release commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.case_release_without_director(case_id=case.pk, user=cast.ig_manager)
    return Case.objects.get(pk=case.pk)


def case_urls(case):
    document = case.documents.get()
    letter = case.correspondence.get(kind=Correspondence.Kind.RESPONSE)
    return [
        reverse("requests:case", args=[case.pk]),
        reverse("requests:case_history", args=[case.pk]),
        reverse("requests:document", args=[case.pk, document.pk]),
        reverse("requests:letter", args=[case.pk, letter.pk]),
    ]


# --- out of scope: 404 ----------------------------------------------------------------------


@pytest.mark.parametrize("outsider", ["officer_b", "director_other"])
def test_out_of_scope_staff_get_404_for_the_case_its_history_documents_and_letters(
    client, cast, org, outsider
):
    case = responded_with_document_and_letter(cast, org)
    pages = case_urls(case)
    # The same addresses open for the assigned area's officer and its director...
    for insider in (cast.officer_a, cast.director):
        client.force_login(insider)
        assert [client.get(url).status_code for url in pages] == [200, 200, 200, 200], insider
    # ...and answer 404 to the outsider, as if the case did not exist.
    client.force_login(getattr(cast, outsider))
    assert [client.get(url).status_code for url in pages] == [404, 404, 404, 404]
    action = reverse("requests:case_action", args=[case.pk, "open_review"])
    assert client.get(action).status_code == 404
    assert client.post(action, {"received_on": "2026-03-04", "grounds": "x"}).status_code == 404
    assert not Case.objects.filter(review_of=case).exists()


# --- read-only manager ----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["manager", "manager_place"])
def test_a_manager_can_read_an_foi_case_in_scope_but_do_nothing_to_it(client, cast, org, who):
    case = case_in(Status.ASSIGNED, cast, org)  # area A, in the Place directorate
    before = state(case)
    client.force_login(getattr(cast, who))
    response = client.get(reverse("requests:case", args=[case.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert case.reference in html
    assert 'id="actions"' not in html
    assert "/actions/" not in html
    for action in ACTIONS:
        url = reverse("requests:case_action", args=[case.pk, action])
        assert client.get(url).status_code == 403, action
        assert client.post(url, {}).status_code == 403, action
    assert state(case) == before


def test_the_same_case_shows_ig_its_action_buttons(client, cast, org):
    """The control for the test above: the buttons exist for someone who may act."""
    case = case_in(Status.ASSIGNED, cast, org)
    client.force_login(cast.ig_officer)
    html = client.get(reverse("requests:case", args=[case.pk])).content.decode()
    assert 'id="actions"' in html
    assert reverse("requests:case_action", args=[case.pk, "acknowledge"]) in html


def test_a_manager_in_another_directorate_cannot_open_the_case(client, cast, org):
    case = case_in(Status.RECEIVED, cast, org)
    services.case_assign(case_id=case.pk, user=cast.ig_officer, service_area_ids=[org.area_b.pk])
    client.force_login(cast.manager_place)  # Place; the case is with Housing (People)
    assert client.get(reverse("requests:case", args=[case.pk])).status_code == 404


@pytest.mark.parametrize("who", ["manager", "manager_place", "siro"])
def test_managers_cannot_open_a_subject_access_case(client, cast, org, who):
    case = case_in(Status.ASSIGNED, cast, org, regime=Regime.SAR)
    client.force_login(getattr(cast, who))
    assert client.get(reverse("requests:case", args=[case.pk])).status_code == 404
    assert client.get(reverse("requests:case_history", args=[case.pk])).status_code == 404
    client.force_login(cast.officer_a)  # the assigned area does see it
    assert client.get(reverse("requests:case", args=[case.pk])).status_code == 200


# --- anonymous ------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_sign_in_from_every_staff_url(client, cast, org):
    case = responded_with_document_and_letter(cast, org)
    values = {
        "pk": case.pk,
        "action": "decide",
        "document_id": case.documents.get().pk,
        "letter_id": case.correspondence.get(kind="response").pk,
    }
    before = state(case)
    names = []
    for pattern in urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        names.append(pattern.name)
        # Every parameter the pattern takes must be known here, so a new URL is not skipped.
        kwargs = {name: values[name] for name in pattern.pattern.converters}
        url = reverse(f"requests:{pattern.name}", kwargs=kwargs)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, (url, method)
            assert response.url == f"{reverse('login')}?next={url}", url
    assert {
        "queue",
        "inbox",
        "authorisations",
        "case_new",
        "case",
        "case_history",
        "case_action",
        "document",
        "letter",
    } <= set(names)
    assert state(case) == before


# --- illegal transitions --------------------------------------------------------------------


def draft_ready(cast, org, *, exemption=None):
    case = case_in(Status.ASSIGNED, cast, org)
    if exemption is not None:
        services.case_propose_exemption(
            case_id=case.pk, user=cast.officer_a, exemption_id=exemption.pk
        )
    services.case_submit_draft(
        case_id=case.pk, user=cast.officer_a, service_area_id=org.area_a.pk, draft="312 claims."
    )
    return Case.objects.get(pk=case.pk)


def post_refused(client, user, case, action, data, status, message):
    before = state(case)
    client.force_login(user)
    case.refresh_from_db()
    data = {**data, "version": case.version}
    response = client.post(reverse("requests:case_action", args=[case.pk, action]), data)
    assert response.status_code == status
    assert escape(message) in response.content.decode()
    assert state(case) == before
    return response


def test_a_granted_case_cannot_be_released_without_a_director(client, cast, org):
    case = draft_ready(cast, org)
    services.case_decide(
        case_id=case.pk,
        user=cast.ig_manager,
        outcome=Outcome.GRANTED,
        reasons="",
        response_text="312 claims.",
    )
    post_refused(
        client,
        cast.ig_manager,
        case,
        "release_without_director",
        {},
        409,
        "Only 'not held' and 'accessible by other means' skip the director.",
    )
    assert not Correspondence.objects.filter(case=case).exists()


def test_a_qualified_exemption_without_its_test_cannot_go_for_authorisation(client, cast, org):
    case = draft_ready(cast, org, exemption=qualified_exemption())
    services.case_decide(
        case_id=case.pk,
        user=cast.ig_officer,
        outcome=Outcome.GRANTED,
        reasons="",
        response_text="312 claims.",
    )
    post_refused(
        client,
        cast.ig_officer,
        Case.objects.get(pk=case.pk),
        "send_for_authorisation",
        {},
        409,
        f"Record the public-interest test for {qualified_exemption().code}.",
    )
    assert Case.objects.get(pk=case.pk).status == Status.DRAFT_READY


def test_a_closed_case_cannot_be_decided_again(client, cast, org):
    case = case_in(Status.CLOSED, cast, org)
    data = {"outcome": "refused", "reasons": "Changed our mind.", "response_text": "No."}
    post_refused(
        client,
        cast.ig_manager,
        case,
        "decide",
        data,
        409,
        "A case that is closed cannot be changed that way.",
    )
    # The service-area officer of the case sees it but may never decide: 403.
    post_refused(
        client,
        cast.officer_a,
        case,
        "decide",
        data,
        403,
        "You do not have permission to see this page",
    )
    assert Case.objects.get(pk=case.pk).outcome == Outcome.GRANTED
