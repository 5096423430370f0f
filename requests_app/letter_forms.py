"""Action forms that send a letter: the officer sees the letter as it will be sent, may edit its
body, and sends it. Nothing goes on the first press when the letter is written from what the
form asks for (a clarification question, a review outcome): that press shows the letter."""

import copy

from django import forms

from deadlines.errors import DeadlineError
from requests_app import clock, correspondence, letter_templates
from requests_app import letter_terms_cy as cy
from requests_app.forms import AskClarificationForm, AskIdForm, ExtendForm, ReviewOutcomeForm
from requests_app.models import Correspondence
from workflow.forms import ActionForm

PREVIEW = "preview"  # the name of the "Preview the letter" button

# The requester's language of correspondence decides the letter's: the same page, no extra step.
LETTER_LABELS = {
    "en": "The letter",
    "cy": "The letter (in Welsh: the requester's language of correspondence)",
    "both": "The letter (bilingual: Welsh first, then English)",
}
LETTER_HINTS = {
    "en": "",
    "cy": "",
    "both": f" Keep the line “{cy.DIVIDER}” between the Welsh and the English.",
}


class LetterMixin:
    letter_kind: str = ""
    # True when the letter is written from the form's own fields: the body starts empty and
    # the first press composes it for the officer to check.
    composed_from_fields = False
    preview_template = "requests_app/letter_preview.html"

    def __init__(self, *args, record, user, **kwargs):
        super().__init__(*args, record=record, user=user, **kwargs)
        self.language = letter_templates.language_of(record)
        self.fields["body"] = forms.CharField(
            label=LETTER_LABELS[self.language],
            required=False,
            max_length=50000,
            widget=forms.Textarea(attrs={"rows": 36 if self.language == "both" else 18}),
            help_text="Edit it if needed. The greeting, the sign-off and the council's address "
            "are added for you, as shown in the preview. Choose “Preview the letter” to see "
            "your changes in place before it is sent." + LETTER_HINTS[self.language],
        )
        if not self.is_bound and not self.composed_from_fields:
            self.initial["body"] = self.compose(self.initial)

    # What the letter is about --------------------------------------------------------------

    def kind(self) -> str:
        return self.letter_kind

    def letter_case(self, data: dict):
        """The case as it will be when the letter goes (an unsaved copy where the action
        changes what the letter says)."""
        return self.record

    def details(self, data: dict) -> str:
        return ""

    def compose(self, data: dict) -> str:
        case = self.letter_case(data)
        return correspondence.compose(case, self.kind(), extra=self.details(data))[1]

    # Validation and the preview round ------------------------------------------------------

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        problem = letter_templates.wrapping_problem(body, self.language)
        if problem:
            raise forms.ValidationError(problem)
        return body

    def preview_requested(self) -> bool:
        """True (nothing is sent) when the officer asked to see the letter, or has not seen it
        yet because it is written from the fields they just filled in."""
        wanted = PREVIEW in self.data or not self.cleaned_data.get("body")
        if wanted and not self.cleaned_data.get("body"):
            self.data = self.data.copy()
            self.data["body"] = self.compose(self.cleaned_data)
        return wanted

    def letter_preview(self) -> dict | None:
        body = self.data.get("body", "") if self.is_bound else self.initial.get("body", "")
        if not body.strip():
            return None
        case = self.record
        text = letter_templates.letter_text(case.requester.name, body, language=self.language)
        email = case.requester.email
        text = letter_templates.email_text(text) if email else text
        try:  # each part marked with its language, as in the PDF
            parts = letter_templates.split(text, self.language)
        except ValueError:  # the divider was edited away: the form says so; show it as typed
            parts = {"cy": text}
        return {
            "to": email,
            "address": case.requester.address,
            "name": case.requester.name,
            "text": text,
            "sections": [
                {
                    "lang": "cy" if part == "cy" else "en-GB",
                    # The line between the parts shows where the email has it.
                    "text": f"{cy.DIVIDER}\n\n{part_text}" if index else part_text,
                }
                for index, (part, part_text) in enumerate(parts.items())
            ],
        }

    def arguments(self) -> dict:
        return {**super().arguments(), "body": self.cleaned_data.get("body", "")}


class AcknowledgeForm(LetterMixin, ActionForm):
    letter_kind = Correspondence.Kind.ACKNOWLEDGEMENT


class AskIdLetterForm(LetterMixin, AskIdForm):
    letter_kind = Correspondence.Kind.ID_REQUEST


class AskClarificationLetterForm(LetterMixin, AskClarificationForm):
    letter_kind = Correspondence.Kind.CLARIFICATION
    composed_from_fields = True

    def details(self, data: dict) -> str:
        return data.get("question", "")


class ExtendLetterForm(LetterMixin, ExtendForm):
    letter_kind = Correspondence.Kind.EXTENSION
    composed_from_fields = True

    def details(self, data: dict) -> str:
        return data.get("reason", "")

    def letter_case(self, data: dict):
        # The letter gives the new date: the clock counts it on a copy, as case_extend will.
        case = copy.copy(self.record)
        case.extended, case.extension_reason = True, data.get("reason", "")
        case.extension_notified_on = data.get("notified_on")
        try:
            clock.refresh_dates(case)
        except DeadlineError:
            pass  # case_extend refuses it with the reason when the letter is sent
        return case


class ResponseLetterForm(LetterMixin, ActionForm):
    """Sending the response: the letter follows the recorded outcome (response, refusal
    notice or not-held letter, by regime)."""

    def kind(self) -> str:
        if self.record.is_review:
            return Correspondence.Kind.REVIEW_RESPONSE
        return Correspondence.Kind.RESPONSE


class ReviewOutcomeLetterForm(LetterMixin, ReviewOutcomeForm):
    letter_kind = Correspondence.Kind.REVIEW_RESPONSE
    composed_from_fields = True

    def letter_case(self, data: dict):
        case = copy.copy(self.record)
        case.review_outcome = data.get("outcome", "")
        case.response_text = data.get("response_text", "")
        return case
