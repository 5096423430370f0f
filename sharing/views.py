"""Thin views: load through sharing.access, call one service, render or redirect."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from organisation import access
from organisation.access import IG_ROLES, role_required
from organisation.models import Role, ServiceArea
from sharing import selectors, services
from sharing.access import (
    PRIVATE_PARTS,
    get_agreement_for_user,
    get_dpia_for_user,
    signatory_description,
)
from sharing.forms import AgreementCreateForm, DpiaCreateForm
from sharing.models import AgreementEvent, DpiaEvent, DpiaStatus, Kind, Status
from workflow.engine import ActionRefused, available_actions
from workflow.views import action_page

REGISTER_ROLES = (*IG_ROLES, Role.SIRO, Role.DIRECTOR, Role.SERVICE_OFFICER, Role.MANAGER)
DPIA_ROLES = (*IG_ROLES, Role.SIRO, Role.DIRECTOR, Role.SERVICE_OFFICER)


def _actions(user, record) -> dict:
    actions = available_actions(user, record)
    return {
        "primary_actions": [a for a in actions if not a.secondary],
        "secondary_actions": [a for a in actions if a.secondary],
    }


@role_required(REGISTER_ROLES)
def agreement_list(request):
    listing = selectors.agreement_page(request.user, request.GET)
    return render(
        request,
        "sharing/agreement_list.html",
        {
            "agreements": listing.page_obj,
            "list": listing,
            "tiles": selectors.tab_counts(request.user),
            "statuses": Status.choices,
            "kinds": Kind.choices,
            # A list: the filter's options and its "selected" tag both read it (one query).
            "areas": (areas := list(ServiceArea.objects.order_by("name"))),
            "area_options": [(area.pk, area.name) for area in areas],
            "special_options": [("yes", "Special-category or criminal-offence data")],
            "may_create": access.is_ig(request.user),
            "show_dpias": request.user.role in DPIA_ROLES,
        },
    )


@role_required(IG_ROLES)
def agreement_new(request):
    form = AgreementCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(user=request.user, **form.service_arguments())
        except ActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Draft agreement {agreement.reference} created.")
            return redirect("sharing:agreement", pk=agreement.pk)
    return render(request, "sharing/agreement_new.html", {"form": form})


def _register_roles(view):
    return role_required(REGISTER_ROLES)(view)


@_register_roles
def agreement_detail(request, pk: int):
    agreement = get_agreement_for_user(request.user, pk)
    private = access.can(request.user, PRIVATE_PARTS, agreement)
    return render(
        request,
        "sharing/agreement_detail.html",
        {
            "agreement": agreement,
            "lead_areas": list(agreement.lead_areas.all()),
            "partners": list(agreement.partners.all()),
            "show_private": private,
            "dpias": list(agreement.dpias.order_by("reference")) if private else [],
            "signatory": signatory_description(agreement),
            "events": AgreementEvent.objects.filter(agreement=agreement).select_related("actor"),
            **_actions(request.user, agreement),
        },
    )


@_register_roles
def agreement_history(request, pk: int):
    """Every saved version, field by field. Private: it shows contacts' and documents' changes."""
    agreement = get_agreement_for_user(request.user, pk, PRIVATE_PARTS)
    records = list(agreement.history.select_related("history_user").order_by("-history_date")[:200])
    changes = []
    for record in records:
        previous = record.prev_record
        delta = record.diff_against(previous).changes if previous else []
        changes.append({"record": record, "changes": delta})
    return render(
        request, "sharing/agreement_history.html", {"agreement": agreement, "changes": changes}
    )


@_register_roles
def agreement_action(request, pk: int, action: str):
    agreement = get_agreement_for_user(request.user, pk)
    return action_page(request, agreement, action)


@_register_roles
def agreement_document(request, pk: int):
    agreement = get_agreement_for_user(request.user, pk, PRIVATE_PARTS)
    if not agreement.signed_document:
        raise Http404("No signed document.")
    response = FileResponse(
        agreement.signed_document.open("rb"),
        as_attachment=True,
        filename=f"{agreement.reference}-signed.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- DPIAs ------------------------------------------------------------------------------------


@role_required(DPIA_ROLES)
def dpia_list(request):
    listing = selectors.dpia_page(request.user, request.GET)
    return render(
        request,
        "sharing/dpia_list.html",
        {
            "dpias": listing.page_obj,
            "list": listing,
            "statuses": DpiaStatus.choices,
            "may_create": access.is_ig(request.user),
        },
    )


@role_required(IG_ROLES)
def dpia_new(request):
    initial = {}
    agreement_id = request.GET.get("agreement", "")
    if agreement_id.isdigit() and len(agreement_id) < 10:
        initial["agreements"] = [agreement_id]
    form = DpiaCreateForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        dpia = services.dpia_create(user=request.user, **form.cleaned_data)
        messages.success(request, f"DPIA {dpia.reference} started.")
        return redirect("sharing:dpia", pk=dpia.pk)
    return render(request, "sharing/dpia_new.html", {"form": form})


@role_required(DPIA_ROLES)
def dpia_detail(request, pk: int):
    dpia = get_dpia_for_user(request.user, pk)
    return render(
        request,
        "sharing/dpia_detail.html",
        {
            "dpia": dpia,
            "risks": list(dpia.risks.all()),
            "agreements": list(dpia.agreements.order_by("reference")),
            "events": DpiaEvent.objects.filter(dpia=dpia).select_related("actor"),
            **_actions(request.user, dpia),
        },
    )


@role_required(DPIA_ROLES)
def dpia_action(request, pk: int, action: str):
    dpia = get_dpia_for_user(request.user, pk)
    return action_page(request, dpia, action)
