"""Who owns a case inside IG, and the internal notes officers leave on it.

A case gets its owner on arrival: the IG officer who logged it, or — for requests from the
public form — the next IG officer in turn (OWNER_FOR_WEB_REQUESTS = "round_robin"), or nobody
until someone takes it ("none"). The owner is the default recipient of IG alerts."""

import re

from django.conf import settings
from django.urls import reverse

from organisation import access
from organisation.models import Role, User
from requests_app.access import cases_visible_to
from requests_app.models import Case, Channel
from workflow import notifications
from workflow.engine import ActionRefused, apply

MENTION = re.compile(r"@([\w.@+-]+)")


def ig_staff():
    return User.objects.filter(
        role__in=[Role.IG_OFFICER, Role.IG_MANAGER], is_active=True
    ).order_by("id")


def owner_on_arrival(*, logged_by, channel: str) -> User | None:
    if logged_by is not None:
        return logged_by if access.is_ig(logged_by) else None
    if channel != Channel.WEB or settings.OWNER_FOR_WEB_REQUESTS != "round_robin":
        return None
    officers = list(ig_staff().filter(role=Role.IG_OFFICER)) or list(ig_staff())
    if not officers:
        return None
    last = (
        Case.objects.filter(channel=Channel.WEB, owner__isnull=False)
        .order_by("-created_at", "-id")
        .values_list("owner_id", flat=True)
        .first()
    )
    after_last = [o for o in officers if last is not None and o.pk > last]
    return (after_last or officers)[0]


def case_reallocate(
    *, case_id: int, user, owner_id: int, reason: str, expected_version: int | None = None
) -> Case:
    if not (reason or "").strip():
        raise ActionRefused("Say why the case is being reallocated.")
    owner = ig_staff().filter(pk=owner_id).first()
    if owner is None:
        raise ActionRefused("Choose an IG officer to own the case.")

    def change(case):
        if case.owner_id == owner.pk:
            raise ActionRefused(f"{owner.get_full_name() or owner} already owns this case.")
        was = case.owner.get_full_name() if case.owner else "nobody"
        case.owner = owner
        return f"Reallocated from {was} to {owner.get_full_name() or owner}: {reason}"

    return apply(
        model=Case,
        pk=case_id,
        user=user,
        action="reallocate",
        change=change,
        expected_version=expected_version,
    )


def mentioned(text: str, case: Case) -> list[User]:
    """Colleagues named as @username who may see the case (others are not told of it)."""
    names = {m.rstrip(".") for m in MENTION.findall(text)}
    if not names:
        return []
    users = User.objects.filter(username__in=names, is_active=True)
    return [u for u in users if cases_visible_to(u).filter(pk=case.pk).exists()]


def case_add_note(*, case_id: int, user, text: str, expected_version: int | None = None) -> Case:
    """An internal note: on the timeline for staff, never sent to the requester, never public.
    It does not change the case, so nobody's open form goes stale because of it."""
    if not (text or "").strip():
        raise ActionRefused("Write the note.")

    def change(case):
        told = [u for u in mentioned(text, case) if u.pk != user.pk]
        if told:
            who = user.get_full_name() or user.username
            notifications.notify(
                recipients=[
                    (u, f"{who} mentioned you in a note on {case.reference}.") for u in told
                ],
                kind="note_mention",
                subject=f"{case.reference}: you were mentioned in a note",
                template="note_mention",
                context={"case": case, "author": who},
                link_url=reverse("requests:case", args=[case.pk]),
                link_object=case,
            )
        names = ", ".join(u.get_full_name() or u.username for u in told)
        return text + (f"\n(Told: {names}.)" if told else "")

    return apply(
        model=Case,
        pk=case_id,
        user=user,
        action="add_note",
        change=change,
        expected_version=expected_version,
    )
