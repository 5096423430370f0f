"""IG's page of emails needing a decision, and the delivery state shown on a case's letters."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from requests_app import services
from requests_app.models import Correspondence, Status
from tests.requests_app.builders import case_in
from workflow import outbox
from workflow.models import OutgoingEmail

NOW = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)
PAGE = "/outbox/"


@pytest.fixture(autouse=True)
def no_worker(monkeypatch):
    monkeypatch.setattr("workflow.tasks.send_email.delay", lambda pk: None)


def problem(state: str, n: int = 0) -> OutgoingEmail:
    return OutgoingEmail.objects.create(
        to=f"person{n}@example.org",
        subject=f"Letter {n}",
        body_text="Hello",
        state=state,
        attempts=1,
        last_error="The worker stopped" if state == "uncertain" else "550 mailbox unavailable",
    )


def test_the_urls_are_where_the_page_links_point():
    assert reverse("outbox:problems") == PAGE
    assert reverse("outbox:mark_sent", args=[7]) == "/outbox/7/mark-sent/"
    assert reverse("outbox:send_again", args=[7]) == "/outbox/7/send-again/"


def test_ig_see_uncertain_and_failed_emails_only(client, cast, django_assert_max_num_queries):
    uncertain, failed = problem("uncertain", 1), problem("failed", 2)
    problem("sent", 3), problem("pending", 4), problem("sending", 5)
    for n in range(6, 30):
        problem("failed", n)
    for user in (cast.ig_officer, cast.ig_manager):
        client.force_login(user)
        with django_assert_max_num_queries(8):
            response = client.get(PAGE)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Letter 1" in page and "Letter 2" in page and "Letter 29" in page
        assert "Letter 3<" not in page and "Letter 4<" not in page and "Letter 5<" not in page
        assert uncertain.message_id.replace("<", "&lt;").replace(">", "&gt;") in page
        assert f"/outbox/{failed.pk}/send-again/" in page


@pytest.mark.parametrize(
    "who", ["officer_a", "director", "manager", "siro", "administrator", "outsider"]
)
def test_everyone_else_is_refused_the_page_and_the_decisions(client, cast, who):
    email = problem("uncertain")
    client.force_login(getattr(cast, who))
    assert client.get(PAGE).status_code == 403
    for name in ("outbox:mark_sent", "outbox:send_again"):
        assert client.post(reverse(name, args=[email.pk])).status_code == 403
    email.refresh_from_db()
    assert (email.state, email.resolved_by) == ("uncertain", None)


def test_signed_out_people_are_sent_to_sign_in(client, db):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_ig_mark_an_email_as_sent(client, cast):
    email = problem("uncertain")
    client.force_login(cast.ig_manager)
    response = client.post(reverse("outbox:mark_sent", args=[email.pk]), follow=True)
    assert response.redirect_chain == [(PAGE, 302)]
    assert "Letter 0: Marked as sent." in response.content.decode()
    email.refresh_from_db()
    assert (email.state, email.resolution, email.resolved_by) == (
        "sent",
        "marked_sent",
        cast.ig_manager,
    )


def test_ig_send_an_email_again(client, cast):
    email = problem("failed")
    client.force_login(cast.ig_officer)
    response = client.post(reverse("outbox:send_again", args=[email.pk]), follow=True)
    assert "Letter 0: Queued to be sent again." in response.content.decode()
    email.refresh_from_db()
    assert (email.state, email.attempts, email.resolved_by) == ("pending", 0, cast.ig_officer)


def test_a_decision_on_an_email_that_no_longer_needs_one_changes_nothing(client, cast):
    email = problem("sent")
    client.force_login(cast.ig_officer)
    response = client.post(reverse("outbox:send_again", args=[email.pk]), follow=True)
    assert response.status_code == 200
    assert "This email no longer needs a decision: it is now “Sent”." in (response.content.decode())
    email.refresh_from_db()
    assert (email.state, email.resolved_by) == ("sent", None)


@pytest.mark.parametrize("pk", [0, 999999, 2**63, 10**30])
def test_unknown_or_overflowing_ids_are_not_found(client, cast, pk):
    client.force_login(cast.ig_officer)
    assert client.post(f"/outbox/{pk}/mark-sent/").status_code == 404


def test_decisions_are_post_only(client, cast):
    email = problem("uncertain")
    client.force_login(cast.ig_officer)
    assert client.get(reverse("outbox:mark_sent", args=[email.pk])).status_code == 405
    email.refresh_from_db()
    assert email.state == "uncertain"


def test_the_case_page_shows_each_letters_delivery(client, cast, org):
    with time_machine.travel(NOW, tick=False):
        case = case_in(Status.ASSIGNED, cast, org)
        services.case_acknowledge(case_id=case.pk, user=cast.ig_officer)
    letter = Correspondence.objects.get(case=case, kind="acknowledgement")
    email = outbox.delivery_of(letter)
    url = reverse("requests:case", args=[case.pk])
    client.force_login(cast.ig_officer)
    assert "waiting to be emailed" in client.get(url).content.decode()

    OutgoingEmail.objects.filter(pk=email.pk).update(state="uncertain")
    page = client.get(url).content.decode()
    assert "Delivery uncertain" in page
    assert f'href="{PAGE}"' in page  # IG are led to the decision

    client.force_login(cast.officer_a)  # may see the case, not the outbox
    page = client.get(url).content.decode()
    assert "Delivery uncertain" in page
    assert f'href="{PAGE}"' not in page

    OutgoingEmail.objects.filter(pk=email.pk).update(state="sent", sent_at=NOW)
    client.force_login(cast.ig_officer)
    assert "emailed 4 Mar 2026 09:00" in client.get(url).content.decode()
