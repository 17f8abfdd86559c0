"""The cost report takes its cost kinds from the account mapping, and its total says what is left."""

import pytest
from django.urls import reverse

from funding.accounts import resolve
from funding.models import AccountMapping
from initiatives.models import Initiative
from initiatives.selectors import cost_table
from members.models import Association, User
from tests.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def samcoach(db):
    load_demo()
    return Initiative.objects.get(association__slug="solleftea", accounting_object="SAMC")


def _page(client, initiative, year=2025):
    client.force_login(User.objects.get(username="kansli"))
    url = reverse("initiatives:cost_report", args=["solleftea", initiative.code, year])
    return client.get(url).content.decode().replace("\xa0", " ")


def _row(page, label):
    start = page.index(f'<th scope="row">{label}</th>')
    return page[start : page.index("</tr>", start)]


def test_one_account_for_all_initiatives_is_not_called_bought_services(client, samcoach):
    table = cost_table(samcoach, 2025)
    outcome = {row.kind: row.outcome for row in table.rows}
    assert outcome["services"] == 0 and outcome["wages"] == 0
    assert table.unspecified == 827_000 and table.unspecified_accounts == ["4010 Finansierade insatser"]
    page = _page(client, samcoach)
    assert "827 000 kr" in _row(page, "Ej fördelat på kostnadsslag")
    assert "Kontot 4010 Finansierade insatser säger inte vad kostnaderna avser" in page


def test_the_total_row_has_what_is_left(client, samcoach):
    # The lead's budget per kind sums to 827 000; the ledger's outcome is 827 000: nothing left.
    page = _page(client, samcoach)
    total = _row(page, "Summa")
    assert total.count("827 000 kr") == 2 and '<td class="num">0 kr</td>' in total
    # With 827 000 not broken down, what is left per kind is not known: not "760 000 kr left".
    assert "760 000 kr" not in _row(page, "Löner").split("</td>", 1)[1]


def test_the_associations_mapping_gives_the_cost_kind(client, samcoach):
    AccountMapping.objects.create(
        association=Association.objects.get(slug="solleftea"),
        prefix="4010",
        line="cost_initiatives",
        orientation="individual",
        cost_kind="wages",
    )
    table = cost_table(samcoach, 2025)
    assert {row.kind: row.outcome for row in table.rows}["wages"] == 827_000
    assert table.unspecified == 0
    page = _page(client, samcoach)
    assert "Ej fördelat på kostnadsslag" not in page
    assert "−67 000 kr" in _row(page, "Löner")  # budget 760 000, outcome 827 000


def test_an_accounts_name_gives_its_cost_kind_where_the_mapping_does_not():
    assert resolve("4011", "Löner SamCoach", "bas", []).cost_kind == "wages"
    assert resolve("4012", "Lokalhyra insats", "bas", []).cost_kind == "premises"
    assert resolve("7610", "Utbildning personal", "bas", []).cost_kind == "competence"
    assert resolve("4010", "Finansierade insatser", "bas", []).cost_kind == ""
    assert resolve("6550", "Konsultarvoden", "bas", []).cost_kind == "services"
    assert resolve("7210", "Löner till tjänstemän", "bas", []).cost_kind == "wages"
    # The office's mapping comes first: a lump account can be given the kind it is spent on.
    own = [("4010", "cost_initiatives", "individual", "wages")]
    assert resolve("4010", "Finansierade insatser", "bas", own).cost_kind == "wages"
