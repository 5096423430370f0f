"""Arrival and triage: logging a request, classifying it, asking the requester for more."""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from deadlines.errors import DeadlineError
from organisation.history import acting_user
from requests_app import changes, clock, correspondence, ownership, sar
from requests_app.models import (
    Case,
    Channel,
    Correspondence,
    CorrespondenceLanguage,
    ReferenceCounter,
    Regime,
    Requester,
)
from requests_app.services.common import _apply, _event, _not_future, _require_text
from workflow.engine import ActionRefused

# --- arrival --------------------------------------------------------------------------------


def requester_match(*, name: str, email: str) -> Requester | None:
    """A known requester: the same email address; for a request without one, the same name
    and no email. (A new address never joins a postal requester: the address would be lost.)"""
    if email:
        return Requester.objects.filter(email__iexact=email).order_by("id").first()
    return (
        Requester.objects.filter(name__iexact=name.strip(), email="").order_by("id").first()
        if name.strip()
        else None
    )


def _with_language(requester: dict) -> dict:
    """The language of correspondence is recorded only under the Welsh Language Standards
    (English otherwise), and only as one of the choices."""
    if "language" not in requester:
        return requester
    language = requester["language"]
    if not settings.WELSH_LANGUAGE_STANDARDS or language not in CorrespondenceLanguage.values:
        language = CorrespondenceLanguage.ENGLISH
    return {**requester, "language": language}


def _next_reference(year: int) -> str:
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"IG-{year}-{counter.last:05d}"


def case_log(
    *,
    user,
    requester: dict,
    channel: str,
    received_at: dt.datetime,
    title: str,
    request_text: str,
    regime: str = Regime.UNCLASSIFIED,
    flags: Iterable[str] = (),
) -> Case:
    """Record a request as it arrived. `user` is None for the public web form."""
    if received_at > timezone.now():
        raise ActionRefused("The date and time received cannot be in the future.")
    with transaction.atomic(), acting_user(user):
        requester = _with_language(requester)
        person = requester_match(name=requester["name"], email=requester.get("email", ""))
        if person is None:
            person = Requester.objects.create(**requester)
        elif "language" in requester and person.language != requester["language"]:
            # The language they asked for with this request is the one they want now; the
            # requester's history keeps the old one.
            person.language = requester["language"]
            person.save(update_fields=["language"])
        case = Case(
            reference=_next_reference(timezone.localdate(received_at).year),
            requester=person,
            channel=channel,
            received_at=received_at,
            title=title,
            request_text=request_text,
            regime=regime,
            created_by=user,
            owner=ownership.owner_on_arrival(logged_by=user, channel=channel),
            **{flag: True for flag in flags},
        )
        clock.refresh_dates(case)
        case.save()
        who = "the public web form" if user is None else str(user)
        _event(case, user, "logged", f"Request logged from {case.get_channel_display()} by {who}.")
        changes.cases_changed([case.pk])
    return case


def case_submit_public(
    *,
    name: str,
    email: str,
    address: str,
    regime: str,
    title: str,
    request_text: str,
    language: str = CorrespondenceLanguage.ENGLISH,
) -> Case:
    with transaction.atomic():
        case = case_log(
            user=None,
            requester={"name": name, "email": email, "address": address, "language": language},
            channel=Channel.WEB,
            received_at=timezone.now(),
            title=title,
            request_text=request_text,
            regime=regime,
        )
        correspondence.write(case, Correspondence.Kind.RECEIPT)
    return case


# --- triage ---------------------------------------------------------------------------------


def case_classify(
    *,
    case_id: int,
    user,
    regime: str,
    sar_variant: str = "",
    sar_checks: str = "",
    flags: Iterable[str] = (),
    expected_version: int | None = None,
) -> Case:
    if regime in (Regime.UNCLASSIFIED, Regime.NOT_VALID):
        raise ActionRefused("Choose the regime the request falls under.")
    if sar_variant and regime not in Regime.data_protection():
        raise ActionRefused("Only data-protection requests have a SAR variant.")
    flags = set(flags)

    def change(case):
        before = (case.regime, case.sar_variant, case.sar_checks)
        before_flags = {
            f for f in ("sensitive", "about_councillor", "media", "dataset") if getattr(case, f)
        }
        if before == (regime, sar_variant, sar_checks) and before_flags == flags:
            # Submitting the same classification again would only add noise to the timeline.
            raise ActionRefused("The case is already classified exactly like that.")
        was = case.get_regime_display()
        case.regime, case.sar_variant, case.sar_checks = regime, sar_variant, sar_checks
        for flag in ("sensitive", "about_councillor", "media", "dataset"):
            setattr(case, flag, flag in flags)
        if before[0] == Regime.UNCLASSIFIED:
            return f"Classified as {case.get_regime_display()}."
        return f"Reclassified from {was} to {case.get_regime_display()}."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="classify",
        change=change,
    )


def case_mark_not_valid(
    *, case_id: int, user, reason: str, expected_version: int | None = None
) -> Case:
    _require_text(reason, "Say why this is not a valid request.")

    def change(case):
        case.regime = Regime.NOT_VALID
        case.closed_at = timezone.now()
        return f"Marked as not a valid request: {reason}"

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="mark_not_valid",
        change=change,
    )


def case_acknowledge(
    *, case_id: int, user, body: str = "", expected_version: int | None = None
) -> Case:
    """`body`: the letter as the officer previewed and edited it (empty: the template's)."""

    def change(case):
        case.acknowledged_at = timezone.now()
        letter = correspondence.write(case, Correspondence.Kind.ACKNOWLEDGEMENT, body=body)
        return f"Acknowledged ({'emailed' if letter.to else 'letter for post'})."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="acknowledge",
        change=change,
    )


def case_ask_clarification(
    *,
    case_id: int,
    user,
    question: str,
    asked_on: dt.date,
    body: str = "",
    concerns: str = "",
    concerns_reason: str = "",
    expected_version: int | None = None,
) -> Case:
    """`concerns` and `concerns_reason`: for a data-protection request, what about the
    information or processing requested needs clarifying (DUAA); required for those only."""
    _require_text(question, "Write what you need the requester to clarify.")

    def change(case):
        _not_future(asked_on)
        if asked_on < clock.received_date(case):
            raise ActionRefused("Clarification cannot be asked before the request arrived.")
        why = ""
        if sar.needs_clarification_reason(case):
            why = sar.clarification_record(
                case=case,
                user=user,
                asked_on=asked_on,
                concerns=concerns,
                reason=concerns_reason,
            )
        case.clarification_asked_on, case.clarified_on = asked_on, None
        # The clock must be able to count this pause (a SAR's cannot start after its month has
        # run out): refuse now, not when the answer arrives and could never be recorded.
        try:
            clock.statutory_deadline(case)
        except DeadlineError as error:
            raise ActionRefused(str(error)) from error
        correspondence.write(case, Correspondence.Kind.CLARIFICATION, extra=question, body=body)
        return f"Clarification asked on {asked_on:%d %B %Y}: {question}{why}"

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="ask_clarification",
        change=change,
    )


def case_record_clarification(
    *, case_id: int, user, received_on: dt.date, summary: str, expected_version: int | None = None
) -> Case:
    def change(case):
        _not_future(received_on)
        if received_on < case.clarification_asked_on:
            raise ActionRefused("The clarification cannot arrive before it was asked for.")
        case.clarified_on = received_on
        return f"Clarification received on {received_on:%d %B %Y}: {summary}"

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="record_clarification",
        change=change,
    )


def case_ask_id(
    *, case_id: int, user, asked_on: dt.date, body: str = "", expected_version: int | None = None
) -> Case:
    def change(case):
        _not_future(asked_on)
        case.id_requested_on = asked_on
        correspondence.write(case, Correspondence.Kind.ID_REQUEST, body=body)
        return f"Proof of identity asked for on {asked_on:%d %B %Y}; the clock waits for it."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="ask_id",
        change=change,
    )


def case_record_id(
    *, case_id: int, user, received_on: dt.date, expected_version: int | None = None
) -> Case:
    def change(case):
        _not_future(received_on)
        if received_on < clock.received_date(case):
            raise ActionRefused("ID cannot arrive before the request.")
        case.id_received_on = received_on
        return f"Proof of identity received on {received_on:%d %B %Y}; the clock starts."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="record_id",
        change=change,
    )
