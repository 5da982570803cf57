"""Awarding, revoking and re-issuing badges. Every write is audit-logged as a BadgeEvent.

Awarding is safe to run twice: a person holds at most one original assertion per badge class
(a database constraint), and a second award returns the first. `issued_on` is always the
moment the criteria were met — for a module badge the enrolment's completion (the quiz pass
or evidence approval that completed it) — never the time the award was recorded.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from rexvet.accounts.models import Membership, Organisation, User
from rexvet.lib.filetypes import FileRefused, upload_check
from training.models import Enrolment

from .models import Assertion, BadgeClass, BadgeEvent

logger = logging.getLogger(__name__)


def recipient_hash(email: str, salt: str) -> str:
    """Open Badges' hashed e-mail identity: sha256$ + hex of SHA-256(lower-cased e-mail + salt)."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()


def recipient_matches(assertion: Assertion, email: str) -> bool:
    """Whether `email` (any letter case) is the address the badge was awarded to."""
    return recipient_hash(email, assertion.recipient_salt) == assertion.recipient_hash


@dataclass(frozen=True)
class Award:
    assertion: Assertion
    created: bool


def _log(assertion: Assertion, action: str, actor: User | None, note: str = "", at: datetime | None = None) -> BadgeEvent:
    return BadgeEvent.objects.create(assertion=assertion, action=action, actor=actor, note=note, at=at or timezone.now())


def badge_award(
    *,
    recipient: User,
    badge_class: BadgeClass,
    organisation: Organisation,
    issued_on: datetime,
    acting_user: User | None = None,
    enrolment: Enrolment | None = None,
    narrative: str = "",
    evidence_url: str = "",
    evidence_file: UploadedFile | None = None,
    expires_on: datetime | None = None,
    reissue_of: Assertion | None = None,
) -> Award:
    """Award `badge_class` to `recipient` (or return the assertion they already hold).

    `acting_user` None means the badge's rule awarded it. The expiry is `expires_on`, or the
    class's validity counted from `issued_on`. An evidence file is checked by its content
    (rexvet.lib.filetypes) and raises ValidationError({"evidence_file": ...}) when refused.
    """
    if timezone.is_naive(issued_on):
        raise ValueError("issued_on must carry a time zone")
    if reissue_of is None:
        existing = Assertion.objects.filter(badge_class=badge_class, recipient=recipient, reissue_of__isnull=True).first()
        if existing is not None:
            return Award(existing, False)
    file_type = None
    if evidence_file is not None:
        try:
            file_type = upload_check(evidence_file, name=evidence_file.name, size=evidence_file.size)
        except FileRefused as exc:
            raise ValidationError({"evidence_file": str(exc)}) from exc
    salt = get_random_string(32)
    assertion = Assertion(
        badge_class=badge_class,
        recipient=recipient,
        organisation=organisation,
        recipient_salt=salt,
        recipient_hash=recipient_hash(recipient.email, salt),
        issued_on=issued_on,
        expires_on=expires_on or badge_class.expiry_for(issued_on),
        awarded_by=acting_user,
        enrolment=enrolment,
        narrative=narrative,
        evidence_url=evidence_url,
        reissue_of=reissue_of,
    )
    try:
        with transaction.atomic():
            if evidence_file is not None:
                assertion.evidence_file_name = evidence_file.name[:255]
                assertion.evidence_file.save(evidence_file.name, evidence_file, save=False)
            assertion.save()
            _log(
                assertion,
                BadgeEvent.Action.REISSUED if reissue_of else BadgeEvent.Action.AWARDED,
                acting_user,
                note=_("Re-issue of %(uid)s") % {"uid": reissue_of.uid} if reissue_of else "",
            )
    except IntegrityError:
        # Someone (a second worker, a double click) awarded it a moment ago: that one stands,
        # and this request's copy of the evidence file goes (a private file without an award).
        if assertion.evidence_file:
            assertion.evidence_file.storage.delete(assertion.evidence_file.name)
        if reissue_of is not None:
            raise ValidationError(_("This badge has already been re-issued."))
        return Award(Assertion.objects.get(badge_class=badge_class, recipient=recipient, reissue_of__isnull=True), False)
    logger.info("badge %s awarded to user %s as %s (type %s)", badge_class.slug, recipient.pk, assertion.uid, file_type.code if file_type else "-")
    return Award(assertion, True)


def module_badge_class(module_id: int) -> BadgeClass | None:
    return (
        BadgeClass.objects.filter(module_id=module_id, rule=BadgeClass.Rule.MODULE_COMPLETED, is_active=True)
        .select_related("issuer")
        .first()
    )


def award_organisation(user: User) -> Organisation | None:
    """The organisation an automatic award belongs to: the person's first membership."""
    membership = Membership.objects.filter(user=user).select_related("organisation").order_by("created_at", "pk").first()
    return membership.organisation if membership else None


def badge_award_for_enrolment(*, enrolment_id: int) -> Award | None:
    """Award the module's badge for a completed enrolment, dated when it was completed."""
    enrolment = Enrolment.objects.select_related("user", "module").filter(pk=enrolment_id).first()
    if enrolment is None or enrolment.completed_at is None:
        return None
    badge_class = module_badge_class(enrolment.module_id)
    organisation = award_organisation(enrolment.user)
    if badge_class is None or organisation is None:
        logger.info("enrolment %s completed, no badge to award (class %s, organisation %s)", enrolment_id, badge_class, organisation)
        return None
    title = enrolment.module.title
    narrative = _("Completed every required activity of module %(code)s “%(title)s” on %(date)s.") % {
        "code": enrolment.module.code,
        "title": title,
        "date": timezone.localtime(enrolment.completed_at).date().isoformat(),
    }
    return badge_award(
        recipient=enrolment.user,
        badge_class=badge_class,
        organisation=organisation,
        issued_on=enrolment.completed_at,
        enrolment=enrolment,
        narrative=narrative,
    )


def badges_award_missing() -> int:
    """Award every module badge that a completed enrolment earned but has not got (a sweep
    for completions made while no worker ran). Returns how many were awarded."""
    rule = BadgeClass.Rule.MODULE_COMPLETED
    held = Assertion.objects.filter(recipient=OuterRef("user"), badge_class__module=OuterRef("module"), badge_class__rule=rule)
    pending = (
        Enrolment.objects.filter(completed_at__isnull=False, module__badge_classes__rule=rule, module__badge_classes__is_active=True)
        .exclude(Exists(held))
        .values_list("pk", flat=True)
        .distinct()
    )
    count = 0
    for enrolment_id in list(pending):
        award = badge_award_for_enrolment(enrolment_id=enrolment_id)
        count += bool(award and award.created)
    return count


def badge_revoke(*, assertion: Assertion, reason: str, acting_user: User) -> Assertion:
    """Revoke with a reason. Revoking twice changes nothing (the first reason stands)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the badge is revoked: the public page shows it.")})
    now = timezone.now()
    with transaction.atomic():
        updated = Assertion.objects.filter(pk=assertion.pk, revoked_at__isnull=True).update(
            revoked_at=now, revocation_reason=reason, revoked_by=acting_user
        )
        if updated:
            _log(assertion, BadgeEvent.Action.REVOKED, acting_user, note=reason, at=now)
    assertion.refresh_from_db()
    return assertion


def badge_reissue(
    *, assertion: Assertion, acting_user: User, narrative: str = "", expires_on: datetime | None = None
) -> Assertion:
    """A coordinator re-issues a badge on purpose (after a revocation by mistake, an expiry,
    a changed e-mail address): a new assertion with a new id and the recipient's current
    e-mail, for the same criteria met on the same day, with the same evidence (the file too).
    It expires at `expires_on` (the coordinator's choice; the page offers the original's), or
    else after the class's validity counted from now, or never. The original, if still
    valid, is revoked as replaced, so the person holds one valid badge of the class; both
    badges' histories record the re-issue."""
    now = timezone.now()
    with transaction.atomic():
        new = badge_award(
            recipient=assertion.recipient,
            badge_class=assertion.badge_class,
            organisation=assertion.organisation,
            issued_on=assertion.issued_on,
            expires_on=expires_on or assertion.badge_class.expiry_for(now),
            acting_user=acting_user,
            enrolment=assertion.enrolment,
            narrative=narrative or assertion.narrative,
            evidence_url=assertion.evidence_url,
            reissue_of=assertion,
        ).assertion
        if assertion.evidence_file:
            # The same stored file: evidence files are never changed once uploaded.
            Assertion.objects.filter(pk=new.pk).update(
                evidence_file=assertion.evidence_file.name, evidence_file_name=assertion.evidence_file_name
            )
        _log(assertion, BadgeEvent.Action.REISSUED, acting_user, note=_("Re-issued as %(uid)s") % {"uid": new.uid}, at=now)
        if assertion.is_valid_at(now):
            badge_revoke(assertion=assertion, reason=_("Replaced by the re-issued badge %(uid)s.") % {"uid": new.uid}, acting_user=acting_user)
    new.refresh_from_db()
    return new


def assertion_show_name(*, assertion: Assertion, show: bool, acting_user: User) -> Assertion:
    """The earner decides whether their badge's public page shows their name."""
    with transaction.atomic():
        updated = Assertion.objects.filter(pk=assertion.pk).exclude(show_name=show).update(show_name=show)
        if updated:
            _log(assertion, BadgeEvent.Action.NAME_SHOWN if show else BadgeEvent.Action.NAME_HIDDEN, acting_user)
    assertion.show_name = show
    return assertion
