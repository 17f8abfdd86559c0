"""The Django admin: raw data for the office, read-only and scoped; full access for superusers.

Writes by the office go through the pages, where the services enforce the rules
(overlapping terms, memberships); the admin never bypasses them for office staff.
"""

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members import second_factor
from members.models import (
    Association,
    BoardSeat,
    BoardTerm,
    GroupMember,
    Membership,
    Organisation,
    PopulationFigure,
    Role,
    User,
)


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A filter by a related record that offers only the records the user may see.

    Django's own lists every row of the related table: every förbund in the country."""

    def field_choices(self, field, request, model_admin):
        visible = model_admin.admin_site.scoped_queryset(request, field.related_model)
        return field.get_choices(
            include_blank=False,
            limit_choices_to={"pk__in": visible.values("pk")},
            ordering=self.field_admin_ordering(field, request, model_admin),
        )


class OfficeReadOnlyAdmin(admin.ModelAdmin):
    """Office staff read their own associations' records; only superusers change them here."""

    scope = "visible_to"

    def get_list_filter(self, request):
        return [
            (item, ScopedRelatedFieldListFilter)
            if isinstance(item, str) and get_fields_from_path(self.model, item)[-1].is_relation
            else item
            for item in super().get_list_filter(request)
        ]

    def _is_office(self, request) -> bool:
        return Role.objects.of(request.user, Role.Kind.OFFICE).exists()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return getattr(queryset, self.scope)(request.user)

    def has_module_permission(self, request):
        return request.user.is_superuser or self._is_office(request)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or self._is_office(request)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Association)
class AssociationAdmin(OfficeReadOnlyAdmin):
    list_display = ["name", "slug", "organisation_number", "bankgiro"]
    search_fields = ["name", "slug", "organisation_number"]

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        return queryset if request.user.is_superuser else queryset.where(request.user, Role.Kind.OFFICE)


@admin.register(Organisation)
class OrganisationAdmin(OfficeReadOnlyAdmin):
    list_display = ["name", "organisation_number", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation_number"]


@admin.register(PopulationFigure)
class PopulationFigureAdmin(OfficeReadOnlyAdmin):
    list_display = ["organisation", "reference_date", "population"]

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(organisation__in=Organisation.objects.visible_to(request.user))


@admin.register(Membership)
class MembershipAdmin(OfficeReadOnlyAdmin):
    list_display = ["organisation", "association", "start_date", "end_date"]
    list_filter = ["association"]
    scope = "manageable_by"


@admin.register(BoardSeat)
class BoardSeatAdmin(OfficeReadOnlyAdmin):
    list_display = ["association", "appointed_by", "kind"]
    scope = "manageable_by"


@admin.register(BoardTerm)
class BoardTermAdmin(OfficeReadOnlyAdmin):
    list_display = ["person_name", "seat", "office", "start_date", "end_date"]
    scope = "manageable_by"


@admin.register(GroupMember)
class GroupMemberAdmin(OfficeReadOnlyAdmin):
    list_display = ["person_name", "group", "organisation", "association", "start_date", "end_date"]
    scope = "manageable_by"


@admin.register(User)
class FinsamUserAdmin(UserAdmin):
    """Users and roles are managed by superusers only."""

    def has_module_permission(self, request):
        return request.user.is_superuser


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0


FinsamUserAdmin.inlines = [RoleInline]


@admin.action(description=gettext_lazy("Reset two-factor authentication (lost phone)"))
def reset_second_factor(modeladmin, request, queryset):
    for user in queryset:
        second_factor.reset_second_factor(user=user)
    modeladmin.message_user(
        request,
        _("Two-factor authentication was reset for %(count)s users; they set it up again when next needed.")
        % {"count": len(queryset)},
    )


FinsamUserAdmin.actions = [reset_second_factor]
