from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django_otp import devices_for_user
from simple_history.admin import SimpleHistoryAdmin

from organisation.models import Directorate, Escalation, Heartbeat, Notification, ServiceArea, User
from organisation.sign_in import sign_in_unlock


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


# --- Sign-in security: lifting a lockout and removing a lost phone --------------------------


class AccessAttemptUnlockAdmin(AxesAccessAttemptAdmin):
    """django-axes' record of wrong passwords, with an explicit "lift the lock" action."""

    actions = [*AxesAccessAttemptAdmin.actions, "lift_lock"]

    @admin.action(description="Lift the lock on the selected accounts and addresses")
    def lift_lock(self, request, queryset):
        attempts = list(queryset)
        # Recorded in the admin's history as deletions of the wrong-password records.
        self.log_deletions(request, attempts)
        count = 0
        for attempt in attempts:
            count += sign_in_unlock(
                username=attempt.username or "",
                ip_address=attempt.ip_address or "",
                by=request.user,
            )
        self.message_user(request, f"Lock lifted ({count} records of wrong passwords removed).")


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AccessAttemptUnlockAdmin)


@admin.action(description="Lift a sign-in lock on the selected users")
def lift_sign_in_lock(modeladmin, request, queryset):
    for user in queryset:
        sign_in_unlock(username=user.username, by=request.user)
    modeladmin.message_user(request, "Sign-in locks lifted.")


@admin.action(description="Remove two-factor devices (lost phone): they set up a new one")
def remove_two_factor_devices(modeladmin, request, queryset):
    for user in queryset:
        for device in devices_for_user(user, confirmed=None):
            device.delete()
    modeladmin.message_user(
        request, "Two-factor devices removed; they set up a new app at their next sign-in."
    )


UserAdmin.actions = [lift_sign_in_lock, remove_two_factor_devices]


# Second-factor devices: an administrator may remove a lost phone or used-up backup codes, but
# never add or edit a device by hand (its secret and its throttling dates are the library's to
# set; a hand-typed date far in the past or future would break the user's next sign-in).
import django_otp.plugins.otp_static.admin  # noqa: E402, F401 - registers first, replaced below
import django_otp.plugins.otp_totp.admin  # noqa: E402, F401
from django_otp.plugins.otp_static.models import StaticDevice  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402


class DeviceAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "confirmed")
    search_fields = ("user__username",)
    fields = ("user", "name", "confirmed")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


for _device in (TOTPDevice, StaticDevice):
    admin.site.unregister(_device)
    admin.site.register(_device, DeviceAdmin)
