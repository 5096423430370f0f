"""Report figures as HTML: `{% cell c %}` (one figure — a link to its cases, or a percentage with
its RAG tag) and `{% table_rows table %}` (a report table's body rows).

Tags rather than includes and template loops: the dashboard has a few hundred figures, and
rendering them node by node through the template engine took longer than all the queries
behind the page. Every value is escaped (`_e`); only this module's own markup is not."""

import html

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


def _e(value) -> str:
    """conditional_escape without its lazy-string handling (a fifth of the cost here): values
    already marked safe keep their markup, everything else is escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _cell_html(c) -> str:
    if c.percent:
        if not c.rag:
            return _e(c.text)
        return (
            f'{_e(c.text)} <strong class="govuk-tag govuk-tag--{_e(c.tag_colour)} app-rag">'
            f"{_e(c.rag.title())}</strong>"
        )
    if c.url:
        return (
            f'<a class="govuk-link app-count" href="{_e(c.url)}" data-measure="{_e(c.key)}" '
            f'data-count="{_e(c.value)}">{_e(c.text)}'
            '<span class="govuk-visually-hidden"> cases</span></a>'
        )
    return _e(c.text)


@register.simple_tag
def cell(c):
    return mark_safe(_cell_html(c))  # noqa: S308 (every value escaped by _e)


_CELL = '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
_NOTE = '<span class="govuk-hint govuk-!-font-size-14 govuk-!-margin-0 app-block">{}</span>'
_ROW = '<tr class="govuk-table__row{}"><th scope="row" class="govuk-table__header">{}{}</th>{}</tr>'
_EMPTY = '<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="{}">{}</td></tr>'


@register.simple_tag
def table_rows(table):
    """The <tr> of each row of a reports.cells.Table (its label, note and cells), or one row
    saying the table is empty."""
    if not table.rows:
        return format_html(_EMPTY, len(table.columns) + 1, table.empty)
    rows = []
    for row in table.rows:
        rows.append(
            _ROW.format(
                " app-report-table__total" if row.total else "",
                _e(row.label),
                _NOTE.format(_e(row.note)) if row.note else "",
                "".join(_CELL.format(_cell_html(c)) for c in row.cells),
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 (every value escaped by _e)
