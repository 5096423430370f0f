"""Validation only: the services make every change."""

import datetime as dt

from django import forms
from django.utils import timezone

from deadlines.retention import MAX_RETENTION_MONTHS
from retention.bulk import BULK_KINDS
from retention.kinds import KINDS
from retention.models import Action, RecordType, RetentionRule, Trigger

COUNTED_REFUSAL = (
    "Statistics and registers count these records: choose anonymise, which removes the "
    "personal data and keeps the counted record."
)


class RuleForm(forms.ModelForm):
    class Meta:
        model = RetentionRule
        fields = ["record_type", "outcome", "trigger", "months", "action", "source"]
        labels = {
            "outcome": "Outcome (leave empty for every outcome)",
            "months": "Period in months",
        }
        widgets = {"source": forms.Textarea(attrs={"rows": 3})}

    def clean_months(self):
        months = self.cleaned_data["months"]
        if not 1 <= months <= MAX_RETENTION_MONTHS:
            raise forms.ValidationError(
                f"Enter a period between 1 and {MAX_RETENTION_MONTHS} months."
            )
        return months

    def clean(self):
        data = super().clean()
        kind = KINDS.get(data.get("record_type")) or BULK_KINDS.get(data.get("record_type"))
        if kind is None:
            return data
        trigger = data.get("trigger")
        if trigger and trigger not in kind.triggers:
            allowed = ", ".join(Trigger(t).label.lower() for t in kind.triggers)
            self.add_error("trigger", f"A {kind.label.lower()} can be kept from: {allowed}.")
        outcome = data.get("outcome") or ""
        if outcome and outcome not in dict(kind.outcomes):
            if kind.outcomes:
                allowed = ", ".join(value for value, _ in kind.outcomes)
                self.add_error("outcome", f"Choose one of: {allowed}, or leave it empty.")
            else:
                self.add_error("outcome", f"A {kind.label.lower()} has no outcomes: leave empty.")
        action = data.get("action")
        if action and action not in kind.actions:
            if action == Action.DELETE:
                self.add_error("action", COUNTED_REFUSAL)
            else:
                allowed = " or ".join(a for a in Action.values if a in kind.actions)
                self.add_error("action", f"{kind.label}: rows go in batches; choose {allowed}.")
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class HoldForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Litigation, an ICO investigation, a live complaint: what requires the record.",
    )
    review_on = forms.DateField(
        label="Review the hold on", help_text="For example, 1 6 2027 or 2027-06-01."
    )

    def clean_review_on(self):
        day = self.cleaned_data["review_on"]
        if day <= timezone.localdate():
            raise forms.ValidationError("The review date must be in the future.")
        if day > timezone.localdate() + dt.timedelta(days=5 * 366):
            raise forms.ValidationError("Review a hold at least every five years.")
        return day


class ReviewDateForm(forms.Form):
    review_on = forms.DateField(label="Next review on")

    def clean_review_on(self):
        day = self.cleaned_data["review_on"]
        if day <= timezone.localdate():
            raise forms.ValidationError("The review date must be in the future.")
        return day


class ItemFilterForm(forms.Form):
    record_type = forms.ChoiceField(
        choices=[("", "All types"), *RecordType.choices], required=False, label="Record type"
    )
    state = forms.ChoiceField(
        choices=[("", "All"), ("pending", "To be disposed of"), ("removed", "Removed")],
        required=False,
    )
