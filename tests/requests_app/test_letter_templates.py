"""Letter templates (edited in the admin) and letters previewed and edited before they go."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from requests_app import correspondence, letter_templates, services
from requests_app.letter_models import LetterTemplate
from requests_app.models import AppliedExemption, Correspondence, Exemption, Outcome, Status
from tests.requests_app.builders import case_in, logged
from workflow import outbox

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 2, 11, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def no_worker(monkeypatch):
    monkeypatch.setattr("workflow.tasks.send_email.delay", lambda email_id: None)


def action_url(case, action):
    return reverse("requests:case_action", args=[case.pk, action])


# --- the admin refuses a template that cannot be rendered ---------------------------------------

BROKEN = [
    ("{% if %}x{% endif %}", "Unexpected end of expression in if tag"),
    ("{% load static %}", "Invalid block tag on line 1: 'load'"),
    ('{% include "base.html" %}', "Invalid block tag on line 1: 'include'"),
    ('{% extends "base.html" %}', "Invalid block tag on line 1: 'extends'"),
    ("{% debug %}", "Invalid block tag on line 1: 'debug'"),
    ("{{ answer|safe }}", "Invalid filter: 'safe'"),
    ("{{ case.requester.email }}", "uses case, which is not a placeholder"),
    ('{% if outcome_code == "part" %}{{ reson }}{% endif %}', "uses reson, which is not"),
    ("{% for x in exemptions %}{{ x.citation }}{% endfor %}{{ secret }}", "uses secret"),
]


@pytest.mark.parametrize(("body", "error"), BROKEN)
def test_the_admin_refuses_a_template_that_cannot_render_and_keeps_the_old_one(
    client, cast, body, error
):
    template = LetterTemplate.objects.get(kind="acknowledgement", regime="foi", language="en")
    before = template.body
    client.force_login(cast.administrator)
    url = reverse("admin:requests_app_lettertemplate_change", args=[template.pk])
    response = client.post(
        url, {"kind": "acknowledgement", "regime": "foi", "subject": "Hi", "body": body}
    )
    assert response.status_code == 200
    assert error in response.content.decode().replace("&#x27;", "'")
    template.refresh_from_db()
    assert template.body == before


def test_the_admin_saves_a_good_template_and_the_next_letter_uses_it(client, cast):
    template = LetterTemplate.objects.get(kind="acknowledgement", regime="foi", language="en")
    client.force_login(cast.administrator)
    url = reverse("admin:requests_app_lettertemplate_change", args=[template.pk])
    response = client.post(
        url,
        {
            "kind": "acknowledgement",
            "regime": "foi",
            "subject": "{{ reference }} received",
            "body": "We will answer {{ title }} by {{ due_on|date:'j F Y' }}.",
        },
    )
    assert response.status_code == 302
    case = logged(cast, title="Bins")
    services.case_acknowledge(case_id=case.pk, user=cast.ig_officer)
    letter = case.correspondence.get()
    assert letter.subject == f"{case.reference} received"
    assert f"We will answer Bins by {case.statutory_due:%-d %B %Y}." in letter.body


def test_the_admin_form_lists_the_placeholders(client, cast):
    client.force_login(cast.administrator)
    page = client.get(reverse("admin:requests_app_lettertemplate_add")).content.decode()
    for name in ("requester_name", "exemptions", "due_on", "delivery", "complaint_url"):
        assert "{{ " + name + " }}" in page


def test_staff_other_than_administrators_cannot_reach_the_templates(client, cast):
    client.force_login(cast.ig_manager)
    response = client.get(reverse("admin:requests_app_lettertemplate_changelist"))
    assert response.status_code == 302  # to the admin sign-in: not staff
    assert "/admin/login/" in response["Location"]


# --- every kind renders for every regime, with the regime's citations ----------------------------

ICO = "Information Commissioner's Office"
DP_ROUTE = ["complain to us", "section 164A", ICO, "apply to a court"]
ARTICLE_15 = ["purposes", "categories", "recipients", "retention", "source", "rectification"]
KINDS = [
    "receipt",
    "acknowledgement",
    "clarification",
    "id_request",
    "extension",
    "response",
    "refusal",
    "not_held",
    "review_response",
]
REGIMES = ["foi", "eir", "sar", "erasure"]
OUTCOME = {"response": Outcome.GRANTED, "refusal": Outcome.PART, "not_held": Outcome.NOT_HELD}
# Written out by hand: what the letter must say (and must not) for each kind and regime.
MUST = {
    ("acknowledgement", "foi"): ["section 10", "DUE"],
    ("acknowledgement", "eir"): ["regulation 5(2)", "DUE"],
    ("acknowledgement", "sar"): ["Article 12(3)"],
    ("clarification", "foi"): ["section 1(3)", "Which year?"],
    ("clarification", "eir"): ["regulation 9(2)", "Which year?"],
    ("clarification", "sar"): ["paused", "Which year?"],
    ("extension", "foi"): ["section 10(3)", "FOIA s43"],
    ("extension", "eir"): ["regulation 7(1)"],
    ("extension", "sar"): ["Article 12(3)", *DP_ROUTE],
    ("response", "foi"): ["internal review", "section 50"],
    ("response", "eir"): ["regulation 11", "regulation 18"],
    ("response", "sar"): ["Article 15", *ARTICLE_15, *DP_ROUTE],
    ("response", "erasure"): DP_ROUTE,
    ("refusal", "foi"): ["refusal notice under section 17", "FOIA s43", "The balance lies"],
    ("refusal", "eir"): ["regulation 14", "EIR regulation 12(5)(e)", "12(1)(b)", "balance lies"],
    ("refusal", "sar"): ["withheld some of your personal data", *ARTICLE_15, *DP_ROUTE],
    ("refusal", "erasure"): DP_ROUTE,
    ("not_held", "foi"): ["section 1(1)(a)", "section 50"],
    ("not_held", "eir"): ["regulation 12(4)(a)", "regulation 14", "regulation 18"],
    ("not_held", "sar"): DP_ROUTE,
    ("not_held", "erasure"): DP_ROUTE,
    ("review_response", "foi"): ["section 50"],
    ("review_response", "eir"): ["regulation 18"],
    ("review_response", "sar"): ["as a complaint", *DP_ROUTE],
}
MUST_NOT = {
    # A SAR is not reviewed like an FOI request: its route is the data-protection complaint.
    ("response", "sar"): ["internal review"],
    ("refusal", "sar"): ["internal review"],
    ("not_held", "sar"): ["internal review"],
    ("not_held", "eir"): ["section 1(1)(a)"],
}


@pytest.fixture
def cases(cast):
    """One case per regime, each with an exemption of its law applied and its answer."""
    exemption_for = {"foi": ("foi", "s43"), "eir": ("eir", "12(5)(e)")}
    made = {}
    for regime in REGIMES:
        case = logged(cast, regime=regime, title="Claims")
        law, code = exemption_for.get(regime, ("dpa", "Sch2 p16"))
        AppliedExemption.objects.create(
            case=case,
            exemption=Exemption.objects.get(law=law, code=code),
            public_interest_test="The balance lies in withholding it.",
            proposed_by=cast.ig_manager,
        )
        case.response_text = "Dear Jo,\n\nHere is the answer.\n\nYours sincerely,\nAn officer"
        case.review_of = logged(cast, regime=regime)
        made[regime] = case
    return made


@pytest.mark.parametrize("regime", REGIMES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_letter_kind_renders_for_every_regime(cases, kind, regime):
    case = cases[regime]
    case.outcome = OUTCOME.get(kind, Outcome.GRANTED)
    subject, body = correspondence.compose(case, kind, extra="Which year?")
    letter = letter_templates.letter_text(case.requester.name, body)
    email = letter_templates.email_text(letter)
    assert case.reference in subject
    assert email.startswith("Dear Jo Bloggs,\n")
    assert email.count("Dear ") == 1  # the answer's own "Dear Jo" is dropped
    assert email.count("Yours sincerely") == 1
    assert email.count("Market Street") == 1  # the address block, once
    assert "{" not in email and "&#x27;" not in email
    due = f"{case.statutory_due:%-d %B %Y}" if case.statutory_due else "no date"
    for phrase in MUST.get((kind, regime), []):
        assert phrase.replace("DUE", due) in email, (kind, regime, phrase)
    for phrase in MUST_NOT.get((kind, regime), []):
        assert phrase not in email, (kind, regime, phrase)


@pytest.mark.parametrize(
    ("regime", "outcome", "phrase"),
    [
        ("foi", Outcome.GRANTED, "section 50"),
        ("foi", Outcome.REFUSED, "refusal notice under section 17"),
        ("foi", Outcome.COST_LIMIT, "section 12"),
        ("eir", Outcome.NOT_HELD, "regulation 12(4)(a)"),
        ("eir", Outcome.VEXATIOUS, "manifestly unreasonable (regulation 12(4)(b))"),
        ("sar", Outcome.GRANTED, "Article 15"),
    ],
)
def test_the_response_letter_follows_the_outcome(cases, regime, outcome, phrase):
    case = cases[regime]
    case.outcome = outcome
    assert phrase in correspondence.compose(case, "response")[1]


def test_the_bundled_letter_stands_in_when_the_council_deleted_the_template(cases):
    LetterTemplate.objects.filter(kind="not_held").delete()
    case = cases["eir"]
    case.outcome = Outcome.NOT_HELD
    assert "regulation 12(4)(a)" in correspondence.compose(case, "response")[1]


# --- preview, edit, send through the action page -------------------------------------------------


def test_acknowledgement_is_previewed_edited_and_the_edited_letter_is_sent(client, cast):
    case = logged(cast)
    client.force_login(cast.ig_officer)
    page = client.get(action_url(case, "acknowledge")).content.decode()
    due = f"{case.statutory_due:%-d %B %Y}"
    assert f"we will respond by {due}" in page  # the letter, before anything is sent
    assert page.count("Dear Jo Bloggs,") == 1
    assert not case.correspondence.exists()

    edited = "Thank you for your request about potholes.\n\nWe will reply by 9 March 2026."
    preview = client.post(
        action_url(case, "acknowledge"), {"version": case.version, "body": edited, "preview": "1"}
    )
    assert preview.status_code == 200
    assert "Thank you for your request about potholes." in preview.content.decode()
    assert not case.correspondence.exists()  # previewing sends nothing

    response = client.post(
        action_url(case, "acknowledge"), {"version": case.version, "body": edited}
    )
    assert response.status_code == 302
    letter = case.correspondence.get()
    assert letter.kind == Correspondence.Kind.ACKNOWLEDGEMENT
    assert letter.body == (
        f"Dear Jo Bloggs,\n\n{edited}\n\nYours sincerely,\n\nInformation Governance\n"
        "Demo District Council"
    )
    email = outbox.delivery_of(letter)
    assert email.to == "jo@example.org"
    assert edited in email.body_text
    assert email.body_text.count("Dear ") == 1
    assert email.body_text.count("Yours sincerely") == 1
    assert "Market Street" in email.body_text
    case.refresh_from_db()
    assert case.acknowledged_at is not None


def test_a_clarification_letter_is_written_from_the_question_and_shown_before_it_goes(client, cast):
    case = logged(cast)
    client.force_login(cast.ig_officer)
    url = action_url(case, "ask_clarification")
    data = {"version": case.version, "question": "Which ward?", "asked_on": "2026-02-11"}
    first = client.post(url, data)
    assert first.status_code == 200
    assert "Which ward?" in first.content.decode()
    case.refresh_from_db()
    assert (case.status, case.correspondence.count()) == (Status.RECEIVED, 0)

    body = "Please tell us which ward you mean: Which ward?"
    assert client.post(url, {**data, "body": body}).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.AWAITING_CLARIFICATION
    assert body in outbox.delivery_of(case.correspondence.get()).body_text


def test_a_body_with_its_own_greeting_or_sign_off_is_refused(client, cast):
    case = logged(cast)
    client.force_login(cast.ig_officer)
    for body, error in [
        ("Dear Jo,\n\nThanks.", "Remove the greeting"),
        ("Thanks.\n\nKind regards,\nSam", "Remove the sign-off"),
    ]:
        response = client.post(
            action_url(case, "acknowledge"), {"version": case.version, "body": body}
        )
        assert response.status_code == 200
        assert error in response.content.decode()
    assert not case.correspondence.exists()


def test_a_letter_opened_before_someone_else_changed_the_case_is_not_sent(client, cast, org):
    case = logged(cast)
    opened_at = case.version
    services.case_assign(case_id=case.pk, user=cast.ig_manager, service_area_ids=[org.area_a.pk])
    client.force_login(cast.ig_officer)
    response = client.post(
        action_url(case, "acknowledge"), {"version": opened_at, "body": "We have your request."}
    )
    assert response.status_code == 200
    assert "was changed by" in response.content.decode()
    assert not case.correspondence.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("officer_a", 403), ("officer_b", 404), ("director_other", 404), ("outsider", 404)],
)
def test_people_who_may_not_send_the_response_are_refused(client, cast, org, who, status):
    case = case_in(Status.AUTHORISED, cast, org)
    client.force_login(getattr(cast, who))
    url = action_url(case, "send_response")
    assert client.get(url).status_code == status
    assert client.post(url, {"version": case.version, "body": "Here."}).status_code == status
    assert not case.correspondence.filter(kind="response").exists()


def test_the_edited_response_goes_in_the_pdf_with_one_greeting_sign_off_and_address(
    client, cast, org, django_capture_on_commit_callbacks
):
    case = case_in(Status.AUTHORISED, cast, org)
    client.force_login(cast.ig_officer)
    page = client.get(action_url(case, "send_response")).content.decode()
    assert "We received 312 claims in 2025." in page
    body = "We received 312 claims in 2025, and 40 so far in 2026."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            action_url(case, "send_response"), {"version": case.version, "body": body}
        )
    assert response.status_code == 302
    letter = case.correspondence.get(kind="response")
    assert body in letter.body
    assert body in outbox.delivery_of(letter).body_text
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(letter.pdf.read())).pages)
    assert text.count("Dear Jo Bloggs") == 1
    assert text.count("Yours sincerely") == 1
    assert text.count("Market Street") == 1
    assert "40 so far in 2026" in text
