"""`{% retention_panel record %}`: the one include record pages use to say when the record
falls due for disposal and under which rule (and, for the IG manager, its legal holds)."""

from django import template
from django.contrib.contenttypes.models import ContentType

from retention.access import may_manage
from retention.due import record_retention
from retention.kinds import kind_of
from retention.models import LegalHold

register = template.Library()


@register.inclusion_tag("retention/includes/panel.html", takes_context=True)
def retention_panel(context, record):
    user = context["request"].user
    kind = kind_of(record)
    holds = LegalHold.objects.filter(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        released_at__isnull=True,
    )
    return {
        "record": record,
        "kind": kind,
        "retention": record_retention(record),
        "holds": list(holds) if may_manage(user) else [],
        "held": holds.exists() if not may_manage(user) else None,
        "manager": may_manage(user),
    }
