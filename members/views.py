"""Pages for associations, members, the board and groups.

Each view: resolve scope (404 outside it) -> form -> service -> render.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from finsam.forms import submit
from finsam.listing import listing_for
from members import lists, selectors, services
from members.access import office_access, reader_access
from members.forms import (
    AssociationForm,
    BoardDateForm,
    BoardSeatForm,
    BoardTermForm,
    GroupMemberForm,
    MembershipForm,
    OrganisationForm,
)
from members.models import (
    BoardSeat,
    BoardTerm,
    GroupMember,
    Membership,
    Organisation,
    PopulationFigure,
    Role,
)

PAGE_SIZE = 50


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("sida"))


@login_required
def home(request):
    return render(request, "members/home.html", {"sections": selectors.home_sections(request.user)})


# --- Association ---------------------------------------------------------------------------


@login_required
def association_detail(request, slug):
    access = reader_access(request.user, slug)
    context = {
        "access": access,
        "overview": selectors.association_overview(access.association),
        "history": selectors.history_of(access.association) if access.can_see_history else None,
    }
    return render(request, "members/association_detail.html", context)


@login_required
def association_edit(request, slug):
    access = office_access(request.user, slug)
    form = AssociationForm(request.POST or None, instance=access.association)
    association = submit(request, form, lambda form: services.save_association(association=form.instance))
    if association:
        messages.success(request, _("The association's details were saved."))
        return redirect(association)
    return render(request, "members/association_form.html", {"access": access, "form": form})


# --- Memberships -----------------------------------------------------------------------------


@login_required
def membership_list(request, slug):
    access = reader_access(request.user, slug)
    memberships = (
        Membership.objects.visible_to(request.user)
        .filter(association=access.association)
        .select_related("organisation", "association")
        .order_by("end_date", "organisation__name")
    )
    listing = listing_for(lists.MEMBERSHIPS, request, memberships)
    if listing.wants_export:
        # An association has tens of members, not thousands: one list and one population query.
        everyone = list(listing.rows)
        latest = selectors.latest_population(membership.organisation_id for membership in everyone)
        rows = [(membership, latest.get(membership.organisation_id)) for membership in everyone]
        return listing.export(filename=f"medlemmar-{access.association.slug}", rows=rows)
    page = _page(request, listing.rows)
    latest = selectors.latest_population(membership.organisation_id for membership in page)
    rows = [(membership, latest.get(membership.organisation_id)) for membership in page]
    context = {
        "access": access,
        "page": page,
        "rows": rows,
        "listing": listing,
        "query_suffix": listing.query_suffix,
    }
    return render(request, "members/membership_list.html", context)


@login_required
def membership_detail(request, slug, pk):
    access = reader_access(request.user, slug)
    membership = get_object_or_404(
        Membership.objects.visible_to(request.user)
        .filter(association=access.association)
        .select_related("organisation"),
        pk=pk,
    )
    context = {
        "access": access,
        "membership": membership,
        "history": selectors.history_of(membership) if access.can_see_history else None,
    }
    return render(request, "members/membership_detail.html", context)


@login_required
def membership_create(request, slug):
    access = office_access(request.user, slug)
    organisations = Organisation.objects.manageable_by(request.user)
    form = MembershipForm(
        request.POST or None, instance=Membership(association=access.association), organisations=organisations
    )
    membership = submit(request, form, lambda form: services.save_membership(membership=form.instance))
    if membership:
        messages.success(
            request, _("%(organisation)s was added as a member.") % {"organisation": membership.organisation}
        )
        return redirect(membership)
    return render(request, "members/membership_form.html", {"access": access, "form": form})


@login_required
def membership_edit(request, slug, pk):
    access = office_access(request.user, slug)
    membership = get_object_or_404(
        Membership.objects.manageable_by(request.user).filter(association=access.association), pk=pk
    )
    form = MembershipForm(
        request.POST or None,
        instance=membership,
        organisations=Organisation.objects.filter(pk=membership.organisation_id),
    )
    saved = submit(request, form, lambda form: services.save_membership(membership=form.instance))
    if saved:
        messages.success(request, _("The membership was saved."))
        return redirect(saved)
    return render(
        request, "members/membership_form.html", {"access": access, "form": form, "membership": membership}
    )


# --- Organisations ----------------------------------------------------------------------------


def _require_office_somewhere(user) -> None:
    if not (user.is_superuser or Role.objects.of(user, Role.Kind.OFFICE).exists()):
        raise Http404


@login_required
def organisation_list(request):
    _require_office_somewhere(request.user)
    organisations = Organisation.objects.visible_to(request.user).with_population().order_by("kind", "name")
    listing = listing_for(lists.ORGANISATIONS, request, organisations)
    if listing.wants_export:
        return listing.export(filename="organisationer")
    context = {"page": _page(request, listing.rows), "listing": listing, "query_suffix": listing.query_suffix}
    return render(request, "members/organisation_list.html", context)


@login_required
def organisation_detail(request, pk):
    _require_office_somewhere(request.user)
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    context = {
        "organisation": organisation,
        "populations": PopulationFigure.objects.filter(organisation=organisation),
        "memberships": Membership.objects.visible_to(request.user)
        .filter(organisation=organisation)
        .select_related("association"),
        "can_edit": Organisation.objects.manageable_by(request.user).filter(pk=pk).exists(),
        "history": selectors.history_of(organisation),
    }
    return render(request, "members/organisation_detail.html", context)


def _save_organisation(form):
    return services.save_organisation(
        organisation=form.instance,
        population=form.cleaned_data.get("population"),
        population_date=form.cleaned_data.get("population_date"),
    )


@login_required
def organisation_create(request):
    _require_office_somewhere(request.user)
    form = OrganisationForm(request.POST or None)
    organisation = submit(request, form, _save_organisation)
    if organisation:
        messages.success(request, _("%(organisation)s was registered.") % {"organisation": organisation})
        return redirect(organisation)
    return render(request, "members/organisation_form.html", {"form": form})


@login_required
def organisation_edit(request, pk):
    organisation = get_object_or_404(Organisation.objects.manageable_by(request.user), pk=pk)
    latest = PopulationFigure.objects.filter(organisation=organisation).first()
    initial = {"population": latest.population, "population_date": latest.reference_date} if latest else {}
    form = OrganisationForm(request.POST or None, instance=organisation, initial=initial)
    saved = submit(request, form, _save_organisation)
    if saved:
        messages.success(request, _("The organisation was saved."))
        return redirect(saved)
    return render(request, "members/organisation_form.html", {"form": form, "organisation": organisation})


# --- Board -------------------------------------------------------------------------------------


@login_required
def board(request, slug):
    access = reader_access(request.user, slug)
    date_form = BoardDateForm(request.GET or None)
    on = date_form.cleaned_data["on"] if date_form.is_valid() and date_form.cleaned_data["on"] else None
    board = selectors.board_on(access.association, on)
    year = (on or datetime.date.today()).year
    context = {
        "access": access,
        "board": board,
        "date_form": date_form,
        "year": year,
        "terms_during_year": selectors.board_terms_during(access.association, year),
    }
    return render(request, "members/board.html", context)


@login_required
def seat_create(request, slug):
    access = office_access(request.user, slug)
    form = BoardSeatForm(
        request.POST or None,
        instance=BoardSeat(association=access.association),
        members=selectors.member_organisations(access.association),
    )
    seat = submit(request, form, lambda form: services.save_board_seat(seat=form.instance))
    if seat:
        messages.success(request, _("The seat was added. Now add who holds it."))
        return redirect(seat)
    return render(request, "members/seat_form.html", {"access": access, "form": form})


@login_required
def seat_detail(request, slug, pk):
    access = reader_access(request.user, slug)
    seat = get_object_or_404(
        BoardSeat.objects.visible_to(request.user)
        .filter(association=access.association)
        .select_related("appointed_by"),
        pk=pk,
    )
    terms = list(seat.terms.order_by("-start_date"))
    context = {
        "access": access,
        "seat": seat,
        "terms": terms,
        "history": selectors.history_of(seat) if access.can_see_history else None,
    }
    return render(request, "members/seat_detail.html", context)


@login_required
def term_create(request, slug, seat_pk):
    access = office_access(request.user, slug)
    seat = get_object_or_404(
        BoardSeat.objects.manageable_by(request.user).filter(association=access.association), pk=seat_pk
    )
    form = BoardTermForm(request.POST or None, instance=BoardTerm(seat=seat))
    term = submit(request, form, lambda form: services.save_board_term(term=form.instance))
    if term:
        messages.success(request, _("The term of %(name)s was saved.") % {"name": term.person_name})
        return redirect(seat)
    return render(request, "members/term_form.html", {"access": access, "form": form, "seat": seat})


@login_required
def term_edit(request, slug, pk):
    access = office_access(request.user, slug)
    term = get_object_or_404(
        BoardTerm.objects.manageable_by(request.user)
        .filter(seat__association=access.association)
        .select_related("seat"),
        pk=pk,
    )
    form = BoardTermForm(request.POST or None, instance=term)
    saved = submit(request, form, lambda form: services.save_board_term(term=form.instance))
    if saved:
        messages.success(request, _("The term of %(name)s was saved.") % {"name": saved.person_name})
        return redirect(term.seat)
    return render(
        request, "members/term_form.html", {"access": access, "form": form, "seat": term.seat, "term": term}
    )


# --- Groups ------------------------------------------------------------------------------------


@login_required
def group_list(request, slug):
    access = reader_access(request.user, slug)
    members = (
        GroupMember.objects.visible_to(request.user)
        .filter(association=access.association)
        .select_related("organisation")
        .order_by("group", "end_date", "organisation__name", "person_name")
    )
    listing = listing_for(lists.GROUP_MEMBERS, request, members)
    if listing.wants_export:
        return listing.export(filename=f"grupper-{access.association.slug}")
    context = {
        "access": access,
        "page": _page(request, listing.rows),
        "listing": listing,
        "query_suffix": listing.query_suffix,
    }
    return render(request, "members/group_list.html", context)


@login_required
def group_member_create(request, slug):
    access = office_access(request.user, slug)
    form = GroupMemberForm(
        request.POST or None,
        instance=GroupMember(association=access.association),
        members=selectors.member_organisations(access.association),
    )
    member = submit(request, form, lambda form: services.save_group_member(member=form.instance))
    if member:
        messages.success(request, _("%(name)s was added to the group.") % {"name": member.person_name})
        return redirect("members:group_list", slug=slug)
    return render(request, "members/group_member_form.html", {"access": access, "form": form})


@login_required
def group_member_edit(request, slug, pk):
    access = office_access(request.user, slug)
    member = get_object_or_404(
        GroupMember.objects.manageable_by(request.user).filter(association=access.association), pk=pk
    )
    form = GroupMemberForm(
        request.POST or None, instance=member, members=selectors.member_organisations(access.association)
    )
    saved = submit(request, form, lambda form: services.save_group_member(member=form.instance))
    if saved:
        messages.success(request, _("The group member was saved."))
        return redirect("members:group_list", slug=slug)
    context = {
        "access": access,
        "form": form,
        "member": member,
        "history": selectors.history_of(member),
    }
    return render(request, "members/group_member_form.html", context)
