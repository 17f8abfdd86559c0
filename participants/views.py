"""Pages of the participant register and its statistics.

Rows are for the office and the initiatives' own leads, and every page or export of rows is
logged. The statistics are for the office (all counts), and the board and auditors (small
counts suppressed). No page or file of the app may be kept by a browser or proxy cache
(`never_cache`: Cache-Control no-store), as a shared computer's cache would keep rows. The pages
and files of rows, and the access log, need a second factor verified in the session
(`second_factor_required`) from the office and leads who may see them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from finsam import uploads
from finsam.client_address import client_address
from finsam.forms import submit
from finsam.listing import listing_for
from finsam.years import query_year
from funding.views.common import PDF, XLSX, download
from initiatives.models import Initiative
from members.access import aggregate_access, association_access, office_access
from members.models import Association, Role
from members.second_factor import second_factor_required
from participants import comparison, documents, lists, services
from participants.disclosure import NOTE, DisclosedSurvey
from participants.forms import ComparisonForm, EnrolmentForm, RegisterFilterForm, SurveyForm
from participants.importing import ImportRejected
from participants.models import AccessLog, Enrolment, Survey

PAGE_SIZE = 100
CSV = "text/csv; charset=utf-8"


def _register_access(request, slug):
    """The office, or a lead: who may see rows at all in this association."""
    return association_access(request.user, slug, Role.Kind.OFFICE, Role.Kind.LEAD)


def _writable_initiatives(request, access):
    """Individual-oriented initiatives whose rows the user may see and write."""
    initiatives = Initiative.objects.filter(association=access.association, kind=Initiative.Kind.INDIVIDUAL)
    if not access.can_manage:
        initiatives = initiatives.filter(pk__in=Initiative.objects.led_by(request.user))
    return initiatives.order_by("name")


@never_cache
@login_required
@second_factor_required
def register(request, slug):
    access = _register_access(request, slug)
    initiatives = _writable_initiatives(request, access)
    filters = RegisterFilterForm(request.GET or None, initiatives=initiatives)
    enrolments = (
        Enrolment.objects.visible_to(request.user)
        .filter(initiative__association=access.association)
        .select_related("participant", "initiative")
        .order_by("initiative__name", "-start_date", "participant__code")
    )
    what = _("The register")
    if filters.is_valid():
        if filters.cleaned_data["initiative"]:
            enrolments = enrolments.filter(initiative=filters.cleaned_data["initiative"])
            what = filters.cleaned_data["initiative"].name
        if filters.cleaned_data["year"]:
            enrolments = enrolments.during(filters.cleaned_data["year"])
            what += f", {filters.cleaned_data['year']}"
    page = Paginator(enrolments, PAGE_SIZE).get_page(request.GET.get("sida"))
    services.log_access(
        user=request.user,
        address=client_address(request),
        association=access.association,
        action=AccessLog.Action.VIEW,
        what=what,
        rows=len(page),
    )
    query = request.GET.copy()
    query.pop("sida", None)
    context = {
        "access": access,
        "filters": filters,
        "page": page,
        "query_suffix": "&" + query.urlencode() if query else "",
        "today": timezone.localdate(),
    }
    return render(request, "participants/register.html", context)


@never_cache
@login_required
@second_factor_required
def enrolment_edit(request, slug, pk=None):
    access = _register_access(request, slug)
    initiatives = _writable_initiatives(request, access)
    enrolment = (
        get_object_or_404(
            Enrolment.objects.visible_to(request.user).filter(initiative__association=access.association),
            pk=pk,
        )
        if pk
        else Enrolment()
    )
    if pk:
        services.log_access(
            user=request.user,
            address=client_address(request),
            association=access.association,
            action=AccessLog.Action.VIEW,
            what=_("Enrolment in %(initiative)s") % {"initiative": enrolment.initiative.name},
            rows=1,
        )
    form = EnrolmentForm(request.POST or None, instance=enrolment, initiatives=initiatives)
    saved = submit(
        request,
        form,
        lambda form: services.save_enrolment(
            enrolment=form.instance,
            code=form.cleaned_data["code"],
            gender=form.cleaned_data["gender"],
            birth_year=form.cleaned_data["birth_year"],
            user=request.user,
            address=client_address(request),
        ),
    )
    if saved:
        messages.success(request, _("The enrolment was saved."))
        return redirect("participants:register", slug=slug)
    return render(
        request,
        "participants/enrolment_form.html",
        {"access": access, "form": form, "enrolment": enrolment if pk else None},
    )


@never_cache
@login_required
@second_factor_required
def import_page(request, slug):
    access = _register_access(request, slug)
    initiatives = list(_writable_initiatives(request, access))
    problems, result = [], None
    if request.method == "POST" and request.FILES.get("file"):
        upload = request.FILES["file"]
        try:
            uploads.check_upload(upload, uploads.PARTICIPANTS)
            result = services.import_file(
                association=access.association,
                content=upload.read(),
                filename=upload.name,
                initiatives=initiatives,
                user=request.user,
                address=client_address(request),
            )
        except ValidationError as refusal:  # empty, too large, binary or an over-packed workbook
            problems = refusal.messages
        except ImportRejected as rejection:
            problems = rejection.problems
        else:
            messages.success(
                request,
                _(
                    "The file was imported: %(created)s new enrolments, %(updated)s changed, %(unchanged)s unchanged."
                )
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
            return redirect("participants:register", slug=slug)
    context = {
        "access": access,
        "initiatives": initiatives,
        "problems": problems,
        "max_megabytes": uploads.PARTICIPANTS.max_megabytes,
    }
    return render(request, "participants/import.html", context)


@never_cache
@login_required
@second_factor_required
def template(request, slug, kind):
    access = _register_access(request, slug)
    if kind == "xlsx":
        return download(
            documents.template_workbook(list(_writable_initiatives(request, access))),
            XLSX,
            "deltagare-mall.xlsx",
        )
    return download(documents.template_csv(), CSV, "deltagare-mall.csv")


@never_cache
@login_required
@second_factor_required
def export(request, slug):
    access = _register_access(request, slug)
    enrolments = documents.export_queryset(
        Enrolment.objects.visible_to(request.user).filter(initiative__association=access.association)
    )
    services.log_access(
        user=request.user,
        address=client_address(request),
        association=access.association,
        action=AccessLog.Action.EXPORT,
        what=_("Export of the register"),
        rows=enrolments.count(),
    )
    response = StreamingHttpResponse(documents.export_rows(enrolments), content_type=CSV)
    response["Content-Disposition"] = f'attachment; filename="deltagare-{access.association.slug}.csv"'
    return response


@never_cache
@login_required
@second_factor_required
def access_log(request, slug):
    access = office_access(request.user, slug)
    entries = AccessLog.objects.filter(association=access.association).select_related("user")
    listing = listing_for(lists.ACCESS_LOG, request, entries)
    if listing.wants_export:
        # Behind the same office role, second factor and no-store as the page itself.
        return listing.export(filename=f"atkomstlogg-{access.association.slug}")
    context = {
        "access": access,
        "listing": listing,
        "query_suffix": listing.query_suffix,
        "page": Paginator(listing.rows, PAGE_SIZE).get_page(request.GET.get("sida")),
    }
    return render(request, "participants/access_log.html", context)


# --- Statistics ----------------------------------------------------------------------------------


def _year(request) -> int:
    return query_year(request.GET, "ar", default=timezone.localdate().year)


@never_cache
@login_required
def statistics(request, slug):
    access = aggregate_access(request.user, slug)
    year = _year(request)
    report = documents.participants_report(access.association, year, suppress=not access.can_manage)
    context = {
        "access": access,
        "report": report,
        "year": year,
        "title": documents.report_title(report),
        "suppression_note": NOTE,
        "charts": documents.chart_images(report),
    }
    return render(request, "participants/statistics.html", context)


@never_cache
@login_required
def statistics_chart(request, slug, year, name):
    access = aggregate_access(request.user, slug)
    report = documents.participants_report(access.association, year, suppress=not access.can_manage)
    chart = documents.report_charts(report).get(name)
    if chart is None:
        raise Http404
    return HttpResponse(chart, content_type="image/svg+xml")


@never_cache
@login_required
def statistics_document(request, slug, year, kind):
    access = aggregate_access(request.user, slug)
    # The office may take the internal version with small counts; the published one is the default.
    internal = access.can_manage and request.GET.get("internt") == "1"
    report = documents.participants_report(access.association, year, suppress=not internal)
    name = f"deltagare-{access.association.slug}-{year}{'-internt' if internal else ''}"
    if kind == "pdf":
        return download(documents.report_pdf(report), PDF, f"{name}.pdf")
    return download(documents.report_workbook(report), XLSX, f"{name}.xlsx")


@never_cache
@login_required
def national_follow_up(request, slug, year):
    access = office_access(request.user, slug)
    return download(
        documents.national_follow_up(access.association, year),
        XLSX,
        f"uppfoljning-finsam-{access.association.slug}-{year}.xlsx",
    )


# --- Surveys --------------------------------------------------------------------------------------


@never_cache
@login_required
def survey_list(request, slug):
    access = association_access(request.user, slug, *Role.READERS, Role.Kind.LEAD)
    surveys = (
        Survey.objects.visible_to(request.user)
        .filter(initiative__association=access.association)
        .select_related("initiative")
    )
    page = Paginator(surveys, PAGE_SIZE).get_page(request.GET.get("sida"))
    rows = [DisclosedSurvey(survey, suppress=not access.can_manage) for survey in page]
    writable = (
        access.can_manage
        or Initiative.objects.led_by(request.user).filter(association=access.association).exists()
    )
    return render(
        request,
        "participants/survey_list.html",
        {"access": access, "rows": rows, "page": page, "writable": writable},
    )


@never_cache
@login_required
def survey_edit(request, slug, pk=None):
    access = _register_access(request, slug)
    initiatives = Initiative.objects.filter(association=access.association).order_by("name")
    if not access.can_manage:
        initiatives = initiatives.filter(pk__in=Initiative.objects.led_by(request.user))
    survey = (
        get_object_or_404(Survey.objects.filter(initiative__in=initiatives), pk=pk)
        if pk
        else Survey(year=timezone.localdate().year)
    )
    form = SurveyForm(request.POST or None, instance=survey, initiatives=initiatives)
    saved = submit(request, form, lambda form: services.save_survey(survey=form.instance))
    if saved:
        messages.success(request, _("The survey result was saved."))
        return redirect("participants:survey_list", slug=slug)
    return render(
        request,
        "participants/survey_form.html",
        {"access": access, "form": form, "survey": survey if pk else None},
    )


# --- Comparison ------------------------------------------------------------------------------------


def _comparison(request):
    associations = Association.objects.with_aggregates_for(request.user).order_by("name")
    if not associations.exists():
        raise Http404
    form = ComparisonForm(
        request.GET or None,
        associations=associations,
        initial={"year": timezone.localdate().year - 1, "associations": associations},
    )
    table = None
    if form.is_valid():
        table = comparison.comparison_table(
            list(form.cleaned_data["associations"]), form.cleaned_data["year"]
        )
    return form, table


@never_cache
@login_required
def comparison_page(request):
    form, table = _comparison(request)
    rows = documents.comparison_rows(table) if table else None
    return render(
        request,
        "participants/comparison.html",
        {
            "form": form,
            "table": table,
            "rows": rows,
            "links": True,
            "suppression_note": NOTE,
            "query": request.GET.urlencode(),
        },
    )


@never_cache
@login_required
def comparison_document(request, kind):
    _form, table = _comparison(request)
    if table is None:
        raise Http404
    name = f"jamforelse-{table.year}"
    if kind == "pdf":
        return download(documents.comparison_pdf(table), PDF, f"{name}.pdf")
    return download(documents.comparison_workbook(table), XLSX, f"{name}.xlsx")
