"""Accounts map to report lines by the chart's defaults, the account's name, or the association's own rule."""

import pytest
from django.urls import reverse

from funding.accounts import Orientation, ReportLine, chart_of, resolve
from funding.ledger import import_sie
from funding.models import AccountMapping
from funding.statements import income_statement, year_figures
from tests.factories import RoleFactory
from tests.funding.sie_files import sie_file

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "name", "chart", "line", "orientation"),
    [
        ("3010", "Erhållna statliga bidrag", "bas", ReportLine.INCOME_STATE, ""),
        ("3020", "Erhållna landstingsbidrag", "bas", ReportLine.INCOME_REGION, ""),
        ("3021", "Bidrag Region Västernorrland", "bas", ReportLine.INCOME_REGION, ""),
        ("3030", "Erhållna kommunala bidrag", "bas", ReportLine.INCOME_MUNICIPALITIES, ""),
        ("3050", "ESF-projektet", "bas", ReportLine.INCOME_GRANTS, ""),
        ("3740", "Öresavrundningar", "bas", ReportLine.INCOME_OTHER, ""),
        ("4010", "Projektkostnader", "bas", ReportLine.COST_INITIATIVES, Orientation.INDIVIDUAL),
        ("6420", "Revision", "bas", ReportLine.COST_AUDIT, Orientation.OFFICE),
        ("7240", "Styrelsearvoden", "bas", ReportLine.COST_BOARD, Orientation.BOARD),
        ("8310", "Ränteintäkter", "bas", ReportLine.FINANCIAL_INCOME, ""),
        ("8410", "Räntekostnader", "bas", ReportLine.FINANCIAL_COSTS, ""),
        ("1930", "Bank", "bas", ReportLine.ASSET_CASH, ""),
        ("2440", "Leverantörsskulder", "bas", ReportLine.LIABILITY_CURRENT, ""),
        ("4510", "Köp av huvudverksamhet", "kommin", ReportLine.COST_INITIATIVES, Orientation.INDIVIDUAL),
        ("5011", "Löner", "kommin", ReportLine.COST_STAFF, Orientation.OFFICE),
        ("8410", "Ränteintäkter", "kommin", ReportLine.FINANCIAL_INCOME, ""),
        ("8510", "Räntekostnader", "kommin", ReportLine.FINANCIAL_COSTS, ""),
    ],
)
def test_default_mappings(number, name, chart, line, orientation):
    mapping = resolve(number, name, chart, [])
    assert (mapping.line, mapping.orientation) == (line, orientation)


def test_the_chart_is_read_from_the_files_kptyp():
    assert chart_of("BAS2014") == "bas" and chart_of("KOMMUN") == "kommin" and chart_of(None) == "bas"


def test_an_account_outside_every_rule_is_unmapped_and_listed_but_kept_in_the_result(sofint):
    extra = '#KONTO 9100 "Interna poster"\n'
    vouchers = sie_file().decode("cp437").split("#VER A 1", 1)[1]
    data = sie_file(
        extra=extra,
        projects="370000.00",
        vouchers="#VER A 1"
        + vouchers.replace("\r\n", "\n")
        + '#VER A 7 20101231 "Internt"\n{\n#TRANS 9100 {} 5000.00\n#TRANS 3010 {} -5000.00\n}\n',
    )
    data = data.decode("cp437").replace("#RES 0 3010 -400000.00", "#RES 0 3010 -405000.00").encode("cp437")
    data = data.decode("cp437").replace("#RES 0 4010", "#RES 0 9100 5000.00\r\n#RES 0 4010").encode("cp437")
    import_sie(association=sofint, data=data, file_name="x.se")
    figures = year_figures(sofint, 2010)
    assert [figure.number for figure in figures.unmapped] == ["9100"]
    statement = income_statement(figures)
    unmapped = next(row for row in statement.rows if row.key == "unmapped")
    assert unmapped.current == -5_000
    assert statement.result == 251_000  # 5 000 more income, 5 000 on the unmapped account


def test_the_associations_own_mapping_wins(sofint):
    import_sie(association=sofint, data=sie_file(), file_name="x.se")
    AccountMapping.objects.create(
        association=sofint, prefix="6550", line=ReportLine.COST_BOARD, orientation=Orientation.BOARD
    )
    figures = year_figures(sofint, 2010)
    assert figures.results["6550"].line == ReportLine.COST_BOARD
    assert figures.results["6550"].mapping.source == "association"


def test_the_office_edits_mappings_on_the_page(client, sofint, sofint_office):
    import_sie(association=sofint, data=sie_file(), file_name="x.se")
    client.force_login(sofint_office)
    page = client.get(reverse("funding:mapping_list", args=["sofint"])).content.decode()
    assert "Erhållna statliga bidrag" in page and "Kontots namn" in page
    response = client.post(
        reverse("funding:mapping_create", args=["sofint"]),
        {"prefix": "65", "line": "cost_services", "orientation": "office"},
    )
    assert (
        response.status_code == 302
        and AccountMapping.objects.filter(association=sofint, prefix="65").exists()
    )
    bad = client.post(
        reverse("funding:mapping_create", args=["sofint"]), {"prefix": "sex", "line": "cost_services"}
    )
    assert bad.context["form"].errors["prefix"]
    client.force_login(RoleFactory(kind="board", association=sofint).user)
    assert client.get(reverse("funding:mapping_list", args=["sofint"])).status_code == 200
    assert client.get(reverse("funding:mapping_create", args=["sofint"])).status_code == 404
