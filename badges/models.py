"""Digital badges: issuers, badge classes and assertions (a badge awarded to a person).

An assertion is a credential that people outside REXVET verify. Once awarded it keeps its
recipient identity (a salted hash of the e-mail address at the time of award) and the moment
the criteria were met; it is never edited, only revoked (with a reason) or re-issued on
purpose as a new assertion. Every award, revocation and change of what the public page
shows is written to `BadgeEvent` with the acting person.
"""

import uuid
from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Issuer(models.Model):
    """Who issues badges: the partnership (no organisation) or one partner organisation."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True, help_text=_("Part of the issuer's public address; never change it once badges are out."))
    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="badge_issuer",
        help_text=_("Empty for the partnership."),
    )
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("website"))
    email = models.EmailField(_("e-mail address"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("issuer")
        verbose_name_plural = _("issuers")

    def __str__(self) -> str:
        return self.name

    @property
    def is_partnership(self) -> bool:
        return self.organisation_id is None


class BadgeClass(models.Model):
    """A badge that can be earned: what it is, its criteria in words and as a rule."""

    class Rule(models.TextChoices):
        MODULE_COMPLETED = "module-completed", _("Awarded automatically when the module is completed")
        PRIOR_LEARNING = "prior-learning", _("Awarded by a coordinator for prior learning against the module's outcomes")

    slug = models.SlugField(_("short name"), max_length=80, unique=True, help_text=_("Part of the badge's public address; never change it once badges are out."))
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="badge_classes", verbose_name=_("issuer"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    criteria = models.TextField(_("criteria"), help_text=_("In words: what a person did to earn this badge."))
    rule = models.CharField(_("rule"), max_length=20, choices=Rule.choices)
    # The module gives the alignment: its path level, direction and areas.
    module = models.ForeignKey("training.Module", on_delete=models.PROTECT, related_name="badge_classes", verbose_name=_("module"))
    tags = models.CharField(_("tags"), max_length=300, blank=True, help_text=_("Separated by commas."))
    valid_for_days = models.PositiveIntegerField(
        _("valid for (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(36500)],
        help_text=_("At most 36,500 (a hundred years). Empty: the badge does not expire."),
    )
    is_active = models.BooleanField(_("can be awarded"), default=True)

    class Meta:
        ordering = ["module__code", "rule", "issuer__name"]
        verbose_name = _("badge class")
        verbose_name_plural = _("badge classes")
        constraints = [
            # One automatic badge per module, one prior-learning badge per module and issuer.
            models.UniqueConstraint(fields=["issuer", "module", "rule"], name="badgeclass_unique_issuer_module_rule"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]

    def expiry_for(self, issued_on: datetime) -> datetime | None:
        if not self.valid_for_days:
            return None
        return issued_on + timezone.timedelta(days=self.valid_for_days)


class AssertionQuerySet(models.QuerySet):
    def valid_at(self, when: datetime):
        return self.filter(revoked_at__isnull=True).filter(Q(expires_on__isnull=True) | Q(expires_on__gt=when))

    def for_organisations(self, organisations):
        return self.filter(organisation__in=organisations)


def _evidence_path(instance: "Assertion", filename: str) -> str:
    return f"badges/evidence/{instance.uid}/{filename}"


class Assertion(models.Model):
    """One badge awarded to one person."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    uid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    badge_class = models.ForeignKey(BadgeClass, on_delete=models.PROTECT, related_name="assertions", verbose_name=_("badge"))
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="badge_assertions", verbose_name=_("recipient"))
    # The organisation in which it was awarded: its coordinators manage it.
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="badge_assertions", verbose_name=_("organisation"))
    # The identity is fixed at award: a later change of e-mail address does not change a badge.
    recipient_salt = models.CharField(max_length=32, editable=False)
    recipient_hash = models.CharField(max_length=71, editable=False, help_text=_("sha256$ + hex of SHA-256(lower-cased e-mail + salt)"))
    issued_on = models.DateTimeField(_("criteria met on"), help_text=_("The moment the criteria were met, not when the award was recorded."))
    expires_on = models.DateTimeField(_("expires"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("awarded by"),
        help_text=_("Empty: awarded by the badge's rule."),
    )
    enrolment = models.ForeignKey("training.Enrolment", on_delete=models.SET_NULL, null=True, blank=True, related_name="badge_assertions")
    narrative = models.TextField(_("evidence"), blank=True, help_text=_("What the person did, in words (public)."))
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True, help_text=_("Public."))
    evidence_file = models.FileField(_("evidence file"), upload_to=_evidence_path, blank=True, max_length=300, help_text=_("Private: the recipient and coordinators only."))
    evidence_file_name = models.CharField(max_length=255, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reissue_of = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reissued_as", verbose_name=_("re-issue of")
    )
    show_name = models.BooleanField(_("public page shows the recipient's name"), default=False)

    objects = AssertionQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on"]
        verbose_name = _("awarded badge")
        verbose_name_plural = _("awarded badges")
        constraints = [
            # One per person per badge class; a coordinator's re-issue is the only way to a second.
            models.UniqueConstraint(
                fields=["badge_class", "recipient"], condition=Q(reissue_of__isnull=True), name="assertion_unique_original"
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""), name="assertion_revoked_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.badge_class} – {self.recipient}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired_at(self, when: datetime) -> bool:
        return self.expires_on is not None and self.expires_on <= when

    def status_at(self, when: datetime) -> str:
        if self.is_revoked:
            return self.Status.REVOKED
        if self.is_expired_at(when):
            return self.Status.EXPIRED
        return self.Status.VALID

    def is_valid_at(self, when: datetime) -> bool:
        return self.status_at(when) == self.Status.VALID

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())


class BadgeEvent(models.Model):
    """The audit log of badges: who did what, when."""

    class Action(models.TextChoices):
        AWARDED = "awarded", _("Awarded")
        REVOKED = "revoked", _("Revoked")
        REISSUED = "reissued", _("Re-issued")
        NAME_SHOWN = "name-shown", _("Name shown on the public page")
        NAME_HIDDEN = "name-hidden", _("Name hidden on the public page")

    assertion = models.ForeignKey(Assertion, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("badge event")
        verbose_name_plural = _("badge events")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {timezone.localtime(self.at):%Y-%m-%d %H:%M}"
