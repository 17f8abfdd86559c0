"""The goals of every year whose annual report is already adopted are frozen, as new adoptions do."""

from django.db import migrations


def freeze(apps, schema_editor):
    Report = apps.get_model("reporting", "Report")
    GoalYearLock = apps.get_model("initiatives", "GoalYearLock")
    adopted = Report.objects.filter(kind="annual", status__in=["adopted", "replaced"]).values_list(
        "association_id", "period_end"
    )
    for association_id, period_end in set(adopted):
        GoalYearLock.objects.get_or_create(association_id=association_id, year=period_end.year)


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_job_heartbeat_and_attempt"),
        ("initiatives", "0005_goal_year_lock"),
    ]

    operations = [migrations.RunPython(freeze, migrations.RunPython.noop)]
