from django.urls import path

import organisation.converters  # noqa: F401 - registers <id:...>
from search import views

app_name = "search"
urlpatterns = [
    path("", views.search, name="search"),
    path("filters/", views.filter_save, name="filter_save"),
    path("filters/<id:pk>/delete/", views.filter_delete, name="filter_delete"),
]
