"""Fill funding's copies of what initiatives decide, for the initiatives and grants already recorded.

From now on initiatives.services pushes them whenever an initiative or a grant changes; before,
funding asked for them through finsam.providers. The rules are those of initiatives.selectors
(object_orientation, granted_by_year) as they stand in this migration.
"""

from collections import defaultdict

from django.db import migrations
from django.db.models import Sum


def push_down(apps, schema_editor):
    Initiative = apps.get_model("initiatives", "Initiative")
    GrantAmount = apps.get_model("initiatives", "GrantAmount")
    ProjectObjectOrientation = apps.get_model("funding", "ProjectObjectOrientation")
    DecidedAmount = apps.get_model("funding", "DecidedAmount")
    ProjectObjectOrientation.objects.bulk_create(
        ProjectObjectOrientation(
            association_id=initiative.association_id,
            object_id=initiative.accounting_object,
            orientation="individual" if initiative.kind == "individual" else "structural",
        )
        for initiative in Initiative.objects.exclude(accounting_object="")
    )
    amounts = defaultdict(dict)
    for row in (
        GrantAmount.objects.filter(grant__granted=True)
        .values("grant__initiative", "year")
        .annotate(total=Sum("amount"))
    ):
        if row["total"]:
            amounts[row["grant__initiative"]][row["year"]] = row["total"]
    DecidedAmount.objects.bulk_create(
        DecidedAmount(
            association_id=initiative.association_id,
            source=f"grant:{initiative.pk}",
            label=initiative.name,
            accounting_object=initiative.accounting_object,
            year=year,
            amount=amount,
        )
        for initiative in Initiative.objects.filter(pk__in=list(amounts))
        for year, amount in sorted(amounts[initiative.pk].items())
    )


def forget(apps, schema_editor):
    apps.get_model("funding", "ProjectObjectOrientation").objects.all().delete()
    apps.get_model("funding", "DecidedAmount").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0002_planned_participants"),
        ("funding", "0007_initiative_facts_pushed_down"),
    ]

    operations = [migrations.RunPython(push_down, forget)]
