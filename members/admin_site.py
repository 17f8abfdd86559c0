"""The admin site: open to office staff (read-only, scoped by each ModelAdmin) and superusers."""

from django.contrib import admin

from members.models import Role


class AdminSite(admin.AdminSite):
    site_header = "Finsam"
    site_title = "Finsam"

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_superuser or Role.objects.of(user, Role.Kind.OFFICE).exists())
