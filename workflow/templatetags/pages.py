from django import template

from workflow.pages import page_window

register = template.Library()


@register.filter(name="page_window")
def page_window_filter(page):
    """`{% for number in page_obj|page_window %}`: a handful of numbers, never every page."""
    return page_window(page)
