"""Reports under double clicks and parallel clerks: a new draft, the board's adoption."""

import datetime

from django.urls import reverse

from reporting import services
from reporting.models import ArchivedDocument, Report
from tests.races.racing import RACES, race

pytestmark = RACES


def test_parallel_new_reports_for_a_year_make_one_draft(sofint, sofint_office):
    url = reverse("reporting:report_list", args=["sofint"])
    answers = race(sofint_office, lambda client: client.post(url, {"kind": "annual", "year": 2009}))

    (report,) = Report.objects.filter(association=sofint)
    assert (report.kind, report.period_end, report.version) == ("annual", datetime.date(2009, 12, 31), 1)
    assert report.sections.count() > 0
    created = [answer for answer in answers if answer.status == 302]
    assert len(created) == 1 and created[0].messages == ["Utkastet skapades."]
    for answer in answers:
        if answer not in created:
            assert answer.status == 200
            assert "Det finns redan en rapport för perioden; rätta den i stället." in answer.content


def test_parallel_adoptions_adopt_and_archive_once(sofint, sofint_office, draft_2009):
    services.share(report=draft_2009)
    url = reverse("reporting:adopt", args=["sofint", draft_2009.pk])
    form = {"meeting_date": "2010-06-02", "paragraph": 4, "place": "Lindesberg"}
    answers = race(sofint_office, lambda client: client.post(url, form), workers=4)

    draft_2009.refresh_from_db()
    assert draft_2009.status == "adopted" and draft_2009.decision.paragraph == 4
    assert ArchivedDocument.objects.filter(report=draft_2009).count() == len(ArchivedDocument.Format)
    adopted = [answer for answer in answers if answer.status == 302]
    assert len(adopted) == 1 and adopted[0].messages == ["Rapporten är antagen och arkiverad."]
    for answer in answers:
        if answer not in adopted:
            assert answer.status == 200 and "Rapporten är redan antagen." in answer.content
