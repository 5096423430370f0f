"""Read-mostly administration: status changes go through the services (the action pages),
never through the admin, so the admin cannot change a status or the signatory fields."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sharing.models import Agreement, Dpia, DpiaRisk, Partner


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0


class RiskInline(admin.TabularInline):
    model = DpiaRisk
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "kind", "status", "review_due", "end_date"]
    list_filter = ["status", "kind", "special_category", "criminal_offence"]
    search_fields = ["reference", "title", "partners__name"]
    inlines = [PartnerInline]
    readonly_fields = [
        "reference",
        "status",
        "version",
        "review_due",
        "agreed_by",
        "agreed_at",
        "signed_by",
        "signed_at",
        "signed_as",
        "created_by",
    ]


@admin.register(Dpia)
class DpiaAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "status", "residual_risk"]
    list_filter = ["status", "residual_risk", "prior_consultation_required"]
    search_fields = ["reference", "title", "project"]
    inlines = [RiskInline]
    readonly_fields = ["reference", "status", "version", "dpo_by", "dpo_at", "created_by"]
