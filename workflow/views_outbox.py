"""IG's page of emails that need a decision: "delivery uncertain" (a worker died while handing
one to the mail server) and "not sent" (refused too many times). IG checks and either marks an
email as sent or sends it again; the outbox records who decided."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from organisation import access
from workflow import outbox

PER_PAGE = 50
DECISIONS = {
    "mark-sent": ("mark_sent", outbox.email_mark_sent, "Marked as sent."),
    "send-again": ("send_again", outbox.email_send_again, "Queued to be sent again."),
}


@access.role_required(access.IG_ROLES)
def outbox_problems(request):
    emails = outbox.needing_attention().select_related("about_type")
    page = Paginator(emails, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "workflow/outbox.html", {"page_obj": page})


@require_POST
@access.role_required(access.IG_ROLES)
def outbox_decide(request, pk: int, decision: str):
    action, service, done = DECISIONS[decision]
    email = outbox.get_email_for_user(request.user, pk, action)
    try:
        service(email_id=email.pk, user=request.user)
    except outbox.OutboxRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"{email.subject}: {done}")
    return redirect("outbox:problems")
