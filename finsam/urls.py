from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from finsam import outages
from initiatives import urls as initiatives_urls
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
