from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from finsam import outages
from initiatives import urls as initiatives_urls
from members import account_views
from members import views as members_views
from participants.goals import goal_outcomes
from participants.notices import initiative_notices

handler500 = "finsam.outages.server_error"

urlpatterns = [
    path("", members_views.home, name="home"),
    path("healthz", outages.healthz, name="healthz"),
    path(
        "konto/logga-in/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    # Every logged-in user, whatever their roles (the view requires a login).
    path("konto/losenord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("konto/losenord/klart/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("konto/tvastegsverifiering/", account_views.second_factor_verify, name="second_factor_verify"),
    path("konto/aviseringar/", account_views.notification_settings, name="notification_settings"),
    path("konto/tvastegsverifiering/ny/", account_views.second_factor_setup, name="second_factor_setup"),
    # Password reset by e-mail: the link in the mail works once, for PASSWORD_RESET_TIMEOUT.
    path("konto/aterstall/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("konto/aterstall/skickat/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "konto/aterstall/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/aterstall/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    path("", include("members.urls")),
    path("", include("funding.urls")),
    # The participants app adds to the initiatives' pages: passed in here, where the apps are wired.
    path(
        "",
        include(
            (
                initiatives_urls.patterns(goal_outcomes=goal_outcomes, initiative_notices=initiative_notices),
                "initiatives",
            )
        ),
    ),
    path("", include("participants.urls")),
    path("", include("reporting.urls")),
]
