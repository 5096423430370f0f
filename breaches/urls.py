from django.urls import path

from breaches import views

app_name = "breaches"
urlpatterns = [
    path("", views.register, name="register"),
    path("report/", views.report, name="report"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/actions/<slug:action>/", views.breach_action, name="breach_action"),
    path("my-actions/", views.my_actions, name="my_actions"),
    path("my-actions/<int:pk>/", views.action_detail, name="action"),
]
