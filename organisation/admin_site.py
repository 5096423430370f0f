"""The Django administration, refusing two kinds of malformed request it would otherwise turn
into a server error: list actions posted with ids that are not ids, and an empty `_to_field`.
Both come only from hand-made requests; the admin's own pages never send them."""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import TO_FIELD_VAR
from django.core.exceptions import ValidationError
from django.shortcuts import render


def _malformed(request, model_admin) -> bool:
    if TO_FIELD_VAR in request.GET and not request.GET[TO_FIELD_VAR]:
        return True
    if request.method != "POST" or not isinstance(model_admin, admin.ModelAdmin):
        return False
    pk = model_admin.model._meta.pk
    for value in request.POST.getlist(ACTION_CHECKBOX_NAME):
        try:
            pk.to_python(value)
        except ValidationError:
            return True
    return False


class CouncilAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        model_admin = getattr(view, "__self__", None)

        def checked(request, *args, **kwargs):
            if _malformed(request, model_admin):
                return render(request, "400.html", status=400)
            return view(request, *args, **kwargs)

        return super().admin_view(update_wrapper(checked, view), cacheable)


class CouncilAdminConfig(AdminConfig):
    default_site = "organisation.admin_site.CouncilAdminSite"
