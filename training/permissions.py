"""Who may open what in the training package.

Staff see only their own enrolments, reflections, attempts and evidence: every view
fetches them through the signed-in user, so anyone else's answers 404. Coordinators
review the evidence of members of the organisations they coordinate (never their own);
anything else answers 404, never 403, so that its existence is not confirmed.
"""

from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404

from rexvet.accounts.models import Membership

# One rule for every app with coordinator pages (re-exported for the training views).
from rexvet.accounts.permissions import coordinated_organisations, coordinator_required

from .models import EvidenceSubmission

__all__ = [
    "coordinated_organisations",
    "coordinator_required",
    "get_submission_for_download",
    "get_submission_for_reviewer",
    "reviewable_evidence",
]


def _submitted_by_members_of(organisations):
    return Exists(Membership.objects.filter(user=OuterRef("enrolment__user"), organisation__in=organisations))


def reviewable_evidence(user):
    """Evidence the user may review: by members of organisations they coordinate, not theirs."""
    return EvidenceSubmission.objects.filter(_submitted_by_members_of(coordinated_organisations(user))).exclude(
        enrolment__user=user
    )


def get_submission_for_reviewer(request, submission_id: int) -> EvidenceSubmission:
    return get_object_or_404(
        reviewable_evidence(request.user).select_related("enrolment__user", "enrolment__module", "activity", "reviewer"),
        pk=submission_id,
    )


def get_submission_for_download(request, submission_id: int) -> EvidenceSubmission:
    """The submitter's own evidence, or evidence the user may review."""
    user = request.user
    visible = EvidenceSubmission.objects.filter(
        Q(enrolment__user=user) | (_submitted_by_members_of(coordinated_organisations(user)) & ~Q(enrolment__user=user))
    )
    return get_object_or_404(visible, pk=submission_id)
