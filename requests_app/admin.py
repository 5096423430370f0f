from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from requests_app import letter_templates
from requests_app.letter_models import LetterTemplate
from requests_app.letter_syntax import FILTERS, TAGS


def _placeholder_help():
    rows = format_html_join(
        "", "<li><code>{{{{ {} }}}}</code>: {}</li>", letter_templates.PLACEHOLDERS.items()
    )
    return format_html(
        "Only what goes between the greeting (“Dear …,”) and the sign-off: both, and the "
        "council's address, are added to every letter. Django template language with these "
        "placeholders only:<ul>{}</ul>Tags: {}. Filters: {}. A template that cannot be "
        "rendered is refused with the reason and not saved.",
        rows,
        ", ".join(TAGS),
        ", ".join(FILTERS),
    )


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["kind", "regime", "language", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 30, "cols": 100})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _placeholder_help()
        self.fields["subject"].help_text = "The email subject; the same placeholders."
        self.fields["language"].required = False
        self.fields["language"].help_text = (
            "Welsh templates are used for requesters whose language of correspondence is Welsh "
            "or bilingual (WELSH_LANGUAGE_STANDARDS): in them regime, outcome, review_outcome "
            "and the exemptions' citations are in Welsh, and dates written with |date are in "
            "Welsh (“1 Rhagfyr 2026”). Write numbers without |pluralize: “3 dogfen”."
        )

    def clean_language(self):
        # Optional in the form: a template saved without one is English, as before.
        return self.cleaned_data.get("language") or "en"

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        letter_templates.check(subject, "subject")
        return subject

    def clean_body(self):
        body = self.cleaned_data["body"]
        letter_templates.check(body, "body")
        return body


@admin.register(LetterTemplate)
class LetterTemplateAdmin(SimpleHistoryAdmin):
    form = LetterTemplateForm
    list_display = ["kind", "regime", "language", "subject", "updated_at"]
    list_filter = ["kind", "regime", "language"]
    search_fields = ["subject", "body"]
