"""Every CheckConstraint that a form's input can break is said at its field, in Swedish, before the
database: a negative state amount showed "Begränsningen “contribution_state_amount_positive” överträds."
"""

import pytest
from django.apps import apps
from django.db.models import CheckConstraint
from django.utils import translation

from funding.forms import AgreedAmountForm, ContributionForm
from funding.models import Contribution, ContributionShare
from initiatives.forms import ApplicationForm, InitiativeForm
from initiatives.models import Application, Initiative
from members.forms import BoardTermForm, GroupMemberForm, MembershipForm
from members.models import BoardTerm, GroupMember, Membership, Organisation
from participants.forms import EnrolmentForm, SurveyForm
from participants.models import Enrolment, Survey

pytestmark = pytest.mark.django_db

OUR_APPS = {"members", "funding", "initiatives", "participants", "reporting"}

# Constraints no form's input reaches: the services set these fields themselves.
SET_BY_SERVICES = {
    "issued_invoice_has_number": "issue_invoices numbers and dates every invoice it issues",
    "invoice_amount_not_negative": "invoice amounts come from the contribution's shares",
    "paid_invoice_has_payment_date": "PaymentForm requires the date",
    "adopted_budget_has_date": "AdoptForm requires the date",
    "role_scope_matches_kind": "roles are given in the admin, with its own form",
    "role_period_in_order": "roles are given in the admin, with its own form",
    "applied_cost_not_negative": "the cost fields have min_value=0",
    "granted_amount_not_negative": "the amount fields have min_value=0",
    "adopted_report_has_decision_and_hash": "adopt_report records the decision and the hash",
}


def _forms(association):
    organisation = Organisation.objects.filter(memberships__association=association).first()
    organisations = Organisation.objects.all()
    period = {"start_date": "2026-03-01", "end_date": "2026-02-01"}
    return {
        "contribution_state_amount_positive": (
            lambda: ContributionForm(
                {
                    "year": "2026",
                    "kind": "annual",
                    "state_amount": "-5",
                    "split_method": "agreed",
                    "rounding_unit": "1",
                },
                instance=Contribution(association=association),
            ),
            "state_amount",
        ),
        "agreed_amount_has_a_reason": (
            lambda: AgreedAmountForm(
                {"agreed_amount": "1000", "agreed_reason": ""}, instance=ContributionShare()
            ),
            "agreed_reason",
        ),
        "membership_period_in_order": (
            lambda: MembershipForm(
                {"organisation": organisation.pk, **period},
                instance=Membership(association=association),
                organisations=organisations,
            ),
            "end_date",
        ),
        "board_term_period_in_order": (
            lambda: BoardTermForm({"person_name": "A", **period}, instance=BoardTerm()),
            "end_date",
        ),
        "group_member_period_in_order": (
            lambda: GroupMemberForm(
                {"person_name": "A", **period}, instance=GroupMember(), members=organisations
            ),
            "end_date",
        ),
        "initiative_period_in_order": (
            lambda: InitiativeForm(
                {"name": "X", "kind": "individual", "status": "ongoing", "owner": organisation.pk, **period},
                instance=Initiative(association=association),
                members=organisations,
                leads=association.roles.none() if hasattr(association, "roles") else [],
            ),
            "end_date",
        ),
        "application_years_in_order": (
            lambda: ApplicationForm(
                {"first_year": "2027", "last_year": "2026"},
                instance=Application(),
                parties=organisations,
            ),
            "last_year",
        ),
        "enrolment_period_in_order": (
            lambda: EnrolmentForm(period, instance=Enrolment(), initiatives=Initiative.objects.none()),
            "end_date",
        ),
        "ended_enrolment_has_reason": (
            lambda: EnrolmentForm(
                {"start_date": "2026-01-01", "end_date": "2026-02-01", "income_after": "work"},
                instance=Enrolment(),
                initiatives=Initiative.objects.none(),
            ),
            "end_reason",
        ),
        "respondents_not_above_participants": (
            lambda: SurveyForm(
                {"year": "2026", "participants": "5", "respondents": "9", "agreeing": "1"},
                instance=Survey(),
                initiatives=Initiative.objects.none(),
            ),
            "respondents",
        ),
        "agreeing_not_above_respondents": (
            lambda: SurveyForm(
                {"year": "2026", "participants": "9", "respondents": "5", "agreeing": "7"},
                instance=Survey(),
                initiatives=Initiative.objects.none(),
            ),
            "agreeing",
        ),
    }


def test_every_check_constraint_has_a_form_that_says_it_or_a_reason_none_can_break_it(association):
    names = {
        constraint.name
        for model in apps.get_models()
        for constraint in model._meta.constraints
        if isinstance(constraint, CheckConstraint) and model._meta.app_label in OUR_APPS
    }
    forms = set(FORM_CHECKED)
    assert names - forms - set(SET_BY_SERVICES) == set(), "a CheckConstraint with no form check"


FORM_CHECKED = [
    "contribution_state_amount_positive",
    "agreed_amount_has_a_reason",
    "membership_period_in_order",
    "board_term_period_in_order",
    "group_member_period_in_order",
    "initiative_period_in_order",
    "application_years_in_order",
    "enrolment_period_in_order",
    "ended_enrolment_has_reason",
    "respondents_not_above_participants",
    "agreeing_not_above_respondents",
]


@pytest.mark.parametrize("name", FORM_CHECKED)
def test_the_violating_value_gets_a_swedish_field_error_without_the_constraints_name(association, name):
    with translation.override("sv"):
        make_form, field = _forms(association)[name]
        form = make_form()
        assert not form.is_valid()
        errors = [str(message) for messages in form.errors.values() for message in messages]
        assert form.errors.get(field), form.errors
        assert not any(name in message or "Begränsningen" in message for message in errors), errors
        assert "__all__" not in form.errors, form.errors
