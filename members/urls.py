from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("organisationer/", views.organisation_list, name="organisation_list"),
    path("organisationer/ny/", views.organisation_create, name="organisation_create"),
    path("organisationer/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisationer/<int:pk>/andra/", views.organisation_edit, name="organisation_edit"),
    path("forbund/<slug:slug>/", views.association_detail, name="association_detail"),
    path("forbund/<slug:slug>/andra/", views.association_edit, name="association_edit"),
    path("forbund/<slug:slug>/medlemmar/", views.membership_list, name="membership_list"),
    path("forbund/<slug:slug>/medlemmar/ny/", views.membership_create, name="membership_create"),
    path("forbund/<slug:slug>/medlemmar/<int:pk>/", views.membership_detail, name="membership_detail"),
    path("forbund/<slug:slug>/medlemmar/<int:pk>/andra/", views.membership_edit, name="membership_edit"),
    path("forbund/<slug:slug>/styrelse/", views.board, name="board"),
    path("forbund/<slug:slug>/styrelse/platser/ny/", views.seat_create, name="seat_create"),
    path("forbund/<slug:slug>/styrelse/platser/<int:pk>/", views.seat_detail, name="seat_detail"),
    path(
        "forbund/<slug:slug>/styrelse/platser/<int:seat_pk>/ny-period/", views.term_create, name="term_create"
    ),
    path("forbund/<slug:slug>/styrelse/perioder/<int:pk>/andra/", views.term_edit, name="term_edit"),
    path("forbund/<slug:slug>/grupper/", views.group_list, name="group_list"),
    path("forbund/<slug:slug>/grupper/ny/", views.group_member_create, name="group_member_create"),
    path("forbund/<slug:slug>/grupper/<int:pk>/andra/", views.group_member_edit, name="group_member_edit"),
]
