"""Search everywhere: one box in the header finds cases, complaints, breaches, sharing agreements
and fees notices by reference, requester or complainant name and email, title and text.

Every record type is read through its own access helper, so a person finds exactly what they
could open; each type costs one query (cases two: the matching requesters first, so PostgreSQL
uses the trigram indexes of requests_app's migration 0005), whatever the number of records."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from breaches.access import breaches_visible_to
from fees.models import FeeNotice
from organisation import access
from requests_app.access import cases_visible_to
from requests_app.complaint_workflow import complaints_visible_to
from requests_app.models import Regime
from requests_app.selectors import search_q
from sharing.access import agreements_visible_to
from sharing.models import Partner

PER_TYPE = 10
MIN_LENGTH = 2
MAX_LENGTH = 200


@dataclass
class Hit:
    reference: str
    title: str
    url: str
    detail: str = ""


@dataclass
class Section:
    key: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False  # more than PER_TYPE matched: narrow the search or open the list


def _first(queryset, to_hit) -> tuple[list[Hit], bool]:
    rows = list(queryset[: PER_TYPE + 1])
    return [to_hit(row) for row in rows[:PER_TYPE]], len(rows) > PER_TYPE


def _cases(user, text):
    queryset = (
        cases_visible_to(user)
        .filter(search_q(text))
        .select_related("requester")
        .order_by("-received_at", "-pk")
    )
    return _first(
        queryset,
        lambda c: Hit(
            c.reference,
            c.title,
            reverse("requests:case", args=[c.pk]),
            f"{c.get_regime_display()} · {c.requester.name} · {c.get_status_display()}",
        ),
    )


def _complaints(user, text):
    queryset = complaints_visible_to(user).filter(
        Q(reference__icontains=text)
        | Q(name__icontains=text)
        | Q(email__icontains=text)
        | Q(what_happened__icontains=text)
    )
    return _first(
        queryset.order_by("-received_at", "-pk"),
        lambda c: Hit(
            c.reference,
            c.name,
            reverse("requests:complaint", args=[c.pk]),
            c.get_status_display(),
        ),
    )


def _breaches(user, text):
    queryset = breaches_visible_to(user).filter(
        Q(reference__icontains=text)
        | Q(title__icontains=text)
        | Q(what_happened__icontains=text)
        | Q(ico_reference__icontains=text)
    )
    return _first(
        queryset.order_by("-pk"),
        lambda b: Hit(
            b.reference, b.title, reverse("breaches:detail", args=[b.pk]), b.get_status_display()
        ),
    )


def _agreements(user, text):
    partners = Partner.objects.filter(agreement=OuterRef("pk"), name__icontains=text)
    queryset = agreements_visible_to(user).filter(
        Q(reference__icontains=text)
        | Q(title__icontains=text)
        | Q(purpose__icontains=text)
        | Exists(partners)
    )
    return _first(
        queryset.order_by("reference"),
        lambda a: Hit(
            a.reference,
            a.title,
            reverse("sharing:agreement", args=[a.pk]),
            a.get_status_display(),
        ),
    )


def _fees(user, text):
    # Fees notices are IG's work (the fees register is IG's), on cases the person may see.
    if not access.is_ig(user):
        return [], False
    cases = cases_visible_to(user).filter(search_q(text)).exclude(regime=Regime.NOT_VALID)
    queryset = (
        FeeNotice.objects.filter(case__in=cases.values("pk"))
        .select_related("case")
        .order_by("-issued_on", "-pk")
    )
    return _first(
        queryset,
        lambda n: Hit(
            n.case.reference,
            f"Fees notice of £{n.amount} issued {n.issued_on:%-d %B %Y}",
            reverse("requests:case", args=[n.case_id]) + "#fees",
            n.get_status_display(),
        ),
    )


SEARCHES = (
    ("cases", "Requests", _cases),
    ("complaints", "Data-protection complaints", _complaints),
    ("breaches", "Breaches", _breaches),
    ("agreements", "Sharing agreements", _agreements),
    ("fees", "Fees notices", _fees),
)


def search_everything(user, text: str) -> list[Section]:
    """The sections with at least one hit, in a fixed order."""
    sections = []
    for key, label, search in SEARCHES:
        hits, more = search(user, text)
        if hits:
            sections.append(Section(key, label, hits, more))
    return sections
