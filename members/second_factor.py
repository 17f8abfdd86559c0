"""Two-factor authentication: who must use it, setting it up, verifying it, and resetting it.

Office staff and initiative leads (and superusers, who see every row) must have verified a
second factor in the current session before any participant row is shown to them. The second
factor is a TOTP app (django-otp's TOTPDevice) with one-time recovery codes (a StaticDevice)
for a lost phone. Everyone else logs in with their password alone.
"""

import functools
import re
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import Role, User

# The roles that see participant rows (docs/roles.md).
ROW_ROLES = (Role.Kind.OFFICE, Role.Kind.LEAD)
AUTHENTICATOR_NAME = "Autentiseringsapp"
RECOVERY_NAME = "Återställningskoder"


def requires_second_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or Role.objects.of(user, *ROW_ROLES).exists()


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_required(view):
    """Send a user who must use two factors, and has not in this session, to set up or verify one.

    Put it under `login_required`; anonymous users are that decorator's business.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if requires_second_factor(user) and not user.is_verified():
            name = "second_factor_verify" if has_authenticator(user) else "second_factor_setup"
            return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return wrapped


def secret_of(device: TOTPDevice) -> str:
    """The key as the authenticator apps take it when typed: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def qr_code_svg(data: str) -> str:
    """An inline SVG of the QR code (paths only: the data is not in the markup as text)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return re.sub(r"^<\?xml[^>]*\?>\s*", "", svg)


@transaction.atomic
def start_setup(*, user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator, made now if there is none; refused once one is confirmed."""
    if has_authenticator(user):
        raise ValidationError(_("Two-factor authentication is already set up for this account."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


@transaction.atomic
def confirm_setup(*, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the authenticator with its first code; return new recovery codes (shown once)."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed:
        raise ValidationError(_("Two-factor authentication is already set up for this account."))
    if not device.verify_token(_normalised(token)):
        raise ValidationError(_("The code is wrong or too old. Enter the code the app shows now."))
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(user=device.user)


@transaction.atomic
def new_recovery_codes(*, user: User) -> list[str]:
    """Replace the user's recovery codes with new ones; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _index in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(*, user: User, token: str) -> Device:
    """The device that accepts the code (the app's code, or a recovery code, which is then used up).

    Both kinds are throttled by django-otp: each wrong code doubles the wait before the next try.
    """
    token = _normalised(token)
    # The app shows six digits; recovery codes are eight letters and digits.
    if token.isdigit() and len(token) == 6:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        # django-otp also refuses a code that was already used (its last_t).
        if device and device.verify_token(token):
            return device
    else:
        device = _use_recovery_code(user=user, token=token)
        if device:
            return device
    raise ValidationError(_("The code is wrong or too old, or it has been used already."))


@transaction.atomic
def _use_recovery_code(*, user: User, token: str) -> StaticDevice | None:
    # Locked, so two requests with the same code cannot both use it.
    device = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None:
        return None
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        return None
    deleted, _by_model = device.token_set.filter(token=token).delete()
    if not deleted:
        device.throttle_increment()
        return None
    device.throttle_reset(commit=False)
    device.set_last_used_timestamp(commit=False)
    device.save()
    return device


@transaction.atomic
def give_demo_authenticator(*, user: User, key: str) -> TOTPDevice:
    """The demo's published key (fixtures/demo/members.toml), so demo logins can pass the second step."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="Demo", defaults={"key": key, "confirmed": True}
    )
    return device


def remaining_recovery_codes(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def reset_second_factor(*, user: User) -> None:
    """Remove the user's authenticator and recovery codes (a lost phone); they set up anew at next need."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def _normalised(token: str) -> str:
    return re.sub(r"[\s-]", "", token or "").lower()
