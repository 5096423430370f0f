"""Forms validate what a user typed; the services decide what happens."""

import datetime as dt

from django import forms
from django.utils import timezone

from breaches.models import (
    Art34Exception,
    DataCategory,
    HowFound,
    IcoDecision,
    IndividualsDecision,
    ReportType,
    TriState,
)
from breaches.models import Cause as CauseChoices
from breaches.risk import LIKELIHOOD, SEVERITY
from organisation.models import ServiceArea, User
from workflow.forms import ActionForm, DateInput, FieldMessages

TIME = forms.TimeInput(
    format="%H:%M", attrs={"type": "time", "class": "govuk-input govuk-input--width-5"}
)
TEXT = forms.Textarea(attrs={"rows": 4})
LONG = 20000


def combine(form: forms.Form, day_field: str, time_field: str, *, required: bool = True):
    """The aware datetime of a date and a time typed in UK time, or None with a form error.
    A time the clocks skipped (01:30 on the last Sunday of March) is refused rather than
    guessed; a time that happened twice (October) is read as the first, in summer time."""
    day, time = form.cleaned_data.get(day_field), form.cleaned_data.get(time_field)
    if day is None and time is None:
        if required:
            form.add_error(day_field, "Enter the date.")
        return None
    if day is None or time is None:
        form.add_error(day_field if day is None else time_field, "Enter both the date and time.")
        return None
    naive = dt.datetime.combine(day, time)
    moment = timezone.make_aware(naive)
    # Round trip through UTC: astimezone() to the datetime's own zone is a no-op.
    if timezone.localtime(moment.astimezone(dt.UTC)).replace(tzinfo=None) != naive:
        form.add_error(time_field, "That time did not happen in the UK: the clocks went forward.")
        return None
    if moment > timezone.now():
        form.add_error(day_field, "The date and time cannot be in the future.")
        return None
    return moment


def _initial_moment(moment, day_field: str, time_field: str) -> dict:
    if moment is None:
        return {}
    local = timezone.localtime(moment)
    return {day_field: local.date(), time_field: local.time().replace(second=0, microsecond=0)}


class ReportFields(FieldMessages, forms.Form):
    title = forms.CharField(
        label="Short title",
        max_length=200,
        help_text="For example: email with a housing list sent to the wrong tenant.",
    )
    what_happened = forms.CharField(label="What happened", widget=TEXT, max_length=LONG)
    occurred_on = DateInput(label="Date it happened (if known)", required=False)
    occurred_time = forms.TimeField(label="Time it happened", widget=TIME, required=False)
    discovered_on = DateInput(label="Date it was discovered")
    discovered_time = forms.TimeField(label="Time it was discovered", widget=TIME)
    service_area = forms.ModelChoiceField(
        label="Service area",
        queryset=ServiceArea.objects.select_related("directorate"),
        required=False,
        empty_label="Not sure",
    )
    data_involved = forms.CharField(
        label="What personal data is involved, as far as you know",
        widget=TEXT,
        required=False,
        max_length=LONG,
    )
    people_involved = forms.CharField(
        label="Whose data, and roughly how many people",
        widget=TEXT,
        required=False,
        max_length=LONG,
    )
    containment_reported = forms.CharField(
        label="What has been done already to contain it",
        help_text="For example: asked the recipient to delete the email.",
        widget=TEXT,
        required=False,
        max_length=LONG,
    )

    def clean(self):
        data = super().clean()
        data["discovered_at"] = combine(self, "discovered_on", "discovered_time")
        data["occurred_at"] = combine(self, "occurred_on", "occurred_time", required=False)
        if data["discovered_at"] and data["occurred_at"]:
            if data["occurred_at"] > data["discovered_at"]:
                self.add_error("occurred_on", "It cannot have happened after it was discovered.")
        return data

    def report_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "what_happened": data["what_happened"],
            "discovered_at": data["discovered_at"],
            "occurred_at": data["occurred_at"],
            "service_area": data["service_area"],
            "data_involved": data["data_involved"],
            "people_involved": data["people_involved"],
            "containment_reported": data["containment_reported"],
        }


class ReportForm(ReportFields):
    """A new report, by any member of staff."""


class EditReportForm(ReportFields, ActionForm):
    def initial_for(self, breach, user) -> dict:
        return {
            "title": breach.title,
            "what_happened": breach.what_happened,
            "service_area": breach.service_area_id,
            "data_involved": breach.data_involved,
            "people_involved": breach.people_involved,
            "containment_reported": breach.containment_reported,
            **_initial_moment(breach.discovered_at, "discovered_on", "discovered_time"),
            **_initial_moment(breach.occurred_at, "occurred_on", "occurred_time"),
        }

    def arguments(self) -> dict:
        return self.report_arguments()


YES_NO_UNKNOWN = [("", "Not known yet"), ("yes", "Yes"), ("no", "No")]


class DetailsFields(FieldMessages, forms.Form):
    """The ICO's breach report field set."""

    report_type = forms.ChoiceField(label="Report type", choices=ReportType.choices)
    is_cyber = forms.TypedChoiceField(
        label="Was it a cyber incident?",
        choices=YES_NO_UNKNOWN,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )
    how_found = forms.ChoiceField(label="How it was found", choices=HowFound.choices)
    data_categories = forms.MultipleChoiceField(
        label="Categories of personal data",
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    people_affected = forms.IntegerField(
        label="Approximate number of people affected", min_value=0, max_value=10**9, required=False
    )
    records_affected = forms.IntegerField(
        label="Approximate number of records", min_value=0, max_value=10**9, required=False
    )
    cause = forms.ChoiceField(label="Cause", choices=CauseChoices.choices)
    consequences = forms.CharField(
        label="Likely consequences for the people affected",
        widget=TEXT,
        required=False,
        max_length=LONG,
    )
    containment = forms.CharField(
        label="Containment and recovery: measures taken or proposed",
        widget=TEXT,
        required=False,
        max_length=LONG,
    )
    staff_involved = forms.CharField(
        label="Staff involved (roles)", widget=TEXT, required=False, max_length=LONG
    )
    staff_trained = forms.ChoiceField(
        label="Had they completed data-protection training?",
        choices=[(TriState.UNKNOWN, "Not known"), (TriState.YES, "Yes"), (TriState.NO, "No")],
        required=False,
    )
    caldicott = forms.BooleanField(
        label="Health or social care data (tell the Caldicott Guardian)", required=False
    )

    DETAIL_NAMES = (
        "report_type",
        "is_cyber",
        "how_found",
        "data_categories",
        "people_affected",
        "records_affected",
        "cause",
        "consequences",
        "containment",
        "staff_involved",
        "staff_trained",
        "caldicott",
    )

    def detail_initial(self, breach) -> dict:
        initial = {name: getattr(breach, name) for name in self.DETAIL_NAMES}
        initial["is_cyber"] = {True: "yes", False: "no", None: ""}[breach.is_cyber]
        if not breach.containment:
            initial["containment"] = breach.containment_reported
        return initial

    def detail_arguments(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.DETAIL_NAMES}


class TriageForm(DetailsFields, ActionForm):
    aware_on = DateInput(label="Date the council became aware")
    aware_time = forms.TimeField(
        label="Time the council became aware",
        widget=TIME,
        help_text="When there was a reasonable degree of certainty that personal data was "
        "compromised. The 72 hours to report to the ICO start here.",
    )
    field_order = ["aware_on", "aware_time"]

    def initial_for(self, breach, user) -> dict:
        return {
            **self.detail_initial(breach),
            **_initial_moment(breach.discovered_at, "aware_on", "aware_time"),
        }

    def clean(self):
        data = super().clean()
        data["aware_at"] = combine(self, "aware_on", "aware_time")
        return data

    def arguments(self) -> dict:
        return {"aware_at": self.cleaned_data["aware_at"], **self.detail_arguments()}


class DetailsForm(DetailsFields, ActionForm):
    def initial_for(self, breach, user) -> dict:
        return self.detail_initial(breach)

    def arguments(self) -> dict:
        return self.detail_arguments()


class ChangeAwarenessForm(ActionForm):
    aware_on = DateInput(label="Date the council became aware")
    aware_time = forms.TimeField(label="Time the council became aware", widget=TIME)
    reason = forms.CharField(
        label="Why it is changing",
        widget=TEXT,
        max_length=LONG,
        error_messages={"required": "Give the reason for changing the moment of awareness."},
    )

    def initial_for(self, breach, user) -> dict:
        return _initial_moment(breach.aware_at, "aware_on", "aware_time")

    def clean(self):
        data = super().clean()
        data["aware_at"] = combine(self, "aware_on", "aware_time")
        return data

    def arguments(self) -> dict:
        return {"aware_at": self.cleaned_data["aware_at"], "reason": self.cleaned_data["reason"]}


class RiskForm(ActionForm):
    likelihood = forms.TypedChoiceField(
        label="Likelihood of harm", choices=LIKELIHOOD, coerce=int, widget=forms.RadioSelect
    )
    severity = forms.TypedChoiceField(
        label="Severity of harm", choices=SEVERITY, coerce=int, widget=forms.RadioSelect
    )
    reasoning = forms.CharField(
        label="Reasoning",
        widget=TEXT,
        max_length=LONG,
        error_messages={"required": "Explain the risk assessment."},
    )

    def initial_for(self, breach, user) -> dict:
        return {
            "likelihood": breach.likelihood,
            "severity": breach.severity,
            "reasoning": breach.risk_reasoning,
        }


class IcoDecisionForm(ActionForm):
    decision = forms.ChoiceField(
        label="Report the breach to the ICO?",
        choices=[c for c in IcoDecision.choices if c[0]],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reason for the decision",
        help_text="Recorded either way (UK GDPR Art 33(5)).",
        widget=TEXT,
        max_length=LONG,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") and not (data.get("reason") or "").strip():
            not_ = "not " if data["decision"] == IcoDecision.NOT_REPORT else ""
            self.add_error("reason", f"Give the reason for {not_}reporting the breach to the ICO.")
        return data


class IcoReportForm(ActionForm):
    ico_reference = forms.CharField(label="ICO reference", max_length=50)
    reported_on = DateInput(label="Date reported")
    reported_time = forms.TimeField(label="Time reported", widget=TIME)
    delay_reason = forms.CharField(
        label="Reasons for the delay (if reported after the 72 hours)",
        widget=TEXT,
        required=False,
        max_length=LONG,
    )

    def initial_for(self, breach, user) -> dict:
        return _initial_moment(timezone.now(), "reported_on", "reported_time")

    def clean(self):
        data = super().clean()
        data["reported_at"] = combine(self, "reported_on", "reported_time")
        return data

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "ico_reference": data["ico_reference"],
            "reported_at": data["reported_at"],
            "delay_reason": data["delay_reason"],
        }


class IcoUpdateForm(ActionForm):
    sent_on = DateInput(label="Date sent")
    sent_time = forms.TimeField(label="Time sent", widget=TIME)
    summary = forms.CharField(label="What it told the ICO", widget=TEXT, max_length=LONG)

    def initial_for(self, breach, user) -> dict:
        return _initial_moment(timezone.now(), "sent_on", "sent_time")

    def clean(self):
        data = super().clean()
        data["sent_at"] = combine(self, "sent_on", "sent_time")
        return data

    def arguments(self) -> dict:
        return {"sent_at": self.cleaned_data["sent_at"], "summary": self.cleaned_data["summary"]}


class IndividualsForm(ActionForm):
    decision = forms.ChoiceField(
        label="Tell the people affected?",
        choices=[c for c in IndividualsDecision.choices if c[0]],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="Reason for the decision", widget=TEXT, max_length=LONG)
    told_on = DateInput(label="Date they were told", required=False)
    method = forms.CharField(
        label="How they were told",
        help_text="For example: letter by post.",
        required=False,
        max_length=200,
    )
    exception = forms.ChoiceField(
        label="Art 34(3) exception (if not telling them despite a high risk)",
        choices=Art34Exception.choices,
        required=False,
    )
    letter = forms.CharField(
        label="The letter or notice sent to them",
        help_text="Composed from the record: replace anything in [square brackets] and check "
        "it reads plainly before you send it.",
        widget=forms.Textarea(attrs={"rows": 18}),
        required=False,
        max_length=LONG,
    )

    def initial_for(self, breach, user) -> dict:
        from breaches.ico_report import letter_text

        return {"letter": breach.individuals_letter or letter_text(breach)}

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == IndividualsDecision.TELL:
            if not data.get("told_on"):
                self.add_error("told_on", "Enter the date they were told.")
            if not (data.get("method") or "").strip():
                self.add_error("method", "Say how they were told.")
            if "[" in (data.get("letter") or "") or not (data.get("letter") or "").strip():
                self.add_error("letter", "Complete the letter: replace every [bracketed] part.")
        if decision == IndividualsDecision.EXCEPTION and not data.get("exception"):
            self.add_error("exception", "Choose which Art 34(3) exception applies.")
        return data


class AddActionForm(ActionForm):
    description = forms.CharField(label="What needs doing", widget=TEXT, max_length=LONG)
    owner = forms.ModelChoiceField(
        label="Owner", queryset=User.objects.filter(is_active=True).order_by("last_name")
    )
    due_on = DateInput(label="Due date")

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError("The due date cannot be in the past.")
        return due_on


class LessonsForm(ActionForm):
    lessons_learned = forms.CharField(label="Lessons learned", widget=TEXT, max_length=LONG)

    def initial_for(self, breach, user) -> dict:
        return {"lessons_learned": breach.lessons_learned}


class ReturnForm(ActionForm):
    comments = forms.CharField(label="What the DPO needs to do", widget=TEXT, max_length=LONG)


class SignOffForm(ActionForm):
    comments = forms.CharField(
        label="Comments (optional)", widget=TEXT, required=False, max_length=LONG
    )


class CompleteActionForm(FieldMessages, forms.Form):
    note = forms.CharField(
        label="What was done (optional)", widget=TEXT, required=False, max_length=LONG
    )
