"""The base of every action form: it knows the record and the user, carries the version the
form was opened at, and hands the service its arguments."""

from django import forms


class ActionForm(forms.Form):
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
