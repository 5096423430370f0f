"""The public register: no sign-in, agreements in force only, public fields only."""

import csv
import datetime as dt
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from sharing import services
from sharing.models import Agreement, Status
from tests.sharing.builders import agreement_in, dpia

pytestmark = pytest.mark.django_db

# Every private value an agreement below holds: none may appear in public.
PRIVATE = [
    "Pat Secret-Contact",
    "pat.private@police.example",
    "0116 496 0000",
    "signed-original",
    "Internal security: VPN tunnel 10.0.0.1",
    "Families with children in the district",  # data subjects: not a published field
    "DPIA-",
    "Retained for seven years then shredded",
]


@pytest.fixture
def register(cast, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    made = {}
    for status in Status.values:
        made[status] = agreement_in(
            status,
            cast,
            [org.area_a],
            title=f"Agreement that is {status}",
            security_measures="Internal security: VPN tunnel 10.0.0.1",
            retention="Retained for seven years then shredded",
        )
    active = made[Status.ACTIVE]
    active.partners.update(contact_phone="0116 496 0000")
    active.signed_document.save("signed-original.pdf", ContentFile(b"%PDF-1.4"), save=True)
    dpia(cast.ig_officer, agreements=[active])
    return made


PUBLISHED = {"Agreement that is active", "Agreement that is review_due"}


def test_the_page_lists_agreements_in_force_without_private_fields(client, register):
    response = client.get(reverse("sharing_public:register"))
    assert response.status_code == 200
    page = response.content.decode()
    shown = {a.title for a in Agreement.objects.all() if a.title in page}
    assert shown == PUBLISHED
    assert "Leicestershire Police" in page  # partner names are public
    assert "Art 6(1)(e) public task" in page
    for secret in PRIVATE:
        assert secret not in page, secret


def test_csv_lists_agreements_in_force_with_public_columns_only(client, register):
    response = client.get(reverse("sharing_public:csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {row["Title"] for row in rows} == PUBLISHED
    assert list(rows[0]) == [
        "Reference",
        "Type",
        "Title",
        "Partner organisations",
        "Purpose",
        "Lawful basis",
        "Categories of data",
        "Start date",
        "Review date",
        "End date",
    ]
    for secret in PRIVATE:
        assert secret not in body, secret


def test_json_lists_agreements_in_force_with_public_fields_only(client, register):
    response = client.get(reverse("sharing_public:json"))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert {row["title"] for row in data["agreements"]} == PUBLISHED
    assert set(data["agreements"][0]) == {
        "reference",
        "type",
        "title",
        "partners",
        "purpose",
        "lawful_basis",
        "data_categories",
        "start_date",
        "review_date",
        "end_date",
    }
    row = next(r for r in data["agreements"] if r["title"] == "Agreement that is active")
    assert row["partners"] == ["Leicestershire Police"]
    assert row["start_date"] == "2026-01-15" and row["review_date"] == "2027-01-15"
    for secret in PRIVATE:
        assert secret not in response.content.decode(), secret


def test_csv_cells_cannot_run_as_formulas(client, cast, org):
    agreement_in(Status.ACTIVE, cast, [org.area_a], title='=HYPERLINK("http://x")')
    body = client.get(reverse("sharing_public:csv")).content.decode()
    assert "'=HYPERLINK" in body


def test_search_and_empty_state(client, register):
    page = client.get(reverse("sharing_public:register"), {"q": "review_due"}).content.decode()
    assert "Agreement that is review_due" in page and "Agreement that is active" not in page
    empty = client.get(reverse("sharing_public:register"), {"q": "no such thing"})
    assert "No agreements match." in empty.content.decode()


def test_public_register_query_count(client, cast, org, django_assert_max_num_queries):
    for n in range(25):
        agreement_in(Status.ACTIVE, cast, [org.area_a], title=f"Agreement {n:02d}")
    with django_assert_max_num_queries(4):
        response = client.get(reverse("sharing_public:register"))
    assert response.content.decode().count("Leicestershire Police") == 20  # one page


def test_the_public_pages_refuse_to_change_anything(client):
    assert client.post(reverse("sharing_public:register")).status_code == 405


def test_review_date_stays_public_until_ended(client, cast, org):
    agreement = agreement_in(Status.ACTIVE, cast, [org.area_a], signed_on=dt.date(2025, 1, 1))
    services.agreements_advance(today=dt.date(2026, 6, 1))
    assert Agreement.objects.get(pk=agreement.pk).status == Status.REVIEW_DUE
    assert agreement.title in client.get(reverse("sharing_public:register")).content.decode()
