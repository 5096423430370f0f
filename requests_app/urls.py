from django.urls import path

from requests_app import views

app_name = "requests"
urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("inbox/", views.inbox, name="inbox"),
    path("authorisations/", views.authorisations, name="authorisations"),
]
