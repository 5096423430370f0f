"""Forms for the fees actions: validation only; the services decide what happens."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from fees import charges
from fees.models import AggregationGroup, Estimate, PaymentMethod
from fees.selectors import aggregation_candidates, aggregation_suggestions
from fees.services import ACTIVITIES, group_cases, recorded_minutes
from requests_app.access import cases_visible_to
from requests_app.models import Activity, Regime
from workflow.forms import ActionForm, DateInput

SMALL = {"class": "govuk-input govuk-input--width-5"}


def _hours(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0"),
        max_value=Decimal("9999"),
        max_digits=6,
        decimal_places=2,
        widget=forms.NumberInput(attrs={**SMALL, "step": "0.01"}),
        error_messages={"min_value": "Hours cannot be negative."},
    )


class EstimateForm(ActionForm):
    determining = _hours(Activity.DETERMINING.label + " (hours)")
    locating = _hours(Activity.LOCATING.label + " (hours)")
    retrieving = _hours(Activity.RETRIEVING.label + " (hours)")
    extracting = _hours(Activity.EXTRACTING.label + " (hours)")
    adjustment_reason = forms.CharField(
        label="Why the hours differ from the time recorded (if they do)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    sheets = forms.IntegerField(
        label="Sheets to photocopy or print",
        min_value=0,
        max_value=1_000_000,
        widget=forms.NumberInput(attrs=SMALL),
        error_messages={"min_value": "The number of sheets cannot be negative."},
    )
    postage = forms.DecimalField(
        label="Postage and other transmission, at cost (£)",
        min_value=Decimal("0"),
        max_digits=8,
        decimal_places=2,
        widget=forms.NumberInput(attrs={**SMALL, "step": "0.01"}),
        error_messages={"min_value": "Postage cannot be negative."},
    )
    format_hours = _hours("Putting the information in the requested format (hours)")
    vat_applies = forms.BooleanField(
        label="The information is also available from a source that is not a public authority "
        "(VAT is charged)",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regime = self.record.regime
        cases = group_cases(self.record)
        note = (
            f"This estimate covers the {len(cases)} aggregated requests "
            f"({', '.join(c.reference for c in cases)}); each is charged the average."
            if len(cases) > 1
            else ""
        )
        self.fields["determining"].help_text = (
            f"Prefilled from the time the service areas recorded. £{settings.HOURLY_RATE} an "
            f"hour; appropriate limit £{settings.APPROPRIATE_LIMIT}. Not counted: redaction, "
            "considering exemptions or the public interest, authorisation, checking the request "
            f"is valid, calculating the fee, advice and assistance. {note}"
        )
        self.fields["sheets"].help_text = f"{settings.PHOTOCOPY_PENCE_PER_SHEET}p a sheet."
        if regime == Regime.FOI:
            self.fields["charge_over_limit"] = forms.BooleanField(
                label="If the estimate exceeds the limit, comply and charge under s13 instead "
                "of refusing under s12",
                required=False,
            )
        if regime == Regime.EIR:
            self.fields["inspection_only"] = forms.BooleanField(
                label="The requester will only inspect the information (free under EIR)",
                required=False,
            )
        if regime in Regime.data_protection():
            self.fields["sar_basis"] = forms.ChoiceField(
                label="Why a fee may be charged",
                choices=Estimate.SarBasis.choices,
                required=False,
                help_text="Subject access is free unless one of these applies (UK GDPR "
                "Art 12(5), 15(3)).",
            )

    def initial_for(self, record, user) -> dict:
        minutes = recorded_minutes(group_cases(record))
        initial = {a: charges.hours_from_minutes(minutes[a]) for a in ACTIVITIES}
        return {**initial, "sheets": 0, "postage": Decimal("0.00"), "format_hours": Decimal("0")}

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "hours": {a: data[a] for a in ACTIVITIES},
            "adjustment_reason": data["adjustment_reason"],
            "sheets": data["sheets"],
            "postage": data["postage"],
            "format_hours": data["format_hours"],
            "vat_applies": data["vat_applies"],
            "inspection_only": data.get("inspection_only", False),
            "charge_over_limit": data.get("charge_over_limit", False),
            "sar_basis": data.get("sar_basis", ""),
        }


class AggregateForm(ActionForm):
    others = forms.ModelMultipleChoiceField(
        label="Suggested: requests from the same requester",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Open FOI requests from the same requester (or the same email address or "
        "organisation) received within 60 working days either side of this one.",
    )
    references = forms.CharField(
        label="Other requests, by reference (people acting in concert or a campaign)",
        required=False,
        max_length=500,
        help_text="Separate references with commas.",
    )
    basis = forms.ChoiceField(
        label="Why they may be aggregated",
        choices=AggregationGroup.Basis.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="How they relate to the same or similar information",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        suggestions = aggregation_suggestions(self.record, cases_visible_to(self.user))
        queryset = cases_visible_to(self.user).filter(pk__in=[c.pk for c in suggestions])
        self.fields["others"].queryset = queryset.order_by("received_at")
        self.fields["others"].label_from_instance = lambda c: (
            f"{c.reference} ({c.received_at:%-d %b %Y}, {c.requester.name}): {c.title}"
        )

    def clean(self):
        data = super().clean()
        wanted = {r.strip().upper() for r in data.get("references", "").split(",") if r.strip()}
        linked = list(
            aggregation_candidates(self.record, cases_visible_to(self.user)).filter(
                reference__in=wanted
            )
        )
        missing = wanted - {c.reference.upper() for c in linked}
        if missing:
            self.add_error(
                "references",
                f"{', '.join(sorted(missing))}: not an open FOI request received within 60 "
                "working days of this one, or already aggregated.",
            )
        data["linked"] = linked
        if not data.get("others") and not wanted:
            raise forms.ValidationError("Choose at least one other request.")
        return data

    def arguments(self) -> dict:
        data = self.cleaned_data
        others = {c.pk: c for c in [*data["others"], *data["linked"]]}
        return {"others": list(others.values()), "basis": data["basis"], "reason": data["reason"]}


class CostLimitRefusalForm(ActionForm):
    advice = forms.CharField(
        label="Advice and assistance on narrowing the request (s16)",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        help_text="For example: a shorter period, fewer service areas, or the information "
        "that could be provided within the limit.",
    )


class IssueNoticeForm(ActionForm):
    checked = forms.BooleanField(
        label="I have checked the fees notice",
        error_messages={"required": "Check the fees notice in the preview first."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        url = reverse("fees:notice_preview", args=[self.record.pk])
        self.fields["checked"].help_text = format_html(
            '<a class="govuk-link" href="{}" target="_blank" id="notice-preview">Preview the '
            "fees notice (opens in a new tab)</a>. Issuing it stops the clock until the fee "
            "arrives; the PDF is sent to the requester.",
            url,
        )

    def arguments(self) -> dict:
        return {}


class PaymentForm(ActionForm):
    method = forms.ChoiceField(
        label="How it was paid", choices=PaymentMethod.choices, widget=forms.RadioSelect
    )
    received_on = DateInput(label="Date the payment arrived")
    cleared = DateInput(
        label="Cheque cleared on (leave empty to count it cleared after "
        f"{settings.FEES_CHEQUE_CLEARING_WORKING_DAYS} working days)",
        required=False,
    )

    def initial_for(self, record, user) -> dict:
        return {"received_on": timezone.localdate()}

    def clean_received_on(self):
        day: dt.date = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The payment date is in the future.")
        return day


class ReasonForm(ActionForm):
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
