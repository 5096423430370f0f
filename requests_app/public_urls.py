"""Public pages (no sign-in), included at the site root by config/urls.py."""

from django.urls import path

import organisation.converters  # noqa: F401 - registers <id:...>
from requests_app import complaint_views, delivery_views, public_views

app_name = "public"
urlpatterns = [
    path("make-a-request/", public_views.request_form, name="request_form"),
    path("make-a-request/confirmation/", public_views.request_done, name="request_done"),
    path("complain/", complaint_views.public_complaint, name="complaint"),
    path("complain/received/", complaint_views.public_complaint_done, name="complaint_done"),
    path("disclosure-log/", public_views.disclosure_log, name="disclosure_log"),
    path(
        "disclosure-log/<str:reference>/",
        public_views.disclosure_detail,
        name="disclosure_detail",
    ),
    path(
        "disclosure-log/<str:reference>/documents/<id:document_id>/",
        public_views.disclosure_document,
        name="disclosure_document",
    ),
    path("your-documents/<str:token>/", delivery_views.release_link, name="release_link"),
    path(
        "your-documents/<str:token>/<id:document_id>/",
        delivery_views.release_link_document,
        name="release_link_document",
    ),
]
