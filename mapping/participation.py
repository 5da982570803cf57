"""Who takes part in a mapping round: invited, in progress, submitted.

The base is every member of the round's organisation plus the invitations not accepted
yet; drafts count as in progress, never as results. Every figure is a correlated COUNT
in SQL, so a page asks the same number of queries for 6 people or 6,000.
"""

from dataclasses import dataclass

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery

from rexvet.accounts.models import Membership, Organisation

from .models import Invitation, Response, Round


class _Count(Subquery):
    """(SELECT COUNT(*) FROM (subquery)): a count per outer row, without a GROUP BY."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def _members(organisation_ref: str) -> _Count:
    return _Count(Membership.objects.filter(organisation=OuterRef(organisation_ref)).values("pk"))


def _pending_invitations(organisation_ref: str) -> _Count:
    return _Count(
        Invitation.objects.filter(organisation=OuterRef(organisation_ref), accepted_at__isnull=True).values("pk")
    )


def _responses(status: str) -> _Count:
    # Only members' responses: someone who has left the organisation is not in the base.
    return _Count(
        Response.objects.filter(
            round=OuterRef("pk"), status=status, user__memberships__organisation=OuterRef("organisation")
        ).values("pk")
    )


@dataclass(frozen=True)
class Participation:
    members: int
    pending_invitations: int
    in_progress: int
    submitted: int

    @property
    def invited(self) -> int:
        return self.members + self.pending_invitations

    @property
    def not_started(self) -> int:
        """Invited and not begun: members without a response, and invitations not accepted."""
        return self.invited - self.in_progress - self.submitted

    @property
    def submitted_percent(self) -> int | None:
        return round(100 * self.submitted / self.invited) if self.invited else None


def organisations_with_counts(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """The organisations with `members_count` and `pending_count` (invitations not accepted)."""
    return organisations.annotate(members_count=_members("pk"), pending_count=_pending_invitations("pk"))


def rounds_with_participation(rounds: QuerySet[Round]) -> list[Round]:
    """The rounds, each with `participation` (a Participation), in one query."""
    annotated = rounds.annotate(
        members_count=_members("organisation"),
        pending_count=_pending_invitations("organisation"),
        in_progress_count=_responses(Response.Status.DRAFT),
        submitted_count=_responses(Response.Status.SUBMITTED),
    )
    result = list(annotated)
    for rnd in result:
        rnd.participation = Participation(
            members=rnd.members_count,
            pending_invitations=rnd.pending_count,
            in_progress=rnd.in_progress_count,
            submitted=rnd.submitted_count,
        )
    return result


def round_participation(rnd: Round) -> Participation:
    (annotated,) = rounds_with_participation(Round.objects.filter(pk=rnd.pk))
    return annotated.participation


def round_people(rnd: Round) -> QuerySet[Membership]:
    """Every member of a named round's organisation with `response_status` in this round
    (None: not started). Never for an anonymous round: it would name people."""
    if rnd.is_anonymous:
        raise PermissionError("An anonymous round never lists people.")
    status = Response.objects.filter(round=rnd, user=OuterRef("user")).values("status")[:1]
    return (
        Membership.objects.filter(organisation_id=rnd.organisation_id)
        .select_related("user")
        .annotate(response_status=Subquery(status))
        .order_by("user__full_name", "user__email")
    )
