"""For each action in the transitions table: the form a user fills in and the service it calls.

The view is generic: it checks the table, shows the form, and on a valid POST calls `run`."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django import forms as django_forms
from django.utils import timezone

from organisation import access
from requests_app import forms, services
from requests_app.models import Assignment, Case


def _today(case, user):
    return {
        "asked_on": timezone.localdate(),
        "received_on": timezone.localdate(),
        "notified_on": timezone.localdate(),
    }


def _own_open_areas(case: Case, user) -> dict:
    mine = access.service_area_ids(user)
    return {
        "areas": [
            a.service_area
            for a in case.assignments.select_related("service_area")
            if a.state == Assignment.State.OPEN and a.service_area_id in mine
        ]
    }


def _classify_initial(case, user):
    flags = [f for f in ("sensitive", "about_councillor", "media", "dataset") if getattr(case, f)]
    return {
        "regime": case.regime,
        "sar_variant": case.sar_variant,
        "sar_checks": case.sar_checks,
        "flags": flags,
    }


def _decide_initial(case, user):
    return {
        "outcome": case.outcome,
        "reasons": case.decision_reasons,
        "response_text": case.response_text or _drafts(case),
        "monitoring_officer_consulted": case.monitoring_officer_consulted,
    }


def _drafts(case: Case) -> str:
    return "\n\n".join(
        f"{a.service_area.name}:\n{a.draft}"
        for a in case.assignments.select_related("service_area")
        if a.draft
    )


def _received_at(day: dt.date) -> dt.datetime:
    # A review request logged by date only is taken as arriving at 9am that day (or now, if
    # that is still to come today).
    return min(timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0))), timezone.now())


@dataclass(frozen=True)
class ActionSpec:
    form: type[django_forms.Form]
    run: Callable  # (case, user, cleaned_data, form) -> Case
    initial: Callable = lambda case, user: {}
    form_kwargs: Callable = lambda case, user: {}
    confirm: str = ""  # what the button does, for actions with no fields
    slow: bool = False  # shows a progress indication (e.g. PDFs are rendered)
    files: bool = False


ACTIONS: dict[str, ActionSpec] = {
    "classify": ActionSpec(
        forms.ClassifyForm,
        lambda c, u, d, f: services.case_classify(
            case_id=c.pk,
            user=u,
            regime=d["regime"],
            sar_variant=d["sar_variant"],
            sar_checks=d["sar_checks"],
            flags=d["flags"],
        ),
        initial=_classify_initial,
    ),
    "mark_not_valid": ActionSpec(
        forms.ReasonForm,
        lambda c, u, d, f: services.case_mark_not_valid(case_id=c.pk, user=u, reason=d["reason"]),
    ),
    "acknowledge": ActionSpec(
        forms.ConfirmForm,
        lambda c, u, d, f: services.case_acknowledge(case_id=c.pk, user=u),
        confirm="Send the acknowledgement to the requester, with the date we will respond by.",
    ),
    "ask_clarification": ActionSpec(
        forms.AskClarificationForm,
        lambda c, u, d, f: services.case_ask_clarification(
            case_id=c.pk, user=u, question=d["question"], asked_on=d["asked_on"]
        ),
        initial=_today,
    ),
    "record_clarification": ActionSpec(
        forms.RecordClarificationForm,
        lambda c, u, d, f: services.case_record_clarification(
            case_id=c.pk, user=u, received_on=d["received_on"], summary=d["summary"]
        ),
        initial=_today,
    ),
    "ask_id": ActionSpec(
        forms.AskIdForm,
        lambda c, u, d, f: services.case_ask_id(case_id=c.pk, user=u, asked_on=d["asked_on"]),
        initial=_today,
    ),
    "record_id": ActionSpec(
        forms.RecordIdForm,
        lambda c, u, d, f: services.case_record_id(
            case_id=c.pk, user=u, received_on=d["received_on"]
        ),
        initial=_today,
    ),
    "assign": ActionSpec(
        forms.AssignForm,
        lambda c, u, d, f: services.case_assign(
            case_id=c.pk, user=u, service_area_ids=[a.pk for a in d["service_areas"]]
        ),
        initial=lambda c, u: {
            "service_areas": [
                a.service_area_id
                for a in c.assignments.all()
                if a.state != Assignment.State.WITHDRAWN
            ]
        },
    ),
    "hand_back": ActionSpec(
        forms.HandBackForm,
        lambda c, u, d, f: services.case_hand_back(
            case_id=c.pk, user=u, service_area_id=d["service_area"], reason=d["reason"]
        ),
        form_kwargs=_own_open_areas,
    ),
    "record_councillor_told": ActionSpec(
        forms.CouncillorToldForm,
        lambda c, u, d, f: services.case_record_councillor_told(
            case_id=c.pk, user=u, told_on=d["told_on"]
        ),
        initial=lambda c, u: {"told_on": timezone.localdate()},
    ),
    "record_time": ActionSpec(
        forms.RecordTimeForm,
        lambda c, u, d, f: services.case_record_time(
            case_id=c.pk,
            user=u,
            service_area_id=d["service_area"],
            activity=d["activity"],
            minutes=d["minutes"],
            searches=d["searches"],
        ),
        form_kwargs=_own_open_areas,
    ),
    "submit_draft": ActionSpec(
        forms.SubmitDraftForm,
        lambda c, u, d, f: services.case_submit_draft(
            case_id=c.pk, user=u, service_area_id=d["service_area"], draft=d["draft"]
        ),
        form_kwargs=_own_open_areas,
    ),
    "propose_exemption": ActionSpec(
        forms.ProposeExemptionForm,
        lambda c, u, d, f: services.case_propose_exemption(
            case_id=c.pk,
            user=u,
            exemption_id=d["exemption"].pk,
            public_interest_test=d["public_interest_test"],
        ),
    ),
    "decide": ActionSpec(
        forms.DecideForm,
        lambda c, u, d, f: services.case_decide(
            case_id=c.pk,
            user=u,
            outcome=d["outcome"],
            reasons=d["reasons"],
            response_text=d["response_text"],
            monitoring_officer_consulted=d["monitoring_officer_consulted"],
            public_interest_tests=f.public_interest_tests(),
        ),
        initial=_decide_initial,
        form_kwargs=lambda c, u: {"exemptions": list(c.exemptions.select_related("exemption"))},
    ),
    "extend": ActionSpec(
        forms.ExtendForm,
        lambda c, u, d, f: services.case_extend(
            case_id=c.pk, user=u, reason=d["reason"], notified_on=d["notified_on"]
        ),
        initial=_today,
    ),
    "send_for_authorisation": ActionSpec(
        forms.ConfirmForm,
        lambda c, u, d, f: services.case_send_for_authorisation(case_id=c.pk, user=u),
        confirm="Send the response to the director of the assigned directorate for approval.",
    ),
    "authorise": ActionSpec(
        forms.OptionalCommentsForm,
        lambda c, u, d, f: services.case_authorise(case_id=c.pk, user=u, comments=d["comments"]),
    ),
    "return_to_ig": ActionSpec(
        forms.CommentsForm,
        lambda c, u, d, f: services.case_return_to_ig(case_id=c.pk, user=u, comments=d["comments"]),
    ),
    "send_response": ActionSpec(
        forms.ConfirmForm,
        lambda c, u, d, f: services.case_send_response(case_id=c.pk, user=u),
        confirm="Send the response letter (PDF and email) to the requester.",
        slow=True,
    ),
    "release_without_director": ActionSpec(
        forms.ConfirmForm,
        lambda c, u, d, f: services.case_release_without_director(case_id=c.pk, user=u),
        confirm="Release this response without a director: allowed for 'not held' and "
        "'accessible by other means'.",
        slow=True,
    ),
    "close": ActionSpec(
        forms.ConfirmForm,
        lambda c, u, d, f: services.case_close(case_id=c.pk, user=u),
        confirm="Close the case. It becomes read-only unless reopened.",
    ),
    "reopen": ActionSpec(
        forms.ReasonForm,
        lambda c, u, d, f: services.case_reopen(case_id=c.pk, user=u, reason=d["reason"]),
    ),
    "withdraw": ActionSpec(
        forms.OptionalReasonForm,
        lambda c, u, d, f: services.case_withdraw(case_id=c.pk, user=u, reason=d["reason"]),
    ),
    "lapse": ActionSpec(
        forms.ReasonForm,
        lambda c, u, d, f: services.case_lapse(case_id=c.pk, user=u, reason=d["reason"]),
    ),
    "open_review": ActionSpec(
        forms.OpenReviewForm,
        lambda c, u, d, f: services.case_open_review(
            case_id=c.pk,
            user=u,
            received_at=_received_at(d["received_on"]),
            grounds=d["grounds"],
        ),
        initial=_today,
    ),
    "record_review_outcome": ActionSpec(
        forms.ReviewOutcomeForm,
        lambda c, u, d, f: services.review_record_outcome(
            case_id=c.pk, user=u, outcome=d["outcome"], response_text=d["response_text"]
        ),
        slow=True,
    ),
    "upload_document": ActionSpec(
        forms.UploadForm,
        lambda c, u, d, f: services.case_document_add(
            case_id=c.pk, user=u, kind=d["kind"], upload=d["file"], publish=d["publish"]
        ),
        files=True,
        slow=True,
    ),
    "record_ico_complaint": ActionSpec(
        forms.IcoComplaintForm,
        lambda c, u, d, f: services.ico_complaint_record(case_id=c.pk, user=u, **d),
        initial=_today,
    ),
}
