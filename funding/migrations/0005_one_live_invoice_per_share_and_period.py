"""One live invoice per contribution share and period, after checking that none is doubled yet.

A database with doubled drafts or invoices (made by two submits at the same moment before this
constraint existed) stops here with the invoices to remove or credit, rather than with
PostgreSQL's bare "could not create unique index".
"""

from django.db import migrations, models
from django.db.models import Count, Q


def refuse_doubled_invoices(apps, schema_editor):
    Invoice = apps.get_model("funding", "Invoice")
    doubled = (
        Invoice.objects.filter(kind="invoice", share__isnull=False)
        .exclude(status="credited")
        .values("share_id", "period_start")
        .annotate(count=Count("id"))
        .filter(count__gt=1)
        .order_by("share_id", "period_start")
    )
    if doubled:
        lines = []
        for group in doubled:
            ids = list(
                Invoice.objects.filter(
                    kind="invoice", share_id=group["share_id"], period_start=group["period_start"]
                )
                .exclude(status="credited")
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            lines.append(f"share {group['share_id']}, period from {group['period_start']}: invoices {ids}")
        raise RuntimeError(
            "Cannot add one_live_invoice_per_share_and_period: these members have more than one live "
            "invoice (draft, issued or paid) for the same period. Remove the extra drafts or credit "
            "the extra invoices, then migrate again.\n" + "\n".join(lines)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0004_ledger_export_date"),
    ]

    operations = [
        migrations.RunPython(refuse_doubled_invoices, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.UniqueConstraint(
                condition=Q(kind="invoice") & ~Q(status="credited"),
                fields=("share", "period_start"),
                name="one_live_invoice_per_share_and_period",
                violation_error_message="The member already has an invoice for this period.",
            ),
        ),
    ]
