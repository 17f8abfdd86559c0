"""The role × object matrix, generated from the URL configuration.

The demo world has two förbund, SOFINT and Sollefteå, and Försäkringskassan is a member of both.
Every persona holds its roles in SOFINT only; every URL pattern with arguments is requested with
objects of Sollefteå (and, for invoices, members and organisations, of another organisation than
the persona's), with GET and, where a view answers GET with 405, with POST. The documented access:

- anonymous: a redirect to the login page, for every address;
- everyone else: 404, so a guessed slug, id or code looks exactly like one that does not exist;
- except the representative of the shared member, who reads what roles.md grants a member's
  representative in every förbund the organisation belongs to: the aggregate statistics and the
  adopted reports (never another organisation's invoice, never a register, never an office page).

A control walk as Sollefteå's own office proves the arguments really name its objects: a 404
there would make the matrix pass for the wrong reason. Patterns are read from `get_resolver()`,
so a new page joins the matrix, and an argument this module cannot fill fails the test.
The admin is tested in tests/members/test_admin.py (it answers a missing object its own way).
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from funding.models import AccountMapping, Budget, Contribution, Invoice, LedgerUpload, LedgerYear
from initiatives.models import Application, Goal, Initiative
from members.models import (
    Association,
    BoardMeeting,
    BoardSeat,
    BoardTerm,
    GroupMember,
    Membership,
    Organisation,
    Role,
)
from participants.models import Enrolment, Survey
from reporting.models import Job, Report
from tests.demo import load_demo
from tests.factories import RoleFactory, UserFactory
from tests.second_factor import log_in_verified

pytestmark = pytest.mark.django_db

FORSAKRINGSKASSAN = "2021005521"  # a member of both förbund
LINDESBERG = "2120001967"  # a member of SOFINT only
SOLLEFTEA_KOMMUN = "2120002452"  # a member of Sollefteå only

# What the representative of a member of Sollefteå may read there (docs/roles.md).
SHARED_MEMBER_MAY_READ = {
    "participants:statistics",
    "participants:statistics_chart",
    "participants:statistics_document",
    "reporting:report_list",
    "reporting:report_detail",
    "reporting:document",
}


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(
                pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace
            )
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), f"{namespace}:{pattern.name}"


ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")


def world():
    """Sollefteå's objects, one of each kind, by the path segment before the argument."""
    load_demo()
    other = Association.objects.get(slug="solleftea")
    sofint = Association.objects.get(slug="sofint")
    municipality = Organisation.objects.get(organisation_number=SOLLEFTEA_KOMMUN)
    office = UserFactory()
    RoleFactory(user=office, kind=Role.Kind.OFFICE, association=other)
    initiative = Initiative.objects.filter(association=other).order_by("pk").first()
    application = Application.objects.filter(initiative=initiative).first() or Application.objects.create(
        initiative=initiative, first_year=2025, last_year=2026
    )
    ledger = LedgerYear.objects.filter(association=other).order_by("year").first()
    budget = Budget.objects.filter(association=other).first()
    report = Report.objects.filter(association=other).first()
    mapping = AccountMapping.objects.create(association=other, prefix="99", line="other_costs")
    upload = LedgerUpload.objects.create(
        association=other, file_name="x.se", sha256="0" * 64, uploaded_by=office
    )
    job = Job.objects.create(
        association=other,
        user=office,
        kind="invoices",
        title="Sollefteå",
        parameters={"year": ledger.year},
        status=Job.Status.DONE,
        filename="fakturor.zip",
        content_type="application/zip",
        result=b"PK",
    )
    goal = (
        Goal.objects.filter(initiative=initiative).first()
        or Goal.objects.filter(association=other, initiative=None).first()
    )
    invoice = Invoice.objects.filter(association=other, organisation=municipality).first()
    objects = {
        ("forbund", "slug"): other.slug,
        ("organisationer", "pk"): municipality.pk,
        ("medlemmar", "pk"): Membership.objects.get(association=other, organisation=municipality).pk,
        ("platser", "pk"): BoardSeat.objects.filter(association=other).first().pk,
        ("platser", "seat_pk"): BoardSeat.objects.filter(association=other).first().pk,
        ("perioder", "pk"): BoardTerm.objects.filter(seat__association=other).first().pk,
        ("grupper", "pk"): GroupMember.objects.filter(association=other).first().pk,
        ("bidrag", "pk"): Contribution.objects.filter(association=other).first().pk,
        ("andel", "pk"): Contribution.objects.filter(association=other).first().shares.first().pk,
        ("fakturor", "pk"): invoice.pk,
        ("budget", "pk"): budget.pk,
        ("rad", "line_pk"): budget.lines.first().pk,
        ("importera", "pk"): upload.pk,
        ("kontoplan", "pk"): mapping.pk,
        ("insatser", "code"): initiative.code,
        ("ansokan", "pk"): application.pk,
        ("mal", "pk"): goal.pk,
        ("andra", "pk"): Goal.objects.filter(association=other).first().pk,
        ("moten", "pk"): BoardMeeting.objects.filter(association=other).first().pk,
        ("deltagare", "pk"): Enrolment.objects.filter(initiative__association=other).first().pk,
        ("enkater", "pk"): Survey.objects.filter(initiative__association=other).first().pk,
        ("rapporter", "pk"): report.pk,
        ("avsnitt", "key"): report.sections.first().key,
        ("jobb", "pk"): job.pk,
    }
    values = {"year": str(ledger.year), "action": "prepare"}
    return sofint, office, objects, values


def fill(route, objects, values):
    """The route with every argument filled, or a KeyError naming the one nobody mapped."""
    segments = route.split("/")
    filled = []
    for index, segment in enumerate(segments):

        def value(match, before=segments[index - 1] if index else ""):
            converter, name = match.groups()
            if (before, name) in objects:
                return str(objects[before, name])
            if name in values:
                return values[name]
            regex = get_resolver().pattern.converters.get(name)
            if name in ("kind", "name"):
                return {"document": "pdf", "spreadsheet": "pdf", "template": "csv", "chart": "participants"}[
                    converter
                ]
            raise KeyError(f"{route}: nothing maps <{converter}:{name}> after {before!r} ({regex})")

        filled.append(ARGUMENT.sub(value, segment))
    return "/" + "/".join(filled)


def addresses(objects, values):
    return [
        (name, fill(route, objects, values))
        for route, name in walk(get_resolver().url_patterns)
        # The admin is tested on its own; account addresses (a password reset link) hold no
        # förbund's object.
        if ARGUMENT.search(route) and not route.startswith(("admin/", "konto/"))
    ]


# Addresses that are a 404 for the office itself, with the reason.
CONTROL_404 = {
    # The member portal is for representatives, not the office.
    "funding:portal_invoice",
    "funding:portal_document",
    # A draft's document is made by a job (POST); only an adopted report's is served on GET.
    "reporting:document",
    # The comparison needs several förbund the user reads aggregates of.
    "participants:comparison_document",
}


def personas(sofint):
    def user_with(kind, **scope):
        user = UserFactory()
        RoleFactory(user=user, kind=kind, **scope)
        return user

    lead = user_with(Role.Kind.LEAD, association=sofint)
    Initiative.objects.filter(association=sofint).first().leads.add(lead)
    return {
        "office": user_with(Role.Kind.OFFICE, association=sofint),
        "board": user_with(Role.Kind.BOARD, association=sofint),
        "auditor": user_with(Role.Kind.AUDITOR, association=sofint),
        "lead": lead,
        "representative": user_with(
            Role.Kind.REPRESENTATIVE,
            association=None,
            organisation=Organisation.objects.get(organisation_number=LINDESBERG),
        ),
        "shared representative": user_with(
            Role.Kind.REPRESENTATIVE,
            association=None,
            organisation=Organisation.objects.get(organisation_number=FORSAKRINGSKASSAN),
        ),
        "no role": UserFactory(),
        "anonymous": None,
    }


def answer(client, url):
    """(method, status) of GET, or of POST when the view takes only POST."""
    response = client.get(url)
    if response.status_code == 405:
        return "POST", client.post(url), response
    return "GET", response, response


def test_no_persona_reaches_another_forbunds_or_organisations_objects(client, monkeypatch):
    # The matrix tests who gets a document, not its layout (tests/test_pdf.py does): a stand-in
    # for WeasyPrint's layout keeps the walk, with its controls, within a minute.
    monkeypatch.setattr("weasyprint.HTML.write_pdf", lambda self, **options: b"%PDF-1.7 stand-in")
    sofint, other_office, objects, values = world()
    urls = addresses(objects, values)
    failures = []
    personas_by_name = personas(sofint)
    for persona, user in personas_by_name.items():
        client.logout()
        if user is not None:
            # With a verified second factor, as the office and the leads need for participant rows:
            # the matrix tests scoping, not the second step (tests/participants/test_second_factor.py).
            log_in_verified(client, user)
        for name, url in urls:
            try:
                method, response, _ = answer(client, url)
            except Exception as error:  # the test client re-raises a view's error: report them all
                failures.append(f"{persona} {url}: {type(error).__name__}: {error}"[:300])
                continue
            status = response.status_code
            if user is None:
                ok = status == 302 and response["Location"].startswith("/konto/logga-in/")
            elif persona == "shared representative" and name in SHARED_MEMBER_MAY_READ:
                ok = status < 500
            else:
                ok = status == 404
            if not ok:
                failures.append(f"{persona} {method} {url} ({name}): {status}")
    assert failures == [], "\n".join(failures)
    assert len(urls) > 100

    # The control: Sollefteå's own office reaches these objects, so the 404s above were scoping.
    log_in_verified(client, other_office)
    missing = [
        f"{name} {url}"
        for name, url in urls
        if (response := client.get(url)).status_code == 404 and name not in CONTROL_404
    ]
    assert missing == [], "\n".join(missing)

    # The shared member's representative reads its own invoice in Sollefteå, not another member's.
    client.force_login(personas_by_name["shared representative"])
    shared = Organisation.objects.get(organisation_number=FORSAKRINGSKASSAN)
    own = Invoice.objects.filter(association__slug="solleftea", organisation=shared).issued().first()
    assert client.get(f"/portal/fakturor/{own.pk}/").status_code == 200
    assert client.get(f"/portal/fakturor/{objects['fakturor', 'pk']}/").status_code == 404
