"""The write behind the public request form: one case per form, however often it is sent."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from requests_app import services
from requests_app.models import Case, PublicFormToken

# Claims older than this can go: the form token they record is refused as expired by then.
CLAIMS_KEPT_FOR = dt.timedelta(days=2)


def public_request_submit(
    *,
    nonce: str,
    name: str,
    email: str,
    address: str,
    regime: str,
    title: str,
    request_text: str,
    language: str = "en",
) -> tuple[Case, bool]:
    """The case made from the form with this nonce, and whether this call made it.

    The form's nonce is claimed in the same transaction as the case is made, so either both are
    stored or neither is. A second submission of the same form waits on the unique index until
    the first commits, then gets the first one's case (False) instead of making another."""
    now = timezone.now()
    try:
        with transaction.atomic():
            claim = PublicFormToken.objects.create(nonce=nonce, claimed_at=now)
            case = services.case_submit_public(
                name=name,
                email=email,
                address=address,
                regime=regime,
                title=title,
                request_text=request_text,
                language=language,
            )
            claim.case = case
            claim.save(update_fields=["case"])
    except IntegrityError:
        existing = (
            PublicFormToken.objects.select_related("case__requester")
            .filter(nonce=nonce, case__isnull=False)
            .first()
        )
        if existing is None:  # the conflict was not this form's nonce
            raise
        return existing.case, False
    PublicFormToken.objects.filter(claimed_at__lt=now - CLAIMS_KEPT_FOR).delete()
    return case, True
