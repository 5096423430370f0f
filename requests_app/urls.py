from django.urls import path

from requests_app import bulk, complaint_views, mail_views, views

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
    path("complaints/<int:pk>/", complaint_views.complaint_detail, name="complaint"),
    path(
        "complaints/<int:pk>/actions/<slug:action>/",
        complaint_views.complaint_action,
        name="complaint_action",
    ),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/history/", views.case_history, name="case_history"),
    path("<int:pk>/email/", mail_views.case_email_add, name="case_email_add"),
    path("<int:pk>/actions/<slug:action>/", views.case_action, name="case_action"),
    path("<int:pk>/documents/<int:document_id>/", views.document_download, name="document"),
    path("<int:pk>/letters/<int:letter_id>/", views.letter_download, name="letter"),
]
