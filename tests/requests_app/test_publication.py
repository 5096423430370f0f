"""Publishing on the disclosure log: explicit, prefilled without the letter's wrapping, refused
while it names the requester, delayed by the setting, taken down with a reason."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from requests_app import publication
from requests_app.models import Case, Requester, Status
from tests.requests_app.builders import case_in
from workflow.engine import ActionRefused

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 3, 4, 10, 0, tzinfo=LONDON)  # Wed 4 Mar 2026


@pytest.fixture(autouse=True)
def frozen(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_answer_loses_its_greeting_and_sign_off():
    letter = (
        "Dear Alex,\n\nWe hold 312 claims.\nThey are listed below.\n\nYours sincerely,\nIG Team"
    )
    assert publication.answer_without_letter_wrapping(letter) == (
        "We hold 312 claims.\nThey are listed below."
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("We hold 312 claims.", []),
        ("Dear Alex, we hold 312 claims.", ["name"]),
        ("Sent to ALEX.MORGAN@example.org", ["email address", "name"]),
        ("Claims from 12 Church Street were paid.", ["address"]),
        ("Alexander Road claims", []),  # a longer word is not the name
    ],
)
def test_the_requesters_details_are_found_in_any_case(db, text, found):
    requester = Requester(
        name="Alex Morgan", email="alex.morgan@example.org", address="12 Church Street\nMelton"
    )
    assert publication.requester_details_in(text, requester) == found


def publish_data(case, **overrides):
    case.refresh_from_db()
    return {
        "public_title": "Pothole claims 2025",
        "public_summary": "How many pothole claims were made in 2025.",
        "public_answer": "We received 312 claims in 2025.",
        "version": case.version,
        **overrides,
    }


def test_ig_publishes_and_the_public_page_shows_the_public_version_only(client, cast, org):
    case = case_in(Status.RESPONDED, cast, org)
    url = reverse("requests:case_action", args=[case.pk, "publish"])
    client.force_login(cast.officer_a)  # a service area may not publish
    assert client.post(url, publish_data(case)).status_code in (403, 404)
    client.force_login(cast.ig_officer)
    form = client.get(url).context["form"]
    assert "Dear" not in form.initial["public_answer"]
    named = publish_data(case, public_answer="We wrote to Jo Bloggs with 312 claims.")
    response = client.post(url, named)
    assert "contains the requester&#x27;s name" in response.content.decode()
    assert Case.objects.get(pk=case.pk).published_at is None
    assert client.post(url, publish_data(case)).status_code == 302
    public = client.get(reverse("public:disclosure_detail", args=[case.reference]))
    html = public.content.decode()
    assert "We received 312 claims in 2025." in html
    assert "Jo Bloggs" not in html and "jo@example.org" not in html
    assert case.events.filter(kind="publish").exists()


def test_a_publication_delay_keeps_it_off_the_log_until_its_day(client, cast, org, settings):
    settings.PUBLICATION_DELAY_WORKING_DAYS = 2
    case = case_in(Status.RESPONDED, cast, org)
    publication.case_publish(
        case_id=case.pk,
        user=cast.ig_officer,
        public_title="Pothole claims",
        public_summary="",
        public_answer="312 claims.",
    )
    case.refresh_from_db()
    assert case.publish_from == dt.date(2026, 3, 6)  # Wed 4 -> Thu 5 (1), Fri 6 (2)
    detail = reverse("public:disclosure_detail", args=[case.reference])
    assert client.get(detail).status_code == 404
    with time_machine.travel(dt.datetime(2026, 3, 6, 9, 0, tzinfo=LONDON), tick=False):
        assert client.get(detail).status_code == 200


def test_taking_down_needs_a_reason_and_removes_it(client, cast, org):
    case = case_in(Status.RESPONDED, cast, org)
    publication.case_publish(
        case_id=case.pk,
        user=cast.ig_officer,
        public_title="T",
        public_summary="",
        public_answer="A",
    )
    with pytest.raises(ActionRefused, match="Say why"):
        publication.case_unpublish(case_id=case.pk, user=cast.ig_officer, reason=" ")
    publication.case_unpublish(case_id=case.pk, user=cast.ig_officer, reason="Wrong file.")
    detail = reverse("public:disclosure_detail", args=[case.reference])
    assert client.get(detail).status_code == 404
    assert case.events.filter(kind="unpublish").exists()
