"""Pages of the reports: list, read and comment, write sections, share, adopt, correct; the
auditors' statements and the members' discharge; background jobs with their progress.

Every report is fetched through `Report.objects.visible_to(user)`, so a guessed id of a report
the user may not read is a 404, as is another association's report under this one's address.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finsam.forms import add_service_errors, submit
from finsam.listing import listing_for
from funding.views.common import download
from members import notifications
from members.access import aggregate_access
from members.models import Association, Role
from members.selectors import history_of, member_organisations
from reporting import documents, jobs, lists, services
from reporting.content import LedgerMissing
from reporting.forms import (
    AdoptForm,
    AuditorStatementForm,
    CommentForm,
    CorrectionForm,
    DischargeForm,
    ForecastForm,
    NewReportForm,
    SectionForm,
)
from reporting.models import ArchivedDocument, Job, Report, Section
from reporting.sections import specs_for

PAGE_SIZE = 50
CONTENT_TYPES = {"pdf": jobs.PDF, "xlsx": jobs.XLSX}


def _access(request, slug):
    """Office, board, auditors, and representatives of a current member; what each sees of the
    reports is decided by Report.objects.visible_to."""
    return aggregate_access(request.user, slug)


def _report(request, access, pk) -> Report:
    return get_object_or_404(
        Report.objects.visible_to(request.user)
        .filter(association=access.association)
        .select_related("association", "decision__meeting", "replaces"),
        pk=pk,
    )


def _require_office(access) -> None:
    if not access.can_manage:
        raise Http404


@login_required
def report_list(request, slug):
    access = _access(request, slug)
    reports = Report.objects.visible_to(request.user).filter(association=access.association)
    form = None
    if access.can_manage:
        form = NewReportForm(
            request.POST or None, initial={"kind": Report.Kind.ANNUAL, "year": timezone.localdate().year - 1}
        )
        report = submit(
            request,
            form,
            lambda form: services.create_report(
                association=access.association,
                kind=form.cleaned_data["kind"],
                period_end=form.cleaned_data["period_end"],
            ),
        )
        if report:
            messages.success(request, _("The draft was created."))
            return redirect("reporting:report_detail", slug=slug, pk=report.pk)
    listing = listing_for(lists.REPORTS, request, reports.select_related("decision__meeting"))
    if listing.wants_export and request.method == "GET":
        return listing.export(filename=f"rapporter-{access.association.slug}")
    page = Paginator(listing.rows, PAGE_SIZE).get_page(request.GET.get("sida"))
    context = {
        "access": access,
        "page": page,
        "form": form,
        "listing": listing,
        "query_suffix": listing.query_suffix,
    }
    return render(request, "reporting/report_list.html", context)


@login_required
def report_detail(request, slug, pk):
    access = _access(request, slug)
    report = _report(request, access, pk)
    archived = (
        ArchivedDocument.objects.filter(report=report, format="html")
        .values_list("content", flat=True)
        .first()
        if report.frozen
        else None
    )
    # An adopted report's page shows it as adopted; a draft's is computed from the data now.
    document = (
        None
        if archived is not None
        else documents.rendering(
            report.association, report.kind, report.period_end, report, require_content=False
        )
    )
    comments: dict[str, list] = {}
    for comment in report.comments.select_related("author"):
        comments.setdefault(comment.section, []).append(comment)
    can_comment = report.status == Report.Status.SHARED and (access.can_manage or access.is_board)
    is_auditor = Role.Kind.AUDITOR in access.kinds
    context = {
        "access": access,
        "report": report,
        "document": document,
        **(documents.template_context(document) if document else {}),
        "archived_body": bytes(archived).decode("utf-8") if archived is not None else None,
        "interactive": True,
        "comments": comments,
        "can_comment": can_comment,
        "can_edit": access.can_manage and not report.frozen,
        "empty_sections": services.empty_sections(report),
        "specs": specs_for(report.kind),
        "versions": Report.objects.visible_to(request.user)
        .filter(association=access.association, kind=report.kind, period_end=report.period_end)
        .exclude(pk=report.pk),
        "adopt_form": AdoptForm(initial={"place": access.association.city}) if access.can_manage else None,
        "correction_form": CorrectionForm()
        if access.can_manage and report.status == Report.Status.ADOPTED
        else None,
        "auditor_form": AuditorStatementForm(
            members=member_organisations(report.association),
            # An auditor who recorded a statement sees it to correct, so nothing is cleared unseen.
            initial=report.auditor_statements.filter(auditor=request.user)
            .values("date", "appointed_by")
            .first(),
        )
        if is_auditor and report.status == Report.Status.ADOPTED
        else None,
        "discharge_form": DischargeForm(members=member_organisations(report.association))
        if access.can_manage and report.status == Report.Status.ADOPTED and report.kind == Report.Kind.ANNUAL
        else None,
        "discharges": report.discharges.select_related("organisation"),
        "statements": report.auditor_statements.select_related("auditor", "appointed_by"),
        "sent_messages": notifications.messages_about(report) if access.can_manage else None,
    }
    return render(request, "reporting/report_detail.html", context)


@login_required
def section_edit(request, slug, pk, key):
    access = _access(request, slug)
    _require_office(access)
    report = _report(request, access, pk)
    section = get_object_or_404(Section, report=report, key=key)
    spec = next(spec for spec in specs_for(report.kind) if spec.key == key)
    form = SectionForm(request.POST or None, initial={"text": section.text})
    saved = submit(
        request,
        form,
        lambda form: services.save_section(report=report, key=key, text=form.cleaned_data["text"]),
    )
    if saved:
        messages.success(request, _("The section was saved."))
        return redirect(f"{report_url(report)}#avsnitt-{key}")
    return render(
        request,
        "reporting/section_form.html",
        {"access": access, "report": report, "spec": spec, "form": form, "history": history_of(section)},
    )


def report_url(report: Report) -> str:
    return reverse("reporting:report_detail", args=[report.association.slug, report.pk])


@login_required
@require_POST
def comment(request, slug, pk):
    access = _access(request, slug)
    report = _report(request, access, pk)
    if not (access.can_manage or access.is_board):
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(
                report=report,
                section=form.cleaned_data["section"],
                author=request.user,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your comment was saved."))
        return redirect(f"{report_url(report)}#avsnitt-{form.cleaned_data['section']}")
    messages.error(request, _("Write the comment."))
    return redirect(report_url(report))


@login_required
@require_POST
def share(request, slug, pk):
    access = _access(request, slug)
    _require_office(access)
    report = _report(request, access, pk)
    try:
        services.share(report=report)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The report is shared with the board."))
    return redirect(report_url(report))


@login_required
def adopt(request, slug, pk):
    access = _access(request, slug)
    _require_office(access)
    report = _report(request, access, pk)
    form = AdoptForm(request.POST or None, initial={"place": access.association.city})
    adopted = submit(
        request,
        form,
        lambda form: services.adopt(
            report=report,
            meeting_date=form.cleaned_data["meeting_date"],
            paragraph=form.cleaned_data["paragraph"],
            place=form.cleaned_data["place"],
            recorded_by=request.user,
        ),
    )
    if adopted:
        messages.success(request, _("The report is adopted and archived."))
        return redirect(report_url(report))
    return render(
        request,
        "reporting/adopt_form.html",
        {"access": access, "report": report, "form": form, "empty_sections": services.empty_sections(report)},
    )


@login_required
def correct(request, slug, pk):
    access = _access(request, slug)
    _require_office(access)
    report = _report(request, access, pk)
    form = CorrectionForm(request.POST or None)
    correction = submit(
        request,
        form,
        lambda form: services.start_correction(report=report, reason=form.cleaned_data["reason"]),
    )
    if correction:
        messages.success(request, _("A new version was made for the correction."))
        return redirect(report_url(correction))
    return render(
        request, "reporting/correction_form.html", {"access": access, "report": report, "form": form}
    )


@login_required
@require_POST
def auditor_statement(request, slug, pk):
    access = _access(request, slug)
    if Role.Kind.AUDITOR not in access.kinds:
        raise Http404
    report = _report(request, access, pk)
    form = AuditorStatementForm(request.POST, members=member_organisations(report.association))
    if form.is_valid():
        try:
            services.record_auditor_statement(
                report=report,
                auditor=request.user,
                date=form.cleaned_data["date"],
                appointed_by=form.cleaned_data["appointed_by"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The date of your statement was recorded."))
    elif "date" in form.errors:
        messages.error(request, _("Give the date as YYYY-MM-DD."))
    else:
        messages.error(request, _("Choose one of the association's members."))
    return redirect(report_url(report))


@login_required
@require_POST
def discharge(request, slug, pk):
    access = _access(request, slug)
    _require_office(access)
    report = _report(request, access, pk)
    form = DischargeForm(request.POST, members=member_organisations(report.association))
    if form.is_valid():
        try:
            services.record_discharge(report=report, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The member's decision was recorded."))
    else:
        messages.error(request, _("The decision could not be recorded: check the fields."))
    return redirect(f"{report_url(report)}#ansvarsfrihet")


@login_required
def forecast(request, slug, pk):
    access = _access(request, slug)
    _require_office(access)
    report = _report(request, access, pk)
    if report.kind != Report.Kind.INTERIM:
        raise Http404
    try:
        document = documents.rendering(report.association, report.kind, report.period_end, report)
    except LedgerMissing:
        messages.error(request, _("The year has no imported bookkeeping."))
        return redirect(report_url(report))
    lines = [line for line in document.content.lines if not line.level]
    form = ForecastForm(request.POST or None, lines=lines)
    saved = submit(
        request, form, lambda form: services.save_forecasts(report=report, amounts=form.amounts()) or True
    )
    if saved:
        messages.success(request, _("The forecast was saved."))
        return redirect(report_url(report))
    return render(request, "reporting/forecast_form.html", {"access": access, "report": report, "form": form})


@login_required
def document(request, slug, pk, kind):
    """The adopted document as stored; otherwise a rendering of the current data, as a job."""
    access = _access(request, slug)
    report = _report(request, access, pk)
    if report.frozen:
        archived = get_object_or_404(ArchivedDocument, report=report, format=kind)
        response = download(bytes(archived.content), CONTENT_TYPES[kind], documents.filename(report, kind))
        response["X-Content-SHA256"] = archived.sha256
        return response
    if request.method != "POST":
        raise Http404
    job = jobs.start(
        association=access.association,
        user=request.user,
        kind="report",
        title=f"{report.title} ({kind.upper()})",
        report=report.pk,
        format=kind,
    )
    return redirect("reporting:job_detail", pk=job.pk)


# --- Background jobs ---------------------------------------------------------------------------------


def _job(request, pk) -> Job:
    jobs.fail_dead(Job.objects.visible_to(request.user).filter(pk=pk))
    return get_object_or_404(Job.objects.visible_to(request.user).defer("result"), pk=pk)


@login_required
def job_detail(request, pk):
    job = _job(request, pk)
    context = {
        "job": job,
        "running": job.status in ("queued", "running"),
        "can_retry": job.can_retry(),
        "sent_messages": notifications.messages_about(job),
    }
    return render(request, "reporting/job_detail.html", context)


@login_required
@require_POST
def job_retry(request, pk):
    """Run a failed job again with the same parameters (every kind only makes a file)."""
    job = _job(request, pk)
    if not jobs.retry(job=job):
        messages.info(request, _("The job is not failed; it was not started again."))
    return redirect("reporting:job_detail", pk=job.pk)


@login_required
def job_download(request, pk):
    job = get_object_or_404(Job.objects.visible_to(request.user).filter(status=Job.Status.DONE), pk=pk)
    return download(bytes(job.result), job.content_type, job.filename)


@login_required
def invoice_archive(request, slug, year=None):
    """The page that offers a year's issued invoices as one zip file (reporting runs the job).

    It is reporting's page, not a button on funding's invoice list: funding links to no app above it.
    """
    access = aggregate_access(request.user, slug)
    _require_office(access)
    year = year or timezone.localdate().year
    jobs_so_far = Job.objects.visible_to(request.user).filter(association=access.association, kind="invoices")
    jobs.fail_dead(jobs_so_far)
    context = {
        "access": access,
        "year": year,
        "jobs": jobs_so_far.defer("result").order_by("-created_at")[:10],
    }
    return render(request, "reporting/invoice_archive.html", context)


@login_required
@require_POST
def invoice_batch(request, slug, year):
    """Every issued invoice of a year as PDF and Peppol XML in one zip file, made in the background."""
    access = aggregate_access(request.user, slug)
    _require_office(access)
    job = jobs.start(
        association=access.association,
        user=request.user,
        kind="invoices",
        title=_("Invoices %(year)s, PDF and XML") % {"year": year},
        year=year,
    )
    return redirect("reporting:job_detail", pk=job.pk)


@login_required
def job_list(request):
    jobs.fail_dead(Job.objects.visible_to(request.user))
    listing = listing_for(lists.JOBS, request, Job.objects.visible_to(request.user).defer("result"))
    if listing.wants_export:
        return listing.export(filename="jobb")
    page = Paginator(listing.rows, PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(
        request,
        "reporting/job_list.html",
        {"page": page, "listing": listing, "query_suffix": listing.query_suffix},
    )


# --- Reports across associations, for member representatives -----------------------------------------


@login_required
def adopted_reports(request):
    """The adopted reports of every association the user may read reports of."""
    associations = Association.objects.with_aggregates_for(request.user)
    reports = (
        Report.objects.visible_to(request.user)
        .filter(association__in=associations, status=Report.Status.ADOPTED)
        .select_related("association", "decision__meeting")
        .order_by("association__name", "-period_end")
    )
    listing = listing_for(lists.ADOPTED_REPORTS, request, reports)
    if listing.wants_export:
        return listing.export(filename="faststallda-rapporter")
    context = {
        "page": Paginator(listing.rows, PAGE_SIZE).get_page(request.GET.get("sida")),
        "listing": listing,
        "query_suffix": listing.query_suffix,
        "today": datetime.date.today(),
    }
    return render(request, "reporting/adopted_reports.html", context)
