from django.urls import path

import organisation.converters  # noqa: F401 - registers <id:...>
from requests_app import (
    bulk,
    complaint_links,
    complaint_views,
    delivery_views,
    mail_views,
    sar_views,
    views,
)

app_name = "requests"
urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("inbox/", views.inbox, name="inbox"),
    path("authorisations/", views.authorisations, name="authorisations"),
    path("new/", views.case_new, name="case_new"),
    path("new/email/", mail_views.case_new_from_email, name="case_new_from_email"),
    path("bulk/", bulk.bulk_action, name="bulk"),
    path("complaints/", complaint_views.complaint_list, name="complaints"),
    path("complaints/new/", complaint_views.complaint_new, name="complaint_new"),
    path("complaints/<id:pk>/", complaint_views.complaint_detail, name="complaint"),
    path(
        "complaints/<id:pk>/actions/link/",
        complaint_links.complaint_link_page,
        name="complaint_link",
    ),
    path(
        "complaints/<id:pk>/actions/<slug:action>/",
        complaint_views.complaint_action,
        name="complaint_action",
    ),
    path("<id:pk>/", views.case_detail, name="case"),
    path("<id:pk>/history/", views.case_history, name="case_history"),
    path("<id:pk>/email/", mail_views.case_email_add, name="case_email_add"),
    # Before the generic action page: the search record is a list of lines, not one form.
    path(
        "<id:pk>/actions/record_search/",
        sar_views.case_search_record,
        name="case_search_record",
    ),
    path("<id:pk>/actions/<slug:action>/", views.case_action, name="case_action"),
    path("<id:pk>/documents/<id:document_id>/", views.document_download, name="document"),
    path("<id:pk>/letters/<id:letter_id>/", views.letter_download, name="letter"),
    path(
        "<id:pk>/letters/<id:letter_id>/bundle/",
        delivery_views.letter_bundle,
        name="letter_bundle",
    ),
]
