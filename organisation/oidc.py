"""Single sign-on with OpenID Connect (mozilla-django-oidc), e.g. Microsoft Entra ID.

Off unless OIDC_ENABLED. A sign-in only ever matches an existing, active member of staff by
email address: nobody gets an account, or a role, by signing in. When OIDC_MFA_FROM_AMR is on,
an `amr` claim that includes "mfa" counts as this service's second factor.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.urls import path, reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from organisation.two_factor import IDP_MFA_SESSION_KEY

logger = logging.getLogger(__name__)
MFA_METHODS = frozenset({"mfa"})


class StaffOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims):
        # Belt and braces with OIDC_CREATE_USER = False: never create an account.
        return None

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None:
            logger.warning("single sign-on refused: no single active member of staff matches")
        else:
            amr = payload.get("amr") or []
            user.identity_provider_mfa = bool(MFA_METHODS & set(amr))
        return user


def _require_enabled():
    if not settings.OIDC_ENABLED:
        raise Http404("Single sign-on is not configured.")


class SignOnStart(OIDCAuthenticationRequestView):
    def get(self, request):
        _require_enabled()
        return super().get(request)


class SignOnCallback(OIDCAuthenticationCallbackView):
    def get(self, request):
        _require_enabled()
        return super().get(request)

    def login_success(self):
        response = super().login_success()
        if settings.OIDC_MFA_FROM_AMR and getattr(self.user, "identity_provider_mfa", False):
            self.request.session[IDP_MFA_SESSION_KEY] = True
        return response

    @property
    def failure_url(self):
        return reverse("login")

    def login_failure(self):
        messages.error(
            self.request,
            "Single sign-on did not sign you in. Your council account must have the same email "
            "address as a member of staff here; ask an administrator if it should.",
        )
        return super().login_failure()


urlpatterns = [
    path("authenticate/", SignOnStart.as_view(), name="oidc_authentication_init"),
    path("callback/", SignOnCallback.as_view(), name="oidc_authentication_callback"),
]
