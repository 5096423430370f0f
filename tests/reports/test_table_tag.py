"""The report tables' body rows are written by a tag (reports.templatetags.reports): whatever a
label, note or figure holds is escaped; only the tag's own markup is HTML."""

from django.template import Context, Template

from reports.cells import Cell, Row, Table

TAG = Template("{% load reports %}{% table_rows table %}")


def render(table):
    return TAG.render(Context({"table": table}))


def test_labels_notes_and_values_are_escaped():
    hostile = '<img src=x onerror="alert(1)">'
    table = Table(
        "area",
        "By area",
        "Area",
        ["Received", "Name"],
        [
            Row(
                hostile,
                [
                    Cell(3, url="/reports/cases/received/?dim=area%3A1", key="received"),
                    Cell(hostile),
                ],
                note=hostile,
            ),
            Row("Total", [Cell(3), Cell(None)], total=True),
        ],
    )
    html = render(table)
    assert "<img" not in html and html.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") == 3
    assert '<tr class="govuk-table__row app-report-table__total">' in html
    assert (
        'href="/reports/cases/received/?dim=area%3A1" data-measure="received" data-count="3"'
        in html
    )
    assert html.count("<tr") == 2 and html.count("<td") == 4 and "–" in html


def test_an_empty_table_says_so_across_every_column():
    table = Table("late", "Late", "Area", ["A", "B", "C"], [], empty="Nothing <late>.")
    assert render(table) == (
        '<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="4">'
        "Nothing &lt;late&gt;.</td></tr>"
    )


def test_a_link_cell_escapes_its_address_and_measure():
    """The drill-down address carries "&" between parameters and must not close its attribute."""
    hostile = Cell(5, url='/reports/cases/x/?a=1&b="><script>', key='k"><b>', percent=False)
    rated = Cell(61.5, percent=True, rag="red")
    html = Template("{% load reports %}{% cell a %}|{% cell b %}").render(
        Context({"a": hostile, "b": rated})
    )
    assert "<script>" not in html and "<b>" not in html
    assert 'href="/reports/cases/x/?a=1&amp;b=&quot;&gt;&lt;script&gt;"' in html
    assert 'data-measure="k&quot;&gt;&lt;b&gt;"' in html
    assert html.endswith('61.5% <strong class="govuk-tag govuk-tag--red app-rag">Red</strong>')
