from django.urls import path

from sharing import views

app_name = "sharing"
urlpatterns = [
    path("", views.agreement_list, name="agreements"),
    path("new/", views.agreement_new, name="agreement_new"),
    path("<int:pk>/", views.agreement_detail, name="agreement"),
    path("<int:pk>/history/", views.agreement_history, name="agreement_history"),
    path("<int:pk>/signed-document/", views.agreement_document, name="agreement_document"),
    path("<int:pk>/<slug:action>/", views.agreement_action, name="agreement_action"),
    path("dpias/", views.dpia_list, name="dpias"),
    path("dpias/new/", views.dpia_new, name="dpia_new"),
    path("dpias/<int:pk>/", views.dpia_detail, name="dpia"),
    path("dpias/<int:pk>/<slug:action>/", views.dpia_action, name="dpia_action"),
]
