"""Pages for contributions and invoices, and the member portal.

Each view: resolve scope (404 outside it) -> form -> service or selector -> render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from finsam.formatting import format_kronor
from finsam.forms import submit
from finsam.listing import listing_for
from finsam.years import query_year
from funding import lists, selectors, services
from funding.documents.contributions_xlsx import contributions_workbook
from funding.documents.invoice_pdf import draft_preview_pdf, invoice_filename, invoice_pdf
from funding.documents.invoice_xml import invoice_xml
from funding.forms import (
    AgreedAmountForm,
    ContributionForm,
    CreditForm,
    DraftForm,
    DraftsForm,
    InvoiceFilterForm,
    IssueChoiceForm,
    IssueForm,
    PaymentForm,
)
from funding.models import Contribution, ContributionShare, Invoice
from funding.periods import periods_of
from funding.views.common import PDF, XLSX, download, report_errors
from members import notifications
from members.access import office_access, reader_access
from members.models import Association, PopulationFigure, Role
from members.selectors import history_of

PAGE_SIZE = 50


# --- Contributions --------------------------------------------------------------------------------


@login_required
def contribution_list(request, slug):
    access = reader_access(request.user, slug)
    contributions = Contribution.objects.visible_to(request.user).filter(association=access.association)
    return render(
        request, "funding/contribution_list.html", {"access": access, "contributions": contributions}
    )


def _population_dates(association):
    return list(
        PopulationFigure.objects.filter(organisation__memberships__association=association)
        .values_list("reference_date", flat=True)
        .distinct()
        .order_by("-reference_date")
    )


@login_required
def contribution_create(request, slug):
    access = office_access(request.user, slug)
    dates = _population_dates(access.association)
    initial = {"year": timezone.localdate().year + 1, "population_date": dates[0] if dates else None}
    form = ContributionForm(
        request.POST or None,
        instance=Contribution(association=access.association),
        initial=initial,
        population_dates=dates,
    )
    contribution = submit(request, form, lambda form: services.save_contribution(contribution=form.instance))
    if contribution:
        messages.success(request, _("The contribution was calculated. Check every member's share below."))
        return redirect(contribution)
    return render(request, "funding/contribution_form.html", {"access": access, "form": form})


@login_required
def contribution_edit(request, slug, pk):
    access = office_access(request.user, slug)
    contribution = get_object_or_404(
        Contribution.objects.manageable_by(request.user).filter(association=access.association), pk=pk
    )
    form = ContributionForm(
        request.POST or None, instance=contribution, population_dates=_population_dates(access.association)
    )
    saved = submit(request, form, lambda form: services.save_contribution(contribution=form.instance))
    if saved:
        messages.success(request, _("The contribution was recalculated."))
        return redirect(saved)
    return render(
        request,
        "funding/contribution_form.html",
        {"access": access, "form": form, "contribution": contribution},
    )


@login_required
def contribution_detail(request, slug, pk):
    access = reader_access(request.user, slug)
    contribution = get_object_or_404(
        Contribution.objects.visible_to(request.user).filter(association=access.association), pk=pk
    )
    periods = periods_of(contribution.year, access.association.invoice_period)
    invoices = Invoice.objects.visible_to(request.user).filter(share__contribution=contribution)
    context = {
        "access": access,
        "breakdown": selectors.breakdown(contribution),
        "drafts_form": DraftsForm(periods=periods) if access.can_manage else None,
        "invoice_totals": selectors.invoice_totals(invoices),
        "invoice_count": invoices.count(),
        "history": history_of(contribution) if access.can_see_history else None,
    }
    return render(request, "funding/contribution_detail.html", context)


@login_required
def share_edit(request, slug, pk):
    access = office_access(request.user, slug)
    share = get_object_or_404(
        ContributionShare.objects.filter(contribution__association=access.association).select_related(
            "contribution", "organisation"
        ),
        pk=pk,
    )
    form = AgreedAmountForm(request.POST or None, instance=share)
    saved = submit(
        request,
        form,
        lambda form: services.set_agreed_amount(
            share=share, amount=form.cleaned_data["agreed_amount"], reason=form.cleaned_data["agreed_reason"]
        ),
    )
    if saved:
        messages.success(request, _("The amount for %(member)s was saved.") % {"member": share.organisation})
        return redirect(share.contribution)
    return render(request, "funding/share_form.html", {"access": access, "form": form, "share": share})


@require_POST
@login_required
def drafts_create(request, slug, pk):
    access = office_access(request.user, slug)
    contribution = get_object_or_404(
        Contribution.objects.manageable_by(request.user).filter(association=access.association), pk=pk
    )
    form = DraftsForm(request.POST, periods=periods_of(contribution.year, access.association.invoice_period))
    if form.is_valid():
        try:
            drafts = services.create_invoice_drafts(
                contribution=contribution, period_code=form.cleaned_data["period"]
            )
        except ValidationError as error:
            report_errors(request, error)
        else:
            if drafts:
                messages.success(
                    request, _("%(count)s draft invoices were created.") % {"count": len(drafts)}
                )
            else:
                messages.info(request, _("Every member already has an invoice for the period."))
            return redirect(f"{_invoice_list_url(slug)}?year={contribution.year}&status=draft")
    return redirect(contribution)


# --- Invoices --------------------------------------------------------------------------------------


def _invoice_list_url(slug):
    return reverse("funding:invoice_list", kwargs={"slug": slug})


@login_required
def invoice_list(request, slug):
    access = reader_access(request.user, slug)
    filters = InvoiceFilterForm(request.GET or None)
    year = filters.cleaned_data["year"] if filters.is_valid() else timezone.localdate().year
    status = filters.cleaned_data.get("status") if filters.is_valid() else ""
    invoices = selectors.invoices_for_year(
        Invoice.objects.visible_to(request.user).filter(association=access.association), year
    )
    if status:
        invoices = invoices.filter(status=status)
    drafts = invoices.filter(status=Invoice.Status.DRAFT)
    listing = listing_for(lists.INVOICES, request, invoices, filters=filters)
    if listing.wants_export:
        return listing.export(filename=f"fakturor-{access.association.slug}-{year}")
    context = {
        "access": access,
        "filters": filters,
        "listing": listing,
        "year": year,
        "page": Paginator(listing.rows, PAGE_SIZE).get_page(request.GET.get("sida")),
        # The totals follow the search, so that they are the sum of the rows the list shows.
        "totals": selectors.invoice_totals(listing.rows),
        "draft_count": drafts.count() if access.can_manage else 0,
        "can_issue": access.can_manage,
        "query_suffix": listing.query_suffix,
        "today": timezone.localdate(),
    }
    return render(request, "funding/invoice_list.html", context)


@login_required
def overdue_list(request, slug):
    access = reader_access(request.user, slug)
    invoices = (
        Invoice.objects.visible_to(request.user)
        .filter(association=access.association)
        .overdue()
        .select_related("organisation", "association")
        .order_by("due_date", "number")
    )
    listing = listing_for(lists.OVERDUE, request, invoices)
    if listing.wants_export:
        return listing.export(filename=f"forfallna-fakturor-{access.association.slug}")
    context = {
        "access": access,
        "listing": listing,
        "page": Paginator(listing.rows, PAGE_SIZE).get_page(request.GET.get("sida")),
        "totals": selectors.invoice_totals(listing.rows),
        "query_suffix": listing.query_suffix,
        "today": timezone.localdate(),
    }
    return render(request, "funding/overdue_list.html", context)


def _year_drafts(request, access, year):
    return (
        Invoice.objects.manageable_by(request.user)
        .filter(association=access.association, status=Invoice.Status.DRAFT)
        .for_year(year)
    )


def issue_button_label(count: int, total) -> str:
    return ngettext(
        "Issue %(count)s invoice, total %(total)s",
        "Issue %(count)s invoices, total %(total)s",
        count,
    ) % {"count": count, "total": format_kronor(total)}


@login_required
def invoices_review(request, slug):
    """The second look before issuing: choose the periods, see each draft's dates, then confirm."""
    access = office_access(request.user, slug)
    year = query_year(request.GET, "year", default=timezone.localdate().year)
    drafts = _year_drafts(request, access, year)
    today = timezone.localdate()
    choices = selectors.issue_plan(drafts, issue_date=today, period_codes=None).periods
    bound = "issue_date" in request.GET
    form = IssueChoiceForm(
        request.GET if bound else None,
        periods=choices,
        initial={"issue_date": today, "period": selectors.default_period_codes(choices)},
    )
    plan = None
    if not bound:
        plan = selectors.issue_plan(drafts, issue_date=today, period_codes=None)
    elif form.is_valid():
        plan = selectors.issue_plan(
            drafts, issue_date=form.cleaned_data["issue_date"], period_codes=form.cleaned_data["period"]
        )
    issue_date = form.cleaned_data["issue_date"] if bound and plan else today
    context = {
        "access": access,
        "year": year,
        "form": form,
        "plan": plan,
        # With an impossible date the periods are still offered, dated as if issued today.
        "periods": plan.periods if plan else choices,
        "chosen": set(form.cleaned_data["period"]) if bound and plan else set(form.initial["period"]),
        "issue_date": issue_date,
        "confirm_label": issue_button_label(len(plan.invoices), plan.total) if plan else "",
    }
    return render(request, "funding/issue_review.html", context)


@require_POST
@login_required
def invoices_issue(request, slug):
    """Issue the confirmed drafts: all of them, or none.

    The confirmation sends the drafts it showed, so what is issued is what was seen; a
    post without them issues the year's drafts that the issuing page chooses by default.
    """
    access = office_access(request.user, slug)
    form = IssueForm(request.POST)
    year = query_year(request.POST, "year", default=timezone.localdate().year)
    drafts = _year_drafts(request, access, year)
    if not form.is_valid():
        messages.error(request, _("No invoice was issued."))
        messages.error(request, _("Enter the invoice date as YYYY-MM-DD."))
        return redirect(f"{reverse('funding:invoices_review', kwargs={'slug': slug})}?year={year}")
    issue_date = form.cleaned_data["issue_date"]
    posted = request.POST.getlist("invoice")
    if posted:
        ids = {int(value) for value in posted if value.isdigit()}
        # Confirmed drafts may have been issued meanwhile: take them whatever their status now.
        invoices = list(
            Invoice.objects.manageable_by(request.user).filter(association=access.association, pk__in=ids)
        )
        if len(invoices) != len(posted):
            messages.error(request, _("No invoice was issued."))
            messages.error(
                request, _("Some of the drafts were changed or removed meanwhile. Look them over again.")
            )
            return redirect(f"{reverse('funding:invoices_review', kwargs={'slug': slug})}?year={year}")
    else:
        invoices = [
            row.invoice
            for row in selectors.issue_plan(drafts, issue_date=issue_date, period_codes=None).invoices
        ]
    try:
        issued = services.issue_invoices(invoices=invoices, issued_by=request.user, issue_date=issue_date)
    except ValidationError as error:
        messages.error(request, _("No invoice was issued."))
        report_errors(request, error)
    else:
        messages.success(
            request,
            _("%(count)s invoices were issued, numbers %(first)s–%(last)s.")
            % {"count": len(issued), "first": issued[0].number, "last": issued[-1].number},
        )
    return redirect(f"{_invoice_list_url(slug)}?year={year}")


def _invoice_in(request, access, pk, *, manage=False):
    queryset = (
        Invoice.objects.manageable_by(request.user) if manage else Invoice.objects.visible_to(request.user)
    )
    return get_object_or_404(
        queryset.filter(association=access.association).select_related(
            "organisation", "association", "credited_invoice", "issued_by", "share__contribution"
        ),
        pk=pk,
    )


@login_required
def invoice_detail(request, slug, pk):
    access = reader_access(request.user, slug)
    invoice = _invoice_in(request, access, pk)
    context = {
        "access": access,
        "invoice": invoice,
        "lines": invoice.lines.all(),
        "credit_note": getattr(invoice, "credit_note", None) if not invoice.is_credit_note else None,
        "credit_form": CreditForm() if access.can_manage else None,
        "payment_form": PaymentForm() if access.can_manage else None,
        "issue_form": IssueForm() if access.can_manage else None,
        "planned": selectors.planned_invoice(invoice, issue_date=timezone.localdate())
        if invoice.is_draft
        else None,
        "is_overdue": invoice.is_overdue(),
        "history": history_of(invoice) if access.can_see_history else None,
        "sent_messages": notifications.messages_about(invoice) if access.can_manage else None,
    }
    return render(request, "funding/invoice_detail.html", context)


@login_required
def draft_edit(request, slug, pk):
    access = office_access(request.user, slug)
    invoice = _invoice_in(request, access, pk, manage=True)
    form = DraftForm(request.POST or None, instance=invoice)
    saved = submit(
        request,
        form,
        lambda form: services.update_draft(
            invoice=invoice,
            buyer_reference=form.cleaned_data["buyer_reference"],
            note=form.cleaned_data["note"],
        ),
    )
    if saved:
        messages.success(request, _("The draft was saved."))
        return redirect(saved)
    return render(request, "funding/draft_form.html", {"access": access, "form": form, "invoice": invoice})


def _act(request, slug, pk, act, success):
    """Run a POST action on one invoice of the office's association and report the outcome."""
    access = office_access(request.user, slug)
    invoice = _invoice_in(request, access, pk, manage=True)
    try:
        result = act(invoice)
    except ValidationError as error:
        report_errors(request, error)
        return redirect(invoice)
    messages.success(request, success(result))
    return redirect(result if isinstance(result, Invoice) else _invoice_list_url(slug))


@require_POST
@login_required
def draft_issue(request, slug, pk):
    form = IssueForm(request.POST)
    issue_date = form.cleaned_data["issue_date"] if form.is_valid() else None
    return _act(
        request,
        slug,
        pk,
        lambda invoice: services.issue_invoices(
            invoices=[invoice], issued_by=request.user, issue_date=issue_date
        )[0],
        lambda invoice: _("Invoice %(number)s was issued.") % {"number": invoice.number},
    )


@require_POST
@login_required
def draft_delete(request, slug, pk):
    return _act(
        request,
        slug,
        pk,
        lambda invoice: services.delete_draft(invoice=invoice),
        lambda _result: _("The draft was removed."),
    )


@require_POST
@login_required
def invoice_credit(request, slug, pk):
    form = CreditForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(
        request,
        slug,
        pk,
        lambda invoice: services.credit_invoice(invoice=invoice, reason=reason, issued_by=request.user),
        lambda credit: (
            _("Credit note %(number)s was issued. Create a new draft for the correct amount.")
            % {"number": credit.number}
        ),
    )


@require_POST
@login_required
def invoice_paid(request, slug, pk):
    # Scope before the form: another förbund's invoice is a 404 whatever the date says.
    invoice = _invoice_in(request, office_access(request.user, slug), pk, manage=True)
    form = PaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the payment date as YYYY-MM-DD."))
        return redirect(invoice)
    return _act(
        request,
        slug,
        pk,
        lambda invoice: services.register_payment(invoice=invoice, paid_on=form.cleaned_data["paid_on"]),
        lambda invoice: _("Invoice %(number)s was marked as paid.") % {"number": invoice.number},
    )


def _document(invoice, kind):
    if invoice.is_draft:
        raise Http404
    if kind == "pdf":
        return download(invoice_pdf(invoice), PDF, invoice_filename(invoice, "pdf"))
    return download(invoice_xml(invoice), "application/xml", invoice_filename(invoice, "xml"))


@login_required
def draft_preview(request, slug, pk):
    """The draft as a PDF, as it would be issued on the date asked for, marked as not an invoice."""
    access = office_access(request.user, slug)
    invoice = _invoice_in(request, access, pk, manage=True)
    form = IssueForm(request.GET)
    issue_date = form.cleaned_data["issue_date"] if form.is_valid() else timezone.localdate()
    try:
        preview = services.preview_draft(invoice=invoice, issue_date=issue_date)
    except ValidationError:
        # Issued meanwhile: the real document is the one to read.
        return redirect("funding:invoice_document", slug=slug, pk=pk, kind="pdf")
    return download(draft_preview_pdf(preview), PDF, f"utkast-{invoice.pk}.pdf")


@login_required
def invoice_document(request, slug, pk, kind):
    access = reader_access(request.user, slug)
    return _document(_invoice_in(request, access, pk), kind)


@login_required
def year_workbook(request, slug, year):
    access = reader_access(request.user, slug)
    contributions = list(
        Contribution.objects.visible_to(request.user)
        .filter(association=access.association, year=year)
        .prefetch_related("shares__organisation")
    )
    invoices = list(
        selectors.invoices_for_year(
            Invoice.objects.visible_to(request.user).filter(association=access.association).issued(), year
        )
    )
    content = contributions_workbook(access.association, year, contributions, invoices)
    return download(content, XLSX, f"medlemsbidrag-{access.association.slug}-{year}.xlsx")


# --- Member portal ------------------------------------------------------------------------------------


@login_required
def portal(request):
    """A member representative's invoices, in every association their organisation belongs to."""
    if not Role.objects.of(request.user, Role.Kind.REPRESENTATIVE).exists():
        raise Http404
    invoices = (
        Invoice.objects.for_representative(request.user)
        .select_related("association", "organisation", "credited_invoice")
        .order_by("-issue_date", "-number")
    )
    associations = Association.objects.filter(pk__in=invoices.values("association")).order_by("name")
    filters = lists.PortalFilterForm(request.GET or None, associations=associations)
    filters.is_valid()  # a value that does not parse is left out, and said next to its field
    invoices = lists.filter_portal(invoices, getattr(filters, "cleaned_data", {}))
    listing = listing_for(lists.PORTAL, request, invoices, filters=filters)
    if listing.wants_export:
        return listing.export(filename="vara-fakturor")
    context = {
        "listing": listing,
        "page": Paginator(listing.rows, PAGE_SIZE).get_page(request.GET.get("sida")),
        "outstanding": selectors.invoice_totals(listing.rows).outstanding,
        "query_suffix": listing.query_suffix,
        "today": timezone.localdate(),
    }
    return render(request, "funding/portal.html", context)


@login_required
def portal_invoice(request, pk):
    invoice = get_object_or_404(
        Invoice.objects.for_representative(request.user).select_related(
            "association", "organisation", "credited_invoice"
        ),
        pk=pk,
    )
    context = {"invoice": invoice, "lines": invoice.lines.all(), "is_overdue": invoice.is_overdue()}
    return render(request, "funding/portal_invoice.html", context)


@login_required
def portal_document(request, pk, kind):
    invoice = get_object_or_404(Invoice.objects.for_representative(request.user), pk=pk)
    return _document(invoice, kind)
