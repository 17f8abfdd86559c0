"""The menu offers a förbund's own page only to those who may open it: the initiative lead's
"Sollefteå" item was a 404 for the lead."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_lead_is_not_offered_the_association_page_it_cannot_open(client, lead, association):
    client.force_login(lead)
    url = reverse("members:association_detail", args=[association.slug])
    assert client.get(url).status_code == 404
    assert f'href="{url}"' not in client.get("/").content.decode()


@pytest.mark.parametrize("who", ["office_user", "board_member", "auditor"])
def test_readers_are_offered_the_association_page_and_it_opens(client, association, who, request):
    client.force_login(request.getfixturevalue(who))
    url = reverse("members:association_detail", args=[association.slug])
    assert f'href="{url}"' in client.get("/").content.decode()
    assert client.get(url).status_code == 200
