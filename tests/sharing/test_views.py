"""Every staff page, action and download through HTTP, with the whole cast. Who may do what is
written out by hand here, from the policies (Melton 29, Leicester 30), not read from the table.

The agreements are led by Planning (area A, in Place) unless said otherwise."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sharing.models import Agreement, Dpia, Status
from tests.sharing.builders import BASE, agreement_in, dpia

pytestmark = pytest.mark.django_db

ROLES = [
    "ig_officer",
    "ig_manager",
    "officer_a",
    "officer_b",
    "director",
    "director_other",
    "siro",
    "manager",
    "manager_place",
    "administrator",
    "outsider",
]
OK, FORBIDDEN, HIDDEN, REFUSED = 200, 403, 404, 409


def expect(default, **statuses):
    return {role: statuses.get(role, default) for role in ROLES}


# Who sees an agreement led by Planning: IG, the SIRO, Planning's officer, Place's director and
# the managers (council-wide and Place). Housing's officer and People's director get 404.
SEES = dict(
    ig_officer=OK,
    ig_manager=OK,
    siro=OK,
    officer_a=OK,
    director=OK,
    manager=OK,
    manager_place=OK,
    officer_b=HIDDEN,
    director_other=HIDDEN,
)


@pytest.fixture
def objects(cast, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    active = agreement_in(Status.ACTIVE, cast, [org.area_a])
    active.signed_document.save("signed.pdf", ContentFile(b"%PDF-1.4 signed"), save=True)
    assessment = dpia(cast.ig_officer, agreements=[active], lead_area=org.area_a)
    return {"agreement": active, "dpia": assessment}


PAGES = {
    "list": (
        lambda o: reverse("sharing:agreements"),
        expect(
            OK,
            administrator=FORBIDDEN,
            outsider=FORBIDDEN,
        ),
    ),
    "new": (
        lambda o: reverse("sharing:agreement_new"),
        expect(FORBIDDEN, ig_officer=OK, ig_manager=OK),
    ),
    "detail": (
        lambda o: reverse("sharing:agreement", args=[o["agreement"].pk]),
        expect(FORBIDDEN, **SEES),
    ),
    "document": (
        lambda o: reverse("sharing:agreement_document", args=[o["agreement"].pk]),
        # Private: not the managers, who see the register read-only.
        expect(FORBIDDEN, **{**SEES, "manager": FORBIDDEN, "manager_place": FORBIDDEN}),
    ),
    "history": (
        lambda o: reverse("sharing:agreement_history", args=[o["agreement"].pk]),
        expect(FORBIDDEN, **{**SEES, "manager": FORBIDDEN, "manager_place": FORBIDDEN}),
    ),
    "dpia_list": (
        lambda o: reverse("sharing:dpias"),
        expect(
            OK,
            manager=FORBIDDEN,
            manager_place=FORBIDDEN,
            administrator=FORBIDDEN,
            outsider=FORBIDDEN,
        ),
    ),
    "dpia_new": (
        lambda o: reverse("sharing:dpia_new"),
        expect(FORBIDDEN, ig_officer=OK, ig_manager=OK),
    ),
    "dpia": (
        lambda o: reverse("sharing:dpia", args=[o["dpia"].pk]),
        expect(
            FORBIDDEN,
            ig_officer=OK,
            ig_manager=OK,
            siro=OK,
            officer_a=OK,
            director=OK,
            officer_b=HIDDEN,
            director_other=HIDDEN,
        ),
    ),
    "public": (lambda o: reverse("sharing_public:register"), expect(OK)),
    "public_csv": (lambda o: reverse("sharing_public:csv"), expect(OK)),
    "public_json": (lambda o: reverse("sharing_public:json"), expect(OK)),
}


@pytest.mark.parametrize("page", PAGES)
def test_pages(client, cast, objects, page):
    url_of, expected = PAGES[page]
    url = url_of(objects)
    got = {}
    for role in ROLES:
        client.force_login(getattr(cast, role))
        got[role] = client.get(url).status_code
    assert got == expected
    client.logout()
    anonymous = client.get(url)
    if page.startswith("public"):
        assert anonymous.status_code == OK
    else:
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_partner_contacts_only_for_those_who_work_with_it(client, cast, objects):
    url = reverse("sharing:agreement", args=[objects["agreement"].pk])
    shown = {}
    for role in ("ig_officer", "siro", "officer_a", "director", "manager", "manager_place"):
        client.force_login(getattr(cast, role))
        shown[role] = "pat.private@police.example" in client.get(url).content.decode()
    assert shown == {
        "ig_officer": True,
        "siro": True,
        "officer_a": True,
        "director": True,
        "manager": False,
        "manager_place": False,
    }


# --- actions ----------------------------------------------------------------------------------

TODAY = timezone.localdate()


def valid_post(action, org, agreement):
    return {
        "submit": {"note": ""},
        "edit": {
            **{k: v for k, v in BASE.items() if v is not False},
            "title": "Renamed",
            "lead_areas": [org.area_a.pk],
        },
        "add_partner": {"name": "Age UK", "contact_email": "x@ageuk.example"},
        "agree": {"note": ""},
        "return_to_draft": {"reason": "Add the retention period."},
        "sign": {
            "start_date": TODAY.isoformat(),
            "review_months": 12,
            "signed_document": SimpleUploadedFile("s.pdf", b"%PDF-1.4 x", "application/pdf"),
        },
        "decline": {"reason": "Not yet."},
        "renew": {"reviewed_on": TODAY.isoformat(), "review_months": 12, "notes": "Fine."},
        "terminate": {"reason": "No longer needed."},
    }[action] | {"version": agreement.version}


# (action, the state it starts from, lead areas, who may: written out by hand)
ACTIONS = [
    ("submit", Status.DRAFT, ["area_a"], {"ig_officer", "ig_manager"}),
    ("edit", Status.DRAFT, ["area_a"], {"ig_officer", "ig_manager"}),
    ("add_partner", Status.DPO_REVIEW, ["area_a"], {"ig_officer", "ig_manager"}),
    ("agree", Status.DPO_REVIEW, ["area_a"], {"ig_manager"}),
    ("return_to_draft", Status.DPO_REVIEW, ["area_a"], {"ig_manager"}),
    ("sign", Status.AWAITING_SIGNATURE, ["area_a"], {"director"}),
    ("sign", Status.AWAITING_SIGNATURE, ["area_b"], {"director_other"}),
    ("sign", Status.AWAITING_SIGNATURE, ["area_a", "area_c"], {"siro"}),
    ("decline", Status.AWAITING_SIGNATURE, ["area_a"], {"director"}),
    ("decline", Status.AWAITING_SIGNATURE, ["area_a", "area_b"], {"siro"}),
    ("renew", Status.REVIEW_DUE, ["area_a"], {"ig_manager"}),
    ("terminate", Status.ACTIVE, ["area_a"], {"ig_manager"}),
]


def _visible(role, areas):
    """Who can open the agreement at all (else 404), by hand."""
    always = {"ig_officer", "ig_manager", "siro", "manager"}
    place = {"area_a", "area_c"}
    if role in always:
        return True
    if role in ("director", "manager_place"):
        return bool(place & set(areas))
    if role == "officer_a":
        return "area_a" in areas
    if role == "officer_b":
        return "area_b" in areas
    if role == "director_other":
        return "area_b" in areas
    return False


@pytest.mark.parametrize(("action", "status", "areas", "allowed"), ACTIONS)
def test_actions(client, cast, org, settings, tmp_path, action, status, areas, allowed):
    settings.MEDIA_ROOT = tmp_path
    agreement = agreement_in(status, cast, [getattr(org, a) for a in areas])
    url = reverse("sharing:agreement_action", args=[agreement.pk, action])
    got = {}
    for role in ROLES:
        client.force_login(getattr(cast, role))
        got[role] = client.get(url).status_code
    expected = {}
    for role in ROLES:
        if role in ("administrator", "outsider"):
            expected[role] = FORBIDDEN  # no access to the register at all
        elif role in allowed:
            expected[role] = OK
        else:
            expected[role] = FORBIDDEN if _visible(role, areas) else HIDDEN
    assert got == expected
    # A refused POST changes nothing; the allowed one goes through.
    for role in ROLES:
        if role in allowed:
            continue
        client.force_login(getattr(cast, role))
        client.post(url, valid_post(action, org, agreement))
        assert Agreement.objects.get(pk=agreement.pk).version == agreement.version, role
    client.force_login(getattr(cast, sorted(allowed)[0]))
    response = client.post(url, valid_post(action, org, agreement))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Agreement.objects.get(pk=agreement.pk).version == agreement.version + 1


def test_the_wrong_signatory_is_not_offered_the_button(client, cast, org):
    agreement = agreement_in(Status.AWAITING_SIGNATURE, cast, [org.area_a, org.area_b])
    url = reverse("sharing:agreement", args=[agreement.pk])
    sign = reverse("sharing:agreement_action", args=[agreement.pk, "sign"])
    client.force_login(cast.director)
    assert sign not in client.get(url).content.decode()
    client.force_login(cast.siro)
    assert sign in client.get(url).content.decode()


def test_bad_input_changes_nothing(client, cast, org):
    agreement = agreement_in(Status.AWAITING_SIGNATURE, cast, [org.area_a])
    url = reverse("sharing:agreement_action", args=[agreement.pk, "sign"])
    client.force_login(cast.director)
    response = client.post(
        url,
        {
            "start_date": "2026-03-01",
            "end_date": "2026-02-01",
            "review_months": 99,
            "signed_document": SimpleUploadedFile("s.pdf", b"MZ not a pdf"),
            "version": agreement.version,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in page
    assert "must be a PDF" in page
    assert Agreement.objects.get(pk=agreement.pk).status == Status.AWAITING_SIGNATURE


def test_wrong_state_is_explained(client, cast, org):
    agreement = agreement_in(Status.DRAFT, cast, [org.area_a])
    client.force_login(cast.ig_manager)
    response = client.get(reverse("sharing:agreement_action", args=[agreement.pk, "agree"]))
    assert response.status_code == REFUSED


def test_create_agreement_through_the_form(client, cast, org):
    client.force_login(cast.ig_officer)
    data = {
        **{k: v for k, v in BASE.items() if v is not False},
        "special_category": "on",
        "lead_areas": [org.area_a.pk, org.area_b.pk],
        "partner_name": "NHS Trust",
        "partner_contact_email": "dpo@nhs.example",
    }
    response = client.post(reverse("sharing:agreement_new"), data)
    assert response.status_code == 200
    assert "choose the Article 9 condition" in response.content.decode()
    assert not Agreement.objects.exists()
    response = client.post(reverse("sharing:agreement_new"), {**data, "article9_condition": "h"})
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert agreement.reference.startswith("ISA-") and agreement.partners.get().name == "NHS Trust"


def test_create_dpia_through_the_form(client, cast, org):
    client.force_login(cast.ig_officer)
    response = client.post(
        reverse("sharing:dpia_new"),
        {"title": "CCTV upgrade", "project": "Town centre CCTV", "description": "Cameras."},
    )
    assert response.status_code == 302
    assert Dpia.objects.get().reference.startswith("DPIA-")


# --- lists ------------------------------------------------------------------------------------


def test_agreement_list_queries_do_not_grow(client, cast, org, django_assert_num_queries):
    client.force_login(cast.director)
    for n in range(3):
        agreement_in(Status.ACTIVE, cast, [org.area_a, org.area_c], title=f"A{n}")
    url = reverse("sharing:agreements")
    with django_assert_num_queries(9) as few:
        client.get(url)
    for n in range(30):
        agreement_in(Status.DRAFT, cast, [org.area_a], title=f"B{n}")
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url, {"sort": "-title"})
    assert response.content.decode().count('href="/sharing/') >= 25


def test_agreement_list_filters_sorting_and_empty_state(client, cast, org):
    agreement_in(Status.ACTIVE, cast, [org.area_a], title="Alpha sharing")
    agreement_in(Status.DRAFT, cast, [org.area_b], title="Beta sharing", kind="dpa")
    client.force_login(cast.ig_officer)
    url = reverse("sharing:agreements")
    page = client.get(url, {"status": "active"}).content.decode()
    assert "Alpha sharing" in page and "Beta sharing" not in page
    page = client.get(url, {"kind": "dpa"}).content.decode()
    assert "Beta sharing" in page and "Alpha sharing" not in page
    page = client.get(url, {"area": org.area_b.pk}).content.decode()
    assert "Beta sharing" in page and "Alpha sharing" not in page
    page = client.get(url, {"sort": "-title"}).content.decode()
    assert page.index("Beta sharing") < page.index("Alpha sharing")
    page = client.get(url, {"tab": "approval"}).content.decode()
    assert "Beta sharing" in page and "Alpha sharing" not in page
    page = client.get(url, {"q": "nothing like it", "page": "x", "area": "abc"}).content.decode()
    assert "No agreements match." in page
    # The officer of Housing sees only Housing's agreement.
    client.force_login(cast.officer_b)
    page = client.get(url).content.decode()
    assert "Beta sharing" in page and "Alpha sharing" not in page


def test_tiles_count_and_drill_down(client, cast, org):
    overdue = agreement_in(Status.ACTIVE, cast, [org.area_a], signed_on=dt.date(2024, 1, 1))
    agreement_in(Status.ACTIVE, cast, [org.area_a], signed_on=timezone.localdate())
    client.force_login(cast.ig_manager)
    response = client.get(reverse("sharing:agreements"), {"tab": "overdue"})
    tiles = {key: count for key, _, count in response.context["tiles"]}
    assert (tiles["active"], tiles["overdue"], tiles["due_soon"]) == (2, 1, 0)
    assert [a.pk for a in response.context["agreements"]] == [overdue.pk]


def test_dpia_list_queries(client, cast, org, django_assert_max_num_queries):
    for _ in range(12):
        dpia(cast.ig_officer, lead_area=org.area_a)
    client.force_login(cast.ig_officer)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("sharing:dpias"))
    assert response.content.decode().count("DPIA-") >= 12
    client.force_login(cast.officer_b)
    assert "No DPIAs match." in client.get(reverse("sharing:dpias")).content.decode()
