"""Coordinator pages: mapping rounds, participation, invitations, reminders; and the
invitation link that staff open from their e-mail.

Every coordinator view fetches through mapping.permissions: another organisation's round
or invitation list answers 404.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rexvet.accounts.adapter import remember_proven_email
from rexvet.accounts.models import Membership

from . import services
from .forms_rounds import InvitePasteForm, InviteUploadForm, RoundOpenForm
from .invitations import InviteReport, invitation_accept, invitation_is_for, invitations_create, round_reminders_request
from .models import Invitation, Round
from .participation import organisations_with_counts, round_participation, round_people, rounds_with_participation
from .permissions import (
    coordinated_organisations,
    coordinator_required,
    get_organisation_for_coordinator,
    get_round_for_coordinator,
)

PEOPLE_PER_PAGE = 100
INVITATIONS_PER_PAGE = 50
LISTED_ADDRESSES = 10  # addresses named in a message; the rest are counted


@coordinator_required
@require_GET
def rounds(request):
    """Coordinators: the rounds of every organisation they coordinate, with participation."""
    organisations = list(organisations_with_counts(coordinated_organisations(request.user)))
    all_rounds = rounds_with_participation(
        Round.objects.filter(organisation__in=[o.pk for o in organisations])
        .select_related("path_model")
        .order_by("-opens_on", "name")
    )
    for organisation in organisations:
        organisation.round_list = [r for r in all_rounds if r.organisation_id == organisation.pk]
    return render(request, "mapping/coordinate/rounds.html", {"organisations": organisations})


@coordinator_required
@require_http_methods(["GET", "POST"])
def round_open(request, organisation_id: int):
    """Coordinators of the organisation: open a new round for it."""
    organisation = get_organisation_for_coordinator(request, organisation_id)
    form = RoundOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rnd = services.round_open(organisation=organisation, acting_user=request.user, **form.cleaned_data)
        if rnd.is_open:
            text = _("The round “%(name)s” is open for %(organisation)s.")
        else:
            text = _("The round “%(name)s” is ready for %(organisation)s; it opens on %(date)s.")
        messages.success(request, text % {
            "name": rnd.name, "organisation": organisation.name, "date": formats.date_format(rnd.opens_on)})
        return redirect("mapping:coordinate_round", round_id=rnd.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "mapping/coordinate/round_open.html", {"organisation": organisation, "form": form}, status=status
    )


@coordinator_required
@require_GET
def round_detail(request, round_id: int):
    """Coordinators of the round's organisation: participation; people only in named rounds."""
    rnd = get_round_for_coordinator(request, round_id)
    people = None
    if not rnd.is_anonymous:  # an anonymous round never lists people, only counts
        people = Paginator(round_people(rnd), PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "mapping/coordinate/round_detail.html",
        {"round": rnd, "participation": round_participation(rnd), "people": people},
    )


@coordinator_required
@require_POST
def round_close(request, round_id: int):
    """Coordinators of the round's organisation: close it now (POST, then POST again to confirm)."""
    rnd = get_round_for_coordinator(request, round_id)
    if request.POST.get("confirm") != "yes" and rnd.closed_at is None:
        # Closing cannot be undone: ask once more, on a page of its own.
        return render(request, "mapping/coordinate/round_close_confirm.html", {"round": rnd})
    if services.round_close(round=rnd, acting_user=request.user):
        messages.success(request, _("The round is closed. Drafts are kept, but they do not count as results."))
    else:
        messages.info(request, _("The round was closed already."))
    return redirect("mapping:coordinate_round", round_id=rnd.pk)


@coordinator_required
@require_POST
def round_remind(request, round_id: int):
    """Coordinators of the round's organisation: queue reminders to those who have not submitted."""
    rnd = get_round_for_coordinator(request, round_id)
    try:
        count = round_reminders_request(round=rnd, acting_user=request.user)
    except services.RoundClosed:
        messages.error(request, _("This round is not open, so no reminders are sent."))
        return redirect("mapping:coordinate_round", round_id=rnd.pk)
    if count:
        messages.success(
            request,
            ngettext(
                "A reminder is on its way to %(count)s person who has not submitted.",
                "Reminders are on their way to %(count)s people who have not submitted.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("Nobody to remind: everyone has submitted, or was reminded today already."))
    return redirect("mapping:coordinate_round", round_id=rnd.pk)


def _addresses(emails: list[str]) -> str:
    shown = ", ".join(emails[:LISTED_ADDRESSES])
    if len(emails) > LISTED_ADDRESSES:
        shown += " " + _("and %(count)s more") % {"count": len(emails) - LISTED_ADDRESSES}
    return shown


def _report(request, report: InviteReport) -> None:
    if report.queued:
        messages.success(
            request,
            ngettext("%(count)s invitation is being e-mailed.", "%(count)s invitations are being e-mailed.", report.queued)
            % {"count": report.queued},
        )
    if report.sent_today:
        messages.info(
            request,
            ngettext(
                "Invited today already, so not e-mailed again: %(emails)s.",
                "Invited today already, so not e-mailed again: %(emails)s.",
                len(report.sent_today),
            )
            % {"emails": _addresses(report.sent_today)},
        )
    if report.already_members:
        messages.info(
            request,
            ngettext(
                "Already a member, not invited: %(emails)s.",
                "Already members, not invited: %(emails)s.",
                len(report.already_members),
            )
            % {"emails": _addresses(report.already_members)},
        )


@coordinator_required
@require_http_methods(["GET", "POST"])
def invitations(request, organisation_id: int):
    """Coordinators of the organisation: invite by pasting addresses or uploading a CSV."""
    organisation = get_organisation_for_coordinator(request, organisation_id)
    kind = request.POST.get("kind") if request.method == "POST" else None
    paste = InvitePasteForm(request.POST if kind == "paste" else None, prefix="paste")
    upload = InviteUploadForm(
        request.POST if kind == "csv" else None, request.FILES if kind == "csv" else None, prefix="csv"
    )
    sent = {"paste": paste, "csv": upload}.get(kind)
    if sent is not None and sent.is_valid():
        report = invitations_create(organisation=organisation, invitees=sent.invitees, acting_user=request.user)
        _report(request, report)
        return redirect("mapping:coordinate_invitations", organisation_id=organisation.pk)
    listed = Invitation.objects.filter(organisation=organisation).select_related("invited_by").order_by("-created_at", "-pk")
    return render(
        request,
        "mapping/coordinate/invitations.html",
        {
            "organisation": organisation,
            "paste_form": paste,
            "upload_form": upload,
            "invitations": Paginator(listed, INVITATIONS_PER_PAGE).get_page(request.GET.get("page")),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """Anyone with the link sees whom it is from; the invited person, signed in, joins."""
    invitation = get_object_or_404(Invitation.objects.select_related("organisation", "invited_by"), token=token)
    context = {"invitation": invitation, "organisation": invitation.organisation}
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        if invitation.accepted_at is None:
            # The link came by e-mail to this address: signing up with it needs no second check.
            remember_proven_email(request, invitation.email)
        here = request.get_full_path()
        context["signup_url"] = reverse("account_signup") + "?" + urlencode({"email": invitation.email, "next": here})
        context["login_url"] = reverse("account_login") + "?" + urlencode({"next": here})
        return render(request, "mapping/invitation.html", context)
    if not invitation_is_for(invitation, request.user):
        return render(request, "mapping/invitation_someone_else.html", context, status=403)
    if request.method == "POST":
        invitation_accept(invitation=invitation, user=request.user)
        messages.success(request, _("Welcome to %(organisation)s on REXVET Paths.") % {
            "organisation": invitation.organisation.name})
        return redirect("home")
    context["member"] = Membership.objects.filter(user=request.user, organisation=invitation.organisation).exists()
    return render(request, "mapping/invitation.html", context)
