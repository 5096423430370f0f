"""`{% cell c %}`: one report figure — a link to its cases, or a percentage with its RAG tag.

A tag rather than an include: the dashboard has a few hundred figures and an include per
figure costs more than the queries behind it."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def cell(c):
    if c.percent:
        if not c.rag:
            return c.text
        return format_html(
            '{} <strong class="govuk-tag govuk-tag--{} app-rag">{}</strong>',
            c.text,
            c.tag_colour,
            c.rag.title(),
        )
    if c.url:
        return format_html(
            '<a class="govuk-link app-count" href="{}" data-measure="{}" data-count="{}">{}'
            '<span class="govuk-visually-hidden"> cases</span></a>',
            c.url,
            c.key,
            c.value,
            c.text,
        )
    return c.text
