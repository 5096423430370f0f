"""The ICO report PDF (every Art 33(3) item, read back from the PDF's text) and the CSV
register, each obeying the same visibility rules as the pages."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from breaches import services
from breaches.models import Breach, Status
from tests.breaches.builders import breach_in
from tests.breaches.test_permissions import ROLES, get_as

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_ico_report_holds_every_art_33_3_item(client, cast):
    cast.ig_manager.first_name, cast.ig_manager.last_name = "Dana", "Okafor"
    cast.ig_manager.job_title = "Information Governance Manager and DPO"
    cast.ig_manager.save()
    breach = breach_in(Status.DECIDED, cast)
    services.breach_record_ico_update(
        breach_id=breach.pk,
        user=cast.ig_manager,
        sent_at=timezone.now(),
        summary="The recipient confirmed deletion in writing.",
    )
    client.force_login(cast.ig_manager)
    response = client.get(reverse("breaches:ico_report", args=[breach.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{breach.reference}-ICO-report.pdf"'
    )
    text = pdf_text(response.content)
    # (a) nature, categories, approximate numbers of people and of records
    assert "(a) Nature of the breach" in text
    assert "The plan went to the father's old address book entry." in text
    assert "Special category (health, ethnicity, religion, sexuality…); About children" in text
    assert "Approximate number of people affected 1" in text
    assert "Approximate number of records concerned 3" in text
    assert "Email sent to the wrong recipient" in text
    # (b) the DPO's name and contact details
    assert "Dana Okafor, Information Governance Manager and DPO" in text
    assert "ig_manager@council.example" in text
    # (c) likely consequences
    assert "Distress; the family's address is known to the recipient." in text
    # (d) measures taken or proposed, including mitigation
    assert "Recipient confirmed deletion by phone." in text
    # the rest of the ICO's form: references, timing, phased follow-up
    assert "IC-000001-A1B2" in text and breach.reference in text
    assert "hours after becoming aware" in text
    assert "The recipient confirmed deletion in writing." in text


def test_the_ico_report_is_for_the_dpo_and_the_siro_only(client, cast):
    breach = breach_in(Status.ASSESSING, cast, reporter=cast.officer_a)
    url = reverse("breaches:ico_report", args=[breach.pk])
    expected = dict.fromkeys(ROLES, 404) | {"ig_manager": 200, "siro": 200}
    # The reporter (officer_a) sees their report, not the DPO's report to the ICO.
    assert {who: get_as(client, cast, who, url) for who in ROLES} == expected


def test_the_csv_register_follows_the_filters_and_the_rules(client, cast):
    reported = breach_in(Status.DECIDED, cast)
    untriaged = breach_in(Status.REPORTED, cast)
    url = reverse("breaches:register_csv")
    expected = dict.fromkeys(ROLES, 403) | {"ig_manager": 200, "siro": 200}
    assert {who: get_as(client, cast, who, url) for who in ROLES} == expected
    client.force_login(cast.siro)
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
    assert {r["reference"] for r in rows} == {reported.reference, untriaged.reference}
    row = next(r for r in rows if r["reference"] == reported.reference)
    assert row["ICO reference"] == "IC-000001-A1B2"
    assert row["risk"] == "High risk"
    assert float(row["hours to report"]) == pytest.approx(0.9, abs=0.1)
    assert "Child protection" not in client.get(url).content.decode()  # no titles
    rows = list(csv.DictReader(io.StringIO(client.get(url + "?status=reported").content.decode())))
    assert [r["reference"] for r in rows] == [untriaged.reference]


def test_a_formula_typed_into_a_field_is_neutralised_in_the_csv(client, cast):
    breach = breach_in(Status.DECIDED, cast)
    for typed in ('=HYPERLINK("http://x")', '\t=HYPERLINK("http://x")', "@SUM(A1)"):
        Breach.objects.filter(pk=breach.pk).update(ico_reference=typed)
        client.force_login(cast.siro)
        body = client.get(reverse("breaches:register_csv")).content.decode()
        row = next(csv.DictReader(io.StringIO(body)))
        assert row["ICO reference"] == "'" + typed


def test_the_letter_to_the_people_affected_is_composed_from_the_record(client, cast):
    breach = breach_in(Status.DECIDED, cast)
    client.force_login(cast.ig_manager)
    url = reverse("breaches:breach_action", args=[breach.pk, "decide_individuals"])
    letter = client.get(url).context["form"].initial["letter"]
    # Art 34(2): the nature of the breach, the DPO's contact, consequences, measures.
    assert "The plan went to the father's old address book entry." in letter
    assert "ig_manager@council.example" in letter
    assert "Distress; the family's address is known to the recipient." in letter
    assert "Recipient confirmed deletion by phone." in letter
    assert breach.reference in letter
    data = {
        "decision": "tell",
        "reason": "High risk.",
        "told_on": timezone.localdate().isoformat(),
        "method": "Letter by post",
        "version": breach.version,
    }
    response = client.post(url, data | {"letter": letter + "\n[add the helpline]"})
    assert "replace every [bracketed] part" in response.content.decode()
    assert client.post(url, data | {"letter": letter}).status_code == 302
    pdf_url = reverse("breaches:individuals_letter", args=[breach.pk])
    text = pdf_text(client.get(pdf_url).content)
    assert "we are writing to tell you" in text.lower()
    expected = dict.fromkeys(ROLES, 404) | {"ig_manager": 200, "siro": 200}
    assert {who: get_as(client, cast, who, pdf_url) for who in ROLES} == expected
