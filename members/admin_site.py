"""The admin site: open to office staff (read-only, scoped by each ModelAdmin) and superusers."""

from django.contrib import admin
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.urls import path

from members.models import Role


class AdminSite(admin.AdminSite):
    site_header = "Finsam"
    site_title = "Finsam"

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_superuser or Role.objects.of(user, Role.Kind.OFFICE).exists())

    def get_urls(self):
        # Django's "view on site" (`r/<ct>/<id>/`) redirects to any object of any model: it would
        # tell the office of one förbund which records exist in another. Ours looks the object up in
        # the same scoped queryset as the admin's own pages, so anything else is a 404.
        urls = super().get_urls()
        return [
            path(
                "r/<path:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name=url.name,
            )
            if getattr(url, "name", None) == "view_on_site"
            else url
            for url in urls
        ]

    def scoped_queryset(self, request, model):
        """What the user may see of a model here: its ModelAdmin's queryset, else `visible_to`."""
        if model in self._registry:
            model_admin = self._registry[model]
            if not model_admin.has_view_permission(request):
                return model._default_manager.none()
            return model_admin.get_queryset(request)
        if request.user.is_superuser:
            return model._default_manager.all()
        visible_to = getattr(model._default_manager.all(), "visible_to", None)
        return visible_to(request.user) if visible_to else model._default_manager.none()

    def view_on_site(self, request, content_type_id, object_id):
        try:
            model = ContentType.objects.get(pk=content_type_id).model_class()
            if model is None or not self.scoped_queryset(request, model).filter(pk=object_id).exists():
                raise Http404
        except (ObjectDoesNotExist, ValueError, TypeError, ValidationError) as error:
            raise Http404 from error
        return contenttype_views.shortcut(request, content_type_id, object_id)
