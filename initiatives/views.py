"""Pages for initiatives, applications, board meetings and decisions, goals, follow-up and costs.

Office staff manage everything; the board and auditors read; an initiative's leads write its
application, follow-up and cost report. Everything else is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finsam.forms import add_service_errors, submit
from finsam.listing import listing_for
from finsam.years import query_year
from funding.views.common import PDF, download, report_errors
from initiatives import documents, lists, selectors, services
from initiatives.forms import (
    ApplicationForm,
    CostReportForm,
    DecisionForm,
    FollowUpForm,
    GoalForm,
    GoalOutcomeForm,
    InitiativeFilterForm,
    InitiativeForm,
    MeetingForm,
    StatusForm,
)
from initiatives.models import Application, FollowUp, Goal, Grant, GrantAmount, Initiative
from members.access import association_access, office_access, reader_access
from members.models import BoardMeeting, Decision, Role, User
from members.selectors import history_of, member_organisations

PAGE_SIZE = 50
WITH_LEADS = (*Role.READERS, Role.Kind.LEAD)


def _access(request, slug):
    return association_access(request.user, slug, *WITH_LEADS)


def _initiative(request, access, code) -> Initiative:
    return get_object_or_404(
        Initiative.objects.visible_to(request.user)
        .filter(association=access.association)
        .select_related("owner", "association"),
        code=code,
    )


def _writable(request, access, initiative) -> bool:
    """The office, or the initiative's own lead, may write its application, follow-up and costs."""
    return access.can_manage or Initiative.objects.led_by(request.user).filter(pk=initiative.pk).exists()


def _leads(association):
    return User.objects.filter(
        pk__in=Role.objects.current().filter(association=association, kind=Role.Kind.LEAD).values("user")
    )


# --- Initiatives -------------------------------------------------------------------------------------


@login_required
def initiative_list(request, slug):
    access = _access(request, slug)
    filters = InitiativeFilterForm(request.GET or None, owners=member_organisations(access.association))
    initiatives = (
        Initiative.objects.visible_to(request.user)
        .filter(association=access.association)
        .select_related("owner", "association")
        .order_by("name")
    )
    year = timezone.localdate().year
    if filters.is_valid():
        data = filters.cleaned_data
        year = data["year"] or year
        if data["year"]:
            initiatives = initiatives.active_in(data["year"])
        if data["kind"]:
            initiatives = initiatives.filter(kind=data["kind"])
        if data["status"]:
            initiatives = initiatives.with_current_status().filter(current_status_value=data["status"])
        if data["owner"]:
            initiatives = initiatives.filter(owner=data["owner"])
    initiatives = initiatives.annotate(
        granted_in_year=Sum(
            "grants__amounts__amount", filter=Q(grants__amounts__year=year, grants__granted=True)
        )
    )
    listing = listing_for(lists.initiatives(year), request, initiatives, filters=filters)
    if listing.wants_export:
        return listing.export(filename=f"insatser-{access.association.slug}-{year}")
    context = {
        "access": access,
        "filters": filters,
        "listing": listing,
        "year": year,
        "page": Paginator(listing.rows, PAGE_SIZE).get_page(request.GET.get("sida")),
        "query_suffix": listing.query_suffix,
    }
    return render(request, "initiatives/initiative_list.html", context)


@login_required
def initiative_detail(
    request,
    slug,
    code,
    *,
    goal_outcomes: selectors.GoalOutcomes | None = None,
    initiative_notices: selectors.InitiativeNotices | None = None,
):
    """The initiative's page; apps above initiatives add goal outcomes and notices (see urls.patterns)."""
    access = _access(request, slug)
    initiative = _initiative(request, access, code)
    grants = (
        Grant.objects.filter(initiative=initiative)
        .select_related("decision__meeting")
        .prefetch_related(Prefetch("amounts", queryset=GrantAmount.objects.order_by("year")))
    )
    applications = initiative.applications.order_by("-first_year", "-pk")
    if not (access.can_manage or _writable(request, access, initiative)):
        # The board reads what the office has prepared for it, not a lead's drafts.
        applications = applications.filter(status=Application.Status.PREPARED)
    context = {
        "access": access,
        "initiative": initiative,
        "co_parties": initiative.co_parties.all(),
        "leads": initiative.leads.all(),
        "money": selectors.money_by_year(initiative),
        "grants": grants,
        "applications": applications,
        "goals": selectors.with_outcomes(
            Goal.objects.filter(initiative=initiative).order_by("-year", "position", "pk"), goal_outcomes
        ),
        "follow_ups": initiative.follow_ups.all(),
        "writable": _writable(request, access, initiative),
        "status_form": StatusForm(initial={"status": initiative.current_status})
        if access.can_manage
        else None,
        "year": timezone.localdate().year,
        "history": history_of(initiative) if access.can_see_history else None,
        # Facts other apps know about the initiative, e.g. enrolments still open after its end.
        "notices": initiative_notices(initiative) if initiative_notices else [],
    }
    return render(request, "initiatives/initiative_detail.html", context)


@login_required
def initiative_edit(request, slug, code=None):
    access = office_access(request.user, slug)
    initiative = (
        get_object_or_404(
            Initiative.objects.manageable_by(request.user).filter(association=access.association), code=code
        )
        if code
        else Initiative(association=access.association)
    )
    form = InitiativeForm(
        request.POST or None,
        instance=initiative,
        members=member_organisations(access.association),
        leads=_leads(access.association),
    )
    saved = submit(
        request,
        form,
        lambda form: services.save_initiative(
            initiative=form.instance,
            co_parties=form.cleaned_data["co_parties"],
            leads=form.cleaned_data["leads"],
        ),
    )
    if saved:
        messages.success(request, _("%(name)s was saved.") % {"name": saved.name})
        return redirect(saved)
    return render(
        request,
        "initiatives/initiative_form.html",
        {"access": access, "form": form, "initiative": initiative if code else None},
    )


@require_POST
@login_required
def initiative_status(request, slug, code):
    access = office_access(request.user, slug)
    initiative = get_object_or_404(
        Initiative.objects.manageable_by(request.user).filter(association=access.association), code=code
    )
    form = StatusForm(request.POST)
    if form.is_valid():
        services.change_status(initiative=initiative, status=form.cleaned_data["status"])
        messages.success(
            request, _("The status is now %(status)s.") % {"status": initiative.get_status_display()}
        )
    return redirect(initiative)


# --- Applications -------------------------------------------------------------------------------------


def _application(request, access, initiative, pk):
    applications = initiative.applications.all()
    if not (access.can_manage or _writable(request, access, initiative)):
        applications = applications.filter(status=Application.Status.PREPARED)
    return get_object_or_404(applications, pk=pk)


@login_required
def application_edit(request, slug, code, pk=None):
    access = _access(request, slug)
    initiative = _initiative(request, access, code)
    if not _writable(request, access, initiative):
        raise Http404
    application = (
        _application(request, access, initiative, pk)
        if pk
        else Application(
            initiative=initiative,
            first_year=timezone.localdate().year + 1,
            last_year=timezone.localdate().year + 1,
        )
    )
    parties = [initiative.owner, *initiative.co_parties.all()]
    form = ApplicationForm(request.POST or None, instance=application, parties=parties)
    saved = submit(
        request,
        form,
        lambda form: services.save_application(
            application=form.instance,
            costs=form.costs(),
            commitments=form.commitments(),
            by_office=access.can_manage,
        ),
    )
    if saved:
        messages.success(request, _("The application was saved."))
        return redirect(saved)
    context = {
        "access": access,
        "initiative": initiative,
        "form": form,
        "application": application if pk else None,
    }
    return render(request, "initiatives/application_form.html", context)


@login_required
def application_detail(request, slug, code, pk):
    access = _access(request, slug)
    initiative = _initiative(request, access, code)
    application = _application(request, access, initiative, pk)
    context = {
        "access": access,
        "initiative": initiative,
        "application": application,
        "costs": documents.application_cost_table(application),
        "commitments": application.commitments.select_related("organisation"),
        "writable": _writable(request, access, initiative),
        "history": history_of(application) if access.can_see_history else None,
    }
    return render(request, "initiatives/application_detail.html", context)


@require_POST
@login_required
def application_action(request, slug, code, pk, action):
    access = _access(request, slug)
    initiative = _initiative(request, access, code)
    application = _application(request, access, initiative, pk)
    try:
        if action == "submit" and _writable(request, access, initiative):
            services.submit_application(application=application)
            messages.success(request, _("The application was submitted to the office."))
        elif action == "prepare" and access.can_manage:
            services.prepare_application(application=application)
            messages.success(request, _("The application is prepared for the board."))
        else:
            raise Http404
    except ValidationError as error:
        report_errors(request, error)
    return redirect(application)


@login_required
def application_pdf(request, slug, code, pk):
    access = _access(request, slug)
    initiative = _initiative(request, access, code)
    application = _application(request, access, initiative, pk)
    return download(
        documents.application_pdf(application), PDF, f"ansokan-{initiative.code}-{application.first_year}.pdf"
    )


# --- Board meetings and decisions ------------------------------------------------------------------------


@login_required
def meeting_list(request, slug):
    access = reader_access(request.user, slug)
    meetings = BoardMeeting.objects.visible_to(request.user).filter(association=access.association)
    listing = listing_for(lists.MEETINGS, request, meetings)
    if listing.wants_export:
        return listing.export(filename=f"styrelsemoten-{access.association.slug}")
    context = {
        "access": access,
        "listing": listing,
        "query_suffix": listing.query_suffix,
        "page": Paginator(listing.rows, PAGE_SIZE).get_page(request.GET.get("sida")),
        "form": MeetingForm() if access.can_manage else None,
        "years": meetings.dates("date", "year", order="DESC"),
    }
    return render(request, "initiatives/meeting_list.html", context)


@login_required
def meeting_create(request, slug):
    access = office_access(request.user, slug)
    form = MeetingForm(request.POST or None, instance=BoardMeeting(association=access.association))
    meeting = submit(request, form, lambda form: services.save_meeting(meeting=form.instance))
    if meeting:
        messages.success(request, _("%(meeting)s was added.") % {"meeting": meeting})
        return redirect(meeting)
    return render(request, "initiatives/meeting_form.html", {"access": access, "form": form})


def _meeting(request, access, pk):
    return get_object_or_404(
        BoardMeeting.objects.visible_to(request.user).filter(association=access.association), pk=pk
    )


@login_required
def meeting_detail(request, slug, pk):
    access = reader_access(request.user, slug)
    meeting = _meeting(request, access, pk)
    context = {
        "access": access,
        "meeting": meeting,
        "decisions": documents.decisions_with_grants(meeting.decisions.all()),
    }
    return render(request, "initiatives/meeting_detail.html", context)


@login_required
def decision_create(request, slug, pk):
    access = office_access(request.user, slug)
    meeting = _meeting(request, access, pk)
    next_paragraph = (
        meeting.decisions.order_by("-paragraph").values_list("paragraph", flat=True).first() or 0
    ) + 1
    years = [meeting.date.year + offset for offset in range(0, 4)]
    form = DecisionForm(
        request.POST or None,
        instance=Decision(meeting=meeting),
        initial={"paragraph": next_paragraph},
        initiatives=Initiative.objects.filter(association=access.association).order_by("name"),
        years=years,
    )

    def save(form):
        return services.record_decision(
            decision=form.instance,
            initiative=form.cleaned_data["initiative"],
            granted=form.cleaned_data["granted"] if form.cleaned_data["initiative"] else True,
            conditions=form.cleaned_data["conditions"],
            amounts=form.amounts(),
        )

    decision = submit(request, form, save)
    if decision:
        messages.success(request, _("§ %(paragraph)s was recorded.") % {"paragraph": decision.paragraph})
        return redirect(meeting)
    return render(
        request, "initiatives/decision_form.html", {"access": access, "form": form, "meeting": meeting}
    )


@login_required
def meeting_pdf(request, slug, pk):
    access = reader_access(request.user, slug)
    meeting = _meeting(request, access, pk)
    return download(documents.decision_list_pdf(meeting), PDF, f"beslutslista-{meeting.date.isoformat()}.pdf")


@login_required
def decision_register(request, slug, year):
    access = reader_access(request.user, slug)
    decisions = (
        Decision.objects.visible_to(request.user)
        .filter(meeting__association=access.association)
        .in_year(year)
        .select_related("meeting")
        .order_by("meeting__date", "paragraph")
    )
    context = {"access": access, "year": year, "decisions": documents.decisions_with_grants(decisions)}
    return render(request, "initiatives/decision_register.html", context)


# --- Goals ------------------------------------------------------------------------------------------------


@login_required
def goal_list(request, slug, year=None, *, goal_outcomes: selectors.GoalOutcomes | None = None):
    access = reader_access(request.user, slug)
    year = year or timezone.localdate().year
    goals = (
        Goal.objects.visible_to(request.user)
        .filter(association=access.association, year=year)
        .select_related("initiative", "association")
    )
    goals = selectors.with_outcomes(goals, goal_outcomes)
    context = {
        "access": access,
        "year": year,
        "own": [goal for goal in goals if goal.initiative_id is None],
        "by_initiative": [goal for goal in goals if goal.initiative_id is not None],
    }
    return render(request, "initiatives/goal_list.html", context)


@login_required
def goal_edit(request, slug, pk=None):
    access = office_access(request.user, slug)
    goal = (
        get_object_or_404(Goal.objects.filter(association=access.association), pk=pk)
        if pk
        else Goal(
            association=access.association,
            year=query_year(request.GET, "ar", default=timezone.localdate().year),
        )
    )
    initial = {}
    if not pk and request.GET.get("insats"):
        initial["initiative"] = Initiative.objects.filter(
            association=access.association, code=request.GET["insats"]
        ).first()
    form = GoalForm(
        request.POST or None,
        instance=goal,
        initial=initial,
        initiatives=Initiative.objects.filter(association=access.association).order_by("name"),
    )
    saved = submit(request, form, lambda form: services.save_goal(goal=form.instance))
    if saved:
        messages.success(request, _("The goal was saved."))
        return redirect("initiatives:goal_list_year", slug=slug, year=saved.year)
    return render(
        request, "initiatives/goal_form.html", {"access": access, "form": form, "goal": goal if pk else None}
    )


@login_required
def goal_outcome(request, slug, code, pk):
    """A lead (or the office) enters the outcome of one of the initiative's goals."""
    access = _access(request, slug)
    initiative = _initiative(request, access, code)
    if not _writable(request, access, initiative):
        raise Http404
    goal = get_object_or_404(initiative.goals.all(), pk=pk)
    form = GoalOutcomeForm(request.POST or None, instance=goal)
    saved = submit(request, form, lambda form: services.save_goal(goal=form.instance))
    if saved:
        messages.success(request, _("The outcome was saved."))
        return redirect(initiative)
    return render(
        request,
        "initiatives/goal_outcome.html",
        {"access": access, "form": form, "goal": goal, "initiative": initiative},
    )


# --- Follow-up and cost report --------------------------------------------------------------------------------


@login_required
def follow_up(request, slug, code, year):
    access = _access(request, slug)
    initiative = _initiative(request, access, code)
    writable = _writable(request, access, initiative)
    existing = FollowUp.objects.filter(initiative=initiative, year=year).first()
    if existing is None and not writable:
        raise Http404
    instance = existing or FollowUp(initiative=initiative, year=year)
    form = FollowUpForm(request.POST or None, instance=instance) if writable else None
    if form is not None:
        saved = submit(
            request,
            form,
            lambda form: services.save_follow_up(follow_up=form.instance, submit="submit" in request.POST),
        )
        if saved:
            messages.success(request, _("The follow-up was saved."))
            return redirect(saved)
    context = {"access": access, "initiative": initiative, "follow_up": instance, "form": form, "year": year}
    return render(request, "initiatives/follow_up.html", context)


@login_required
def follow_up_pdf(request, slug, code, year):
    access = _access(request, slug)
    initiative = _initiative(request, access, code)
    follow_up = get_object_or_404(FollowUp, initiative=initiative, year=year)
    return download(documents.follow_up_pdf(follow_up), PDF, f"uppfoljning-{initiative.code}-{year}.pdf")


@login_required
def cost_report(request, slug, code, year):
    access = _access(request, slug)
    initiative = _initiative(request, access, code)
    table = selectors.cost_table(initiative, year)
    writable = _writable(request, access, initiative)
    form = CostReportForm(request.POST or None, table=table) if writable else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.save_cost_reports(initiative=initiative, year=year, rows=form.rows())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The cost report was saved."))
            return redirect("initiatives:cost_report", slug=slug, code=code, year=year)
    context = {"access": access, "initiative": initiative, "table": table, "form": form, "year": year}
    return render(request, "initiatives/cost_report.html", context)


@login_required
def project_costs(request, slug, year):
    """Seed 004's project table: each initiative's outcome beside its budget, this year and last."""
    access = reader_access(request.user, slug)
    context = {"access": access, "year": year, "table": selectors.project_table(access.association, year)}
    return render(request, "initiatives/project_costs.html", context)
