"""Navigation by role: which menu entries the current user sees, computed in Python."""

from django.urls import NoReverseMatch, reverse

from finsam.navigation import entries
from members.models import Association, Role


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = list(Role.objects.of(user).select_related("association"))
    kinds_by_slug: dict[str, set[str]] = {}
    associations: dict[str, Association] = {}
    for role in roles:
        if role.association_id:
            kinds_by_slug.setdefault(role.association.slug, set()).add(role.kind)
            associations[role.association.slug] = role.association
    all_kinds = {role.kind for role in roles}
    if user.is_superuser:
        all_kinds |= set(Role.Kind.values)

    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match else None
    current = associations.get(slug)
    current_kinds = kinds_by_slug.get(slug, set()) | (set(Role.Kind.values) if user.is_superuser else set())

    def items(per_association: bool, kinds: set[str]):
        for entry in entries():
            if entry.per_association != per_association or not kinds & set(entry.kinds):
                continue
            try:
                url = reverse(entry.url_name, kwargs={"slug": slug} if per_association else None)
            except NoReverseMatch:
                continue
            yield {"label": entry.label, "url": url, "active": request.path == url}

    return {
        "nav_global": list(items(False, all_kinds)),
        "nav_association": list(items(True, current_kinds)) if current else [],
        "nav_current_association": current,
        # Only the förbund whose own page the user may open: an initiative lead's is a 404.
        "nav_associations": sorted(
            (
                association
                for slug_, association in associations.items()
                if user.is_superuser or kinds_by_slug[slug_] & set(Role.READERS)
            ),
            key=lambda association: association.name,
        ),
        "nav_can_admin": user.is_superuser or Role.Kind.OFFICE in all_kinds,
    }
