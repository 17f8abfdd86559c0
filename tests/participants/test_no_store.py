"""No page or file of the participants app may be kept by a browser or proxy cache: every URL
pattern of the app, requested by the office, answers with Cache-Control: no-store."""

import pytest
from django.urls import URLPattern, get_resolver, reverse

from participants.models import Enrolment, Survey

pytestmark = pytest.mark.django_db

# A real value for each URL argument, so that every page is shown and not a 404.
ARGUMENTS = {"slug": "norr", "year": 2025, "kind": "xlsx", "name": "shares"}
QUERIES = {"participants:comparison": {"year": 2025}, "participants:comparison_document": {"year": 2025}}


def participant_patterns():
    resolver = get_resolver()
    namespace = resolver.namespace_dict["participants"][1]
    return [pattern for pattern in namespace.url_patterns if isinstance(pattern, URLPattern)]


@pytest.fixture
def survey(steget):
    return Survey.objects.create(
        initiative=steget, year=2025, question="Nöjd?", participants=10, respondents=8, agreeing=6
    )


@pytest.mark.parametrize("pattern", participant_patterns(), ids=lambda pattern: pattern.name)
def test_every_participants_page_and_file_is_not_stored(
    client, imported, survey, office_user, pattern, verified_login
):
    name = f"participants:{pattern.name}"
    keys = pattern.pattern.regex.groupindex
    values = {**ARGUMENTS, "pk": (survey if "survey" in pattern.name else Enrolment.objects.first()).pk}
    if pattern.name == "template":
        values["kind"] = "csv"
    url = reverse(name, kwargs={key: values[key] for key in keys})
    verified_login(office_user)
    query = {**QUERIES.get(name, {})}
    if "comparison" in name:
        query["associations"] = [imported_association_pk(office_user)]
    response = client.get(url, query)
    assert response.status_code == 200, url
    assert "no-store" in response["Cache-Control"], url
    assert "private" in response["Cache-Control"], url


def imported_association_pk(user):
    return user.roles.first().association_id
