"""Forms validate what a user typed; the services decide what happens."""

import datetime as dt

from django import forms
from django.utils import timezone

from organisation.models import ServiceArea
from organisation.uploads import check_upload
from requests_app.models import (
    Activity,
    Channel,
    Document,
    Exemption,
    Outcome,
    Regime,
    RequesterType,
    ReviewOutcome,
    SarVariant,
)
from requests_app.selectors import FLAGS

DATE = forms.DateInput(
    format="%Y-%m-%d", attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}
)
TEXT = forms.Textarea(attrs={"rows": 6})
FLAG_CHOICES = list(FLAGS.items())


def not_in_future(day: dt.date) -> dt.date:
    if day and day > timezone.localdate():
        raise forms.ValidationError("The date cannot be in the future.")
    return day


class LogRequestForm(forms.Form):
    name = forms.CharField(label="Requester's name", max_length=200)
    email = forms.EmailField(label="Email address", required=False)
    address = forms.CharField(
        label="Postal address", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    requester_type = forms.ChoiceField(label="Type of requester", choices=RequesterType.choices)
    channel = forms.ChoiceField(
        label="How it arrived", choices=[c for c in Channel.choices if c[0] != Channel.WEB]
    )
    received_on = forms.DateField(label="Date received", widget=DATE)
    received_time = forms.TimeField(
        label="Time received",
        widget=forms.TimeInput(attrs={"type": "time", "class": "govuk-input govuk-input--width-5"}),
    )
    regime = forms.ChoiceField(
        label="Regime (if already clear)",
        choices=[c for c in Regime.choices if c[0] != Regime.NOT_VALID],
        initial=Regime.UNCLASSIFIED,
    )
    title = forms.CharField(label="Short title", max_length=200)
    request_text = forms.CharField(label="The request, as received", widget=TEXT, max_length=20000)
    flags = forms.MultipleChoiceField(
        label="Flags", choices=FLAG_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    def clean(self):
        data = super().clean()
        if data.get("channel") == Channel.EMAIL and not data.get("email"):
            self.add_error("email", "Enter the email address the request came from.")
        day, time = data.get("received_on"), data.get("received_time")
        if day and time:
            moment = timezone.make_aware(dt.datetime.combine(day, time))
            if moment > timezone.now():
                self.add_error("received_on", "The date and time received cannot be in the future.")
            data["received_at"] = moment
        return data


class ClassifyForm(forms.Form):
    regime = forms.ChoiceField(
        label="What kind of request is this?",
        choices=[c for c in Regime.choices if c[0] not in (Regime.UNCLASSIFIED, Regime.NOT_VALID)],
        widget=forms.RadioSelect,
    )
    sar_variant = forms.ChoiceField(
        label="Data-protection variant", choices=SarVariant.choices, required=False
    )
    sar_checks = forms.CharField(
        label="Checks made (parental responsibility, authority to disclose, risk of harm)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    flags = forms.MultipleChoiceField(
        label="Flags", choices=FLAG_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label="Note (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class ConfirmForm(forms.Form):
    """Actions with nothing to fill in still go through a form, for CSRF and a clear button."""


class AskClarificationForm(forms.Form):
    question = forms.CharField(label="What needs clarifying", widget=TEXT, max_length=5000)
    asked_on = forms.DateField(label="Date asked", widget=DATE, validators=[not_in_future])


class RecordClarificationForm(forms.Form):
    received_on = forms.DateField(
        label="Date the clarification arrived", widget=DATE, validators=[not_in_future]
    )
    summary = forms.CharField(label="What the requester said", widget=TEXT, max_length=5000)


class AskIdForm(forms.Form):
    asked_on = forms.DateField(label="Date asked", widget=DATE, validators=[not_in_future])


class RecordIdForm(forms.Form):
    received_on = forms.DateField(
        label="Date the ID arrived", widget=DATE, validators=[not_in_future]
    )


class AssignForm(forms.Form):
    service_areas = forms.ModelMultipleChoiceField(
        label="Service areas",
        queryset=ServiceArea.objects.select_related("directorate"),
        widget=forms.CheckboxSelectMultiple,
    )


class AreaChoiceMixin:
    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_area"].choices = [(a.pk, a.name) for a in areas]


class HandBackForm(AreaChoiceMixin, forms.Form):
    service_area = forms.TypedChoiceField(label="For service area", coerce=int)
    reason = forms.CharField(
        label="Why (wrong service area, or what IG should ask the requester)",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class CouncillorToldForm(forms.Form):
    told_on = forms.DateField(
        label="Date the councillor was told", widget=DATE, validators=[not_in_future]
    )


class RecordTimeForm(AreaChoiceMixin, forms.Form):
    service_area = forms.TypedChoiceField(label="For service area", coerce=int)
    activity = forms.ChoiceField(label="Activity", choices=Activity.choices)
    minutes = forms.IntegerField(label="Time spent (minutes)", min_value=1, max_value=12000)
    searches = forms.CharField(
        label="Searches made (systems, folders, people asked)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class SubmitDraftForm(AreaChoiceMixin, forms.Form):
    service_area = forms.TypedChoiceField(label="For service area", coerce=int)
    draft = forms.CharField(
        label="Draft answer", widget=forms.Textarea(attrs={"rows": 10}), max_length=50000
    )


class ProposeExemptionForm(forms.Form):
    exemption = forms.ModelChoiceField(
        label="Exemption or exception", queryset=Exemption.objects.all()
    )
    public_interest_test = forms.CharField(
        label="Public-interest test (needed for qualified exemptions)",
        required=False,
        widget=TEXT,
        max_length=20000,
    )


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[c for c in Outcome.choices if c[0] not in ("", Outcome.WITHDRAWN, Outcome.LAPSED)],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label="Reasons (needed to withhold anything)", required=False, widget=TEXT, max_length=20000
    )
    response_text = forms.CharField(
        label="Response to the requester",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=50000,
    )
    monitoring_officer_consulted = forms.CharField(
        label="Monitoring Officer consultation (needed for vexatious / manifestly unreasonable)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )

    def __init__(self, *args, exemptions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.exemption_fields = []
        for applied in exemptions:
            name = f"pit_{applied.pk}"
            self.fields[name] = forms.CharField(
                label=f"Public-interest test for {applied.exemption}",
                required=False,
                widget=TEXT,
                initial=applied.public_interest_test,
                max_length=20000,
            )
            self.exemption_fields.append((applied.pk, name))

    def public_interest_tests(self) -> dict[int, str]:
        return {pk: self.cleaned_data.get(name, "") for pk, name in self.exemption_fields}


class ExtendForm(forms.Form):
    reason = forms.CharField(label="Reason for the extension", widget=TEXT, max_length=5000)
    notified_on = forms.DateField(
        label="Date the requester was told", widget=DATE, validators=[not_in_future]
    )


class CommentsForm(forms.Form):
    comments = forms.CharField(label="Comments", widget=TEXT, max_length=5000)


class OptionalCommentsForm(forms.Form):
    comments = forms.CharField(
        label="Comments (optional)", required=False, widget=TEXT, max_length=5000
    )


class OpenReviewForm(forms.Form):
    received_on = forms.DateField(
        label="Date the review was requested", widget=DATE, validators=[not_in_future]
    )
    grounds = forms.CharField(
        label="What the requester is unhappy with", widget=TEXT, max_length=20000
    )


class ReviewOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Review outcome",
        choices=[c for c in ReviewOutcome.choices if c[0]],
        widget=forms.RadioSelect,
    )
    response_text = forms.CharField(
        label="Review response", widget=forms.Textarea(attrs={"rows": 10}), max_length=50000
    )


class IcoComplaintForm(forms.Form):
    ico_reference = forms.CharField(label="ICO reference", max_length=50)
    received_on = forms.DateField(label="Date received", widget=DATE, validators=[not_in_future])
    decision_notice = forms.CharField(
        label="Decision notice reference", required=False, max_length=50
    )
    decision_on = forms.DateField(label="Decision notice date", required=False, widget=DATE)
    compliance_due = forms.DateField(label="Compliance date", required=False, widget=DATE)
    notes = forms.CharField(
        label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label="What is it", choices=Document.Kind.choices)
    file = forms.FileField(label="File")
    publish = forms.BooleanField(
        label="Redacted copy to publish on the disclosure log", required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)  # sets upload.checked_content_type and upload.security_warning
        return upload
