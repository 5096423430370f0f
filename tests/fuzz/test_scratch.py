from django.test import Client
import traceback
from tests.requests_app.builders import case_in

def test_scratch(cast, org):
    case_in("received", cast, org)
    c = Client(raise_request_exception=True)
    c.force_login(cast.administrator)
    for method, url, data in [
        ("post", "/admin/organisation/directorate/", {"action": "delete_selected", "_selected_action": "not-a-choice"}),
        ("post", "/admin/organisation/directorate/", {"action": "delete_selected", "_selected_action": org.place.pk}),
        ("post", "/admin/organisation/heartbeat/add/", {"name": "", "last_run_0": "", "last_run_1": ""}),
        ("get", "/admin/organisation/user/%d/change/?_popup=&_to_field=" % cast.siro.pk, None),
        ("get", "/admin/organisation/user/%d/change/?_popup=1&_to_field=id" % cast.siro.pk, None),
        ("get", "/admin/", None),
        ("get", "/requests/queue/?q=%00", None),
        ("get", "/requests/queue/?q=a&area=%C2%B2", None),
        ("get", "/reports/dashboard/?week=0001-01-01&period=week", None),
        ("get", "/reports/annual/?start=0001-01-01", None),
    ]:
        try:
            r = getattr(c, method)(url, data)
            print(url, r.status_code)
        except Exception:
            traceback.print_exc(limit=-4)
