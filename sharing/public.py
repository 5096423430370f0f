"""The published register: agreements in force, with public fields only.

Everything public comes from `public_rows()`, which reads a fixed list of columns, so neither
the page, the CSV nor the JSON can show a partner's contact, the signed document, the DPIA,
internal notes or an agreement that is not in force, whatever a template does.
"""

from django.db.models import Prefetch, Q, QuerySet

from sharing.models import Agreement, Partner, Status

# The columns published, in order, with their headings (the CSV's header row, the JSON's keys).
PUBLIC_COLUMNS = (
    ("reference", "Reference"),
    ("type", "Type"),
    ("title", "Title"),
    ("partners", "Partner organisations"),
    ("purpose", "Purpose"),
    ("lawful_basis", "Lawful basis"),
    ("data_categories", "Categories of data"),
    ("start_date", "Start date"),
    ("review_date", "Review date"),
    ("end_date", "End date"),
)
PUBLISHED = Status.in_force()
SORTS = {
    "title": ("title", "reference"),
    "-title": ("-title", "reference"),
    "start_date": ("start_date", "reference"),
    "-start_date": ("-start_date", "reference"),
    "reference": ("reference",),
}


def published(q: str = "", sort: str = "title") -> QuerySet:
    """Agreements in force, only the public columns loaded (`only`: a private field is never
    read from the database for the public page)."""
    queryset = Agreement.objects.filter(status__in=PUBLISHED).only(
        "reference",
        "kind",
        "title",
        "purpose",
        "article6_basis",
        "special_category",
        "article9_condition",
        "criminal_offence",
        "article10_condition",
        "data_categories",
        "start_date",
        "review_due",
        "end_date",
    )
    if q:
        queryset = queryset.filter(
            Q(title__icontains=q) | Q(purpose__icontains=q) | Q(partners__name__icontains=q)
        ).distinct()
    return queryset.prefetch_related(
        Prefetch("partners", queryset=Partner.objects.only("agreement_id", "name").order_by("name"))
    ).order_by(*SORTS.get(sort, SORTS["title"]))


def public_row(agreement: Agreement) -> dict:
    return {
        "reference": agreement.reference,
        "type": agreement.get_kind_display(),
        "title": agreement.title,
        "partners": [partner.name for partner in agreement.partners.all()],
        "purpose": agreement.purpose,
        "lawful_basis": agreement.lawful_basis_lines(),
        "data_categories": agreement.data_categories,
        "start_date": agreement.start_date.isoformat() if agreement.start_date else None,
        "review_date": agreement.review_due.isoformat() if agreement.review_due else None,
        "end_date": agreement.end_date.isoformat() if agreement.end_date else None,
    }


def public_rows(queryset: QuerySet | None = None) -> list[dict]:
    return [public_row(a) for a in (published() if queryset is None else queryset)]
