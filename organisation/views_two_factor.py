"""Two-factor pages: set up an authenticator app, give a code after signing in, backup codes."""

import base64
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from organisation import two_factor


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code",
        max_length=20,
        error_messages={"required": "Enter the code from your authenticator app."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input govuk-input--width-10",
            }
        ),
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _qr_data_uri(text: str) -> str:
    # An <img> with a data: URI rather than inline SVG: the Content-Security-Policy allows it,
    # and screen readers get a plain alternative text.
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    if two_factor.second_factor_verified(request):
        return redirect(_next_url(request))
    if not two_factor.has_confirmed_device(request.user):
        return redirect("two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.second_factor_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_next_url(request))
        form.add_error(
            "token",
            "That code is not right, has been used, or has expired. Enter the code your "
            "authenticator app shows now, or one of your backup codes.",
        )
    return render(
        request, "organisation/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    # Someone who already has a device must prove they hold it before adding another:
    # otherwise a stolen password would be enough to enrol the thief's phone.
    if two_factor.has_confirmed_device(request.user) and not two_factor.second_factor_verified(
        request
    ):
        return redirect("two_factor_verify")
    device = two_factor.totp_device_start(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.totp_device_confirm(
            user=request.user, device=device, token=form.cleaned_data["token"]
        ):
            device.refresh_from_db()
            two_factor.second_factor_verify_device(request=request, device=device)
            codes = two_factor.backup_codes_generate(user=request.user)
            return render(
                request,
                "organisation/two_factor_codes.html",
                {"codes": codes, "next": _next_url(request), "just_set_up": True},
            )
        form.add_error(
            "token", "That code is not right or has expired. Enter the code the app shows now."
        )
    return render(
        request,
        "organisation/two_factor_setup.html",
        {
            "form": form,
            "qr_code": _qr_data_uri(device.config_url),
            "secret": b32encode(device.bin_key).decode(),
            "next": _next_url(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_backup_codes(request):
    """A new set of backup codes. Reached only with a verified second factor (middleware)."""
    if not two_factor.has_confirmed_device(request.user):
        return redirect("two_factor_setup")
    if not two_factor.second_factor_verified(request):
        return redirect("two_factor_verify")
    if request.method == "POST":
        codes = two_factor.backup_codes_generate(user=request.user)
        return render(request, "organisation/two_factor_codes.html", {"codes": codes})
    return render(request, "organisation/two_factor_backup_codes.html")
