"""Forms for the public pages: the online request form and the disclosure-log filters.

Validation only: the views decide what happens with valid data (see ARCHITECTURE.md)."""

import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from requests_app import disclosure
from requests_app.models import Regime

REQUEST_TEXT_MAX = 10_000
TITLE_DEFAULT_LENGTH = 80
FORM_SIGNING_SALT = "requests_app.public_request_form"
TOKEN_MAX_AGE = 24 * 60 * 60

# One message for every spam refusal, so a bot learns nothing about which check caught it and
# a person who trips one still has a way to reach the council.
REFUSED_MESSAGE = _(
    "Sorry, we could not accept your request. Wait a moment and send it again. If it still "
    "does not work, email your request to %(email)s."
)

REQUEST_TYPES = [
    (Regime.FOI.value, _("Information held by the council (Freedom of Information)")),
    (Regime.EIR.value, _("Information about the environment (EIR)")),
    (Regime.SAR.value, _("Your own personal information (subject access)")),
]
REQUEST_TYPE_HINTS = {
    Regime.FOI.value: _("For example spending, contracts, policies, decisions or statistics."),
    Regime.EIR.value: _(
        "For example planning, land, air, water, waste, noise, roads or pollution."
    ),
    Regime.SAR.value: _("What the council holds about you. We may ask you to prove who you are."),
}


# Asked only with WELSH_LANGUAGE_STANDARDS on (added to the form by its __init__).
LANGUAGE_CHOICES = [
    ("cy", _("Welsh")),
    ("en", _("English")),
    ("both", _("Both Welsh and English")),
]


def interface_language() -> str:
    """The requester's language when they do not say: Welsh if they used the Welsh pages."""
    return "cy" if (translation.get_language() or "").startswith("cy") else "en"


def language_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Which language should we write to you in?"),
        help_text=_(
            "We will send our letters and emails in the language you choose. We welcome "
            "correspondence in Welsh, and answering in Welsh will not lead to a delay."
        ),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Select the language we should write to you in")},
    )


def refused_message() -> str:
    return REFUSED_MESSAGE % {"email": settings.DEFAULT_FROM_EMAIL}


def min_seconds() -> float:
    # A setting so the browser tests can lower it; people take far longer than this to fill in
    # the form, scripts usually do not.
    return settings.PUBLIC_FORM_MIN_SECONDS


def issue_token() -> str:
    """A signed record of when the form was shown, with a nonce so it can be used only once."""
    return signing.dumps({"t": time.time(), "n": secrets.token_urlsafe(12)}, salt=FORM_SIGNING_SALT)


def read_token(token: str) -> dict | None:
    """The token's content if it is genuine, under a day old and at least the minimum time old;
    None otherwise."""
    try:
        data = signing.loads(token, salt=FORM_SIGNING_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # also covers SignatureExpired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("t"), int | float):
        return None
    if time.time() - data["t"] < min_seconds():
        return None
    return data


def default_title(request_text: str) -> str:
    return Truncator(" ".join(request_text.split())).chars(TITLE_DEFAULT_LENGTH)


class PublicRequestForm(forms.Form):
    request_type = forms.ChoiceField(
        label=_("What kind of information do you want?"),
        choices=REQUEST_TYPES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select what kind of information you want"),
            "invalid_choice": _("Select what kind of information you want"),
        },
    )
    name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={
            "required": _("Enter your full name"),
            "max_length": _("Your name must be 200 characters or fewer"),
        },
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Your email address must be 254 characters or fewer"),
        },
    )
    address = forms.CharField(
        label=_("Postal address (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"max_length": _("Your postal address must be 1,000 characters or fewer")},
    )
    title = forms.CharField(
        label=_("A short title for your request (optional)"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("The title must be 200 characters or fewer")},
    )
    request_text = forms.CharField(
        label=_("Your request"),
        widget=forms.Textarea,
        error_messages={"required": _("Enter your request")},
    )
    # The honeypot: hidden from people and from assistive technology by the template, filled in
    # by bots that complete every field they find.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.WELSH_LANGUAGE_STANDARDS:
            self.fields["language"] = language_field()
            self.initial.setdefault("language", interface_language())

    def clean_language(self) -> str:
        # Not chosen: the language of the pages they used.
        return self.cleaned_data.get("language") or interface_language()

    def clean_request_text(self) -> str:
        # Browsers count a line break as one character but send two (CRLF); count what the
        # person saw, so the character-count message and the server agree.
        text = self.cleaned_data["request_text"].replace("\r\n", "\n")
        if len(text) > REQUEST_TEXT_MAX:
            raise forms.ValidationError(
                gettext("Your request must be %(max)s characters or fewer")
                % {"max": f"{REQUEST_TEXT_MAX:,}"}
            )
        return text

    def clean_token(self) -> dict | None:
        return read_token(self.cleaned_data.get("token") or "")

    def clean(self):
        cleaned = super().clean()
        if self.data.get("website") or cleaned.get("token") is None:
            raise forms.ValidationError(refused_message(), code="refused")
        if not cleaned.get("title") and cleaned.get("request_text"):
            cleaned["title"] = default_title(cleaned["request_text"])
        return cleaned

    @property
    def refused(self) -> bool:
        return any(error.code == "refused" for error in self.non_field_errors().as_data())

    def valid_token(self) -> str:
        """The submitted token when it is still good (so the time already spent on the form
        counts when the person corrects a mistake), or a fresh one."""
        if self.is_bound and read_token(self.data.get("token") or ""):
            return self.data["token"]
        return issue_token()


class DisclosureFilterForm(forms.Form):
    """The disclosure log's search, filters and sort, from the query string. Anything invalid
    is ignored rather than reported: a mistyped URL still shows the log."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    regime = forms.ChoiceField(
        label=_("Type of request"),
        required=False,
        choices=[("", _("All")), *[(r.value, r.label) for r in disclosure.PUBLIC_REGIMES]],
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("All")), *disclosure.PUBLIC_OUTCOMES]
    )
    year = forms.TypedChoiceField(
        label=_("Year of response"), required=False, coerce=int, empty_value=None
    )
    sort = forms.ChoiceField(
        required=False, choices=[(key, key) for key in disclosure.SORTS], widget=forms.HiddenInput
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All")), *[(year, str(year)) for year in years]]

    def filters(self) -> dict:
        """The valid filters, each invalid one dropped on its own."""
        self.is_valid()
        return {
            "query": self.cleaned_data.get("q") or "",
            "regime": self.cleaned_data.get("regime") or "",
            "outcome": self.cleaned_data.get("outcome") or "",
            "year": self.cleaned_data.get("year"),
            "sort": self.cleaned_data.get("sort") or disclosure.DEFAULT_SORT,
        }
