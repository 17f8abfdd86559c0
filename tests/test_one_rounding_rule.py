"""One rounding rule: every percentage is finsam.money's, half up; workbooks keep the exact share."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finsam import excel
from finsam.formatting import format_percent
from finsam.money import as_percent, average_kronor, in_thousands, percent_of, round_krona, share_of
from funding.ledger import import_sie
from funding.statements import CostSplit, KeyFigures, key_figures
from funding.views import ledger as ledger_views
from participants.comparison import Column, ComparisonTable
from participants.disclosure import disclose
from participants.documents import comparison_workbook
from participants.statistics import Figures
from tests.documents import rows, workbook
from tests.factories import AssociationFactory
from tests.funding import sie_files

pytestmark = pytest.mark.django_db


def key_figures_of(*, administration, contributions, equity=Decimal(0), total_costs=Decimal(0)):
    return KeyFigures(
        year=2025,
        contributions=Decimal(contributions),
        total_costs=Decimal(total_costs),
        split=CostSplit(office=Decimal(administration)),
        equity=Decimal(equity),
        result=Decimal(0),
        ceiling_percent=Decimal(20),
    )


def test_49_of_400_is_12_3_percent_by_money_and_by_the_key_figures():
    figures = key_figures_of(administration=49, contributions=400, equity=49, total_costs=400)
    assert percent_of(Decimal(49), Decimal(400)) == Decimal("12.3")
    assert figures.administration_share_of_contributions == Decimal("12.3")
    assert figures.administration_share_of_costs == Decimal("12.3")
    assert figures.equity_share == Decimal("12.3")
    assert format_percent(figures.administration_share) == "12,3\u00a0%"
    # The exact value stays for workbooks.
    assert figures.administration_fraction_of_contributions == Decimal("0.1225")
    assert figures.equity_fraction == Decimal("0.1225")


def test_halves_round_up_in_every_named_rule():
    assert as_percent(Decimal("0.1225")) == Decimal("12.3")
    assert as_percent(Decimal("-0.1225")) == Decimal("-12.3")
    assert share_of(Decimal(1), Decimal(0)) is None
    assert round_krona(Decimal("2.5")) == 3
    assert in_thousands(Decimal(2500)) == 3 and in_thousands(None) is None
    assert average_kronor(Decimal(5), 2) == 3
    assert average_kronor(Decimal(5), 0) is None and average_kronor(None, 2) is None


def test_the_key_figures_page_shows_12_3_percent(client, office_user, association, monkeypatch):
    figures = key_figures_of(administration=49, contributions=400, equity=49, total_costs=400)
    monkeypatch.setattr(ledger_views, "key_figures_over_years", lambda association: [figures])
    client.force_login(office_user)
    page = client.get(reverse("funding:key_figures", args=[association.slug])).content.decode()
    assert "12,3\u00a0%" in page and "12,2\u00a0%" not in page


def test_the_comparison_workbook_writes_exact_shares_with_a_percent_format():
    figures = key_figures_of(administration=49, contributions=400, equity=49)
    column = Column(
        association=AssociationFactory.build(name="Norr"),
        contributions=figures.contributions,
        figures=disclose(Figures(year=2025, initiative=None), suppress=True),
        administration_share=figures.administration_share_of_contributions,
        equity_share=figures.equity_share,
        has_ledger=True,
        administration_fraction=figures.administration_fraction_of_contributions,
        equity_fraction=figures.equity_fraction,
    )
    sheet = workbook(comparison_workbook(ComparisonTable(year=2025, columns=[column]))).active
    cells = {row[0].value: row[1] for row in sheet.iter_rows() if row[0].value}
    share = cells["Administration i andel av bidragen"]
    assert share.value == pytest.approx(0.1225) and share.number_format == excel.PERCENT
    assert cells["Eget kapital i andel av bidragen"].value == pytest.approx(0.1225)
    assert {row[0] for row in rows(sheet) if row}  # the sheet reads back


def test_a_ledger_with_98_000_of_800_000_for_administration_shows_12_3_percent(
    client, office_user, association
):
    # 12,25 % exactly: half-even gave 12,2 %, the one rule (half up) gives 12,3 % everywhere.
    text = sie_files.HEADER.format(
        name=association.name, orgnr=association.organisation_number
    ) + sie_files.BALANCES.format(bank="1621000.00", suppliers="-370000.00", projects="370000.00").replace(
        "#RES 0 6550 150000.00", "#RES 0 6550 68000.00"
    )
    import_sie(association=association, data=text.replace("\n", "\r\n").encode("cp437"), file_name="2010.se")
    figures = key_figures(association, 2010)
    assert (figures.split.administration, figures.contributions) == (98_000, 800_000)
    assert (
        figures.administration_share_of_contributions
        == Decimal("12.3")
        == percent_of(Decimal(98_000), Decimal(800_000))
    )
    client.force_login(office_user)
    page = client.get(reverse("funding:key_figures", args=[association.slug])).content.decode()
    assert "12,3\u00a0%" in page and "12,2\u00a0%" not in page
