"""Each role sees what it should: the office all, the board decisions and summaries, a lead their
own initiatives, a member representative nothing. Guessed ids are 404."""

import pytest
from django.urls import reverse

from initiatives import services
from initiatives.models import Application, FollowUp, Initiative
from members.models import Decision, Role
from tests.factories import RoleFactory
from tests.world import organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_application(kvinnoprojektet):
    return services.save_application(
        application=Application(
            initiative=kvinnoprojektet, first_year=2010, last_year=2011, purpose="Utkast"
        ),
        by_office=False,
    )


def urls(initiative, application):
    slug, code = initiative.association.slug, initiative.code
    return {
        "detail": reverse("initiatives:initiative_detail", args=[slug, code]),
        "application": reverse("initiatives:application_detail", args=[slug, code, application.pk]),
        "application_pdf": reverse("initiatives:application_pdf", args=[slug, code, application.pk]),
        "application_edit": reverse("initiatives:application_edit", args=[slug, code, application.pk]),
        "follow_up": reverse("initiatives:follow_up", args=[slug, code, 2010]),
        "cost_report": reverse("initiatives:cost_report", args=[slug, code, 2010]),
    }


def status(client, user, url):
    client.force_login(user)
    return client.get(url).status_code


def test_a_lead_reaches_only_their_own_initiative(client, kvinnoprojektet, pris, draft_application, lead):
    own = urls(kvinnoprojektet, draft_application)
    assert {name: status(client, lead, url) for name, url in own.items()} == dict.fromkeys(own, 200)
    pris_detail = reverse("initiatives:initiative_detail", args=["sofint", "pris"])
    assert status(client, lead, pris_detail) == 404
    listing = client.get(reverse("initiatives:initiative_list", args=["sofint"])).content.decode()
    assert "Kvinnoprojektet" in listing and "PRIS" not in listing
    # Another initiative's application under the lead's own initiative's address:
    other = services.save_application(
        application=Application(initiative=pris, first_year=2010, last_year=2010), by_office=True
    )
    assert (
        status(
            client,
            lead,
            reverse("initiatives:application_detail", args=["sofint", "kvinnoprojektet", other.pk]),
        )
        == 404
    )
    assert status(client, lead, reverse("initiatives:meeting_list", args=["sofint"])) == 404


def test_the_board_reads_summaries_and_decisions_but_not_a_leads_draft(
    client, kvinnoprojektet, draft_application, sofint_board, meeting
):
    pages = urls(kvinnoprojektet, draft_application)
    assert status(client, sofint_board, pages["detail"]) == 200
    assert status(client, sofint_board, pages["application"]) == 404
    assert status(client, sofint_board, pages["application_edit"]) == 404
    assert (
        status(client, sofint_board, pages["follow_up"]) == 404
    )  # nothing written yet, and not theirs to write
    draft_application.parties = draft_application.goals = draft_application.plan = (
        draft_application.follow_up_plan
    ) = "x"
    draft_application.save()
    services.submit_application(application=draft_application)
    services.prepare_application(application=draft_application)
    assert status(client, sofint_board, pages["application"]) == 200
    assert (
        status(client, sofint_board, reverse("initiatives:meeting_detail", args=["sofint", meeting.pk]))
        == 200
    )
    assert (
        status(client, sofint_board, reverse("initiatives:decision_register", args=["sofint", 2009])) == 200
    )
    assert status(client, sofint_board, reverse("initiatives:meeting_create", args=["sofint"])) == 404


def test_member_representatives_and_outsiders_see_nothing(
    client, kvinnoprojektet, draft_application, meeting, sofint, outsider
):
    representative = RoleFactory(
        kind=Role.Kind.REPRESENTATIVE, association=None, organisation=kvinnoprojektet.owner
    ).user
    pages = [
        *urls(kvinnoprojektet, draft_application).values(),
        reverse("initiatives:initiative_list", args=["sofint"]),
        reverse("initiatives:meeting_detail", args=["sofint", meeting.pk]),
        reverse("initiatives:goal_list", args=["sofint"]),
        reverse("initiatives:project_costs", args=["sofint", 2009]),
    ]
    for user in (representative, outsider):
        assert {status(client, user, url) for url in pages} == {404}
    # The outsider's own slug with our ids:
    own = outsider.roles.get().association.slug
    assert (
        status(client, outsider, reverse("initiatives:initiative_detail", args=[own, "kvinnoprojektet"]))
        == 404
    )
    assert status(client, outsider, reverse("initiatives:meeting_detail", args=[own, meeting.pk])) == 404


def test_a_lead_writes_the_follow_up_and_the_board_reads_it(client, kvinnoprojektet, lead, sofint_board):
    client.force_login(lead)
    url = reverse("initiatives:follow_up", args=["sofint", "kvinnoprojektet", 2010])
    data = {name: f"Svar {index}" for index, name in enumerate(FollowUp.QUESTIONS, start=1)}
    response = client.post(url, {**data, "submit": "1"})
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.submitted_at is not None and follow_up.gender_equality == "Svar 5"
    client.force_login(sofint_board)
    page = client.get(url).content.decode()
    assert "Svar 7" in page and "<form" not in page.split("<main", 1)[1]


def test_a_lead_cannot_change_the_initiative_itself(client, kvinnoprojektet, lead):
    client.force_login(lead)
    assert (
        client.get(reverse("initiatives:initiative_edit", args=["sofint", "kvinnoprojektet"])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("initiatives:initiative_status", args=["sofint", "kvinnoprojektet"]), {"status": "ended"}
        ).status_code
        == 404
    )
    kvinnoprojektet.refresh_from_db()
    assert kvinnoprojektet.status == "application"


def test_pages_query_a_fixed_number_of_times(
    client, sofint, sofint_office, meeting, django_assert_max_num_queries
):
    for number in range(30):
        initiative = services.save_initiative(
            initiative=Initiative(
                association=sofint,
                code=f"insats-{number}",
                name=f"Insats {number}",
                kind="individual",
                owner=organisation(sofint, "Nora kommun"),
                accounting_object=f"I{number}",
            )
        )
        services.record_decision(
            decision=Decision(meeting=meeting, paragraph=number + 1, title=initiative.name, text="Beviljas."),
            initiative=initiative,
            amounts={2010: 100_000, 2011: 100_000},
        )
    client.force_login(sofint_office)
    with django_assert_max_num_queries(15):
        assert (
            client.get(reverse("initiatives:initiative_list", args=["sofint"]), {"year": 2010}).status_code
            == 200
        )
    with django_assert_max_num_queries(15):
        assert (
            client.get(reverse("initiatives:meeting_detail", args=["sofint", meeting.pk])).status_code == 200
        )
    with django_assert_max_num_queries(15):
        assert client.get(reverse("initiatives:decision_register", args=["sofint", 2009])).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("initiatives:project_costs", args=["sofint", 2010])).status_code == 200


def test_the_history_shows_who_was_made_lead(client, kvinnoprojektet, sofint_office, other_lead):
    """Many-to-many changes (leads, co-parties) appear in the trail as the names added or removed."""
    services.save_initiative(initiative=kvinnoprojektet, leads=[other_lead])
    client.force_login(sofint_office)
    page = " ".join(
        client.get(reverse("initiatives:initiative_detail", args=["sofint", "kvinnoprojektet"]))
        .content.decode()
        .split()
    )
    assert "Historik" in page and str(other_lead) in page
