"""Inviting staff to an organisation, and reminding members to take a round.

Invitations and reminders are e-mailed by Celery tasks (mapping/tasks.py) that only call
the `*_send` services here. Each e-mail is claimed in the database before it is sent, so a
task run twice, or two coordinators pressing the button at once, never e-mail anyone twice
in a day.
"""

import logging
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rexvet.accounts.models import Membership, Organisation, User
from rexvet.lib.csvimport import CsvFileError, csv_read
from rexvet.lib.emails import email_send

from .models import Invitation, Reminder, Response, Round
from .services import RoundClosed

logger = logging.getLogger(__name__)

MAX_INVITEES = 5000
CSV_COLUMNS = ("name", "email", "department", "job_role")
# The longest value each column may have: the lengths of the Invitation fields.
MAX_LENGTHS = {
    "name": Invitation._meta.get_field("full_name").max_length,
    "email": Invitation._meta.get_field("email").max_length,
    "department": Invitation._meta.get_field("department").max_length,
    "job_role": Invitation._meta.get_field("job_role").max_length,
}
TASK_BATCH = 100  # invitations per task: a big upload is sent by several tasks


def _column_label(column: str) -> str:
    return {
        "name": _("name"),
        "email": _("e-mail address"),
        "department": _("department"),
        "job_role": _("job role"),
    }[column]


@dataclass(frozen=True)
class Invitee:
    email: str
    full_name: str = ""
    department: str = ""
    job_role: str = ""


@dataclass(frozen=True)
class RowProblem:
    line: int
    reasons: tuple[str, ...]


class InviteesInvalid(Exception):
    """The list or file has problems; nothing was imported."""

    def __init__(self, problems: list[RowProblem] | None = None, *, file_error: str | None = None):
        super().__init__(file_error or f"{len(problems or [])} bad rows")
        self.problems = problems or []
        self.file_error = file_error


def _email_problem(email: str) -> str | None:
    if not email:
        return _("The e-mail address is missing.")
    if len(email) > MAX_LENGTHS["email"]:
        return _("The e-mail address is longer than %(max)s characters.") % {"max": MAX_LENGTHS["email"]}
    try:
        validate_email(email)
    except ValidationError:
        return _("“%(value)s” is not a valid e-mail address.") % {"value": email}
    return None


_NAMED_ADDRESS = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>]*)>$")


def invitees_from_text(text: str) -> list[Invitee]:
    """Addresses pasted one per line or separated by commas or semicolons; "Name <address>"
    as mail programs copy them is understood too. A repeated address is kept once.

    Raises InviteesInvalid listing every line with a bad address.
    """
    invitees: dict[str, Invitee] = {}
    problems = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        reasons = []
        for piece in re.split(r"[,;]", line):
            piece = piece.strip()
            if not piece:
                continue
            named = _NAMED_ADDRESS.match(piece)
            if named:
                found = [(named["name"].strip().strip('"'), named["email"].strip())]
            else:
                found = [("", word) for word in piece.split()]
            for name, email in found:
                problem = _email_problem(email)
                if problem:
                    reasons.append(problem)
                    continue
                key = email.lower()
                if key not in invitees:
                    invitees[key] = Invitee(email=key, full_name=name[: MAX_LENGTHS["name"]])
        if reasons:
            problems.append(RowProblem(line_number, tuple(reasons)))
    if problems:
        raise InviteesInvalid(problems)
    if not invitees:
        raise InviteesInvalid(file_error=_("Enter at least one e-mail address."))
    if len(invitees) > MAX_INVITEES:
        raise InviteesInvalid(
            file_error=_("Enter at most %(max)s addresses at a time.") % {"max": MAX_INVITEES}
        )
    return list(invitees.values())


def invitees_from_csv(data: bytes) -> list[Invitee]:
    """The people of an uploaded CSV (name, email, department, job_role), checked whole.

    Raises InviteesInvalid with every bad row and its line number, or with the reason the
    file as a whole cannot be read.
    """
    try:
        rows = csv_read(data, columns=CSV_COLUMNS, required=("email",), max_rows=MAX_INVITEES)
    except CsvFileError as error:
        raise InviteesInvalid(file_error=str(error)) from None
    invitees = []
    first_line: dict[str, int] = {}
    problems = []
    for row in rows:
        reasons = []
        if row.extra:
            reasons.append(_("The row has more values than the first line has columns."))
        email = row.values["email"]
        problem = _email_problem(email)
        if problem:
            reasons.append(problem)
        elif email.lower() in first_line:
            reasons.append(
                _("The e-mail address %(email)s is already on line %(line)s.")
                % {"email": email, "line": first_line[email.lower()]}
            )
        else:
            first_line[email.lower()] = row.line
        for column in ("name", "department", "job_role"):
            if len(row.values[column]) > MAX_LENGTHS[column]:
                reasons.append(
                    _("The %(column)s is longer than %(max)s characters.")
                    % {"column": _column_label(column), "max": MAX_LENGTHS[column]}
                )
        if reasons:
            problems.append(RowProblem(row.line, tuple(reasons)))
            continue
        invitees.append(
            Invitee(
                email=email.lower(),
                full_name=row.values["name"],
                department=row.values["department"],
                job_role=row.values["job_role"],
            )
        )
    if problems:
        raise InviteesInvalid(problems)
    return invitees


@dataclass
class InviteReport:
    invited: list[str] = field(default_factory=list)  # new invitations, e-mail queued
    resent: list[str] = field(default_factory=list)  # invited before, e-mail queued again
    sent_today: list[str] = field(default_factory=list)  # e-mailed today already: not again
    already_members: list[str] = field(default_factory=list)

    @property
    def queued(self) -> int:
        return len(self.invited) + len(self.resent)


def _start_of_today() -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))


def _sent_today(invitation: Invitation) -> bool:
    return invitation.last_sent_at is not None and invitation.last_sent_at >= _start_of_today()


def invitations_create(*, organisation: Organisation, invitees: list[Invitee], acting_user) -> InviteReport:
    """Invite these people to the organisation, all of them or (on an error) none.

    Re-inviting is harmless: an existing invitation is reused (its name, department and
    job role updated when given) and e-mailed again at most once a day; members are
    reported, not invited.
    """
    from .tasks import send_invitations

    report = InviteReport()
    emails = [invitee.email.lower() for invitee in invitees]
    with transaction.atomic():
        members = set(
            Membership.objects.filter(organisation=organisation)
            .annotate(address=Lower("user__email"))
            .filter(address__in=emails)
            .values_list("address", flat=True)
        )
        existing = {
            inv.address: inv
            for inv in Invitation.objects.filter(organisation=organisation)
            .annotate(address=Lower("email"))
            .filter(address__in=emails)
        }
        new, changed = [], []
        for invitee in invitees:
            email = invitee.email.lower()
            if email in members:
                report.already_members.append(email)
                continue
            invitation = existing.get(email)
            if invitation is None:
                new.append(
                    Invitation(
                        organisation=organisation,
                        email=email,
                        full_name=invitee.full_name,
                        department=invitee.department,
                        job_role=invitee.job_role,
                        token=secrets.token_urlsafe(32),
                        invited_by=acting_user,
                    )
                )
                report.invited.append(email)
                continue
            if invitation.accepted_at is not None:
                # Accepted once, but no longer a member (the membership was removed).
                invitation.accepted_at = invitation.accepted_by = None
            for name, value in (
                ("full_name", invitee.full_name),
                ("department", invitee.department),
                ("job_role", invitee.job_role),
            ):
                if value:
                    setattr(invitation, name, value)
            invitation.invited_by = acting_user
            changed.append(invitation)
            (report.sent_today if _sent_today(invitation) else report.resent).append(email)
        # A double click sending the same list twice: the second insert is skipped.
        Invitation.objects.bulk_create(new, ignore_conflicts=True)
        Invitation.objects.bulk_update(
            changed, ["accepted_at", "accepted_by", "full_name", "department", "job_role", "invited_by"]
        )
        to_send = list(
            Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True)
            .annotate(address=Lower("email"))
            .filter(address__in=report.invited + report.resent)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for start in range(0, len(to_send), TASK_BATCH):
            send_invitations.delay_on_commit(to_send[start : start + TASK_BATCH])
    logger.info(
        "organisation %s: user %s invited %s new, %s again, %s skipped (sent today), %s already members",
        organisation.pk,
        acting_user.pk,
        len(report.invited),
        len(report.resent),
        len(report.sent_today),
        len(report.already_members),
    )
    return report


def invitation_url(invitation: Invitation) -> str:
    return settings.REXVET_SITE_URL + reverse("mapping:invitation", args=[invitation.token])


def invitations_send(*, invitation_ids: list[int]) -> int:
    """E-mail these invitations, each unless it was e-mailed today or has been accepted.

    The claim is a conditional update of `last_sent_at`: of two runs, one sends.
    Returns how many e-mails this call sent.
    """
    sent = 0
    invitations = Invitation.objects.filter(pk__in=invitation_ids, accepted_at__isnull=True).select_related(
        "organisation", "invited_by"
    )
    for invitation in invitations:
        claimed = (
            Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True)
            .filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lt=_start_of_today()))
            .update(last_sent_at=timezone.now())
        )
        if not claimed:
            continue
        inviter = invitation.invited_by
        try:
            email_send(
                template="mapping/email/invitation",
                context={
                    "invitation": invitation,
                    "organisation": invitation.organisation,
                    "inviter_name": inviter.get_full_name() if inviter else "",
                    "url": invitation_url(invitation),
                },
                to=invitation.email,
                reply_to=inviter.email if inviter else None,
            )
        except Exception:
            logger.exception("invitation %s could not be e-mailed", invitation.pk)
            # Give the claim back, so that a later run may send it today.
            Invitation.objects.filter(pk=invitation.pk).update(last_sent_at=invitation.last_sent_at)
            continue
        sent += 1
    return sent


class InvitationForSomeoneElse(Exception):
    """The signed-in person's e-mail address is not the invited one."""


def invitation_is_for(invitation: Invitation, user) -> bool:
    return user.is_authenticated and invitation.email.lower() == user.email.lower()


def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Join the organisation as invited. Safe to call twice: one membership, and an
    existing membership (a coordinator's, say) is kept as it is."""
    if not invitation_is_for(invitation, user):
        raise InvitationForSomeoneElse()
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user,
            organisation=invitation.organisation,
            defaults={
                "role": Membership.Role.STAFF,
                "department": invitation.department,
                "job_role": invitation.job_role,
            },
        )
        Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now(), accepted_by=user
        )
        if not user.full_name and invitation.full_name:
            User.objects.filter(pk=user.pk).update(full_name=invitation.full_name)
            user.full_name = invitation.full_name
    if created:
        logger.info("invitation %s accepted by user %s", invitation.pk, user.pk)
    return membership


def invitations_pending_for(user) -> list[Invitation]:
    """Invitations to the user's e-mail address that are not accepted yet."""
    return list(
        Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).select_related(
            "organisation", "invited_by"
        )
    )


def _reminder_recipients(rnd: Round, today):
    submitted = Response.objects.filter(round=rnd, user=OuterRef("pk"), status=Response.Status.SUBMITTED)
    reminded = Reminder.objects.filter(round=rnd, user=OuterRef("pk"), sent_on=today)
    return (
        User.objects.filter(memberships__organisation_id=rnd.organisation_id, is_active=True)
        .filter(~Exists(submitted), ~Exists(reminded))
        .annotate(has_draft=Exists(Response.objects.filter(round=rnd, user=OuterRef("pk"))))
        .order_by("pk")
    )


def round_reminders_request(*, round: Round, acting_user) -> int:
    """Queue reminders to every member who has not submitted (drafts included) and has
    not been reminded today. Returns how many people that is."""
    from .tasks import send_round_reminders

    if not round.is_open or round.organisation_id is None:
        raise RoundClosed()
    count = _reminder_recipients(round, timezone.localdate()).count()
    if count:
        send_round_reminders.delay_on_commit(round.pk)
    logger.info("round %s: user %s queued reminders for %s people", round.pk, acting_user.pk, count)
    return count


def round_reminders_send(*, round_id: int) -> int:
    """E-mail the reminders of one round. Safe to run twice: each e-mail is claimed by
    creating its Reminder row first (one per person, round and day); a row that exists
    already means it was sent. Returns how many e-mails this call sent."""
    rnd = Round.objects.select_related("organisation").get(pk=round_id)
    today = timezone.localdate()
    if not rnd.is_open_on(today) or rnd.organisation_id is None:
        return 0
    sent = 0
    url = settings.REXVET_SITE_URL + reverse("mapping:round_start", args=[rnd.pk])
    for user in _reminder_recipients(rnd, today):
        try:
            with transaction.atomic():
                Reminder.objects.create(round=rnd, user=user, sent_on=today)
        except IntegrityError:
            continue  # another run reminded this person today
        try:
            email_send(
                template="mapping/email/reminder",
                context={"round": rnd, "organisation": rnd.organisation, "user": user, "url": url},
                to=user.email,
            )
        except Exception:
            logger.exception("round %s: reminder to user %s could not be e-mailed", rnd.pk, user.pk)
            Reminder.objects.filter(round=rnd, user=user, sent_on=today).delete()
            continue
        sent += 1
    logger.info("round %s: %s reminders sent", rnd.pk, sent)
    return sent
