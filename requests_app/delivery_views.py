"""The requester's private download link (no sign-in) and IG's printable bundle for post.

A link opens only the documents sent by it, and only until it expires; a token that is not one
we issued (mistyped, altered) and an expired one each get a page saying so, never a sign-in
page or a hint of what the case is. Every download is recorded on the case timeline."""

import re

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from requests_app import correspondence, delivery
from requests_app.access import get_case_for_user
from requests_app.delivery_models import Enclosure, ReleaseLink
from requests_app.models import Correspondence, EventKind
from workflow.engine import record_event

TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _refused(request, *, expired_on=None):
    status = 410 if expired_on else 404
    context = {"expired_on": expired_on}
    return render(request, "requests_app/public/release_link_refused.html", context, status=status)


def _link(token: str) -> ReleaseLink | None:
    if not TOKEN.fullmatch(token or ""):
        return None
    return ReleaseLink.objects.select_related("case").filter(token=token).first()


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"  # the token is in the address
    response["X-Robots-Tag"] = "noindex"
    return response


def _linked_documents(link: ReleaseLink):
    return [
        e.document
        for e in link.letter.enclosures.filter(method=Enclosure.Method.LINKED)
        .select_related("document")
        .order_by("id")
    ]


@never_cache
@require_GET
def release_link(request, token: str):
    link = _link(token)
    if link is None:
        return _no_store(_refused(request))
    if timezone.now() >= link.expires_at:
        return _no_store(_refused(request, expired_on=link.expires_at))
    context = {"link": link, "documents": _linked_documents(link), "token": token}
    return _no_store(render(request, "requests_app/public/release_link.html", context))


@never_cache
@require_GET
def release_link_document(request, token: str, document_id: int):
    link = _link(token)
    if link is None:
        return _no_store(_refused(request))
    if timezone.now() >= link.expires_at:
        return _no_store(_refused(request, expired_on=link.expires_at))
    document = next((d for d in _linked_documents(link) if d.pk == document_id), None)
    if document is None:
        return _no_store(_refused(request))
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        return _no_store(_refused(request))
    record_event(
        link.case,
        None,
        EventKind.RELEASE_DOWNLOAD,
        f"{document.original_name} downloaded through the requester's link (sent "
        f"{timezone.localtime(link.created_at):%d %B %Y}, works until "
        f"{timezone.localtime(link.expires_at):%d %B %Y}).",
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type or "application/octet-stream",
    )
    # The type was given by whoever uploaded the file: no browser may guess or run another.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return _no_store(response)


@login_required
@require_GET
def letter_bundle(request, pk: int, letter_id: int):
    """The letter and the released PDFs as one PDF to print and post (IG only)."""
    case = get_case_for_user(request.user, pk, action="download_bundle")
    letter = get_object_or_404(Correspondence, pk=letter_id, case=case, to="")
    letter = correspondence.pdf_ensure(letter_id=letter.pk)
    with letter.pdf.open("rb") as stored:
        letter_pdf = stored.read()
    try:
        content = delivery.bundle_pdf(letter, letter_pdf)
    except delivery.BundleError as error:
        return render(
            request,
            "requests_app/bundle_refused.html",
            {"case": case, "message": str(error)},
            status=409,
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-for-post.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
