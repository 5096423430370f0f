"""Bad input gets a clear answer and changes nothing; it never produces a server error.

Each case here was a server error once: a receipt date before the working-day calendar, a time
that did not happen (or happened twice) at a change of the clocks, an id too large for the
database, a report asked about year 1, a NUL character in a search, a breach deadline in year
9999, malformed admin requests. A database outage is a 503 page, not a 500.
"""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from organisation.converters import MAX_ID, IdConverter
from organisation.models import Heartbeat
from organisation.outage import server_error
from reports.periods import EARLIEST_DAY, Period
from requests_app.models import Case, Requester
from tests.requests_app.builders import logged

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=LONDON)
LOG_FORM = {
    "name": "Jo Bloggs",
    "email": "jo@example.org",
    "address": "",
    "requester_type": "individual",
    "channel": "email",
    "regime": "foi",
    "title": "Potholes",
    "request_text": "How many potholes were repaired in 2025?",
}


@pytest.fixture
def clock(db):
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def log_request(client, user, day: str, time: str):
    client.force_login(user)
    return client.post(
        reverse("requests:case_new"), {**LOG_FORM, "received_on": day, "received_time": time}
    )


# --- the log-a-request form ---------------------------------------------------------------------


def test_a_receipt_date_before_the_calendar_is_explained_and_logs_nothing(client, cast, clock):
    response = log_request(client, cast.ig_officer, "2011-12-31", "10:00")
    assert response.status_code == 200
    assert "before 1 January 2012" in response.content.decode()
    assert not Case.objects.exists() and not Requester.objects.exists()


def test_year_one_is_explained_too(client, cast, clock):
    response = log_request(client, cast.ig_officer, "0001-01-01", "00:00")
    assert response.status_code == 200
    assert "before 1 January 2012" in response.content.decode()
    assert not Case.objects.exists()


def test_a_time_skipped_when_the_clocks_went_forward_is_refused(client, cast, clock):
    response = log_request(client, cast.ig_officer, "2025-03-30", "01:30")
    assert response.status_code == 200
    assert "did not happen on 30 March 2025" in response.content.decode()
    assert not Case.objects.exists()


def test_a_time_that_happened_twice_when_the_clocks_went_back_is_refused(client, cast, clock):
    response = log_request(client, cast.ig_officer, "2025-10-26", "01:30")
    assert response.status_code == 200
    assert "happened twice on 26 October 2025" in response.content.decode()
    assert not Case.objects.exists()


def test_times_either_side_of_the_change_are_accepted(client, cast, clock):
    assert log_request(client, cast.ig_officer, "2025-10-26", "00:59").status_code == 302
    assert log_request(client, cast.ig_officer, "2025-10-26", "02:00").status_code == 302
    received = sorted(Case.objects.values_list("received_at", flat=True))
    # 00:59 BST and 02:00 GMT are two hours and one minute apart.
    assert received[1] - received[0] == dt.timedelta(hours=2, minutes=1)


def test_the_log_form_is_refused_to_someone_outside_ig(client, cast, clock):
    assert log_request(client, cast.outsider, "2011-12-31", "10:00").status_code == 403


# --- ids and paths ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/requests/9223372036854775807/",
        "/requests/9223372036854775808/",
        "/requests/99999999999999999999999999999/",
        "/requests/1/documents/9223372036854775808/",
        "/requests/1/letters/99999999999999999999999999999/",
        "/requests/9223372036854775808/actions/classify/",
        "/disclosure-log/FOI-2026-0001/documents/9223372036854775808/",
    ],
)
def test_ids_beyond_a_database_key_are_not_found(client, cast, path):
    client.force_login(cast.ig_manager)
    assert client.get(path).status_code == 404


def test_the_id_converter_takes_every_database_key_and_nothing_larger():
    converter = IdConverter()
    assert converter.to_python(str(MAX_ID)) == MAX_ID
    with pytest.raises(ValueError):
        converter.to_python(str(MAX_ID + 1))


@pytest.mark.parametrize(
    "path", ["/disclosure-log/%00/", "/requests/queue/?q=%00", "/requests/queue/?area=a%00"]
)
def test_a_nul_character_in_the_address_is_a_400_page(client, cast, path):
    client.force_login(cast.ig_officer)
    response = client.get(path)
    assert response.status_code == 400
    assert "cannot accept" in response.content.decode()


def test_a_superscript_digit_in_a_filter_is_ignored(client, cast):
    client.force_login(cast.ig_officer)
    assert client.get("/requests/queue/?area=%C2%B2").status_code == 200


# --- reports ------------------------------------------------------------------------------------

REPORTS = [
    ("reports:dashboard", []),
    ("reports:dashboard_csv", ["summary"]),
    ("reports:cases", ["open_now"]),
    ("reports:cases_csv", ["open_now"]),
    ("reports:quarterly", []),
    ("reports:annual", []),
    ("reports:statistics_csv", ["quarter", "requests"]),
]


@pytest.mark.parametrize("name,args", REPORTS)
@pytest.mark.parametrize(
    "query",
    [
        "?start=0001-01-01",
        "?week=0001-01-01",
        "?period=year&start=0001-01-01",
        "?period=month&start=9999-12-31",
        "?start=1999-12-31&period=quarter",
    ],
)
def test_every_report_answers_far_past_and_far_future_dates(client, cast, name, args, query):
    client.force_login(cast.siro)
    assert client.get(reverse(name, args=args) + query).status_code == 200


def test_reports_stay_refused_to_others_whatever_the_query(client, cast):
    client.force_login(cast.officer_a)
    assert client.get(reverse("reports:dashboard") + "?start=0001-01-01").status_code == 403


@given(
    params=st.dictionaries(
        st.sampled_from(["period", "start", "week"]),
        st.one_of(
            st.dates().map(dt.date.isoformat),
            st.sampled_from(["week", "month", "quarter", "year"]),
            st.text(max_size=12),
        ),
    )
)
@hypothesis_settings(derandomize=True, max_examples=300, deadline=None)
def test_any_query_string_gives_a_period_between_2000_and_today(params):
    today = dt.date(2026, 11, 30)
    period = Period.from_params(params, today=today)
    assert EARLIEST_DAY - dt.timedelta(days=366) <= period.start <= today
    # Everything a report page does with its period works.
    assert period.label and period.short_label and period.as_at_label
    assert period.previous().end < period.start
    assert len(period.weeks_back(12)) == 12


# --- the deadline command -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["breach", "9999-12-31T23:30"],
        ["breach", "9999-12-31T23:30+00:00"],
        ["foi", "0001-01-01"],
        ["foi", "9999-12-31"],
        ["sar", "2020-01-01", "--clarification-asked", "0001-01-01"],
        ["foi", "2020-01-01", "--fee-notice", "2019-01-01", "--fee-paid", "9999-12-31"],
    ],
)
def test_the_deadline_command_explains_dates_it_cannot_count(db, args):
    with pytest.raises(CommandError):
        call_command("deadline", *args, stdout=StringIO())


@given(
    regime=st.sampled_from(["foi", "eir", "sar", "foi-review", "eir-review", "breach", "x"]),
    received=st.one_of(
        st.dates().map(dt.date.isoformat),
        st.datetimes().map(dt.datetime.isoformat),
        st.datetimes(timezones=st.timezones()).map(dt.datetime.isoformat),
        st.text(max_size=20),
    ),
    option=st.sampled_from(["--clarified", "--fee-paid", "--id-received", "--extended", None]),
    other=st.dates().map(dt.date.isoformat),
)
@hypothesis_settings(
    derandomize=True,
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_the_deadline_command_answers_or_explains_whatever_it_is_given(
    db, regime, received, option, other
):
    args = [regime, received]
    if option == "--extended":
        args.append(option)
    elif option:
        args += [option, other]
    try:
        call_command("deadline", *args, stdout=StringIO())
    except CommandError:
        pass  # a sentence for the person; anything else is a bug


# --- the administration -------------------------------------------------------------------------


def test_admin_refuses_list_actions_on_ids_that_are_not_ids(client, cast, org):
    client.force_login(cast.administrator)
    url = reverse("admin:organisation_directorate_changelist")
    bad = {"action": "delete_selected", "_selected_action": "not-an-id"}
    assert client.post(url, bad).status_code == 400
    good = {"action": "delete_selected", "_selected_action": str(org.place.pk)}
    assert client.post(url, good).status_code == 200  # the confirmation page


def test_admin_refuses_an_empty_to_field(client, cast):
    client.force_login(cast.administrator)
    url = reverse("admin:organisation_user_change", args=[cast.siro.pk])
    assert client.get(url + "?_popup=1&_to_field=").status_code == 400
    assert client.get(url).status_code == 200


def test_heartbeats_cannot_be_added_by_hand(client, cast):
    client.force_login(cast.administrator)
    response = client.post(reverse("admin:organisation_heartbeat_add"), {"name": "x"})
    assert response.status_code == 403
    assert not Heartbeat.objects.exists()


# --- a database outage --------------------------------------------------------------------------


def _database_down(execute, sql, params, many, context):
    raise OperationalError("could not connect to server: Connection refused")


@pytest.mark.parametrize("debug", [False, True])
def test_a_database_outage_is_a_503_page_that_needs_no_database(client, cast, settings, debug):
    settings.DEBUG = debug
    client.force_login(cast.ig_officer)
    logged(cast)
    with connection.execute_wrapper(_database_down):
        response = client.get(reverse("requests:queue"))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Sorry, the service is unavailable" in response.content.decode()


def test_the_public_pages_get_the_503_page_too(db):
    client = Client()
    with connection.execute_wrapper(_database_down):
        response = client.get(reverse("public:disclosure_log"))
    assert response.status_code == 503


def test_the_error_handler_gives_503_for_a_database_error_and_500_otherwise(rf):
    request = rf.get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        assert server_error(request).status_code == 503
    try:
        raise ValueError("a bug")
    except ValueError:
        assert server_error(request).status_code == 500


def test_admin_refuses_object_and_history_ids_that_are_not_ids(client, cast, org):
    client.force_login(cast.administrator)
    history = reverse("admin:organisation_directorate_history", args=[org.place.pk])
    assert client.get(history).status_code == 200
    version = org.place.history.latest("history_id").history_id
    good = reverse("admin:organisation_directorate_simple_history", args=[org.place.pk, version])
    assert client.get(good).status_code == 200
    for object_id, version_id in (("abc", version), (org.place.pk, "abc"), ("1%00", version)):
        url = f"/admin/organisation/directorate/{object_id}/history/{version_id}/"
        assert client.get(url).status_code == 400, url
    assert client.get("/admin/organisation/directorate/abc/change/").status_code == 400
