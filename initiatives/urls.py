from django.urls import path

from initiatives import views
from initiatives.selectors import GoalOutcomes, InitiativeNotices

app_name = "initiatives"


def patterns(
    *, goal_outcomes: GoalOutcomes | None = None, initiative_notices: InitiativeNotices | None = None
) -> list:
    """The app's URLs. The project's URLconf passes in what apps above initiatives add to its pages
    (participants: goal outcomes from the register and surveys, notices about enrolments), so that
    initiatives imports none of them and asks nobody by name."""
    goals = {"goal_outcomes": goal_outcomes}
    page = {**goals, "initiative_notices": initiative_notices}
    return [
        path("forbund/<slug:slug>/insatser/", views.initiative_list, name="initiative_list"),
        path("forbund/<slug:slug>/insatser/ny/", views.initiative_edit, name="initiative_create"),
        path(
            "forbund/<slug:slug>/insatser/kostnader/<year:year>/", views.project_costs, name="project_costs"
        ),
        path(
            "forbund/<slug:slug>/insatser/<slug:code>/",
            views.initiative_detail,
            page,
            name="initiative_detail",
        ),
        path(
            "forbund/<slug:slug>/insatser/<slug:code>/andra/", views.initiative_edit, name="initiative_edit"
        ),
        path(
            "forbund/<slug:slug>/insatser/<slug:code>/status/",
            views.initiative_status,
            name="initiative_status",
        ),
        path(
            "forbund/<slug:slug>/insatser/<slug:code>/ansokan/ny/",
            views.application_edit,
            name="application_create",
        ),
        path(
            "forbund/<slug:slug>/insatser/<slug:code>/ansokan/<int:pk>/",
            views.application_detail,
            name="application_detail",
        ),
        path(
            "forbund/<slug:slug>/insatser/<slug:code>/ansokan/<int:pk>/andra/",
            views.application_edit,
            name="application_edit",
        ),
        path(
            "forbund/<slug:slug>/insatser/<slug:code>/ansokan/<int:pk>/pdf/",
            views.application_pdf,
            name="application_pdf",
        ),
        path(
            "forbund/<slug:slug>/insatser/<slug:code>/ansokan/<int:pk>/<str:action>/",
            views.application_action,
            name="application_action",
        ),
        path(
            "forbund/<slug:slug>/insatser/<slug:code>/uppfoljning/<year:year>/",
            views.follow_up,
            name="follow_up",
        ),
        path(
            "forbund/<slug:slug>/insatser/<slug:code>/uppfoljning/<year:year>/pdf/",
            views.follow_up_pdf,
            name="follow_up_pdf",
        ),
        path(
            "forbund/<slug:slug>/insatser/<slug:code>/kostnader/<year:year>/",
            views.cost_report,
            name="cost_report",
        ),
        path(
            "forbund/<slug:slug>/insatser/<slug:code>/mal/<int:pk>/", views.goal_outcome, name="goal_outcome"
        ),
        path("forbund/<slug:slug>/moten/", views.meeting_list, name="meeting_list"),
        path("forbund/<slug:slug>/moten/nytt/", views.meeting_create, name="meeting_create"),
        path("forbund/<slug:slug>/moten/<int:pk>/", views.meeting_detail, name="meeting_detail"),
        path("forbund/<slug:slug>/moten/<int:pk>/beslut/", views.decision_create, name="decision_create"),
        path("forbund/<slug:slug>/moten/<int:pk>/beslutslista.pdf", views.meeting_pdf, name="meeting_pdf"),
        path("forbund/<slug:slug>/beslut/<year:year>/", views.decision_register, name="decision_register"),
        path("forbund/<slug:slug>/mal/", views.goal_list, goals, name="goal_list"),
        path("forbund/<slug:slug>/mal/<year:year>/", views.goal_list, goals, name="goal_list_year"),
        path("forbund/<slug:slug>/mal/nytt/", views.goal_edit, name="goal_create"),
        path("forbund/<slug:slug>/mal/andra/<int:pk>/", views.goal_edit, name="goal_edit"),
    ]


urlpatterns = patterns()
