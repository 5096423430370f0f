from django.urls import path

from breaches import views

app_name = "breaches"
urlpatterns = [
    path("", views.register, name="register"),
    path("register.csv", views.register_csv, name="register_csv"),
    path("report/", views.report, name="report"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/actions/<slug:action>/", views.breach_action, name="breach_action"),
    path("<int:pk>/ico-report.pdf", views.ico_report_pdf, name="ico_report"),
    path("<int:pk>/letter.pdf", views.individuals_letter_pdf, name="individuals_letter"),
    path("my-actions/", views.my_actions, name="my_actions"),
    path("my-actions/<int:pk>/", views.action_detail, name="action"),
]
