"""Forms validate what a user typed; the services decide what happens."""

import datetime as dt

from django import forms
from django.conf import settings
from django.utils import timezone

from deadlines.errors import DeadlineError
from deadlines.services import current_calendar
from organisation import access
from organisation.localtime import local_moment
from organisation.models import ServiceArea, User
from organisation.uploads import check_upload
from requests_app.checks import outcomes_for
from requests_app.models import (
    Activity,
    Assignment,
    Channel,
    CorrespondenceLanguage,
    Document,
    Exemption,
    Regime,
    RequesterType,
    ReviewOutcome,
    SarVariant,
)
from requests_app.ownership import ig_staff
from requests_app.publication import initial_public_version
from requests_app.selectors import FLAGS
from workflow.forms import ActionForm, DateInput, FieldMessages

TEXT = forms.Textarea(attrs={"rows": 6})
FLAG_CHOICES = list(FLAGS.items())


class TodayMixin:
    """Date fields open on today's date."""

    def initial_for(self, record, user) -> dict:
        today = timezone.localdate()
        return {
            name: today
            for name, field in self.base_fields.items()
            if isinstance(field, forms.DateField | DateInput) and field.required
        }


def not_in_future(day: dt.date) -> dt.date:
    if day and day > timezone.localdate():
        raise forms.ValidationError("The date cannot be in the future.")
    return day


def LanguageChoiceField(**kwargs) -> forms.ChoiceField:  # noqa: N802 - used like a field class
    return forms.ChoiceField(
        label="Language of correspondence",
        widget=forms.RadioSelect,
        help_text="Letters and emails to the requester are written in it (bilingual: Welsh "
        "first). Ask: correspondence in Welsh is welcome and must not be slower.",
        **kwargs,
    )


class LogRequestForm(FieldMessages, forms.Form):
    name = forms.CharField(label="Requester's name", max_length=200)
    email = forms.EmailField(label="Email address", required=False)
    address = forms.CharField(
        label="Postal address", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    requester_type = forms.ChoiceField(label="Type of requester", choices=RequesterType.choices)
    channel = forms.ChoiceField(
        label="How it arrived", choices=[c for c in Channel.choices if c[0] != Channel.WEB]
    )
    received_on = DateInput(label="Date received")
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.WELSH_LANGUAGE_STANDARDS:  # asked, and recorded, only then
            # Blank keeps a known requester's recorded language (English for a new one).
            self.fields["language"] = LanguageChoiceField(
                required=False,
                choices=[
                    ("", "As recorded for this requester (English for a new requester)"),
                    *CorrespondenceLanguage.choices,
                ],
                initial="",
            )
            # Placed with the requester's details, not after the request.
            order = list(self.fields)
            order.insert(order.index("requester_type") + 1, order.pop())
            self.order_fields(order)

    def clean(self):
        data = super().clean()
        if data.get("channel") == Channel.EMAIL and not data.get("email"):
            self.add_error("email", "Enter the email address the request came from.")
        day, time = data.get("received_on"), data.get("received_time")
        if day and time:
            try:
                # The statutory clock starts from this day: it must be one the calendar covers.
                current_calendar().check_in_range(day)
                moment = local_moment(day, time)
            except DeadlineError as error:
                self.add_error("received_on", str(error))
            except forms.ValidationError as error:
                self.add_error("received_time", error)
            else:
                if moment > timezone.now():
                    self.add_error(
                        "received_on", "The date and time received cannot be in the future."
                    )
                data["received_at"] = moment
        return data


class ClassifyForm(ActionForm):
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

    def initial_for(self, case, user) -> dict:
        return {
            "regime": case.regime,
            "sar_variant": case.sar_variant,
            "sar_checks": case.sar_checks,
            "flags": [flag for flag in FLAGS if getattr(case, flag)],
        }


class ReasonForm(ActionForm):
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class OptionalReasonForm(ActionForm):
    reason = forms.CharField(
        label="Note (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class AskClarificationForm(TodayMixin, ActionForm):
    question = forms.CharField(label="What needs clarifying", widget=TEXT, max_length=5000)
    asked_on = DateInput(label="Date asked", validators=[not_in_future])


class RecordClarificationForm(TodayMixin, ActionForm):
    received_on = DateInput(label="Date the clarification arrived", validators=[not_in_future])
    summary = forms.CharField(label="What the requester said", widget=TEXT, max_length=5000)


class AskIdForm(TodayMixin, ActionForm):
    asked_on = DateInput(label="Date asked", validators=[not_in_future])


class RecordIdForm(TodayMixin, ActionForm):
    received_on = DateInput(label="Date the ID arrived", validators=[not_in_future])


class AssignForm(ActionForm):
    service_areas = forms.ModelMultipleChoiceField(
        label="Service areas",
        queryset=ServiceArea.objects.select_related("directorate"),
        widget=forms.CheckboxSelectMultiple,
    )

    def initial_for(self, case, user) -> dict:
        return {"service_areas": [a.service_area_id for a in case.assignments.active()]}

    def arguments(self) -> dict:
        return {"service_area_ids": [area.pk for area in self.cleaned_data["service_areas"]]}


class AreaChoiceMixin:
    """The service area is chosen from the user's own areas still working on the case."""

    def __init__(self, *args, record, user, **kwargs):
        super().__init__(*args, record=record, user=user, **kwargs)
        mine = access.service_area_ids(user)
        self.fields["service_area"].choices = [
            (a.service_area_id, a.service_area.name)
            for a in record.assignments.select_related("service_area")
            if a.state == Assignment.State.OPEN and a.service_area_id in mine
        ]

    def arguments(self) -> dict:
        data = super().arguments()
        data["service_area_id"] = data.pop("service_area")
        return data


class HandBackForm(AreaChoiceMixin, ActionForm):
    service_area = forms.TypedChoiceField(label="For service area", coerce=int)
    reason = forms.CharField(
        label="Why (wrong service area, or what IG should ask the requester)",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class CouncillorToldForm(TodayMixin, ActionForm):
    told_on = DateInput(label="Date the councillor was told", validators=[not_in_future])


class RecordTimeForm(AreaChoiceMixin, ActionForm):
    service_area = forms.TypedChoiceField(label="For service area", coerce=int)
    activity = forms.ChoiceField(label="Activity", choices=Activity.choices)
    minutes = forms.IntegerField(label="Time spent (minutes)", min_value=1, max_value=12000)
    searches = forms.CharField(
        label="Searches made (systems, folders, people asked)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class SubmitDraftForm(AreaChoiceMixin, ActionForm):
    service_area = forms.TypedChoiceField(label="For service area", coerce=int)
    draft = forms.CharField(
        label="Draft answer", widget=forms.Textarea(attrs={"rows": 10}), max_length=50000
    )


class ProposeExemptionForm(ActionForm):
    exemption = forms.ModelChoiceField(
        label="Exemption or exception", queryset=Exemption.objects.all()
    )
    public_interest_test = forms.CharField(
        label="Public-interest test (needed for qualified exemptions)",
        required=False,
        widget=TEXT,
        max_length=20000,
    )

    def arguments(self) -> dict:
        return {
            "exemption_id": self.cleaned_data["exemption"].pk,
            "public_interest_test": self.cleaned_data["public_interest_test"],
        }


class DecideForm(ActionForm):
    outcome = forms.ChoiceField(label="Outcome", widget=forms.RadioSelect)
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

    def __init__(self, *args, record, user, **kwargs):
        super().__init__(*args, record=record, user=user, **kwargs)
        # Only the outcomes this user may decide are offered (withholding is the IG manager's).
        self.fields["outcome"].choices = outcomes_for(user)
        self.exemption_fields = []
        for applied in record.exemptions.select_related("exemption"):
            name = f"pit_{applied.pk}"
            self.fields[name] = forms.CharField(
                label=f"Public-interest test for {applied.exemption}",
                required=False,
                widget=TEXT,
                initial=applied.public_interest_test,
                max_length=20000,
            )
            self.exemption_fields.append((applied.pk, name))

    def initial_for(self, case, user) -> dict:
        drafts = "\n\n".join(
            f"{a.service_area.name}:\n{a.draft}"
            for a in case.assignments.select_related("service_area")
            if a.draft
        )
        return {
            "outcome": case.outcome,
            "reasons": case.decision_reasons,
            "response_text": case.response_text or drafts,
            "monitoring_officer_consulted": case.monitoring_officer_consulted,
        }

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "outcome": data["outcome"],
            "reasons": data["reasons"],
            "response_text": data["response_text"],
            "monitoring_officer_consulted": data["monitoring_officer_consulted"],
            "public_interest_tests": {pk: data.get(name, "") for pk, name in self.exemption_fields},
        }


class ExtendForm(TodayMixin, ActionForm):
    reason = forms.CharField(label="Reason for the extension", widget=TEXT, max_length=5000)
    notified_on = DateInput(label="Date the requester was told", validators=[not_in_future])


class CommentsForm(ActionForm):
    comments = forms.CharField(label="Comments", widget=TEXT, max_length=5000)


class OptionalCommentsForm(ActionForm):
    comments = forms.CharField(
        label="Comments (optional)", required=False, widget=TEXT, max_length=5000
    )


class OpenReviewForm(TodayMixin, ActionForm):
    received_on = DateInput(label="Date the review was requested", validators=[not_in_future])
    grounds = forms.CharField(
        label="What the requester is unhappy with", widget=TEXT, max_length=20000
    )

    def arguments(self) -> dict:
        # A review request logged by date only is taken as arriving at 9am that day (or now,
        # if that is still to come today).
        day = self.cleaned_data["received_on"]
        nine = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
        return {"received_at": min(nine, timezone.now()), "grounds": self.cleaned_data["grounds"]}


class ReviewOutcomeForm(ActionForm):
    outcome = forms.ChoiceField(
        label="Review outcome",
        choices=[c for c in ReviewOutcome.choices if c[0]],
        widget=forms.RadioSelect,
    )
    response_text = forms.CharField(
        label="Review response", widget=forms.Textarea(attrs={"rows": 10}), max_length=50000
    )


class IcoComplaintForm(TodayMixin, ActionForm):
    ico_reference = forms.CharField(label="ICO reference", max_length=50)
    received_on = DateInput(label="Date received", validators=[not_in_future])
    decision_notice = forms.CharField(
        label="Decision notice reference", required=False, max_length=50
    )
    decision_on = DateInput(label="Decision notice date", required=False)
    compliance_due = DateInput(label="Compliance date", required=False)
    notes = forms.CharField(
        label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class UploadForm(ActionForm):
    kind = forms.ChoiceField(label="What kind of document it is", choices=Document.Kind.choices)
    file = forms.FileField(label="File")
    publish = forms.BooleanField(
        label="Redacted copy to publish on the disclosure log", required=False
    )
    replaces = forms.ModelChoiceField(
        label="Replaces (a new version of a document already on the case)",
        queryset=Document.objects.none(),
        required=False,
    )

    def initial_for(self, record, user) -> dict:
        # What each role most often uploads: a service area its working papers (found in its
        # searches), IG what came with a request still being received, else the response.
        if not access.is_ig(user):
            return {"kind": Document.Kind.WORKING}
        if record.status == "received":
            return {"kind": Document.Kind.RECEIVED}
        return {"kind": Document.Kind.RESPONSE}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)  # sets upload.checked_content_type and upload.security_warning
        return upload

    def __init__(self, *args, record, user, **kwargs):
        super().__init__(*args, record=record, user=user, **kwargs)
        self.fields["replaces"].queryset = record.documents.filter(replaced_by__isnull=True)

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "upload": data["file"],
            "publish": data["publish"],
            "replaces_id": data["replaces"].pk if data["replaces"] else None,
        }


class AcceptHiddenDataForm(ActionForm):
    document = forms.ModelChoiceField(label="Document", queryset=Document.objects.none())
    reason = forms.CharField(
        label="Why it may be released with what was found",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )

    def __init__(self, *args, record, user, **kwargs):
        super().__init__(*args, record=record, user=user, **kwargs)
        waiting = [d.pk for d in record.documents.all() if d.blocks_release]
        self.fields["document"].queryset = record.documents.filter(pk__in=waiting)

    def arguments(self) -> dict:
        return {
            "document_id": self.cleaned_data["document"].pk,
            "reason": self.cleaned_data["reason"],
        }


class PublishForm(ActionForm):
    public_title = forms.CharField(label="Public title", max_length=200)
    public_summary = forms.CharField(
        label="What was asked (for the public)", widget=TEXT, max_length=20000
    )
    public_answer = forms.CharField(
        label="The answer (for the public: no greeting, no sign-off, no names)",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=50000,
    )

    def initial_for(self, case, user) -> dict:
        return initial_public_version(case)


class ReallocateForm(ActionForm):
    owner = forms.ModelChoiceField(label="New owner in IG", queryset=User.objects.none())
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args, record, user, **kwargs):
        super().__init__(*args, record=record, user=user, **kwargs)
        self.fields["owner"].queryset = ig_staff()

    def arguments(self) -> dict:
        return {"owner_id": self.cleaned_data["owner"].pk, "reason": self.cleaned_data["reason"]}


class NoteForm(ActionForm):
    text = forms.CharField(
        label="Note (internal: never sent to the requester; @username tells a colleague)",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
    )


class LanguageForm(ActionForm):
    """Change the requester's language of correspondence (requests_app.language)."""

    language = forms.ChoiceField(
        label="Language of correspondence",
        choices=CorrespondenceLanguage.choices,
        widget=forms.RadioSelect,
        help_text="Letters and emails to the requester are written in it from now on "
        "(bilingual: Welsh first, then English).",
    )

    def initial_for(self, record, user) -> dict:
        return {"language": record.requester.language}
