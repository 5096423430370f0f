"""Notifications about breaches: to the DPO and the SIRO when one is reported, to an action's
owner, to the SIRO for sign-off. Emails name a breach by its reference and service area only:
the title and description may hold the very personal data that was breached, and email travels
further than the case system. Whoever could not open the link is never told (access.can)."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from breaches.models import Breach, BreachAction
from organisation import access
from organisation.models import Role, User
from workflow import notifications


def team(*roles: str):
    return User.objects.filter(role__in=roles, is_active=True).order_by("pk")


def _moment(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} on {local:%A} {local.day} {local:%B %Y}"


def breach_facts(breach: Breach) -> list[tuple[str, str]]:
    facts = [
        ("Reference", breach.reference),
        ("Service area", str(breach.service_area) if breach.service_area else "not given"),
        ("Reported", _moment(breach.reported_at)),
    ]
    if breach.ico_due:
        facts.append(("Report to the ICO by", _moment(breach.ico_due)))
    return facts


def _tell(recipients, breach_or_action, **kwargs):
    allowed = [(u, why) for u, why in recipients if access.can(u, "view", breach_or_action)]
    if allowed:
        notifications.notify(recipients=allowed, link_object=breach_or_action, **kwargs)
    return allowed


def reported(breach: Breach) -> None:
    """Called inside the transaction that records the report: the DPO and the SIRO are told at
    once, whatever the hour (Art 33: the 72 hours run through nights and weekends)."""
    url = reverse("breaches:detail", args=[breach.pk])
    recipients = [
        *[(u, "You are the Data Protection Officer.") for u in team(Role.IG_MANAGER)],
        *[(u, "You are the Senior Information Risk Owner.") for u in team(Role.SIRO)],
    ]
    _tell(
        recipients,
        breach,
        kind="breach_reported",
        subject=f"Suspected personal-data breach reported: {breach.reference}",
        template="record",
        context={
            "headline": "A member of staff has reported a suspected personal-data breach.",
            "facts": breach_facts(breach),
            "action": "Triage it now: the 72 hours to report it to the ICO start from the "
            "moment the council became aware of it.",
            "record_url": notifications.absolute_url(url),
            "reference": breach.reference,
        },
        link_url=url,
    )


def action_assigned(action_id: int) -> None:
    with transaction.atomic():
        action = BreachAction.objects.select_related("breach", "owner").get(pk=action_id)
        url = reverse("breaches:action", args=[action.pk])
        _tell(
            [(action.owner, "You own this action.")],
            action,
            kind="breach_action",
            subject=f"An action for you on breach {action.breach.reference}",
            template="record",
            context={
                "headline": "The Data Protection Officer has given you an action.",
                "facts": [
                    ("Breach", action.breach.reference),
                    ("Due", f"{action.due_on:%A} {action.due_on.day} {action.due_on:%B %Y}"),
                ],
                "action": "Open it to read what is needed, and record it done when it is.",
                "record_url": notifications.absolute_url(url),
                "reference": action.breach.reference,
            },
            link_url=url,
        )


def sign_off_requested(breach_id: int) -> None:
    with transaction.atomic():
        breach = Breach.objects.select_related("service_area").get(pk=breach_id)
        url = reverse("breaches:detail", args=[breach.pk])
        _tell(
            [(u, "You are the Senior Information Risk Owner.") for u in team(Role.SIRO)],
            breach,
            kind="breach_sign_off",
            subject=f"Breach {breach.reference} is ready for your sign-off",
            template="record",
            context={
                "headline": "The DPO has sent a breach for your sign-off.",
                "facts": breach_facts(breach),
                "action": "Review the decisions on record, then sign it off or return it.",
                "record_url": notifications.absolute_url(url),
                "reference": breach.reference,
            },
            link_url=url,
        )
