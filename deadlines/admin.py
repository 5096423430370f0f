from django import forms
from django.contrib import admin, messages

from deadlines import services
from deadlines.errors import DeadlineError
from deadlines.models import (
    BankHoliday,
    BankHolidayChange,
    HolidayDisagreement,
    Nation,
    Source,
)
from deadlines.second_source import SOURCE_NAMES


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = BankHoliday.objects.dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(date__year=int(self.value()))
        return queryset


class BankHolidayAddForm(forms.ModelForm):
    """One holiday, added in each nation ticked: a UK-wide proclamation is one entry."""

    nations = forms.MultipleChoiceField(
        choices=Nation.choices,
        initial=Nation.values,
        widget=forms.CheckboxSelectMultiple,
        help_text="FOI and EIR skip a holiday in any nation; a SAR rolls forward only over "
        "the council's own.",
    )

    class Meta:
        model = BankHoliday
        fields = ["date", "title", "source_detail"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_detail"].required = True

    def clean(self):
        cleaned = super().clean()
        day, nations = cleaned.get("date"), cleaned.get("nations")
        if day and nations:
            calendar = services.current_calendar()
            try:
                calendar.check_in_range(day)
            except DeadlineError as error:
                raise forms.ValidationError(str(error)) from error
            taken = [h for h in calendar.holidays_on(day) if h.nation in nations]
            if taken:
                names = ", ".join(f"{h.title} ({Nation(h.nation).label})" for h in taken)
                raise forms.ValidationError(
                    f"{day.isoformat()} is already a bank holiday: {names}."
                )
        return cleaned


@admin.register(BankHoliday)
class BankHolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "weekday", "title", "nation", "source", "source_detail"]
    list_filter = ["nation", YearFilter, "source"]
    search_fields = ["title", "source_detail"]
    ordering = ["-date", "nation"]

    @admin.display(description="day")
    def weekday(self, obj):
        return f"{obj.date:%A}"

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = BankHolidayAddForm
        return super().get_form(request, obj, **kwargs)

    # GOV.UK's entries change only through the sync, and an added holiday is corrected by
    # removing and re-adding it, so that every change passes through the change log.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.source == Source.ADMIN)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # it would bypass the per-row source check
        return actions

    def save_model(self, request, obj, form, change):
        created = services.bank_holiday_add(
            day=form.cleaned_data["date"],
            nations=form.cleaned_data["nations"],
            title=form.cleaned_data["title"],
            source_detail=form.cleaned_data["source_detail"],
            by=request.user.get_username(),
        )
        # The admin's own messages and log entry refer to `obj`: make it the first row created.
        obj.pk, obj.nation, obj.source = created[0].pk, created[0].nation, created[0].source
        if len(created) > 1:
            nations = ", ".join(row.get_nation_display() for row in created)
            messages.info(request, f"Added in {nations}.")

    def delete_model(self, request, obj):
        services.bank_holiday_remove(holiday=obj, by=request.user.get_username())


@admin.register(BankHolidayChange)
class BankHolidayChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "action", "date", "title", "nation", "source", "reason"]
    list_filter = ["action", "nation", "source"]
    date_hierarchy = "changed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HolidayDisagreement)
class HolidayDisagreementAdmin(admin.ModelAdmin):
    """Days one holiday source lists and the other does not, each with both sources named.

    Decided with the two actions only, so that every decision passes through the service (the
    change log, and the recomputation of cases when the calendar changes).
    """

    list_display = [
        "date",
        "weekday",
        "nation",
        "title",
        "listed_by_source",
        "not_listed_by_source",
        "decision",
        "decided_by",
        "decided_at",
    ]
    list_filter = ["decision", "nation", "listed_by"]
    ordering = ["-date", "nation"]
    actions = ["accept", "reject"]
    readonly_fields = [
        "date",
        "nation",
        "title",
        "listed_by_source",
        "not_listed_by_source",
        "sources_detail",
        "decision",
        "decided_by",
        "decided_at",
        "found_at",
    ]
    fields = readonly_fields

    @admin.display(description="day")
    def weekday(self, obj):
        return f"{obj.date:%A}"

    @admin.display(description="listed by", ordering="listed_by")
    def listed_by_source(self, obj):
        return SOURCE_NAMES.get(obj.listed_by, obj.get_listed_by_display())

    @admin.display(description="not listed by")
    def not_listed_by_source(self, obj):
        return SOURCE_NAMES.get(obj.not_listed_by, obj.get_not_listed_by_display())

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Accept: the selected days are bank holidays", permissions=["change"])
    def accept(self, request, queryset):
        self._decide(request, queryset, HolidayDisagreement.Decision.ACCEPTED)

    @admin.action(
        description="Reject: the selected days are not bank holidays", permissions=["change"]
    )
    def reject(self, request, queryset):
        self._decide(request, queryset, HolidayDisagreement.Decision.REJECTED)

    def _decide(self, request, queryset, decision):
        decided = []
        for row in queryset:
            try:
                services.holiday_disagreement_decide(
                    disagreement_id=row.pk, decision=decision, by=request.user.get_username()
                )
            except DeadlineError as error:
                messages.error(request, f"{row}: {error}")
            else:
                decided.append(f"{row.date.isoformat()} ({row.get_nation_display()})")
        if decided:
            verb = "Accepted" if decision == HolidayDisagreement.Decision.ACCEPTED else "Rejected"
            messages.success(request, f"{verb}: {', '.join(decided)}.")

    def save_model(self, request, obj, form, change):
        # Every field is read-only: a decision is made with the actions, through the service.
        return None
