"""The key-figures page draws contributions, costs and the equity share over the years."""

import base64

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.charts import key_figures_chart
from funding.statements import key_figures_over_years
from members.models import Association, User
from tests.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_demo()


def _svg(uri: str) -> str:
    return base64.b64decode(uri.removeprefix("data:image/svg+xml;base64,")).decode()


def test_the_chart_has_every_year_and_the_seeds_equity_shares(demo):
    rows = key_figures_over_years(Association.objects.get(slug="sofint"))
    text = _svg(key_figures_chart(rows))
    for expected in ["2009*", "2010", "2011", "37,1 %", "34,3 %", "48,6 %", "tak 20 %", "Medlemsbidrag"]:
        assert expected in text, expected


def test_the_page_shows_the_chart_with_a_text_alternative(client, demo):
    client.force_login(User.objects.get(username="styrelse"))
    page = client.get(reverse("funding:key_figures", args=["sofint"])).content.decode()
    assert '<img src="data:image/svg+xml;base64,' in page
    assert 'alt="Diagram över nyckeltalen 2009–2011: medlemsbidrag och verksamhetens kostnader' in page
    assert "Tabellen nedan har alla siffror." in page


def test_the_chart_adds_no_query(client, demo, django_assert_max_num_queries):
    client.force_login(User.objects.get(username="kansli"))
    url = reverse("funding:key_figures", args=["solleftea"])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        rows = key_figures_over_years(Association.objects.get(slug="solleftea"))
    data_queries = len(queries)
    with CaptureQueriesContext(connection) as queries:
        key_figures_chart(rows)
    assert len(queries) == 0
    # The page: session, user, roles, the association, then the years' figures.
    with django_assert_max_num_queries(data_queries + 8):
        assert client.get(url).status_code == 200
