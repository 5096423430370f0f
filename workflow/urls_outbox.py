from django.urls import path

from workflow import views_outbox

app_name = "outbox"

urlpatterns = [
    path("", views_outbox.outbox_problems, name="problems"),
    path(
        "<int:pk>/mark-sent/",
        views_outbox.outbox_decide,
        {"decision": "mark-sent"},
        name="mark_sent",
    ),
    path(
        "<int:pk>/send-again/",
        views_outbox.outbox_decide,
        {"decision": "send-again"},
        name="send_again",
    ),
]
