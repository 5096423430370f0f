from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from organisation.models import Directorate, Heartbeat, ServiceArea, User


@admin.register(Directorate)
class DirectorateAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]


@admin.register(ServiceArea)
class ServiceAreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "directorate"]
    list_filter = ["directorate"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "first_name", "last_name", "role", "directorate", "is_active"]
    list_filter = ["role", "directorate", "is_active"]
    filter_horizontal = ["service_areas", "groups", "user_permissions"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        ("Role and scope", {"fields": ["role", "job_title", "directorate", "service_areas"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        ("Role and scope", {"fields": ["role", "directorate"]}),
    ]


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "last_run", "worker"]
    readonly_fields = ["name", "last_run", "worker"]
