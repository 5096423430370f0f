"""The 72-hour countdown in templates: `{{ breach.ico_due|countdown:now }}`."""

from django import template

from deadlines import breach_clock

register = template.Library()


@register.filter
def countdown(due, now) -> str:
    return breach_clock.countdown(due, now) if due and now else ""


@register.filter
def overdue(due, now) -> bool:
    return bool(due and now and breach_clock.time_left(due, now).total_seconds() <= 0)
