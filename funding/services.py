"""Every write of the funding app: contributions, their shares, invoices and credit notes.

Services never see the request. They validate, run in one transaction and raise
ValidationError with Swedish messages; nothing is half-saved.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from finsam.formatting import format_bankgiro, format_kronor, format_number, format_percent
from finsam.money import allocate, to_precision
from funding.contributions import ContributionRuleError, Member, calculate
from funding.models import Contribution, ContributionShare, Invoice, InvoiceLine, InvoiceSeries
from funding.periods import Period, invoice_dates, ocr_reference, periods_of
from funding.tasks import send_invoice_messages
from members import notifications
from members.models import Association, Membership, Notification, PopulationFigure, User

VAT_EXEMPTION = (
    "Medlemsbidrag till samordningsförbund ligger utanför mervärdesskattelagens tillämpningsområde."
)


# --- Contributions -----------------------------------------------------------------------------


def members_during(
    association: Association, year: int, population_date: datetime.date | None
) -> list[Member]:
    """The members during the year, with their population at the reference date and agreed shares."""
    memberships = (
        Membership.objects.filter(association=association)
        .during(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        .select_related("organisation")
    )
    figures = {}
    if population_date:
        figures = {
            figure.organisation_id: figure
            for figure in PopulationFigure.objects.filter(
                reference_date=population_date, organisation__in=[m.organisation_id for m in memberships]
            )
        }
    members = {}
    for membership in memberships:
        figure = figures.get(membership.organisation_id)
        members[membership.organisation_id] = Member(
            organisation_id=membership.organisation_id,
            name=membership.organisation.name,
            kind=membership.organisation.kind,
            population=figure.population if figure else None,
            population_date=figure.reference_date if figure else None,
            agreed_percent=membership.agreed_share_percent,
        )
    return list(members.values())


def _calculate(contribution: Contribution):
    try:
        return calculate(
            state_amount=contribution.state_amount,
            members=members_during(contribution.association, contribution.year, contribution.population_date),
            method=contribution.split_method,
            unit=Decimal(contribution.rounding_unit),
            population_date=contribution.population_date,
        )
    except ContributionRuleError as error:
        raise ValidationError(error.messages) from None


def _replace_shares(contribution: Contribution) -> None:
    """Write the calculation into the shares, keeping agreed amounts and shares that invoices point to."""
    calculation = _calculate(contribution)
    existing = {share.organisation_id: share for share in contribution.shares.all()}
    for line in calculation.lines:
        share = existing.pop(line.member.organisation_id, None) or ContributionShare(
            contribution=contribution, organisation_id=line.member.organisation_id
        )
        share.category = line.category
        share.weight = line.weight
        # The fields' stored precision (decimal_places 4 and 6): the exact calculation is kept
        # to that precision so that a saved share shows how the rounded amount was reached.
        share.category_percent = to_precision(line.category_percent, 4)
        share.exact_amount = to_precision(line.exact, 6)
        share.computed_amount = line.amount
        share.save()
    for share in existing.values():
        if share.invoices.exists():
            raise ValidationError(
                _("%(member)s is no longer a member during the year but has invoices for this contribution.")
                % {"member": share.organisation}
            )
        share.delete()


@transaction.atomic
def save_contribution(*, contribution: Contribution) -> Contribution:
    """Create or change a contribution and (re)compute every member's share.

    Once an invoice for it has been issued the contribution is fixed: a change would no
    longer match what members were invoiced. Credit the invoices first.
    """
    if contribution.split_method == Contribution.SplitMethod.POPULATION and not contribution.population_date:
        raise ValidationError({"population_date": _("Give the reference date of the population figures.")})
    contribution.full_clean()
    if contribution.pk and Invoice.objects.filter(share__contribution=contribution).standing().exists():
        raise ValidationError(
            _("Invoices for this contribution have been issued; credit them before changing it.")
        )
    contribution.save()
    _replace_shares(contribution)
    return contribution


@transaction.atomic
def set_agreed_amount(*, share: ContributionShare, amount: Decimal | None, reason: str) -> ContributionShare:
    """Record that a member pays an agreed amount instead of its computed share, and why."""
    if Invoice.objects.filter(share=share).standing().exists():
        raise ValidationError(
            _("This member has been invoiced; credit the invoice before changing its amount.")
        )
    if amount is not None and not reason.strip():
        raise ValidationError({"agreed_reason": _("Give the reason for an agreed amount.")})
    if amount is not None and amount < 0:
        raise ValidationError({"agreed_amount": _("The amount cannot be negative.")})
    share.agreed_amount = amount
    share.agreed_reason = reason.strip() if amount is not None else ""
    share.full_clean()
    share.save()
    return share


# --- Invoices ------------------------------------------------------------------------------------


def genitive(name: str) -> str:
    """Swedish genitive: "Lindesbergs kommun" -> "Lindesbergs kommuns", "Nora kommun" -> "Nora kommuns"."""
    return name if name[-1:].lower() in "sxz" else f"{name}s"


def share_explanation(share: ContributionShare) -> str:
    """The line that tells the member how its amount was arrived at."""
    name = genitive(share.organisation.name)
    if share.agreed_amount is not None:
        return _("Agreed amount: %(reason)s") % {"reason": share.agreed_reason}
    if share.category == ContributionShare.Category.STATE:
        return _("The state's share, 50 %, for Försäkringskassan and Arbetsförmedlingen")
    if share.category == ContributionShare.Category.REGION:
        percent = share.category_percent
        if percent == 100:
            return _("%(name)s share, 25 %%") % {"name": name}
        return _("%(name)s share %(percent)s of the regions' 25 %%") % {
            "name": name,
            "percent": format_percent(percent),
        }
    text = _("%(name)s share %(percent)s of the municipalities' 25 %%") % {
        "name": name,
        "percent": format_percent(share.category_percent),
    }
    if share.contribution.split_method == Contribution.SplitMethod.POPULATION:
        text += " " + _("(population %(population)s at %(date)s)") % {
            "population": format_number(share.weight),
            "date": share.contribution.population_date.isoformat(),
        }
    return text


def _description(share: ContributionShare, period: Period) -> str:
    if share.contribution.kind == Contribution.Kind.SUPPLEMENTARY:
        return _("Supplementary member contribution %(period)s") % {"period": period.label}
    return _("Member contribution %(period)s") % {"period": period.label}


def create_invoice_drafts(*, contribution: Contribution, period_code: str | None = None) -> list[Invoice]:
    """Draft invoices for every member with something to pay, for one period (or all of them).

    The member's amount is split over the year's periods in whole kronor (largest remainder),
    so the periods add up to the year. A member that already has an invoice for the
    share and period gets no second one: a second submit at the same moment creates none.
    """
    try:
        return _create_invoice_drafts(contribution=contribution, period_code=period_code)
    except IntegrityError:
        # The contribution lock makes this rare (a share changed under us); the constraint
        # one_live_invoice_per_share_and_period has kept the member from a second invoice.
        raise ValidationError(
            _("Another user created invoices for this contribution at the same moment; nothing was added.")
        ) from None


@transaction.atomic
def _create_invoice_drafts(*, contribution: Contribution, period_code: str | None) -> list[Invoice]:
    # Parallel submits for the contribution wait here, then see each other's drafts.
    Contribution.objects.select_for_update(no_key=True).filter(pk=contribution.pk).first()
    periods = periods_of(contribution.year, contribution.association.invoice_period)
    if contribution.kind == Contribution.Kind.SUPPLEMENTARY:
        periods = periods_of(contribution.year, "year")
    if period_code:
        chosen = [period for period in periods if period.code == period_code]
        if not chosen:
            raise ValidationError(
                _("Unknown period %(code)s: this association invoices per %(per)s (%(codes)s).")
                % {
                    "code": period_code,
                    "per": contribution.association.get_invoice_period_display().lower(),
                    "codes": ", ".join(period.code for period in periods),
                }
            )
    else:
        chosen = periods
    memberships = {
        membership.organisation_id: membership
        for membership in Membership.objects.filter(association=contribution.association)
        .during(datetime.date(contribution.year, 1, 1), datetime.date(contribution.year, 12, 31))
        .order_by("start_date")
    }
    existing = set(
        Invoice.objects.filter(share__contribution=contribution, kind=Invoice.Kind.INVOICE)
        .exclude(status=Invoice.Status.CREDITED)
        .values_list("share_id", "period_start")
    )
    drafts = []
    with translation.override(settings.LANGUAGE_CODE):
        for share in contribution.shares.select_related("organisation", "contribution").order_by("pk"):
            if share.amount <= 0:
                continue
            parts = allocate(share.amount, [Decimal(1)] * len(periods))
            for period in chosen:
                if (share.pk, period.start) in existing:
                    continue
                membership = memberships.get(share.organisation_id)
                invoice = Invoice(
                    association=contribution.association,
                    organisation=share.organisation,
                    share=share,
                    period_start=period.start,
                    period_end=period.end,
                    period_label=period.label,
                    buyer_reference=membership.buyer_reference if membership else "",
                    amount=parts[period.index],
                )
                invoice.full_clean()
                invoice.save()
                InvoiceLine.objects.create(
                    invoice=invoice,
                    description=_description(share, period),
                    explanation=share_explanation(share),
                    amount=invoice.amount,
                )
                drafts.append(invoice)
    return drafts


@transaction.atomic
def update_draft(*, invoice: Invoice, buyer_reference: str, note: str) -> Invoice:
    if not invoice.is_draft:
        raise ValidationError(_("An issued invoice is never changed. Credit it and issue a new one."))
    invoice.buyer_reference = buyer_reference.strip()
    invoice.note = note.strip()
    invoice.full_clean()
    invoice.save()
    return invoice


@transaction.atomic
def delete_draft(*, invoice: Invoice) -> None:
    if not invoice.is_draft:
        raise ValidationError(_("An issued invoice is never removed. Credit it instead."))
    invoice.delete()


def _party(name, organisation_number, street, postal_code, city, **extra) -> dict:
    return {
        "name": name,
        "organisation_number": organisation_number,
        "street_address": street,
        "postal_code": postal_code,
        "city": city,
        "country": "SE",
        **extra,
    }


def _parties(invoice: Invoice) -> dict:
    association, organisation = invoice.association, invoice.organisation
    return {
        "seller": _party(
            association.name,
            association.organisation_number,
            association.street_address,
            association.postal_code,
            association.city,
            email=association.email,
            phone=association.phone,
            bankgiro=association.bankgiro,
        ),
        "buyer": _party(
            organisation.name,
            organisation.organisation_number,
            organisation.street_address,
            organisation.postal_code,
            organisation.city,
        ),
        "vat_exemption": VAT_EXEMPTION,
        "payment_terms_days": association.payment_terms_days,
    }


def _problems_before_issuing(invoice: Invoice) -> list[str]:
    problems = []
    if not invoice.buyer_reference:
        problems.append(
            _("%(member)s: the buyer reference (Er referens) is missing; public buyers require it.")
            % {"member": invoice.organisation}
        )
    if not (invoice.organisation.postal_code and invoice.organisation.city):
        problems.append(_("%(member)s: the postal address is missing.") % {"member": invoice.organisation})
    return problems


def _take_numbers(association: Association, count: int) -> list[int]:
    # Lock the series row: parallel issuers wait here, so numbers never repeat or skip.
    InvoiceSeries.objects.get_or_create(association=association)
    series = InvoiceSeries.objects.select_for_update().get(association=association)
    numbers = list(range(series.next_number, series.next_number + count))
    series.next_number += count
    series.save(update_fields=["next_number"])
    return numbers


def _send_to_members(invoices: list[Invoice]) -> None:
    """Mail each issued invoice, with its PDF and XML, to the member's invoice address (after commit)."""
    association = invoices[0].association
    addresses = dict(
        Membership.objects.filter(
            association=association, organisation__in=[i.organisation_id for i in invoices]
        )
        .order_by("start_date")
        .values_list("organisation_id", "invoice_email")
    )
    with translation.override(settings.LANGUAGE_CODE):
        for invoice in invoices:
            subject, body = _invoice_message(invoice)
            notifications.notify(
                record=invoice,
                notification=Notification.INVOICE_ISSUED,
                recipients=[
                    notifications.Recipient(
                        address=(addresses.get(invoice.organisation_id) or "").strip(),
                        name=invoice.organisation.name,
                    )
                ],
                subject=subject,
                body=body,
                sender=send_invoice_messages,
            )


def _invoice_message(invoice: Invoice) -> tuple[str, str]:
    values = {
        "document": invoice.get_kind_display(),
        "number": invoice.number,
        "association": invoice.association.name,
        "member": invoice.organisation.name,
        "period": invoice.period_label,
        "amount": format_kronor(invoice.amount, 2),
        "due_date": invoice.due_date.isoformat(),
        "bankgiro": format_bankgiro(invoice.association.bankgiro),
        "ocr": invoice.ocr,
        "reference": invoice.buyer_reference,
    }
    subject = _("%(document)s %(number)s from %(association)s") % values
    if invoice.is_credit_note:
        body = _(
            "To %(member)s (your reference: %(reference)s)\n\n"
            "Attached is credit note %(number)s for %(period)s, %(amount)s, as a PDF and as a Peppol "
            "e-invoice (XML).\n\n%(association)s"
        )
    else:
        body = _(
            "To %(member)s (your reference: %(reference)s)\n\n"
            "Attached is invoice %(number)s for the member contribution %(period)s, as a PDF and as "
            "a Peppol e-invoice (XML).\n\n"
            "Amount: %(amount)s\nDue date: %(due_date)s\nBankgiro: %(bankgiro)s\n"
            "OCR reference: %(ocr)s\n\n%(association)s"
        )
    return subject, body % values


def _fill_in_dates_and_parties(invoice: Invoice, issue_date: datetime.date) -> None:
    # Credit notes take the date they are made; an invoice's dates follow its period.
    if invoice.is_credit_note:
        invoice.issue_date = issue_date
        invoice.due_date = issue_date + datetime.timedelta(days=invoice.association.payment_terms_days)
    else:
        invoice.issue_date, invoice.due_date = invoice_dates(
            period_start=invoice.period_start,
            earliest=issue_date,
            terms_days=invoice.association.payment_terms_days,
        )
    invoice.parties = _parties(invoice)


def preview_draft(*, invoice: Invoice, issue_date: datetime.date) -> Invoice:
    """The draft as it would be issued on `issue_date`: dates and parties, no number. Saves nothing."""
    if not invoice.is_draft:
        raise ValidationError(_("Only a draft has a preview; an issued invoice has its document."))
    _fill_in_dates_and_parties(invoice, issue_date)
    return invoice


def _issue(invoice: Invoice, number: int, issued_by: User, issue_date: datetime.date) -> None:
    invoice.number = number
    invoice.ocr = ocr_reference(number)
    _fill_in_dates_and_parties(invoice, issue_date)
    invoice.status = Invoice.Status.ISSUED
    invoice.issued_at = timezone.now()
    invoice.issued_by = issued_by
    invoice.full_clean()
    invoice.save()


@transaction.atomic
def issue_invoices(
    *, invoices: list[Invoice], issued_by: User, issue_date: datetime.date | None = None
) -> list[Invoice]:
    """Issue a batch of drafts of one association: all of them, or none if any is not ready."""
    if not invoices:
        raise ValidationError(_("There are no draft invoices to issue."))
    associations = {invoice.association_id for invoice in invoices}
    if len(associations) != 1:
        raise ValidationError(_("A batch of invoices belongs to one association."))
    association = invoices[0].association
    if not association.bankgiro:
        raise ValidationError(_("Enter the association's bankgiro number before issuing invoices."))
    # Re-read the drafts under lock, so two clerks cannot issue the same draft twice.
    locked = list(
        Invoice.objects.select_for_update(of=("self",))
        .filter(pk__in=[invoice.pk for invoice in invoices])
        .select_related("organisation", "association")
        .order_by("period_start", "organisation__name", "pk")
    )
    if len(invoices) == len(locked) == 1 and not locked[0].is_draft:
        # One draft issued twice: a double click, or a colleague who was quicker.
        raise ValidationError(_("%(invoice)s has already been issued.") % {"invoice": locked[0]})
    if locked and len(locked) == len(invoices) and not any(invoice.is_draft for invoice in locked):
        # A confirmed batch submitted twice: the first submit issued every one of them.
        numbers = sorted(invoice.number for invoice in locked)
        raise ValidationError(
            _("These invoices have already been issued, numbers %(first)s–%(last)s.")
            % {"first": numbers[0], "last": numbers[-1]}
        )
    not_drafts = [str(invoice) for invoice in locked if not invoice.is_draft]
    if not_drafts or len(locked) != len(invoices):
        raise ValidationError(
            _("Only drafts can be issued; some of these have been issued or removed meanwhile.")
        )
    problems = [problem for invoice in locked for problem in _problems_before_issuing(invoice)]
    if problems:
        raise ValidationError(problems)
    issue_date = issue_date or timezone.localdate()
    for invoice, number in zip(locked, _take_numbers(association, len(locked)), strict=True):
        _issue(invoice, number, issued_by, issue_date)
    _send_to_members(locked)
    return locked


@transaction.atomic
def credit_invoice(
    *, invoice: Invoice, reason: str, issued_by: User, issue_date: datetime.date | None = None
) -> Invoice:
    """Issue a credit note for the whole of an issued (or paid) invoice; the invoice becomes credited.

    A paid invoice keeps its payment date, so the office sees that the member is owed a refund
    or an offset against the new invoice.
    """
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.is_credit_note:
        raise ValidationError(_("A credit note cannot be credited."))
    if invoice.status == Invoice.Status.DRAFT:
        raise ValidationError(_("A draft is not credited; change or remove it instead."))
    if invoice.status == Invoice.Status.CREDITED:
        raise ValidationError(_("The invoice has already been credited."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the credit note.")})
    credit = Invoice(
        association=invoice.association,
        organisation=invoice.organisation,
        share=invoice.share,
        kind=Invoice.Kind.CREDIT_NOTE,
        credited_invoice=invoice,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        period_label=invoice.period_label,
        buyer_reference=invoice.buyer_reference,
        amount=invoice.amount,
        note=reason.strip(),
    )
    credit.save()
    with translation.override(settings.LANGUAGE_CODE):
        for line in invoice.lines.all():
            InvoiceLine.objects.create(
                invoice=credit,
                description=_("Credit of invoice %(number)s: %(description)s")
                % {"number": invoice.number, "description": line.description},
                explanation=line.explanation,
                amount=line.amount,
            )
    (number,) = _take_numbers(invoice.association, 1)
    _issue(credit, number, issued_by, issue_date or timezone.localdate())
    _send_to_members([credit])
    invoice.status = Invoice.Status.CREDITED
    invoice.save(update_fields=["status"])
    return credit


@transaction.atomic
def register_payment(*, invoice: Invoice, paid_on: datetime.date) -> Invoice:
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status == Invoice.Status.PAID and not invoice.is_credit_note:
        # A second submit of the same payment, or a colleague who was quicker.
        raise ValidationError(
            _("The invoice has already been marked as paid on %(date)s.")
            % {"date": invoice.paid_on.isoformat()}
        )
    if invoice.is_credit_note or invoice.status != Invoice.Status.ISSUED:
        raise ValidationError(_("Only an issued, unpaid invoice can be marked as paid."))
    if paid_on < invoice.issue_date:
        raise ValidationError({"paid_on": _("The payment date cannot be before the invoice date.")})
    invoice.status = Invoice.Status.PAID
    invoice.paid_on = paid_on
    invoice.full_clean()
    invoice.save(update_fields=["status", "paid_on"])
    return invoice
