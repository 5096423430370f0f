from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from organisation.models import Directorate, Escalation, Heartbeat, Notification, ServiceArea, User


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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the worker writes: administrators may look, never edit, so the audit holds."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Heartbeat)
class HeartbeatAdmin(ReadOnlyAdmin):
    list_display = ["name", "last_run", "worker"]


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin):
    list_display = ["kind", "level", "window_key", "content_type", "object_id", "created_at"]
    list_filter = ["kind", "level"]
    search_fields = ["reason", "window_key"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["subject", "recipient", "kind", "created_at", "read_at", "email_to"]
    list_filter = ["kind"]
    search_fields = ["subject", "recipient__username", "email_to"]
    list_select_related = ["recipient"]
