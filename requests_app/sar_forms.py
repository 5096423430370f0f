"""Forms for subject access under the DUAA: the clarification that stops the clock, the search
record's lines, and the release pages that show the search record to the IG manager."""

from django import forms

from requests_app.letter_forms import AskClarificationLetterForm, ResponseLetterForm
from requests_app.sar import CLARIFICATION_REFUSED, needs_clarification_reason
from requests_app.sar_models import ClarificationConcerns
from workflow.forms import ConfirmForm

TEXT = forms.Textarea(attrs={"rows": 3})


class SarAskClarificationForm(AskClarificationLetterForm):
    """For a data-protection request, the clock stops only for clarification about the
    information or processing requested: what about it, and why, are required. Other regimes
    do not see these fields."""

    concerns = forms.ChoiceField(
        label="What about the information or processing requested needs clarifying",
        choices=ClarificationConcerns.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CLARIFICATION_REFUSED},
    )
    concerns_reason = forms.CharField(
        label="Why the council cannot identify it without the requester's help",
        widget=TEXT,
        max_length=5000,
        error_messages={"required": CLARIFICATION_REFUSED},
    )

    def __init__(self, *args, record, user, **kwargs):
        super().__init__(*args, record=record, user=user, **kwargs)
        if not needs_clarification_reason(record):
            del self.fields["concerns"]
            del self.fields["concerns_reason"]


class SearchLineForm(forms.Form):
    searched = forms.TypedChoiceField(
        label="Searched?",
        choices=[("yes", "Searched"), ("no", "Not searched")],
        coerce=lambda value: value == "yes",
        empty_value=None,
    )
    place = forms.CharField(label="System or records", max_length=200, required=False)
    reason = forms.CharField(
        label="Reason (why searched and what was found, or why not searched)",
        widget=TEXT,
        max_length=5000,
        required=False,
    )

    def clean(self):
        data = super().clean()
        place, reason = (data.get("place") or "").strip(), (data.get("reason") or "").strip()
        if place and not reason:
            self.add_error("reason", "Give the reason for this line.")
        if reason and not place:
            self.add_error("place", "Name the system or records.")
        return data


SearchLineFormSet = forms.formset_factory(
    SearchLineForm, extra=0, min_num=1, max_num=60, absolute_max=60, validate_max=True
)


class SearchVersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)


class ReleaseConfirmForm(ConfirmForm):
    """The release pages show the search record of a SAR above the button."""

    summary_template = "requests_app/_search_record.html"


class ReleaseLetterForm(ResponseLetterForm):
    """Sending the response: the letter to check and edit, under the SAR's search record."""

    summary_template = ReleaseConfirmForm.summary_template
