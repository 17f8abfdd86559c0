"""Start-page block: an initiative lead's initiatives."""

from finsam.dashboard import Block
from initiatives.models import Initiative
from members.models import Role


def lead_initiatives(user, section):
    if section.association is None or Role.Kind.LEAD not in section.kinds:
        return None
    initiatives = (
        Initiative.objects.led_by(user).filter(association=section.association).select_related("association")
    )
    return Block("initiatives/includes/home_lead.html", {"initiatives": list(initiatives)})
