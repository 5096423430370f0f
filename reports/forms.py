"""The dashboard's date filter: the GOV.UK date input (day, month, year), not the browser's
locale-dependent date picker. Validation only; the view turns the day into a period."""

from django import forms

from workflow.forms import DateInput


class PeriodDayForm(forms.Form):
    """The day whose week (from its Monday), month, quarter or financial year is shown. Sent as
    week_0, week_1 and week_2; an older link's single week=YYYY-MM-DD is read as its parts."""

    week = DateInput(
        label="Date",
        required=False,
        help_text="The week (from its Monday), month, quarter or financial year with this day "
        "in it. For example, 27 3 2026.",
    )

    def day_param(self) -> str:
        """The day as YYYY-MM-DD for reports.periods, or "" when none or not a real date."""
        if not self.is_bound or not self.is_valid() or not self.cleaned_data.get("week"):
            return ""
        return self.cleaned_data["week"].isoformat()
