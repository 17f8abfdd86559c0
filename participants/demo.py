"""Load the participants app's part of the demo: SamCoach's register 2024–2025 and survey results.

The register is imported from fixtures/demo/samcoach-deltagare.csv through the same import as
the upload page. SOFINT's register is left empty: it is filled by importing a file.
"""

from pathlib import Path

from django.db import transaction

from initiatives.models import Initiative
from members.models import Association
from participants import services
from participants.models import Enrolment, Survey


@transaction.atomic
def load(data: dict, register: Path) -> None:
    solleftea = Association.objects.get(slug="solleftea")
    if not Enrolment.objects.filter(initiative__association=solleftea).exists():
        services.import_file(
            association=solleftea,
            content=register.read_bytes(),
            filename=register.name,
            initiatives=Initiative.objects.filter(association=solleftea),
            user=None,
        )
    for group in data.get("surveys", []):
        association = Association.objects.get(slug=group["association"])
        for code, year, question, participants, respondents, agreeing in group["results"]:
            initiative = Initiative.objects.get(association=association, code=code)
            if not Survey.objects.filter(initiative=initiative, year=year, question=question).exists():
                services.save_survey(
                    survey=Survey(
                        initiative=initiative,
                        year=year,
                        question=question,
                        participants=participants,
                        respondents=respondents,
                        agreeing=agreeing,
                    )
                )
