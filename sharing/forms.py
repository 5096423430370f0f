"""Forms validate what a user typed; the services decide what happens."""

import datetime as dt

from django import forms
from django.conf import settings
from django.utils import timezone

from organisation.models import Role, ServiceArea, User
from sharing.access import agreements_visible_to
from sharing.checks import lawful_basis_problems, prior_consultation_problem
from sharing.models import (
    SCREENING_QUESTIONS,
    Agreement,
    Article6,
    Article9,
    Kind,
    Likelihood,
    RiskLevel,
    Severity,
    Status,
)
from workflow.forms import ActionForm, DateInput, FieldMessages

TEXT = forms.Textarea(attrs={"rows": 4})
OWNER_ROLES = (Role.IG_OFFICER, Role.IG_MANAGER, Role.SERVICE_OFFICER)
MONTHS = {"min_value": 1, "max_value": 60}


def review_months_field(**kwargs):
    return forms.IntegerField(
        label="Review every (months)",
        help_text="The next review falls this many calendar months after the start.",
        **MONTHS,
        **kwargs,
    )


class AgreementFields(FieldMessages, forms.Form):
    kind = forms.ChoiceField(label="Type", choices=Kind.choices, widget=forms.RadioSelect)
    title = forms.CharField(max_length=300)
    purpose = forms.CharField(widget=TEXT, max_length=10000)
    lead_areas = forms.ModelMultipleChoiceField(
        label="Lead service areas",
        queryset=ServiceArea.objects.select_related("directorate"),
        widget=forms.CheckboxSelectMultiple,
        help_text="One area: a single-service agreement, signed by its Service Director. "
        "Several: a cross-service agreement, signed by the SIRO / Director of Legal.",
    )
    owner = forms.ModelChoiceField(
        label="Owner (reminded of reviews)",
        queryset=User.objects.filter(is_active=True, role__in=OWNER_ROLES),
        required=False,
    )
    article6_basis = forms.ChoiceField(label="Article 6 lawful basis", choices=Article6.choices)
    special_category = forms.BooleanField(label="Special-category data is shared", required=False)
    article9_condition = forms.ChoiceField(
        label="Article 9 condition", choices=Article9.choices, required=False
    )
    criminal_offence = forms.BooleanField(label="Criminal-offence data is shared", required=False)
    article10_condition = forms.CharField(
        label="Article 10 / DPA 2018 Schedule 1 condition", max_length=300, required=False
    )
    data_subjects = forms.CharField(widget=TEXT, max_length=5000)
    data_categories = forms.CharField(label="Categories of data", widget=TEXT, max_length=5000)
    transfer_method = forms.CharField(label="Method of transfer", max_length=300)
    transfer_frequency = forms.CharField(label="Frequency of transfer", max_length=200)
    security_measures = forms.CharField(widget=TEXT, max_length=5000)
    retention = forms.CharField(label="Retention and disposal", widget=TEXT, max_length=5000)
    waspi = forms.BooleanField(
        label="A WASPI Information Sharing Protocol (Welsh councils)", required=False
    )
    review_months = review_months_field()

    def clean(self):
        data = super().clean()
        problems = lawful_basis_problems(
            article6_basis=data.get("article6_basis", ""),
            special_category=data.get("special_category", False),
            article9_condition=data.get("article9_condition", ""),
            criminal_offence=data.get("criminal_offence", False),
            article10_condition=data.get("article10_condition", ""),
        )
        for name, message in problems.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data


class AgreementCreateForm(AgreementFields):
    partner_name = forms.CharField(label="Partner organisation", max_length=300)
    partner_role = forms.CharField(label="Its role", max_length=100, required=False)
    partner_contact_name = forms.CharField(label="Contact name", max_length=200, required=False)
    partner_contact_email = forms.EmailField(label="Contact email", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = Kind.ISA
        self.fields["review_months"].initial = settings.SHARING_REVIEW_MONTHS

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        partner = {
            "name": data.pop("partner_name"),
            "role": data.pop("partner_role"),
            "contact_name": data.pop("partner_contact_name"),
            "contact_email": data.pop("partner_contact_email"),
        }
        return {**data, "partner": partner}


class AgreementEditForm(AgreementFields, ActionForm):
    def initial_for(self, record: Agreement, user) -> dict:
        initial = {name: getattr(record, name) for name in AgreementFields.base_fields}
        initial["lead_areas"] = list(record.lead_areas.all())
        initial["owner"] = record.owner_id
        return initial


class PartnerForm(ActionForm):
    name = forms.CharField(label="Partner organisation", max_length=300)
    role = forms.CharField(label="Its role", max_length=100, required=False)
    contact_name = forms.CharField(max_length=200, required=False)
    contact_email = forms.EmailField(required=False)
    contact_phone = forms.CharField(max_length=40, required=False)


class NoteForm(ActionForm):
    note = forms.CharField(label="Note (optional)", widget=TEXT, max_length=5000, required=False)


class ReasonForm(ActionForm):
    reason = forms.CharField(widget=TEXT, max_length=5000)


def check_pdf(upload):
    if upload is None:
        return upload
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise forms.ValidationError(f"The file must be smaller than {settings.MAX_UPLOAD_MB} MB.")
    head = upload.read(4)
    upload.seek(0)
    if not upload.name.lower().endswith(".pdf") or head != b"%PDF":
        raise forms.ValidationError("The signed agreement must be a PDF file.")
    return upload


class SignForm(ActionForm):
    start_date = DateInput(label="In force from")
    review_months = review_months_field()
    end_date = DateInput(label="End date (optional)", required=False)
    signed_document = forms.FileField(
        label="The signed agreement (PDF, optional)",
        required=False,
        help_text="Kept private: never shown on the public register.",
    )

    def initial_for(self, record, user) -> dict:
        return {"start_date": timezone.localdate(), "review_months": record.review_months}

    def clean_signed_document(self):
        return check_pdf(self.cleaned_data.get("signed_document"))

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date cannot be before the start date.")
        return data


class RenewForm(ActionForm):
    reviewed_on = DateInput(label="Reviewed on")
    review_months = review_months_field()
    end_date = DateInput(label="New end date (optional)", required=False)
    notes = forms.CharField(label="What the review found", widget=TEXT, max_length=5000)

    def initial_for(self, record, user) -> dict:
        return {
            "reviewed_on": timezone.localdate(),
            "review_months": record.review_months,
            "end_date": record.end_date,
        }

    def clean_reviewed_on(self):
        day: dt.date = self.cleaned_data["reviewed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The review date cannot be in the future.")
        return day

    def clean(self):
        data = super().clean()
        reviewed, end = data.get("reviewed_on"), data.get("end_date")
        if reviewed and end and end < reviewed:
            self.add_error("end_date", "The new end date cannot be before the review.")
        return data


# --- DPIAs ------------------------------------------------------------------------------------


class DpiaCreateForm(FieldMessages, forms.Form):
    title = forms.CharField(max_length=300)
    project = forms.CharField(max_length=300, help_text="The project or system it supports.")
    description = forms.CharField(
        label="Nature, scope, context and purposes", widget=TEXT, max_length=10000
    )
    lead_area = forms.ModelChoiceField(
        queryset=ServiceArea.objects.select_related("directorate"), required=False
    )
    agreements = forms.ModelMultipleChoiceField(
        queryset=Agreement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The sharing agreements this DPIA supports.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreements"].queryset = agreements_visible_to(user).exclude(
            status__in=Status.ended()
        )


class ScreeningForm(ActionForm):
    answers = forms.MultipleChoiceField(
        label="Which of these apply?",
        choices=list(SCREENING_QUESTIONS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Any one means a full DPIA is needed (ICO screening criteria).",
    )
    full_anyway = forms.BooleanField(
        label="Carry out a full DPIA even though none applies", required=False
    )
    notes = forms.CharField(widget=TEXT, max_length=5000, required=False)

    def initial_for(self, record, user) -> dict:
        return {"answers": record.screening_answers, "notes": record.screening_notes}


class RiskForm(ActionForm):
    description = forms.CharField(label="Risk to individuals", widget=TEXT, max_length=5000)
    likelihood = forms.TypedChoiceField(choices=Likelihood.choices, coerce=int)
    severity = forms.TypedChoiceField(choices=Severity.choices, coerce=int)
    mitigation = forms.CharField(widget=TEXT, max_length=5000)
    residual = forms.ChoiceField(label="Residual risk", choices=RiskLevel.choices)


class LinkAgreementForm(ActionForm):
    agreement = forms.ModelChoiceField(queryset=Agreement.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements_visible_to(self.user).exclude(
            pk__in=self.record.agreements.values("pk")
        )


class AssessForm(ActionForm):
    assessment = forms.CharField(label="The DPO's assessment", widget=TEXT, max_length=10000)
    residual_risk = forms.ChoiceField(label="Overall residual risk", choices=RiskLevel.choices)
    prior_consultation_required = forms.BooleanField(
        label="Prior consultation with the ICO is required (Article 36)", required=False
    )

    def clean(self):
        data = super().clean()
        problem = prior_consultation_problem(
            data.get("residual_risk", ""), data.get("prior_consultation_required", False)
        )
        if problem:
            self.add_error("prior_consultation_required", problem)
        return data


class IcoOutcomeForm(ActionForm):
    ico_reference = forms.CharField(label="ICO reference", max_length=50)
    outcome = forms.CharField(label="The ICO's advice", widget=TEXT, max_length=10000)
