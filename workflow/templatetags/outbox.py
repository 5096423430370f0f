from django import template

from organisation import access
from workflow import outbox

register = template.Library()


@register.simple_tag
def delivery(obj):
    """`{% delivery letter as email %}`: the latest outgoing email about `obj`, or None."""
    return outbox.delivery_of(obj)


@register.filter
def decides_emails(user) -> bool:
    """`{% if request.user|decides_emails %}`: may open the page of emails needing a decision."""
    return access.is_ig(user)
