"""Resolve what the current user may do in one association, or 404.

Views start here: `association_access(request.user, slug, *kinds)` returns the
association and the user's role kinds in it, or raises Http404 when the user holds
none of the kinds asked for, so another association's slug looks like a missing page.
"""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from members.models import Association, Role


@dataclass(frozen=True)
class Access:
    association: Association
    kinds: frozenset[str]
    superuser: bool = False

    @property
    def can_manage(self) -> bool:
        return self.superuser or Role.Kind.OFFICE in self.kinds

    @property
    def can_see_history(self) -> bool:
        """The audit trail is for the office and the auditors."""
        return self.superuser or bool(self.kinds & {Role.Kind.OFFICE, Role.Kind.AUDITOR})

    @property
    def is_reader(self) -> bool:
        """Office, board and auditors read the association's own pages (overview, meetings, members)."""
        return self.superuser or bool(self.kinds & set(Role.READERS))

    @property
    def is_board(self) -> bool:
        return Role.Kind.BOARD in self.kinds


def association_access(user, slug: str, *kinds: str) -> Access:
    """The association with this slug if the user holds one of the kinds there now; else 404."""
    association = get_object_or_404(Association.objects.where(user, *kinds), slug=slug)
    held = frozenset(Role.objects.of(user).filter(association=association).values_list("kind", flat=True))
    return Access(association=association, kinds=held, superuser=user.is_superuser)


def reader_access(user, slug: str) -> Access:
    """Office, board and auditors read the association's members, board and groups."""
    return association_access(user, slug, *Role.READERS)


def aggregate_access(user, slug: str) -> Access:
    """Readers, and representatives of a current member: figures that describe no single person."""
    association = get_object_or_404(Association.objects.with_aggregates_for(user), slug=slug)
    held = frozenset(Role.objects.of(user).filter(association=association).values_list("kind", flat=True))
    return Access(association=association, kinds=held, superuser=user.is_superuser)


def office_access(user, slug: str) -> Access:
    return association_access(user, slug, Role.Kind.OFFICE)
