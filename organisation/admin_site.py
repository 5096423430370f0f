"""The Django administration, refusing malformed requests it would otherwise turn into a server
error: list actions posted with ids that are not ids, an empty `_to_field`, and object or
history-version ids that are not ids in the URL. All come only from hand-made requests; the
admin's own pages never send them."""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import TO_FIELD_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.shortcuts import render


def _not_an_id(field, value: str) -> bool:
    try:
        field.to_python(unquote(value))
    except ValidationError:
        return True
    return False


def _malformed(request, model_admin, kwargs) -> bool:
    if TO_FIELD_VAR in request.GET and not request.GET[TO_FIELD_VAR]:
        return True
    if isinstance(model_admin, admin.ModelAdmin):
        # The history pages (django-simple-history) look an object and a version up by what
        # the URL holds, and fail on text where an id belongs.
        pk = model_admin.model._meta.pk
        if "object_id" in kwargs and _not_an_id(pk, kwargs["object_id"]):
            return True
        if "version_id" in kwargs and not str(kwargs["version_id"]).isdigit():
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
            # django-simple-history's version page passes its two ids positionally.
            ids = kwargs or dict(zip(("object_id", "version_id"), args, strict=False))
            if _malformed(request, model_admin, ids):
                return render(request, "400.html", status=400)
            return view(request, *args, **kwargs)

        return super().admin_view(update_wrapper(checked, view), cacheable)


class CouncilAdminConfig(AdminConfig):
    default_site = "organisation.admin_site.CouncilAdminSite"
