"""Who must have passed a second factor, and whether this request has.

One rule for every page: a signed-in member of staff whose role sees personal data (or who uses
the administration site) reaches nothing but the sign-in, sign-out and two-factor pages until a
second factor is verified in this session. Enforced by middleware, so a new page is covered the
day it is added, whoever writes it.
"""

from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisation.models import Role

# Every role except "other staff" (who can only report a breach) reads or handles personal data.
PERSONAL_DATA_ROLES = frozenset(
    {
        Role.IG_OFFICER,
        Role.IG_MANAGER,
        Role.SERVICE_OFFICER,
        Role.DIRECTOR,
        Role.SIRO,
        Role.MANAGER,
        Role.ADMINISTRATOR,
    }
)
# Set in the session when the identity provider said it did multi-factor authentication and
# OIDC_MFA_FROM_AMR trusts it.
IDP_MFA_SESSION_KEY = "idp_mfa"


def second_factor_required(user) -> bool:
    if not settings.STAFF_2FA_REQUIRED:
        return False
    if not (user and user.is_authenticated):
        return False
    return user.role in PERSONAL_DATA_ROLES or user.is_staff or user.is_superuser


def second_factor_verified(request) -> bool:
    user = request.user
    if getattr(user, "is_verified", None) and user.is_verified():
        return True
    return bool(request.session.get(IDP_MFA_SESSION_KEY))


def second_factor_satisfied(request) -> bool:
    """True when this request may go on to pages with personal data."""
    return not second_factor_required(request.user) or second_factor_verified(request)


def has_confirmed_device(user) -> bool:
    return user_has_device(user, confirmed=True)


# --- services: every write to a member of staff's devices ----------------------------------

TOTP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10


def totp_device_start(*, user):
    """The authenticator-app device being set up: a new secret, not yet usable until a code
    from it is confirmed. Reuses one already being set up so a reload shows the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def totp_device_confirm(*, user, device, token: str) -> bool:
    """Confirm a device being set up with a code it produced. Other authenticator apps of the
    user are removed: one phone at a time, so a lost phone is not left able to sign in."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if device.confirmed or not device.verify_token(token):
            return False
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return True


def backup_codes_generate(*, user) -> list[str]:
    """A new set of single-use backup codes; any earlier set stops working."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def second_factor_verify(*, request, token: str) -> bool:
    """Check a code from the user's authenticator app or one of their backup codes; on success
    the session counts as verified (django-otp remembers the device in the session)."""
    device = match_token(request.user, token.strip().replace(" ", "").lower())
    if device is None:
        return False
    otp_login(request, device)
    return True


def second_factor_verify_device(*, request, device) -> None:
    """Count the session as verified with a device just confirmed by `totp_device_confirm`."""
    otp_login(request, device)
