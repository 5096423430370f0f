"""Subject access under the DUAA: the clock stops for clarification only with a recorded reason
about the information or processing requested, and no SAR response is released without the
record of the reasonable and proportionate search."""

import pytest
from django.urls import reverse
from django.utils import timezone

from requests_app import sar, services
from requests_app.models import Case, Event, Outcome, Regime, Status
from requests_app.sar_models import SarClarification, SarSearch
from tests.requests_app.builders import _decided, logged
from workflow.engine import ActionRefused

REFUSED_WORDS = "clock stops for clarification only when the council needs it"
NO_SEARCH_WORDS = "Record the search first"


def ask(case, user, **extra):
    return services.case_ask_clarification(
        case_id=case.pk,
        user=user,
        question="Which of your dealings with us do you mean?",
        asked_on=timezone.localdate(),
        **extra,
    )


def authorised_sar(cast, org, outcome=Outcome.GRANTED):
    case = logged(cast, regime=Regime.SAR, title="My housing records")
    _decided(cast, org, case, outcome)
    if outcome in (Outcome.NOT_HELD, Outcome.ACCESSIBLE):
        return Case.objects.get(pk=case.pk)
    services.case_send_for_authorisation(case_id=case.pk, user=cast.ig_officer)
    return services.case_authorise(case_id=case.pk, user=cast.director)


LINES = [
    {"searched": True, "place": "Housing repairs system", "reason": "Holds every repair job."},
    {"searched": False, "place": "Archived paper files", "reason": "Destroyed in 2019."},
]


def post_lines(lines, version):
    data = {"rows-TOTAL_FORMS": str(len(lines)), "rows-INITIAL_FORMS": "0", "version": version}
    for i, line in enumerate(lines):
        data[f"rows-{i}-searched"] = "yes" if line["searched"] else "no"
        data[f"rows-{i}-place"] = line["place"]
        data[f"rows-{i}-reason"] = line["reason"]
    return data


# --- clarification -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"concerns": "information"},
        {"concerns": "information", "concerns_reason": "   "},
        {"concerns": "weather", "concerns_reason": "Not a real choice."},
    ],
)
def test_a_sar_clock_stop_without_a_reason_about_the_information_is_refused(cast, extra):
    case = logged(cast, regime=Regime.SAR)
    with pytest.raises(ActionRefused, match=REFUSED_WORDS):
        ask(case, cast.ig_officer, **extra)
    case.refresh_from_db()
    assert case.status == Status.RECEIVED and case.clarification_asked_on is None
    assert not SarClarification.objects.exists()


def test_a_sar_clock_stop_with_its_reason_is_recorded_on_the_case_and_timeline(cast):
    case = logged(cast, regime=Regime.SAR)
    ask(
        case,
        cast.ig_officer,
        concerns="processing",
        concerns_reason="Three services hold records under the same name.",
    )
    case.refresh_from_db()
    assert case.status == Status.AWAITING_CLARIFICATION and case.statutory_due is None
    pause = SarClarification.objects.get(case=case)
    assert (pause.concerns, pause.asked_by) == ("processing", cast.ig_officer)
    message = Event.objects.get(case=case, kind="ask_clarification").message
    assert "Clock stopped because it concerns: which processing" in message
    assert "Three services hold records under the same name." in message


def test_an_foi_clarification_needs_no_such_reason(cast):
    case = logged(cast, regime=Regime.FOI)
    ask(case, cast.ig_officer)
    assert Case.objects.get(pk=case.pk).status == Status.AWAITING_CLARIFICATION
    assert not SarClarification.objects.exists()


def test_the_clarification_page_asks_for_the_reason_on_a_sar_only(client, cast):
    sar_case, foi_case = logged(cast, regime=Regime.SAR), logged(cast, regime=Regime.FOI)
    client.force_login(cast.ig_officer)
    sar_url = reverse("requests:case_action", args=[sar_case.pk, "ask_clarification"])
    foi_url = reverse("requests:case_action", args=[foi_case.pk, "ask_clarification"])
    assert "concerns_reason" in client.get(sar_url).content.decode()
    assert "concerns_reason" not in client.get(foi_url).content.decode()
    today = timezone.localdate().isoformat()
    data = {"question": "Which years?", "asked_on": today, "version": sar_case.version}
    refused = client.post(sar_url, data)
    assert refused.status_code == 200 and REFUSED_WORDS in refused.content.decode()
    assert Case.objects.get(pk=sar_case.pk).status == Status.RECEIVED
    reason = {"concerns": "period", "concerns_reason": "No dates were given."}
    # The first press shows the letter (written from the question); the second sends it.
    shown = client.post(sar_url, data | reason)
    assert shown.status_code == 200 and "Which years?" in shown.content.decode()
    assert Case.objects.get(pk=sar_case.pk).status == Status.RECEIVED
    letter = shown.context["form"].data["body"]
    done = client.post(sar_url, data | reason | {"body": letter})
    assert done.status_code == 302
    page = client.get(reverse("requests:case", args=[sar_case.pk])).content.decode()
    assert "Clock stopped for clarification" in page and "No dates were given." in page


def test_only_ig_may_stop_a_sar_clock(client, cast, org):
    case = logged(cast, regime=Regime.SAR)
    services.case_assign(case_id=case.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk])
    case.refresh_from_db()
    url = reverse("requests:case_action", args=[case.pk, "ask_clarification"])
    data = {
        "question": "Which years?",
        "asked_on": timezone.localdate().isoformat(),
        "concerns": "period",
        "concerns_reason": "No dates.",
        "version": case.version,
    }
    # Written out: the assigned area's officer sees the case but may not; area B's cannot see it.
    for who, status in [("officer_a", 403), ("officer_b", 404), ("director", 403)]:
        client.force_login(getattr(cast, who))
        assert client.post(url, data).status_code == status, who
    assert Case.objects.get(pk=case.pk).status == Status.ASSIGNED


# --- the search record ----------------------------------------------------------------------


def test_a_sar_cannot_be_released_without_the_search_record_and_can_with_it(cast, org):
    case = authorised_sar(cast, org)
    with pytest.raises(ActionRefused, match=NO_SEARCH_WORDS):
        services.case_send_response(case_id=case.pk, user=cast.ig_officer)
    assert Case.objects.get(pk=case.pk).status == Status.AUTHORISED
    sar.case_search_record(case_id=case.pk, user=cast.officer_a, rows=LINES)
    assert [(s.searched, s.place) for s in SarSearch.objects.filter(case=case)] == [
        (True, "Housing repairs system"),
        (False, "Archived paper files"),
    ]
    services.case_send_response(case_id=case.pk, user=cast.ig_officer)
    assert Case.objects.get(pk=case.pk).status == Status.RESPONDED


def test_release_without_director_also_needs_the_search_record(cast, org):
    case = authorised_sar(cast, org, outcome=Outcome.NOT_HELD)
    with pytest.raises(ActionRefused, match=NO_SEARCH_WORDS):
        services.case_release_without_director(case_id=case.pk, user=cast.ig_manager)
    sar.case_search_record(case_id=case.pk, user=cast.ig_officer, rows=LINES[:1])
    services.case_release_without_director(case_id=case.pk, user=cast.ig_manager)
    assert Case.objects.get(pk=case.pk).status == Status.RESPONDED


@pytest.mark.parametrize(
    "rows, words",
    [
        ([], "at least one system or set of records that was searched"),
        ([LINES[1]], "at least one system or set of records that was searched"),
        ([{"searched": True, "place": "Housing", "reason": ""}], "Each line needs"),
    ],
)
def test_an_incomplete_search_record_is_refused(cast, org, rows, words):
    case = authorised_sar(cast, org)
    with pytest.raises(ActionRefused, match=words):
        sar.case_search_record(case_id=case.pk, user=cast.ig_officer, rows=rows)
    assert not SarSearch.objects.exists()


def test_the_search_record_over_http_refused_users_then_release(client, cast, org):
    case = authorised_sar(cast, org)
    release = reverse("requests:case_action", args=[case.pk, "send_response"])
    client.force_login(cast.ig_manager)
    blocked = client.post(release, {"version": case.version})
    assert blocked.status_code == 409 and NO_SEARCH_WORDS in blocked.content.decode()
    url = reverse("requests:case_search_record", args=[case.pk])
    data = post_lines(LINES, case.version)
    # Written out: IG and the assigned area's officer may; area B's officer cannot see the
    # case; the director, the SIRO and a manager may not.
    for who, status in [("officer_b", 404), ("director", 403), ("siro", 404), ("manager", 404)]:
        client.force_login(getattr(cast, who))
        assert client.post(url, data).status_code == status, who
    assert not SarSearch.objects.exists()
    client.force_login(cast.officer_a)
    bad = client.post(url, post_lines([{**LINES[0], "reason": ""}], case.version))
    assert bad.status_code == 200 and "Give the reason for this line." in bad.content.decode()
    assert not SarSearch.objects.exists()
    more = client.post(url, data | {"add_line": "1"})
    assert more.content.decode().count("Line 3") >= 1 and not SarSearch.objects.exists()
    assert client.post(url, data).status_code == 302
    assert SarSearch.objects.filter(case=case).count() == 2
    # The IG manager sees the record on the release page, then releases.
    case.refresh_from_db()
    client.force_login(cast.ig_manager)
    page = client.get(release).content.decode()
    assert "Archived paper files" in page and "Destroyed in 2019." in page
    letter = client.get(release).context["form"].initial["body"]  # the letter, as previewed
    assert client.post(release, {"version": case.version, "body": letter}).status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.RESPONDED


def test_a_stale_search_record_form_saves_nothing(client, cast, org):
    case = authorised_sar(cast, org)
    client.force_login(cast.ig_officer)
    url = reverse("requests:case_search_record", args=[case.pk])
    response = client.post(url, post_lines(LINES, case.version - 1))
    assert response.status_code == 200 and "since you opened the form" in response.content.decode()
    assert not SarSearch.objects.exists()


def test_an_foi_case_has_no_search_record_page(client, cast, org):
    case = logged(cast, regime=Regime.FOI)
    client.force_login(cast.ig_officer)
    response = client.get(reverse("requests:case_search_record", args=[case.pk]))
    assert response.status_code == 409
    assert "Only a subject access request has a search record." in response.content.decode()
