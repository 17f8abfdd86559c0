"""Ledger pages: SIE import, the year's statements, account mappings, outcome, key figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finsam import uploads
from finsam.forms import submit
from funding import ledger as ledger_service
from funding import ledger_uploads
from funding.accounts import chart_of, resolve
from funding.charts import key_figures_chart
from funding.documents.outcome import outcome_pdf, outcome_title, outcome_workbook
from funding.forms import AccountMappingForm, OutcomeForm, UploadForm
from funding.models import AccountMapping, LedgerAccount, LedgerUpload, LedgerYear
from funding.outcome import outcome_report
from funding.statements import (
    LedgerMissing,
    balance_sheet,
    income_statement,
    key_figures_over_years,
    project_cost_rows,
    year_figures,
)
from funding.views.common import PDF, XLSX, download
from members.access import office_access, reader_access


@login_required
def ledger_list(request, slug):
    access = reader_access(request.user, slug)
    ledgers = (
        LedgerYear.objects.visible_to(request.user)
        .filter(association=access.association)
        .select_related("imported_by", "association")
    )
    context = {
        "access": access,
        "ledgers": ledgers,
        "form": UploadForm(kind=uploads.SIE) if access.can_manage else None,
    }
    return render(request, "funding/ledger_list.html", context)


@login_required
def ledger_upload(request, slug):
    """Upload a file: it is checked and previewed; nothing changes until the office confirms."""
    access = office_access(request.user, slug)
    form = UploadForm(request.POST or None, request.FILES or None, kind=uploads.SIE)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = ledger_uploads.stage_sie(
                association=access.association,
                data=upload.read(),
                file_name=upload.name,
                uploaded_by=request.user,
            )
        except ValidationError as error:
            problems = error.messages
        else:
            return redirect(staged)
    context = {"access": access, "form": form, "problems": problems}
    return render(request, "funding/ledger_upload.html", context)


def _waiting_upload(request, access, pk) -> LedgerUpload:
    return get_object_or_404(
        LedgerUpload.objects.manageable_by(request.user).filter(association=access.association), pk=pk
    )


@login_required
def ledger_preview(request, slug, pk):
    access = office_access(request.user, slug)
    # An upload whose worker died shows as failed, with the reason and a way to try again.
    ledger_uploads.fail_dead(LedgerUpload.objects.manageable_by(request.user).filter(pk=pk))
    upload = _waiting_upload(request, access, pk)
    context = {
        "access": access,
        "upload": upload,
        "summary": upload.summary,
        "change": ledger_uploads.change_of(upload) if upload.can_confirm else None,
    }
    return render(request, "funding/ledger_preview.html", context)


@require_POST
@login_required
def ledger_confirm(request, slug, pk):
    access = office_access(request.user, slug)
    upload = _waiting_upload(request, access, pk)
    try:
        ledger, outcome = ledger_uploads.confirm_sie(upload=upload, confirmed_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(upload)
    if outcome == ledger_uploads.Confirmed.STARTED:
        messages.info(request, _("The import has started. This page shows when it is done."))
        return redirect(upload)
    if outcome == ledger_uploads.Confirmed.ALREADY:
        messages.info(request, _("The file was already imported."))
        return redirect(ledger or upload)
    messages.success(
        request,
        _("The bookkeeping for %(year)s was imported: %(vouchers)s vouchers.")
        % {"year": ledger.year, "vouchers": ledger.voucher_count},
    )
    if not ledger.voucher_count:
        messages.warning(request, ledger_service.NO_VOUCHERS_NOTICE)
    return redirect(ledger)


@require_POST
@login_required
def ledger_retry(request, slug, pk):
    """Check or import again an upload whose check or import failed (a dead worker, say)."""
    access = office_access(request.user, slug)
    upload = _waiting_upload(request, access, pk)
    if ledger_uploads.retry_upload(upload=upload, retried_by=request.user):
        messages.info(request, _("Started again. This page shows when it is done."))
    return redirect(upload)


def _figures_or_404(association, year, up_to=None):
    try:
        return year_figures(association, year, up_to)
    except LedgerMissing:
        raise Http404 from None


@login_required
def ledger_detail(request, slug, year):
    access = reader_access(request.user, slug)
    get_object_or_404(
        LedgerYear.objects.visible_to(request.user).filter(association=access.association), year=year
    )
    figures = _figures_or_404(access.association, year)
    statement = income_statement(figures)
    context = {
        "access": access,
        "figures": figures,
        "ledger": figures.ledger,
        "statement": statement,
        "sheet": balance_sheet(figures, statement),
        "project_rows": project_cost_rows(figures),
    }
    return render(request, "funding/ledger_detail.html", context)


@login_required
def mapping_list(request, slug):
    access = reader_access(request.user, slug)
    latest = LedgerYear.objects.filter(association=access.association).order_by("-year").first()
    overrides = list(
        AccountMapping.objects.visible_to(request.user)
        .filter(association=access.association)
        .order_by("prefix")
    )
    rows = []
    if latest:
        rules = [(m.prefix, m.line, m.orientation, m.cost_kind) for m in overrides]
        chart = chart_of(latest.chart)
        for account in LedgerAccount.objects.filter(ledger=latest).order_by("number"):
            rows.append((account, resolve(account.number, account.name, chart, rules)))
    context = {
        "access": access,
        "latest": latest,
        "rows": rows,
        "overrides": overrides,
        "unmapped": [account for account, mapping in rows if mapping is None],
        "form": AccountMappingForm() if access.can_manage else None,
    }
    return render(request, "funding/mapping_list.html", context)


@login_required
def mapping_edit(request, slug, pk=None):
    access = office_access(request.user, slug)
    mapping = (
        get_object_or_404(
            AccountMapping.objects.manageable_by(request.user).filter(association=access.association), pk=pk
        )
        if pk
        else AccountMapping(association=access.association, prefix=request.GET.get("konto", ""))
    )
    form = AccountMappingForm(request.POST or None, instance=mapping, initial={"prefix": mapping.prefix})
    saved = submit(request, form, lambda form: _save_mapping(form.instance))
    if saved:
        messages.success(request, _("The mapping of %(prefix)s was saved.") % {"prefix": saved.prefix})
        return redirect("funding:mapping_list", slug=slug)
    return render(
        request,
        "funding/mapping_form.html",
        {"access": access, "form": form, "mapping": mapping if pk else None},
    )


def _save_mapping(mapping: AccountMapping) -> AccountMapping:
    mapping.prefix = mapping.prefix.strip()
    if not mapping.prefix.isdigit():
        raise ValidationError({"prefix": _("Give an account number or its first digits, e.g. 3010 or 45.")})
    mapping.full_clean()
    mapping.save()
    return mapping


@require_POST
@login_required
def mapping_delete(request, slug, pk):
    access = office_access(request.user, slug)
    mapping = get_object_or_404(
        AccountMapping.objects.manageable_by(request.user).filter(association=access.association), pk=pk
    )
    mapping.delete()
    messages.success(
        request,
        _("The mapping of %(prefix)s was removed; the default applies again.") % {"prefix": mapping.prefix},
    )
    return redirect("funding:mapping_list", slug=slug)


def _outcome(request, access, year):
    form = OutcomeForm(request.GET or None)
    up_to = form.cleaned_data["up_to"] if form.is_valid() else None
    try:
        return form, outcome_report(access.association, year, up_to)
    except LedgerMissing:
        raise Http404 from None


@login_required
def outcome(request, slug, year):
    access = reader_access(request.user, slug)
    form, report = _outcome(request, access, year)
    context = {"access": access, "form": form, "report": report, "title": outcome_title(report), "year": year}
    return render(request, "funding/outcome.html", context)


@login_required
def outcome_document(request, slug, year, kind):
    access = reader_access(request.user, slug)
    _form, report = _outcome(request, access, year)
    suffix = f"-{report.up_to.isoformat()}" if report.up_to else ""
    filename = f"utfall-{access.association.slug}-{year}{suffix}.{kind if kind == 'pdf' else 'xlsx'}"
    if kind == "pdf":
        return download(outcome_pdf(report), PDF, filename)
    return download(outcome_workbook(report), XLSX, filename)


@login_required
def key_figures(request, slug):
    access = reader_access(request.user, slug)
    rows = key_figures_over_years(access.association)
    context = {
        "access": access,
        "rows": rows,
        "chart": key_figures_chart(rows) if rows else None,
        "last_year": rows[-1].year if rows else None,
        "today": timezone.localdate(),
    }
    return render(request, "funding/key_figures.html", context)
