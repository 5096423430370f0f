"""Report figures as HTML: `{% cell c %}` (one figure — a link to its cases, or a percentage with
its RAG tag) and `{% table_rows table %}` (a report table's body rows).

Tags rather than includes and template loops: the dashboard has a few hundred figures, and
rendering them node by node through the template engine took longer than all the queries
behind the page. Every value is escaped by format_html; only this module's own markup is not."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

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
        cells = "".join(_CELL.format(conditional_escape(cell(c))) for c in row.cells)
        rows.append(
            format_html(
                _ROW,
                " app-report-table__total" if row.total else "",
                row.label,
                format_html(_NOTE, row.note) if row.note else "",
                mark_safe(cells),  # noqa: S308 (each cell escaped above; the markup is ours)
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 (built by format_html)
