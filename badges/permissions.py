"""Who may manage which badges.

Coordinators award, revoke and re-issue badges within the organisations they coordinate:
an assertion belongs to the organisation it was awarded in (`Assertion.organisation`).
Project admins are not coordinators here: they manage badges through Django admin, so the
coordinator pages treat them like anyone else who coordinates nothing (403). Anything
outside the user's organisations answers 404, never 403, so its existence is not confirmed.

The private evidence file is the exception: its recipient, the coordinators of the
assertion's organisation and the project admins may download it.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from rexvet.accounts.models import Organisation, User
from rexvet.accounts.permissions import coordinated_organisations, coordinator_required

from .loading import organisation_badges_ensure
from .models import Assertion, BadgeClass

__all__ = [
    "awardable_classes",
    "coordinated_organisations",
    "coordinator_required",
    "get_assertion_for_coordinator",
    "get_assertion_for_evidence",
    "managed_assertions",
]


def managed_assertions(user: User) -> QuerySet[Assertion]:
    """Assertions awarded in an organisation the user coordinates."""
    return Assertion.objects.filter(organisation__in=coordinated_organisations(user))


def awardable_classes(user: User, organisation: Organisation) -> QuerySet[BadgeClass]:
    """The badge classes the user may award in `organisation`: its own prior-learning
    classes (created on first need), when the user coordinates it; none otherwise.

    Module badges are not here: they are the partnership's, awarded by their rule when a
    module is completed. Learning done elsewhere is recognised with the prior-learning class.
    """
    if not coordinated_organisations(user).filter(pk=organisation.pk).exists():
        return BadgeClass.objects.none()
    organisation_badges_ensure(organisation)
    return BadgeClass.objects.filter(
        issuer__organisation=organisation, rule=BadgeClass.Rule.PRIOR_LEARNING, is_active=True
    ).select_related("issuer", "module")


def get_assertion_for_coordinator(request, uid) -> Assertion:
    """An assertion of an organisation the user coordinates; 404 for any other."""
    return get_object_or_404(
        managed_assertions(request.user).select_related(
            "badge_class__issuer", "badge_class__module", "recipient", "organisation", "awarded_by", "revoked_by",
            "reissue_of", "reissued_as",
        ),
        uid=uid,
    )


def get_assertion_for_evidence(request, uid) -> Assertion:
    """An assertion whose private evidence the user may download: their own, one of an
    organisation they coordinate, or any for a project admin; 404 for anything else."""
    visible = Assertion.objects.all()
    if not request.user.is_staff:
        visible = visible.filter(Q(recipient=request.user) | Q(organisation__in=coordinated_organisations(request.user)))
    return get_object_or_404(visible, uid=uid)
