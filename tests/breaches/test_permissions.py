"""Who may open what, through the HTTP views. Expected permissions are written out by hand from
the issue's visibility rule (the DPO and the SIRO see every breach; the reporter their own
report; an action's owner that action; nobody else anything), not read from the code."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from breaches import services
from breaches.models import Breach, BreachAction, Status
from tests.breaches.builders import breach_in

ROLES = [
    "ig_officer",
    "ig_manager",
    "officer_a",
    "officer_b",
    "director",
    "director_other",
    "siro",
    "manager",
    "manager_place",
    "administrator",
    "outsider",
]


def get_as(client, cast, who, url):
    client.force_login(getattr(cast, who))
    response = client.get(url)
    client.logout()
    return response.status_code


@pytest.mark.django_db
def test_anyone_signed_in_may_report_and_nobody_signed_out(client, cast):
    url = reverse("breaches:report")
    assert {who: get_as(client, cast, who, url) for who in ROLES} == dict.fromkeys(ROLES, 200)
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_the_register_is_for_the_dpo_and_the_siro(client, cast):
    url = reverse("breaches:register")
    expected = dict.fromkeys(ROLES, 403) | {"ig_manager": 200, "siro": 200}
    assert {who: get_as(client, cast, who, url) for who in ROLES} == expected
    assert client.get(url).status_code == 302


@pytest.mark.django_db
def test_a_breach_is_seen_by_the_dpo_the_siro_and_its_reporter_only(client, cast):
    breach = breach_in(Status.DECIDED, cast, reporter=cast.officer_a)
    url = reverse("breaches:detail", args=[breach.pk])
    expected = dict.fromkeys(ROLES, 404) | {"ig_manager": 200, "siro": 200, "officer_a": 200}
    assert {who: get_as(client, cast, who, url) for who in ROLES} == expected
    # The reporter sees the report, not the DPO's assessment and decisions.
    client.force_login(cast.officer_a)
    page = client.get(url).content.decode()
    assert "What happened" in page
    assert "Risk assessment" not in page and "Decisions on record" not in page
    assert "IC-000001-A1B2" not in page
    client.force_login(cast.siro)
    page = client.get(url).content.decode()
    assert "Risk assessment" in page and "IC-000001-A1B2" in page


@pytest.mark.django_db
def test_the_reporters_list_holds_only_their_own_reports(client, cast):
    mine = breach_in(Status.REPORTED, cast, reporter=cast.officer_a, title="Mine")
    breach_in(Status.REPORTED, cast, reporter=cast.officer_b, title="Someone else's")
    client.force_login(cast.officer_a)
    page = client.get(reverse("breaches:report")).content.decode()
    assert mine.reference in page and "Someone else&#x27;s" not in page


@pytest.fixture
def action(cast):
    breach = breach_in(Status.DECIDED, cast)
    services.breach_add_action(
        breach_id=breach.pk,
        user=cast.ig_manager,
        description="Retrain the team on checking addresses.",
        owner=cast.officer_b,
        due_on=timezone.localdate() + timedelta(days=5),
    )
    return BreachAction.objects.get()


@pytest.mark.django_db
def test_an_action_owner_sees_their_action_and_not_the_breach(client, cast, action):
    url = reverse("breaches:action", args=[action.pk])
    expected = dict.fromkeys(ROLES, 404) | {"ig_manager": 200, "siro": 200, "officer_b": 200}
    assert {who: get_as(client, cast, who, url) for who in ROLES} == expected
    assert (
        get_as(client, cast, "officer_b", reverse("breaches:detail", args=[action.breach.pk]))
        == 404
    )
    client.force_login(cast.officer_b)
    mine = client.get(reverse("breaches:my_actions")).content.decode()
    assert "Retrain the team" in mine
    client.force_login(cast.officer_a)
    assert "Retrain the team" not in client.get(reverse("breaches:my_actions")).content.decode()


@pytest.mark.django_db
def test_only_the_owner_or_the_dpo_records_an_action_done(client, cast, action):
    url = reverse("breaches:action", args=[action.pk])
    for who, status in (("siro", 403), ("officer_a", 404), ("outsider", 404)):
        client.force_login(getattr(cast, who))
        assert client.post(url, {"note": "x"}).status_code == status, who
    action.refresh_from_db()
    assert action.done_at is None
    client.force_login(cast.officer_b)
    assert client.post(url, {"note": "Done at the team meeting."}).status_code == 302
    action.refresh_from_db()
    assert action.done_note == "Done at the team meeting."


# --- the action pages: who may open and submit each, written out by hand ------------------------

WHO_MAY = {
    "edit_report": {"outsider"},  # the reporter
    "triage": {"ig_manager"},
    "update_details": {"ig_manager"},
    "change_awareness": {"ig_manager"},
    "assess_risk": {"ig_manager"},
    "decide_ico": {"ig_manager"},
    "record_ico_report": {"ig_manager"},
    "record_ico_update": {"ig_manager"},
    "decide_individuals": {"ig_manager"},
    "add_action": {"ig_manager"},
    "record_lessons": {"ig_manager"},
    "submit_for_sign_off": {"ig_manager"},
    "return_to_dpo": {"siro"},
    "sign_off": {"siro"},
}
# Who can see the breach at all (everyone else gets 404 rather than 403).
SEES = {"ig_manager", "siro", "outsider"}


def ready_for(action, cast) -> Breach:
    """A breach (reported by the outsider) on which `action` is possible now."""
    dpo = cast.ig_manager
    if action in ("edit_report", "triage"):
        return breach_in(Status.REPORTED, cast)
    if action in ("update_details", "change_awareness", "assess_risk"):
        return breach_in(Status.ASSESSING, cast)
    if action in ("decide_ico", "record_ico_report"):
        breach = breach_in(Status.ASSESSING, cast)
        services.breach_assess_risk(
            breach_id=breach.pk, user=dpo, likelihood=3, severity=3, reasoning="Risk."
        )
        if action == "record_ico_report":
            services.breach_decide_ico(
                breach_id=breach.pk, user=dpo, decision="report", reason="Risk."
            )
        return Breach.objects.get(pk=breach.pk)
    if action == "submit_for_sign_off":
        breach = breach_in(Status.DECIDED, cast)
        services.breach_decide_individuals(
            breach_id=breach.pk,
            user=dpo,
            decision="tell",
            reason="High risk.",
            told_on=timezone.localdate(),
            method="Letter",
            letter="Dear Sir or Madam, ...",
        )
        services.breach_record_lessons(breach_id=breach.pk, user=dpo, lessons_learned="x")
        return Breach.objects.get(pk=breach.pk)
    if action in ("return_to_dpo", "sign_off"):
        return breach_in(Status.AWAITING_SIGN_OFF, cast)
    return breach_in(Status.DECIDED, cast)


def valid_post(action, cast, breach):
    now = timezone.localtime() - timedelta(minutes=1)
    day, time = now.date().isoformat(), now.strftime("%H:%M")
    details = {
        "report_type": "initial",
        "is_cyber": "no",
        "how_found": "staff",
        "data_categories": ["special"],
        "people_affected": "2",
        "records_affected": "2",
        "cause": "wrong_email",
        "consequences": "Distress.",
        "containment": "Recalled.",
        "staff_involved": "Officer",
        "staff_trained": "yes",
    }
    return {
        "edit_report": {
            "title": "Corrected",
            "what_happened": "More detail.",
            "discovered_on": day,
            "discovered_time": time,
        },
        "triage": {"aware_on": day, "aware_time": time, **details},
        "update_details": details,
        "change_awareness": {
            "aware_on": (now - timedelta(hours=3)).date().isoformat(),
            "aware_time": (now - timedelta(hours=3)).strftime("%H:%M"),
            "reason": "Known earlier.",
        },
        "assess_risk": {"likelihood": "2", "severity": "2", "reasoning": "Low."},
        "decide_ico": {"decision": "report", "reason": "Risk to people."},
        "record_ico_report": {"ico_reference": "IC-9", "reported_on": day, "reported_time": time},
        "record_ico_update": {"sent_on": day, "sent_time": time, "summary": "Root cause found."},
        "decide_individuals": {
            "decision": "tell",
            "reason": "High risk.",
            "told_on": day,
            "method": "Letter",
            "letter": "Dear Sir or Madam, we are sorry.",
        },
        "add_action": {
            "description": "Train.",
            "owner": cast.officer_b.pk,
            "due_on": (now.date() + timedelta(days=3)).isoformat(),
        },
        "record_lessons": {"lessons_learned": "Check twice."},
        "submit_for_sign_off": {},
        "return_to_dpo": {"comments": "Add an action."},
        "sign_off": {"comments": ""},
    }[action] | {"version": breach.version}


@pytest.mark.django_db
@pytest.mark.parametrize("action", sorted(WHO_MAY))
def test_action_pages(client, cast, action):
    breach = ready_for(action, cast)
    url = reverse("breaches:breach_action", args=[breach.pk, action])
    expected = {
        who: 200 if who in WHO_MAY[action] else 403 if who in SEES else 404 for who in ROLES
    }
    assert {who: get_as(client, cast, who, url) for who in ROLES} == expected
    data = valid_post(action, cast, breach)
    for who in ROLES:
        if who in WHO_MAY[action]:
            continue
        client.force_login(getattr(cast, who))
        assert client.post(url, data).status_code in (403, 404), who
        assert Breach.objects.get(pk=breach.pk).version == breach.version, who
    (allowed,) = WHO_MAY[action]
    client.force_login(getattr(cast, allowed))
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = Breach.objects.get(pk=breach.pk)
    assert stored.version == breach.version + 1
    assert stored.events.first().kind == action
    assert stored.events.first().actor == getattr(cast, allowed)
