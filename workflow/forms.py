"""The base of every action form: it knows the record and the user, carries the version the
form was opened at, and hands the service its arguments."""

import datetime as dt
import re
from functools import cache

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.text import capfirst

# Django's own messages ("This field is required.") name no field: a page with five of them
# does not say what to do. Each field gets messages in the GOV.UK style naming it instead.
_FIELD_TYPES = (
    forms.CharField,
    forms.ChoiceField,
    forms.DateField,
    forms.TimeField,
    forms.IntegerField,
    forms.DecimalField,
    forms.EmailField,
    forms.FileField,
    forms.MultipleChoiceField,
)


@cache
def _django_defaults() -> frozenset[str]:
    """The texts of Django's generic messages (computed on first use: they are translated)."""
    texts = {str(m) for kind in _FIELD_TYPES for m in kind().error_messages.values()}
    texts |= {str(m) for m in forms.ModelChoiceField(queryset=None).error_messages.values()}
    return frozenset(texts)


def _noun(label) -> str:
    """'Reasons (needed to withhold anything)' -> 'reasons'; acronyms keep their capitals."""
    text = re.sub(r"\s*\([^)]*\)\s*$", "", str(label or "")).strip().rstrip("?:")
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _required(field, noun: str) -> str:
    if isinstance(field, forms.BooleanField):
        return f"Tick “{_noun(field.label) or noun}” to continue"
    if isinstance(field, forms.FileField):
        return "Select the file to upload" if noun == "file" else f"Select a file for {noun}"
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return f"Select at least one: {noun}"
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return f"Select {noun}"
    return f"Enter {noun}"


def field_messages(field, name: str) -> dict[str, str]:
    """GOV.UK-style messages for one field, naming it (its label, else its name)."""
    noun = _noun(field.label) or name.replace("_", " ")
    label = capfirst(noun)
    return {
        "required": _required(field, noun),
        "invalid": {
            forms.DateField: f"{label} must be a real date, like 27 3 2026",
            forms.EmailField: "Enter an email address in the correct format, like name@example.com",
            forms.IntegerField: f"{label} must be a whole number",
            forms.DecimalField: f"{label} must be a number",
            forms.TimeField: f"{label} must be a real time, like 14:30",
        }.get(type(field), f"Enter a valid {noun}"),
        "invalid_choice": f"Select one of the options for {noun}",
        "max_length": f"{label} must be %(limit_value)d characters or fewer",
        "min_length": f"{label} must be %(limit_value)d characters or more",
        "max_value": f"{label} must be %(limit_value)s or less",
        "min_value": f"{label} must be %(limit_value)s or more",
        "max_digits": f"{label} must have no more than %(max)s digits",
        "max_decimal_places": f"{label} must have no more than %(max)s decimal places",
        "empty": "The selected file is empty",
        "missing": "Select the file to upload",
    }


class FieldMessages:
    """Form mixin: replaces Django's generic error messages with ones naming each field;
    messages a form sets itself are kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.HiddenInput):
                # Only a form tampered with or cut short loses its hidden fields.
                message = "This form was incomplete: open it again and try once more"
                field.error_messages = {key: message for key in field.error_messages}
                continue
            for key, message in field_messages(field, name).items():
                current = field.error_messages.get(key)
                if current is None or str(current) in _django_defaults():
                    field.error_messages[key] = message


class ActionForm(FieldMessages, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args, record, user, **kwargs):
        self.record, self.user = record, user
        initial = {**self.initial_for(record, user), **kwargs.pop("initial", {})}
        initial["version"] = record.version
        super().__init__(*args, initial=initial, **kwargs)

    def initial_for(self, record, user) -> dict:
        """Values the form opens with (override per action)."""
        return {}

    def preview_requested(self) -> bool:
        """After validation: True to show the form again (with a preview) instead of acting.
        Forms that send a letter use it to show the letter before it goes."""
        return False

    def arguments(self) -> dict:
        """The service's keyword arguments, by default the cleaned fields under their names."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class ConfirmForm(ActionForm):
    """An action with nothing to fill in: the button confirms it."""


class DateParts(DateInputWidget):
    """Day, month and year boxes; a date sent as one YYYY-MM-DD value under the field's own
    name (as scripts and older forms send it) is read as its three parts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for widget in self.widgets:
            widget.attrs["inputmode"] = "numeric"  # the number keypad on phones

    def value_from_datadict(self, data, files, name):
        parts = super().value_from_datadict(data, files, name)
        single = data.get(name)
        if any(parts) or not single:
            return parts
        try:
            day = dt.date.fromisoformat(single)
        except ValueError:
            return [single, "", ""]  # reported as not a real date
        return [str(day.day), str(day.month), f"{day.year:04d}"]


class DateInput(DateInputField):
    """A date entered as the GOV.UK date-input pattern: day, month and year in three boxes,
    never the browser's own picker (whose format follows the computer's locale). Messages name
    the field and the part that is missing or wrong."""

    def __init__(self, *, label, required=True, **kwargs):
        kwargs.pop("widget", None)
        kwargs.setdefault("widget", DateParts)
        super().__init__(label=label, required=required, require_all_fields=False, **kwargs)
        noun = _noun(label)
        self.real_date = f"{capfirst(noun)} must be a real date"
        self.error_messages.update(
            required=f"Enter {noun}",
            incomplete=f"{capfirst(noun)} must include a day, month and year",
            invalid=self.real_date,
        )
        for part, sub, pattern in zip(
            ("day", "month", "year"),
            self.fields,
            (r"^\d{1,2}$", r"^\d{1,2}$", r"^\d{4}$"),
            strict=True,
        ):
            sub.error_messages["required"] = f"{capfirst(noun)} must include a {part}"
            sub.error_messages["incomplete"] = f"{capfirst(noun)} must include a {part}"
            message = self.real_date if part != "year" else f"Enter the year of {noun} in full"
            sub.validators = [RegexValidator(pattern, message)]

    def compress(self, data_list):
        if not data_list or not all(data_list):
            return None
        day, month, year = (int(v) for v in data_list)
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValidationError(self.real_date, code="invalid") from None
