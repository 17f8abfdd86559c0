"""Budget pages: versions, lines, adoption, revision, PDF and Excel out and in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finsam import uploads
from finsam.forms import add_service_errors, submit
from funding import budgets
from funding.documents.budget_pdf import budget_filename, budget_pdf
from funding.documents.budget_xlsx import budget_workbook, check_workbook_years, read_budget_workbook
from funding.forms import AdoptForm, BudgetCreateForm, BudgetForm, BudgetLineForm, UploadForm
from funding.models import Budget, BudgetLine
from funding.views.common import PDF, XLSX, download, report_errors
from members.access import office_access, reader_access
from members.selectors import history_of


def _budget(request, access, pk, *, manage=False):
    queryset = (
        Budget.objects.manageable_by(request.user) if manage else Budget.objects.visible_to(request.user)
    )
    return get_object_or_404(
        queryset.filter(association=access.association).select_related("association", "prefilled_from"),
        pk=pk,
    )


@login_required
def budget_list(request, slug):
    access = reader_access(request.user, slug)
    context = {
        "access": access,
        "budgets": Budget.objects.visible_to(request.user)
        .filter(association=access.association)
        .select_related("based_on", "association"),
        "create_form": BudgetCreateForm(initial={"first_year": timezone.localdate().year + 1})
        if access.can_manage
        else None,
    }
    return render(request, "funding/budget_list.html", context)


@require_POST
@login_required
def budget_create(request, slug):
    access = office_access(request.user, slug)
    form = BudgetCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the budget year, e.g. 2027."))
        return redirect("funding:budget_list", slug=slug)
    budget, created = budgets.get_or_create_budget(
        association=access.association, first_year=form.cleaned_data["first_year"]
    )
    if created:
        messages.success(request, _("%(budget)s was created as a proposal.") % {"budget": budget})
        if budget.prefilled_from:
            messages.info(request, budgets.prefill_note(budget))
    else:
        messages.info(request, _("%(budget)s already exists as a proposal.") % {"budget": budget})
    return redirect(budget)


@login_required
def budget_detail(request, slug, pk):
    access = reader_access(request.user, slug)
    budget = _budget(request, access, pk)
    editable = access.can_manage and not budget.is_adopted
    context = {
        "access": access,
        "table": budgets.budget_table(budget),
        "prefill_note": budgets.prefill_note(budget),
        "late_decisions": budgets.decided_after_adoption([budget]),
        "versions": Budget.objects.filter(
            association=access.association, first_year=budget.first_year
        ).order_by("-version"),
        "editable": editable,
        "adopt_form": AdoptForm() if editable else None,
        "import_form": UploadForm(kind=uploads.BUDGET_WORKBOOK) if access.can_manage else None,
        "history": history_of(budget) if access.can_see_history else None,
    }
    return render(request, "funding/budget_detail.html", context)


@login_required
def budget_edit(request, slug, pk):
    access = office_access(request.user, slug)
    budget = _budget(request, access, pk, manage=True)
    form = BudgetForm(request.POST or None, instance=budget)
    saved = submit(request, form, lambda form: budgets.save_budget(budget=form.instance))
    if saved:
        messages.success(request, _("The budget was saved."))
        return redirect(saved)
    return render(request, "funding/budget_form.html", {"access": access, "form": form, "budget": budget})


@login_required
def budget_line(request, slug, pk, line_pk=None):
    access = office_access(request.user, slug)
    budget = _budget(request, access, pk, manage=True)
    line = get_object_or_404(budget.lines, pk=line_pk) if line_pk else BudgetLine(budget=budget)
    form = BudgetLineForm(request.POST or None, instance=line, years=budget.years)
    saved = submit(request, form, lambda form: budgets.save_budget_line(line=form.instance))
    if saved:
        messages.success(request, _("The line %(label)s was saved.") % {"label": saved.label})
        return redirect(budget)
    context = {"access": access, "form": form, "budget": budget, "line": line if line_pk else None}
    return render(request, "funding/budget_line_form.html", context)


@require_POST
@login_required
def budget_line_delete(request, slug, pk, line_pk):
    access = office_access(request.user, slug)
    budget = _budget(request, access, pk, manage=True)
    line = get_object_or_404(budget.lines, pk=line_pk)
    try:
        budgets.delete_budget_line(line=line)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("The line %(label)s was removed.") % {"label": line.label})
    return redirect(budget)


@require_POST
@login_required
def budget_adopt(request, slug, pk):
    access = office_access(request.user, slug)
    budget = _budget(request, access, pk, manage=True)
    form = AdoptForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(budget)
    try:
        budgets.adopt_budget(budget=budget, **form.cleaned_data)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("The budget was adopted and is now frozen."))
    return redirect(budget)


@require_POST
@login_required
def budget_revise(request, slug, pk):
    access = office_access(request.user, slug)
    budget = _budget(request, access, pk, manage=True)
    revision, created = budgets.get_or_revise_budget(budget=budget)
    if created:
        messages.success(
            request,
            _("Version %(version)s was created from the adopted budget.") % {"version": revision.version},
        )
    else:
        messages.info(
            request,
            _("Version %(version)s already revises version %(revised)s.")
            % {"version": revision.version, "revised": budget.version},
        )
    return redirect(revision)


@login_required
def budget_document(request, slug, pk, kind):
    access = reader_access(request.user, slug)
    table = budgets.budget_table(_budget(request, access, pk))
    if kind == "pdf":
        return download(budget_pdf(table), PDF, budget_filename(table, "pdf"))
    return download(budget_workbook(table), XLSX, budget_filename(table, "xlsx"))


@login_required
def budget_import(request, slug, pk):
    """Import an edited budget workbook: a proposal is replaced, an adopted budget gets a new version."""
    access = office_access(request.user, slug)
    budget = _budget(request, access, pk, manage=True)
    form = UploadForm(request.POST or None, request.FILES or None, kind=uploads.BUDGET_WORKBOOK)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            content = form.cleaned_data["file"].read()
            check_workbook_years(content, budget.years)
            lines, results = read_budget_workbook(content)
            target = budgets.replace_lines(budget=budget, lines=lines, planned_results=results)
        except ValidationError as error:
            errors = error.messages
            add_service_errors(
                form, ValidationError(_("Nothing was imported. Correct the workbook and try again."))
            )
        else:
            messages.success(request, _("The workbook was imported into %(budget)s.") % {"budget": target})
            return redirect(target)
    return render(
        request,
        "funding/budget_import.html",
        {"access": access, "budget": budget, "form": form, "errors": errors},
    )
