"""Timeliness by the requester's language of correspondence (Welsh Language Standards: a
request in Welsh must not be answered more slowly). One small dashboard table: received,
answered in time and answered late, per English, Welsh and bilingual. Each figure links to the
drill-down list of the same measure narrowed by the `language:<code>` dimension
(reports.measures.dimension), and is counted with that very condition, so the number and the
length of its list agree."""

from django.conf import settings
from django.db.models import Count

from reports import measures as m
from reports.cells import Linker, Row, Table
from requests_app.models import CorrespondenceLanguage, Requester

KEYS = ("received", "answered_in_time", "answered_late")
COLUMNS = ["Received", "Answered in time", "Answered late"]
CODES = frozenset(CorrespondenceLanguage.values)


def shown() -> bool:
    """Under the standards, or once anyone has asked for Welsh (the setting may be off now)."""
    if settings.WELSH_LANGUAGE_STANDARDS:
        return True
    return Requester.objects.exclude(language=CorrespondenceLanguage.ENGLISH).exists()


def condition(measure: m.Measure, language: str):
    """The cases a cell counts: the measure's, with the requester's language."""
    return measure.q & m.in_language(language)


def table(cases, measures: dict[str, m.Measure], link: Linker) -> Table:
    """`cases`: the report's scoped cases; `measures`: the period's case measures."""
    counts = cases.aggregate(
        **{
            f"{language}__{key}": Count(
                "pk", distinct=True, filter=condition(measures[key], language)
            )
            for language in CorrespondenceLanguage.values
            for key in KEYS
        }
    )
    rows = [
        Row(
            label,
            [link.cell(key, counts[f"{language}__{key}"], f"language:{language}") for key in KEYS],
        )
        for language, label in CorrespondenceLanguage.choices
    ]
    return Table(
        "language",
        "By language of correspondence",
        "Language of correspondence",
        COLUMNS,
        rows,
    )
