"""The one action page every record type uses: open the form, submit it, or say why not."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from organisation import access
from workflow.engine import ActionRefused, refusal_reason
from workflow.transitions import workflow_for


def action_page(request, record, action: str):
    """`record` has been loaded through the record type's access helper (404 if not visible)."""
    workflow = workflow_for(record)
    transition = workflow.transitions.get(action)
    if transition is None or transition.form is None:
        raise Http404("No such action.")
    if not access.can(request.user, action, record):
        raise PermissionDenied(f"You do not have permission to do that to this {workflow.noun}.")
    context = {
        "record": record,
        "record_label": workflow.label(record),
        "back_url": workflow.detail_url(record),
        "transition": transition,
    }
    reason = refusal_reason(request.user, record, action)
    if reason:
        return render(
            request, "workflow/action_refused.html", {**context, "reason": reason}, status=409
        )
    if request.method == "POST":
        form = transition.form(
            request.POST,
            request.FILES if transition.files else None,
            record=record,
            user=request.user,
        )
        if form.is_valid() and not form.preview_requested():
            try:
                transition.service(
                    **{workflow.record_arg: record.pk},
                    user=request.user,
                    expected_version=form.cleaned_data["version"],
                    **form.arguments(),
                )
            except ActionRefused as refused:
                form.add_error(None, str(refused))
            else:
                after = workflow.model.objects.get(pk=record.pk)
                if access.can(request.user, "view", after):
                    messages.success(request, f"{transition.label}: done.")
                    return redirect(workflow.detail_url(after))
                # The action took the record out of this person's hands (a service area
                # handing a case back): their own list, not a page they may no longer open.
                messages.success(
                    request,
                    f"{transition.label}: done. {workflow.label(after)} is no longer with you.",
                )
                return redirect(access.home_url_name(request.user))
    else:
        form = transition.form(record=record, user=request.user)
    return render(request, "workflow/action.html", {**context, "form": form})
