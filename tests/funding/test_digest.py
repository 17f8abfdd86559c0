"""The ledger digest, and the one definition of an initiative's cost, on a ledger with awkward rows.

The awkward ledger (tests/funding/sie_files.AWKWARD_VOUCHERS) has on project object UNG an
initiative cost, a depreciation, an ESF grant, a VAT receivable, a financial cost and a transfer
of 20 000 kr of cost to SIG. UNG costs 250 000 + 10 000 − 20 000 = 240 000 kr; SIG 140 000 kr.
"""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.db.models import Sum
from django.urls import reverse

from funding.accounts import ReportLine
from funding.digest import build_digest
from funding.ledger import import_sie
from funding.models import AccountMapping, DigestAmount, VoucherRow
from funding.outcome import outcome_report
from funding.project_objects import set_object_orientations
from funding.statements import (
    costs_by_object,
    figures_for_years,
    initiative_costs,
    key_figures,
    key_figures_over_years,
    project_cost_rows,
    year_figures,
)
from tests.funding.sie_files import ledger_file

pytestmark = pytest.mark.django_db

UNG, SIG = Decimal("240000.00"), Decimal("140000.00")


@pytest.fixture
def awkward(sofint):
    return import_sie(association=sofint, data=ledger_file(2010), file_name="awkward.se")


def _from_vouchers(ledger, up_to=None):
    rows = VoucherRow.objects.filter(ledger=ledger)
    if up_to:
        rows = rows.filter(date__lte=up_to)
    by_account = dict(rows.values("account").annotate(total=Sum("amount")).values_list("account", "total"))
    by_project = {}
    for project, account, total in (
        rows.exclude(project="")
        .values("project", "account")
        .annotate(total=Sum("amount"))
        .values_list("project", "account", "total")
    ):
        by_project.setdefault(project, {})[account] = total
    return by_account, by_project


def test_the_digest_is_built_at_import_and_adds_up_to_the_vouchers(awkward, sofint):
    assert DigestAmount.objects.filter(ledger=awkward).exists()
    by_account, by_project = _from_vouchers(awkward)
    figures = year_figures(sofint, 2010)
    assert figures.projects == by_project
    assert {number: figure.current for number, figure in figures.results.items()} == {
        number: amount for number, amount in by_account.items() if number[0] not in "12"
    }


@pytest.mark.parametrize(
    "up_to", [datetime.date(2010, 4, 30), datetime.date(2010, 3, 15), datetime.date(2010, 3, 16)]
)
def test_figures_up_to_a_day_are_the_vouchers_up_to_that_day(awkward, sofint, up_to):
    by_account, by_project = _from_vouchers(awkward, up_to)
    figures = year_figures(sofint, 2010, up_to)
    assert figures.projects == by_project
    assert {number: figure.current for number, figure in figures.results.items()} == {
        number: amount for number, amount in by_account.items() if number[0] not in "12"
    }


def test_a_new_file_replaces_the_digest(awkward, sofint):
    count = DigestAmount.objects.count()
    import_sie(association=sofint, data=ledger_file(2010, repeat=3), file_name="again.se")
    assert DigestAmount.objects.count() == count  # the same months, accounts and objects
    assert initiative_costs(year_figures(sofint, 2010)) == {"UNG": 3 * UNG, "SIG": 3 * SIG}


def test_the_migration_builds_the_digest_of_ledgers_imported_before(awkward):
    expected = sorted(DigestAmount.objects.values_list("ledger", "account", "project", "month", "amount"))
    DigestAmount.objects.all().delete()
    migration = importlib.import_module("funding.migrations.0008_ledger_digest")
    migration.build_digests(apps, None)
    assert (
        sorted(DigestAmount.objects.values_list("ledger", "account", "project", "month", "amount"))
        == expected
    )
    assert build_digest(awkward) == len(expected)


def test_an_initiatives_cost_counts_cost_and_depreciation_rows_on_its_object(awkward, sofint):
    figures = year_figures(sofint, 2010)
    assert initiative_costs(figures) == {"UNG": UNG, "SIG": SIG}
    assert {row.key: row.current for row in project_cost_rows(figures)} == {"SIG": -SIG, "UNG": -UNG}
    assert costs_by_object(sofint, [2010]) == {2010: {"UNG": UNG, "SIG": SIG}}
    report = outcome_report(sofint, 2010)
    assert {line.key: line.outcome for line in report.other_objects} == {"SIG": -SIG, "UNG": -UNG}


def test_a_changed_account_mapping_shows_at_once(awkward, sofint):
    """The mapping is applied when the digest is read: nothing to rebuild, nothing stale."""
    mapping = AccountMapping.objects.create(
        association=sofint, prefix="783", line=ReportLine.COST_OTHER, orientation=""
    )
    assert initiative_costs(year_figures(sofint, 2010))["UNG"] == UNG
    mapping.line = ReportLine.IGNORED
    mapping.save()
    assert initiative_costs(year_figures(sofint, 2010))["UNG"] == UNG - 10_000


def test_the_cost_split_counts_an_initiatives_depreciation_with_the_initiative(awkward, sofint):
    set_object_orientations(association=sofint, orientations={"UNG": "individual", "SIG": "structural"})
    split = key_figures(sofint, 2010).split
    assert split.individual == UNG
    assert split.structural == SIG
    assert split.administration == 150_000 + 30_000
    set_object_orientations(association=sofint, orientations={"UNG": "structural", "SIG": "structural"})
    assert key_figures(sofint, 2010).split.structural == UNG + SIG  # read at once, never stale


def test_key_figures_over_years_are_each_years_key_figures(sofint):
    for year in (2008, 2009, 2010):
        import_sie(association=sofint, data=ledger_file(year, repeat=year - 2007), file_name=f"{year}.se")
    over_years = {item.year: item for item in key_figures_over_years(sofint)}
    assert sorted(over_years) == [2008, 2009, 2010]
    for year in (2008, 2009, 2010):
        one = key_figures(sofint, year)
        assert (over_years[year].total_costs, over_years[year].equity, over_years[year].result) == (
            one.total_costs,
            one.equity,
            one.result,
        )
    assert sorted(figures_for_years(sofint, [2010])) == [2010]
    assert (
        figures_for_years(sofint, [2010])[2010].previous_projects
        == year_figures(sofint, 2010).previous_projects
    )


# --- Queries: the same bound for one year and for six, with few or many voucher rows --------------


def _ledgers(sofint, years, repeat):
    for year in years:
        import_sie(association=sofint, data=ledger_file(year, repeat=repeat), file_name=f"{year}.se")


@pytest.mark.parametrize(("years", "repeat"), [(range(2010, 2011), 1), (range(2005, 2011), 20)])
def test_the_key_figures_page_reads_a_fixed_number_of_queries(
    sofint, sofint_office, client, django_assert_max_num_queries, years, repeat
):
    _ledgers(sofint, years, repeat)
    client.force_login(sofint_office)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("funding:key_figures", args=["sofint"]))
    assert response.status_code == 200


@pytest.mark.parametrize(("years", "repeat"), [(range(2010, 2011), 1), (range(2005, 2011), 20)])
def test_the_ledger_page_reads_a_fixed_number_of_queries(
    sofint, sofint_office, client, django_assert_max_num_queries, years, repeat
):
    _ledgers(sofint, years, repeat)
    client.force_login(sofint_office)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("funding:ledger_detail", args=["sofint", 2010]))
    assert response.status_code == 200
    assert "240 000" in response.content.decode().replace("\xa0", " ") or repeat > 1
