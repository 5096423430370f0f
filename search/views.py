"""Thin views: the header's search, and saving or deleting one's own queue filters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from organisation.access import IG_ROLES, role_required
from search import selectors, services
from search.models import SavedFilter
from workflow.engine import ActionRefused


@login_required
def search(request):
    text = " ".join(request.GET.get("q", "").split())[: selectors.MAX_LENGTH]
    error, sections = "", []
    if "q" in request.GET and len(text) < selectors.MIN_LENGTH:
        error = f"Enter at least {selectors.MIN_LENGTH} characters to search for"
    elif text:
        sections = selectors.search_everything(request.user, text)
    return render(
        request,
        "search/results.html",
        {"text": text, "error": error, "sections": sections, "per_type": selectors.PER_TYPE},
    )


@role_required(IG_ROLES)
@require_POST
def filter_save(request):
    try:
        saved = services.saved_filter_save(
            user=request.user,
            name=request.POST.get("name", ""),
            query=request.POST.get("query", ""),
        )
    except ActionRefused as refused:
        messages.error(request, str(refused))
        query = services.clean_query(request.POST.get("query", ""))
        return redirect(reverse("requests:queue") + (f"?{query}" if query else ""))
    messages.success(request, f"Filter “{saved.name}” saved.")
    return redirect(reverse("requests:queue") + f"?{saved.query}")


@role_required(IG_ROLES)
@require_POST
def filter_delete(request, pk):
    try:
        name = services.saved_filter_delete(user=request.user, filter_id=pk)
    except SavedFilter.DoesNotExist:
        raise Http404("No such filter.") from None
    messages.success(request, f"Filter “{name}” deleted.")
    return redirect("requests:queue")
