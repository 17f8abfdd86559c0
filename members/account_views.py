"""The account pages beside Django's own login and password views: two-factor setup and
verification, and the user's e-mail notifications.

A user is sent here by `second_factor_required` with `next`, the page they asked for, and is
sent back there once the second factor is verified in this session.
"""

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from members import notifications, second_factor
from members.forms import NotificationSettingsForm, SecondFactorCodeForm


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@never_cache
@login_required
def second_factor_setup(request):
    if second_factor.has_authenticator(request.user):
        return _to("second_factor_verify", request)
    device = second_factor.start_setup(user=request.user)
    form = SecondFactorCodeForm(request.POST or None)
    if form.is_valid():
        try:
            codes = second_factor.confirm_setup(device=device, token=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            django_otp.login(request, device)
            # Shown this once and never again: the page is not cached and the codes are not kept in clear.
            return render(
                request, "registration/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
            )
    context = {
        "form": form,
        "next": _next_url(request),
        "secret": second_factor.secret_of(device),
        "uri": device.config_url,
        # Generated paths only; no text of ours or the user's is in the markup.
        "qr_code": mark_safe(second_factor.qr_code_svg(device.config_url)),
    }
    return render(request, "registration/second_factor_setup.html", context)


@never_cache
@login_required
def second_factor_verify(request):
    if not second_factor.has_authenticator(request.user):
        return _to("second_factor_setup", request)
    form = SecondFactorCodeForm(request.POST or None)
    if form.is_valid():
        try:
            device = second_factor.verify(user=request.user, token=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            django_otp.login(request, device)
            return redirect(_next_url(request))
    return render(
        request,
        "registration/second_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )


def _to(name: str, request):
    return redirect(f"{reverse(name)}?{urlencode({'next': _next_url(request)})}")


@login_required
def notification_settings(request):
    """Which e-mail notifications the user gets; invoices to a member's address are not a user's."""
    form = NotificationSettingsForm(
        request.POST or None, initial={"enabled": notifications.enabled_for(request.user)}
    )
    if form.is_valid():
        notifications.set_enabled(user=request.user, enabled=form.cleaned_data["enabled"])
        messages.success(request, _("Your e-mail notifications were saved."))
        return redirect("notification_settings")
    return render(request, "registration/notification_settings.html", {"form": form})
