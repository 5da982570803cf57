"""Coordinator pages: the badges awarded in their organisations, awarding a badge for prior
learning with its evidence, revoking with a reason, re-issuing on purpose; and the private
evidence file.

Every coordinator view fetches through badges.permissions: an assertion of another
organisation answers 404. Project admins manage badges in Django admin (see permissions).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rexvet.accounts.models import Membership
from rexvet.lib.filetypes import detect_type

from .forms import BY_COORDINATOR, BY_RULE, AwardFilterForm, AwardForm, ReissueForm, RevokeForm
from .models import Assertion, BadgeClass
from .permissions import (
    awardable_classes,
    coordinated_organisations,
    coordinator_required,
    get_assertion_for_coordinator,
    get_assertion_for_evidence,
    managed_assertions,
)
from .services import badge_award, badge_reissue, badge_revoke

AWARDS_PER_PAGE = 50


def _status_q(status: str, now) -> Q:
    if status == Assertion.Status.REVOKED:
        return Q(revoked_at__isnull=False)
    if status == Assertion.Status.EXPIRED:
        return Q(revoked_at__isnull=True, expires_on__lte=now)
    return Q(revoked_at__isnull=True) & (Q(expires_on__isnull=True) | Q(expires_on__gt=now))


def _filtered(assertions, filters: dict):
    """The awards that match the list's filters, with what each row shows, in one query."""
    membership = Membership.objects.filter(user=OuterRef("recipient"), organisation=OuterRef("organisation"))
    rows = assertions.select_related("recipient", "badge_class__module", "organisation", "awarded_by").annotate(
        department=Subquery(membership.values("department")[:1])
    )
    if "organisation" in filters:
        rows = rows.filter(organisation_id=filters["organisation"])
    if "badge_class" in filters:
        rows = rows.filter(badge_class_id=filters["badge_class"])
    if "status" in filters:
        rows = rows.filter(_status_q(filters["status"], timezone.now()))
    if filters.get("awarded") == BY_RULE:
        rows = rows.filter(awarded_by__isnull=True)
    elif filters.get("awarded") == BY_COORDINATOR:
        rows = rows.filter(awarded_by__isnull=False)
    if "department" in filters:
        rows = rows.filter(Exists(membership.filter(department=filters["department"])))
    if "q" in filters:
        text = filters["q"].strip()
        # SQLite compares letter case only for A–Z, so "ülle" would miss "Ülle": also look
        # for the usual spellings of the text (PostgreSQL's icontains covers them already).
        spellings = {text, text.lower(), text.upper(), text.title(), text.capitalize()}
        name = Q()
        for spelling in spellings:
            name |= Q(recipient__full_name__icontains=spelling) | Q(recipient__email__icontains=spelling)
        rows = rows.filter(name)
    return rows.order_by("-issued_on", "-pk")


@coordinator_required
@require_GET
def awards(request):
    """Coordinators: the badges awarded in the organisations they coordinate, filtered."""
    organisations = list(coordinated_organisations(request.user).order_by("name"))
    classes = list(
        BadgeClass.objects.filter(Q(rule=BadgeClass.Rule.MODULE_COMPLETED) | Q(issuer__organisation__in=organisations))
        .order_by("module__code", "rule", "name")
    )
    departments = sorted(
        set(Membership.objects.filter(organisation__in=organisations).exclude(department="").values_list("department", flat=True)),
        key=str.casefold,
    )
    form = AwardFilterForm(request.GET or None, organisations=organisations, classes=classes, departments=departments)
    filters = form.filters()
    page = Paginator(_filtered(managed_assertions(request.user), filters), AWARDS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "badges/coordinate/awards.html",
        {"form": form, "page": page, "filtered": bool(filters), "query": form.query(), "several": len(organisations) > 1},
    )


def _classes_to_award(user) -> list[BadgeClass]:
    classes = []
    for organisation in coordinated_organisations(user).order_by("name"):
        classes += list(awardable_classes(user, organisation).order_by("module__code"))
    return classes


def _already_holds(form: AwardForm, held: Assertion) -> None:
    since = date_format(timezone.localtime(held.issued_on), "j F Y")
    form.add_error(
        "badge_class",
        ValidationError(
            format_html(
                (
                    _("{name} was awarded this badge on {date}; it has been revoked: <a href=\"{url}\">see the award</a>. "
                      "To give them a new one, re-issue it from that page.")
                    if held.is_revoked
                    else _("{name} already holds this badge since {date}: <a href=\"{url}\">see the award</a>. "
                           "To give them a new one, re-issue it from that page.")
                ),
                name=held.recipient.get_full_name(),
                date=since,
                url=reverse("badges:award_detail", args=[held.uid]),
            ),
            code="held",
        ),
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def award(request):
    """Coordinators: award their organisation's badge for recognised prior learning, with the evidence."""
    classes = _classes_to_award(request.user)
    form = AwardForm(request.POST or None, request.FILES or None, classes=classes, acting_user=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                result = badge_award(**form.award_arguments(), acting_user=request.user)
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                if result.created:
                    messages.success(
                        request,
                        _("%(badge)s was awarded to %(name)s.")
                        % {"badge": result.assertion.badge_class.name, "name": result.assertion.recipient.get_full_name()},
                    )
                    return redirect("badges:award_detail", uid=result.assertion.uid)
                _already_holds(form, result.assertion)
    members = (
        Membership.objects.filter(organisation__in=coordinated_organisations(request.user))
        .exclude(user=request.user)
        .select_related("user", "organisation")
        .order_by("user__full_name", "user__email")
    )
    return render(
        request,
        "badges/coordinate/award.html",
        {"form": form, "members": members, "has_classes": bool(classes)},
        status=status,
    )


def _detail(request, assertion: Assertion, *, revoke_form: RevokeForm | None = None, status: int = 200):
    return render(
        request,
        "badges/coordinate/award_detail.html",
        {
            "assertion": assertion,
            "status": assertion.status,
            "events": assertion.events.select_related("actor"),
            "revoke_form": revoke_form or RevokeForm(),
            "reissued_as": getattr(assertion, "reissued_as", None),
        },
        status=status,
    )


@coordinator_required
@require_GET
def award_detail(request, uid):
    """Coordinators of the award's organisation: the award, its evidence and its history."""
    return _detail(request, get_assertion_for_coordinator(request, uid))


@coordinator_required
@require_POST
def revoke(request, uid):
    """Coordinators of the award's organisation: revoke it with a reason (once; again is harmless)."""
    assertion = get_assertion_for_coordinator(request, uid)
    if assertion.is_revoked:
        messages.info(request, _("This badge was revoked already."))
        return redirect("badges:award_detail", uid=assertion.uid)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return _detail(request, assertion, revoke_form=form, status=400)
    try:
        badge_revoke(assertion=assertion, reason=form.cleaned_data["reason"], acting_user=request.user)
    except ValidationError as refused:
        form.add_error(None, refused)
        return _detail(request, assertion, revoke_form=form, status=400)
    messages.success(request, _("The badge is revoked. Its public page and its Open Badges data now say so, with your reason."))
    return redirect("badges:award_detail", uid=assertion.uid)


@coordinator_required
@require_POST
def reissue(request, uid):
    """Coordinators of the award's organisation: re-issue it as a new badge (POST, then POST
    again to confirm)."""
    assertion = get_assertion_for_coordinator(request, uid)
    reissued = getattr(assertion, "reissued_as", None)
    if reissued is not None:
        messages.info(request, _("This badge has already been re-issued: this is the new one."))
        return redirect("badges:award_detail", uid=reissued.uid)
    if request.POST.get("confirm") != "yes":
        # A re-issue is a second credential with its own id: ask once more, on a page of its own.
        form = ReissueForm(assertion=assertion)
        return render(request, "badges/coordinate/reissue_confirm.html", {"assertion": assertion, "status": assertion.status, "form": form})
    form = ReissueForm(request.POST, assertion=assertion)
    if not form.is_valid():
        context = {"assertion": assertion, "status": assertion.status, "form": form}
        return render(request, "badges/coordinate/reissue_confirm.html", context, status=400)
    try:
        new = badge_reissue(assertion=assertion, acting_user=request.user, expires_on=form.expiry())
    except ValidationError:
        messages.info(request, _("Another coordinator re-issued this badge a moment ago."))
        return redirect("badges:award_detail", uid=assertion.uid)
    messages.success(request, _("The badge was re-issued: this is the new one, with its own public address."))
    return redirect("badges:award_detail", uid=new.uid)


@login_required
@require_GET
def evidence_file(request, uid):
    """The recipient, the coordinators of the award's organisation and project admins:
    download the private evidence file (404 for anyone else, and when there is none)."""
    assertion = get_assertion_for_evidence(request, uid)
    if not assertion.evidence_file:
        raise Http404
    try:
        handle = assertion.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    found = detect_type(handle)  # the file was checked by its content when it was uploaded
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=assertion.evidence_file_name or assertion.evidence_file.name.rsplit("/", 1)[-1],
        content_type=found.mime if found else "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response
