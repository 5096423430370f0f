from django import template

from organisation import notifications

register = template.Library()


@register.simple_tag
def unread_notification_count(user) -> int:
    """For the header: one query per request, however often the header asks."""
    return notifications.unread_count(user)
