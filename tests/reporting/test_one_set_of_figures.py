"""One set of figures: every page and document gives the same figure for the same thing.

For every ledger year of the demo (SOFINT 2010–2011, Sollefteå 2025–2026) and for SOFINT 2012
from the awkward ledger (tests/funding/sie_files.AWKWARD_VOUCHERS: a depreciation, an ESF grant,
a VAT receivable, a financial cost and a transfer between objects on UNG): each initiative's
cost, the total of initiative costs, the result, the equity and the administration share on the
ledger page, the outcome report, the project table, the annual report's content, the interim
report's content, cost per participant and the comparison.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from funding.ledger import import_sie
from funding.models import LedgerYear
from funding.outcome import outcome_report
from funding.statements import initiative_costs, key_figures, key_figures_over_years, year_figures
from initiatives.models import Initiative
from initiatives.selectors import project_table
from members.models import Association, Role
from participants.comparison import comparison_table
from participants.statistics import year_statistics
from reporting.content import annual_content, interim_content
from tests.demo import load_demo
from tests.factories import RoleFactory, UserFactory
from tests.funding.sie_files import ledger_file

pytestmark = pytest.mark.django_db
ZERO = Decimal(0)


@pytest.fixture
def demo_and_awkward(db):
    load_demo()
    sofint = Association.objects.get(slug="sofint")
    import_sie(association=sofint, data=ledger_file(2012), file_name="awkward-2012.se")
    return list(Association.objects.filter(ledger_years__isnull=False).distinct())


def _check_year(client, association, year, associations):
    figures = year_figures(association, year)
    costs = initiative_costs(figures)
    total = sum(costs.values(), ZERO)
    key = key_figures(association, year)

    # The ledger page.
    page = client.get(reverse("funding:ledger_detail", args=[association.slug, year]))
    assert {row.key: -row.current for row in page.context["project_rows"]} == costs
    assert page.context["statement"].result == key.result
    assert page.context["sheet"].total_equity.current == key.equity

    # The outcome report (page and function).
    report = client.get(reverse("funding:outcome", args=[association.slug, year])).context["report"]
    assert report.result == key.result
    per_object = [line for line in report.initiatives if not line.level] + report.other_objects
    for line in per_object:
        assert line.outcome == -costs.get(line.key, ZERO), (association.slug, year, line.label)
    assert -sum((line.outcome for line in per_object), ZERO) == total

    # The project table and the annual report.
    table = project_table(association, year)
    for row in table.rows:
        assert row.outcome == costs.get(row.accounting_object, ZERO), (association.slug, year, row.label)
    assert {row.accounting_object: row.outcome for row in table.other_objects} == {
        obj: cost for obj, cost in costs.items() if obj not in {row.accounting_object for row in table.rows}
    }
    content = annual_content(association, year)
    assert content.statement.result == key.result
    assert content.sheet.total_equity.current == key.equity
    assert content.key.administration_share_of_contributions == key.administration_share_of_contributions
    assert [row.outcome for row in content.projects.rows] == [row.outcome for row in table.rows]
    for item in content.initiatives:
        if item.initiative.accounting_object:
            assert item.cost == costs.get(item.initiative.accounting_object), item.initiative.name
    for line in [
        item for item in content.operating.initiatives if not item.level
    ] + content.operating.other_objects:
        assert line.outcome == -costs.get(line.key, ZERO)
    history = {item.year: item for item in key_figures_over_years(association)}
    assert (history[year].result, history[year].equity, history[year].split) == (
        key.result,
        key.equity,
        key.split,
    )

    # Cost per participant.
    objects = dict(Initiative.objects.filter(association=association).values_list("pk", "accounting_object"))
    for item in year_statistics(association, year).initiatives:
        if item.cost_source == "ledger":
            assert item.costs == costs.get(objects[item.initiative.pk], ZERO)

    # The interim report on 31 August: the same definition on the figures up to the day.
    august = datetime.date(year, 8, 31)
    to_date = initiative_costs(year_figures(association, year, august))
    interim = interim_content(association, august)
    for line in [
        item for item in interim.operating.initiatives if not item.level
    ] + interim.operating.other_objects:
        assert line.outcome == -to_date.get(line.key, ZERO)
    assert interim.operating.result == outcome_report(association, year, up_to=august).result

    # The comparison across förbund.
    column = next(c for c in comparison_table(associations, year).columns if c.association == association)
    assert column.administration_share == key.administration_share_of_contributions
    assert column.equity_share == key.equity_share
    return total


def test_every_page_and_document_gives_the_same_figures(demo_and_awkward, client):
    user = UserFactory(is_superuser=False)
    for association in demo_and_awkward:
        RoleFactory(user=user, kind=Role.Kind.OFFICE, association=association)
    client.force_login(user)
    checked = []
    for ledger in LedgerYear.objects.filter(association__in=demo_and_awkward).select_related("association"):
        total = _check_year(client, ledger.association, ledger.year, demo_and_awkward)
        checked.append((ledger.association.slug, ledger.year, total))
    assert {(slug, year) for slug, year, _total in checked} >= {
        ("sofint", 2010),
        ("sofint", 2011),
        ("sofint", 2012),
        ("solleftea", 2025),
        ("solleftea", 2026),
    }
    # The awkward year: UNG's cost, its depreciation and the transfer to SIG included, nothing else.
    assert initiative_costs(year_figures(Association.objects.get(slug="sofint"), 2012)) == {
        "UNG": Decimal("240000.00"),
        "SIG": Decimal("140000.00"),
    }
