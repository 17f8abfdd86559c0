"""Which project object's costs are individual-oriented or structural: told by the initiatives app.

The cost split (funding.statements.cost_split) needs to know, per project object in the ledger,
whether the initiative on it is individual-oriented or structural. Only the initiatives app knows
that, so it pushes the whole answer down whenever an initiative is saved; funding stores it here
and never asks back.
"""

from django.db import transaction

from funding.accounts import Orientation
from funding.models import ProjectObjectOrientation
from members.models import Association


@transaction.atomic
def set_object_orientations(*, association: Association, orientations: dict[str, str]) -> None:
    """Replace the association's orientations: {project object: Orientation value}.

    The whole mapping at once, so that an object an initiative no longer uses is dropped.
    """
    if unknown := set(orientations.values()) - set(Orientation.values):
        raise ValueError(f"unknown orientations: {sorted(unknown)}")
    ProjectObjectOrientation.objects.filter(association=association).exclude(
        object_id__in=list(orientations)
    ).delete()
    stored = dict(
        ProjectObjectOrientation.objects.filter(association=association).values_list(
            "object_id", "orientation"
        )
    )
    for object_id, orientation in orientations.items():
        if stored.get(object_id) != orientation:
            ProjectObjectOrientation.objects.update_or_create(
                association=association, object_id=object_id, defaults={"orientation": orientation}
            )


def object_orientation(association: Association) -> dict[str, str]:
    """{project object: orientation} as last told by the initiatives app."""
    return dict(
        ProjectObjectOrientation.objects.filter(association=association).values_list(
            "object_id", "orientation"
        )
    )
