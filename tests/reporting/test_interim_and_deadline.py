"""The interim report's forecast per line, its outcome beside the budget to date, and the start page's deadline."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from finsam import excel
from finsam.templatetags.finsam import amount
from members.models import Association, User
from reporting import documents, services
from reporting.content import interim_content
from reporting.models import Report
from tests.demo import load_demo
from tests.documents import page_text, pdf_text, workbook
from tests.reporting.conftest import write_all_sections

pytestmark = pytest.mark.django_db
AUGUST = datetime.date(2026, 8, 31)


@pytest.fixture
def demo(db):
    load_demo()
    return Association.objects.get(slug="solleftea")


def test_the_forecast_is_the_budget_until_the_office_gives_one(demo):
    report = Report.objects.get(association=demo, kind="interim", period_end=AUGUST)
    content = interim_content(demo, AUGUST, report)
    lines = {line.label: line for line in content.lines}
    office = lines["Kansli (inkl. ekonomihantering)"]
    assert (office.budget, office.forecast, office.forecast_given) == (
        Decimal(-689_500),
        Decimal(-689_500),
        False,
    )
    # An initiative decided after the budget was adopted is forecast at its granted amount for 2026.
    assert lines["Samsjuklighetskoordinator (SAMSJ)"].forecast == Decimal(-600_000)
    assert lines["Samsjuklighetskoordinator (SAMSJ)"].budget is None
    total = content.lines[-1]
    assert total.outcome == content.operating.result
    assert total.forecast == sum(line.forecast for line in content.lines[:-1])
    services.save_forecasts(report=report, amounts={office.key: Decimal(-700_000)})
    again = {line.label: line for line in interim_content(demo, AUGUST, report).lines}
    assert again["Kansli (inkl. ekonomihantering)"].forecast == Decimal(-700_000)
    assert again["Kansli (inkl. ekonomihantering)"].forecast_difference == Decimal(-10_500)
    assert again["Kansli (inkl. ekonomihantering)"].forecast_given


def test_the_office_enters_the_forecast_on_the_page(demo, client):
    report = Report.objects.get(association=demo, kind="interim", period_end=AUGUST)
    client.force_login(User.objects.get(username="kansli"))
    url = reverse("reporting:forecast", args=["solleftea", report.pk])
    form = client.get(url).context["form"]
    field = next(name for name, item in form.fields.items() if item.label == "Styrelse")
    response = client.post(url, {field: "-60000"})
    assert response.status_code == 302
    line = next(line for line in interim_content(demo, AUGUST, report).lines if line.label == "Styrelse")
    assert line.forecast == Decimal(-60_000) and line.forecast_given
    page = page_text(client.get(reverse("reporting:report_detail", args=["solleftea", report.pk])))
    assert "Styrelse −85 000" in page and "−60 000*" in page


def test_the_start_page_shows_the_deadline_and_what_is_missing(demo, client):
    client.force_login(User.objects.get(username="kansli"))
    year = datetime.date.today().year - 1
    page = page_text(client.get("/"))
    draft = f"Gör utkastet till årsredovisningen {year} · senast {year + 1}-03-31"
    # Both förbund: SOFINT lacks the bookkeeping and the draft, Sollefteå the draft.
    assert page.count(draft) == 2
    assert f"Importera bokföringen för {year}" in page
    report = services.create_report(association=demo, kind="annual", period_end=datetime.date(year, 12, 31))
    page = page_text(client.get("/"))
    assert page.count(draft) == 1
    assert f"Årsredovisning {year}: skriv 9 tomma avsnitt och dela rapporten med styrelsen" in page
    write_all_sections(report)
    services.share(report=report)
    assert f"Årsredovisning {year}: för in styrelsens antagande" in page_text(client.get("/"))
    services.adopt(
        report=report, meeting_date=datetime.date(year + 1, 3, 20), paragraph=90, place="Sollefteå"
    )
    # Adopted: Sollefteå now waits for the auditors' statement; SOFINT still for its draft.
    page = page_text(client.get("/"))
    assert page.count(draft) == 1
    assert f"Årsredovisning {year}: revisionsberättelsen saknas" in page


def test_the_interim_workbook_writes_the_share_of_budget_as_an_exact_fraction(demo):
    report = Report.objects.get(association=demo, kind="interim", period_end=AUGUST)
    lines = {line.label: line for line in interim_content(demo, AUGUST, report).lines}
    book = workbook(documents.report_workbook(report))
    cells = {row[0].value: row for row in book["Utfall och prognos"].iter_rows(min_row=5) if row[0].value}
    office = lines["Kansli (inkl. ekonomihantering)"]
    share = cells["Kansli (inkl. ekonomihantering)"][3]
    assert share.number_format == excel.PERCENT
    assert share.value == pytest.approx(float(office.outcome / office.budget))
    assert office.used_percent == round(Decimal(share.value) * 100, 1)  # the page's 1-decimal figure


def test_the_interim_report_says_how_far_the_books_go_and_sets_the_outcome_beside_the_budget_to_date(
    demo, client
):
    # The full-year budget beside eight months of bookkeeping misleads; the budget to date does not.
    report = Report.objects.get(association=demo, kind="interim", period_end=AUGUST)
    operating = interim_content(demo, AUGUST, report).operating
    assert operating.is_part_year and operating.booked_to is not None
    booked = operating.booked_to.isoformat()
    line = next(line for line in operating.summary if line.budget_to_date)
    expected = (
        f"{line.label} {amount(line.budget)} {amount(line.budget_to_date)} {amount(line.outcome)} "
        f"{amount(line.difference_to_date)}"
    ).replace("\xa0", " ")
    client.force_login(User.objects.get(username="kansli"))
    page = page_text(client.get(reverse("reporting:report_detail", args=["solleftea", report.pk])))
    assert f"Bokföring t.o.m. {booked}" in page and f"Budget t.o.m. {booked}" in page
    assert expected in page
    # The PDF (the board's copy) says the same; the draft document is made from the same rendering.
    rendering = documents.rendering(demo, "interim", AUGUST, report)
    pdf = " ".join(pdf_text(documents.document_pdf(rendering)).split())
    figures = expected.removeprefix(line.label)
    assert f"Bokföring t.o.m. {booked}" in pdf and f"Budget t.o.m. {booked}" in pdf and figures in pdf
