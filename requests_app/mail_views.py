"""Staff drop an email file (.eml, or Outlook's .msg) on "Log a request" or on a case: it
becomes a case, or joins one, exactly as if it had arrived in the IG mailbox."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from organisation.access import IG_ROLES, role_required
from organisation.uploads import check_upload
from requests_app import mail_intake, mail_parsing
from requests_app.access import get_case_for_user
from requests_app.mail_models import InboundEmail
from workflow.engine import ActionRefused
from workflow.forms import FieldMessages


class EmailFileForm(FieldMessages, forms.Form):
    file = forms.FileField(
        label="The email, saved as a file",
        help_text="An Outlook message (.msg) or an email saved from another program (.eml).",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".eml", ".msg")):
            raise forms.ValidationError("Choose an email file: .msg (Outlook) or .eml.")
        check_upload(upload)
        upload.seek(0)
        data = upload.read()
        try:
            self.cleaned_data["parsed"] = mail_parsing.parse_file(upload.name, data)
        except Exception:  # a damaged or mislabelled file: say so rather than fail
            raise forms.ValidationError(
                "This file could not be read as an email. Save the email again and upload it."
            ) from None
        return upload


def _receive(request, form, *, case_id=None):
    try:
        received = mail_intake.email_receive(
            parsed=form.cleaned_data["parsed"],
            source=InboundEmail.Source.UPLOAD,
            user=request.user,
            case_id=case_id,
        )
    except ActionRefused as refused:
        form.add_error("file", str(refused))
        return None
    email = received.email
    if not received.created:
        where = f" It is on {email.case.reference}." if email.case else ""
        form.add_error("file", f"This email has already been received.{where}")
        return None
    if email.outcome == InboundEmail.Outcome.NEW_CASE:
        messages.success(request, f"Request logged as {email.case.reference} from the email.")
    else:
        messages.success(request, f"The email was added to {email.case.reference}.")
    return redirect("requests:case", pk=email.case_id)


@role_required(IG_ROLES)
def case_new_from_email(request):
    form = EmailFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        response = _receive(request, form)
        if response is not None:
            return response
    return render(request, "requests_app/email_upload.html", {"form": form, "case": None})


@role_required(IG_ROLES)
def case_email_add(request, pk):
    case = get_case_for_user(request.user, pk)
    form = EmailFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        response = _receive(request, form, case_id=case.pk)
        if response is not None:
            return response
    return render(request, "requests_app/email_upload.html", {"form": form, "case": case})
