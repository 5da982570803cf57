"""Forms of the coordinators' badge pages: the list's filters, awarding, revoking."""

from datetime import date, datetime, time

from django import forms
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from rexvet.accounts.models import Membership, Organisation, User
from rexvet.lib.filetypes import ACCEPTED_EXTENSIONS, MAX_UPLOAD_BYTES

from .models import Assertion, BadgeClass

# The filter's value for "awarded by the badge's rule" / "by a coordinator".
BY_RULE, BY_COORDINATOR = "rule", "coordinator"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def recognised_at(day: date) -> datetime:
    """The moment recorded for learning recognised on `day`: noon in the site's time zone,
    so the date reads the same in every European time zone — or now, if noon is still to
    come today (an assertion is never dated in the future)."""
    noon = timezone.make_aware(datetime.combine(day, time(12, 0)))
    return min(noon, timezone.now())


def end_of(day: date) -> datetime:
    """A badge that "expires on" a day is valid through that day (site time zone), so every
    page shows the day that was entered."""
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


# Dates a person can mean: a typo such as year 1 or 9999 gets a message, not a badge dated
# then (or a date arithmetic overflow).
EARLIEST_RECOGNITION = date(1980, 1, 1)
LATEST_EXPIRY = date(2100, 12, 31)


class AwardFilterForm(forms.Form):
    """The awards list's filters: a GET form, so it works without JavaScript."""

    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=200)
    organisation = forms.TypedChoiceField(label=_("Organisation"), required=False, coerce=int, empty_value=None)
    badge_class = forms.TypedChoiceField(label=_("Badge"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Assertion.Status.choices]
    )
    awarded = forms.ChoiceField(
        label=_("Awarded"),
        required=False,
        choices=[("", _("By rule or by a coordinator")), (BY_RULE, _("By the badge's rule")), (BY_COORDINATOR, _("By a coordinator"))],
    )
    department = forms.ChoiceField(label=_("Department"), required=False)

    def __init__(self, data=None, *, organisations: list[Organisation], classes: list[BadgeClass], departments: list[str]):
        super().__init__(data)
        self.fields["organisation"].choices = [("", _("All your organisations"))] + [(o.pk, o.name) for o in organisations]
        if len(organisations) < 2:
            del self.fields["organisation"]
        self.fields["badge_class"].choices = [("", _("All badges"))] + [(c.pk, c.name) for c in classes]
        self.fields["department"].choices = [("", _("All departments"))] + [(d, d) for d in departments]
        self.fields["q"].widget.input_type = "search"

    def filters(self) -> dict:
        """The valid filters that are set; an invalid one is left out (the list still shows)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    def query(self) -> str:
        """The filters as a query string, to carry into the pagination links."""
        return urlencode(self.filters())


class AwardForm(forms.Form):
    """A coordinator awards a prior-learning badge to a member of their organisation.

    The organisation is the badge's: each organisation issues its own prior-learning
    badges, so choosing the badge chooses the organisation, and the person must be a
    member of it. The service checks the evidence file's content.
    """

    recipient_email = forms.EmailField(
        label=_("The person's e-mail address"),
        max_length=254,
        help_text=_("The address they sign in with. They must be a member of the badge's organisation."),
    )
    badge_class = forms.TypedChoiceField(label=_("Badge"), coerce=int)
    recognised_on = forms.DateField(
        label=_("Learning recognised on"),
        widget=DateInput(),
        help_text=_("The day you checked the evidence: the badge's issue date. Not in the future."),
    )
    narrative = forms.CharField(
        label=_("Evidence, in words"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the person did and how it meets the module's outcomes. Shown on the public badge page."),
    )
    evidence_url = forms.URLField(
        label=_("Evidence link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Optional. A public page that shows the work; shown on the public badge page."),
    )
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{ext}" for ext in ACCEPTED_EXTENSIONS)}),
        help_text=_("Optional and private: only the person, coordinators and project admins can open it. "
                    "PDF, image or Office document, at most %(limit)d MB.") % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=DateInput(),
        help_text=_("Optional. The badge is valid through this day. Empty: the badge's own validity, if it has one."),
    )

    def __init__(self, *args, classes: list[BadgeClass], acting_user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user
        # The page lists the members in a <datalist>: suggestions as you type, no script needed.
        self.fields["recipient_email"].widget.attrs.update({"list": "member-emails", "autocomplete": "off"})
        self.classes = {c.pk: c for c in classes}
        organisations = {c.issuer.organisation_id for c in classes}
        if len(organisations) > 1:
            # Grouped by organisation: the badge says in whose name it is awarded.
            groups: dict[str, list] = {}
            for c in classes:
                groups.setdefault(c.issuer.name, []).append((c.pk, c.name))
            choices = list(groups.items())
        else:
            choices = [(c.pk, c.name) for c in classes]
        self.fields["badge_class"].choices = [("", _("Choose a badge"))] + choices
        if not self.is_bound:
            self.initial.setdefault("recognised_on", timezone.localdate())

    def clean_badge_class(self) -> BadgeClass:
        return self.classes[self.cleaned_data["badge_class"]]

    def clean_recognised_on(self) -> date:
        day = self.cleaned_data["recognised_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("This day is in the future: recognise learning on the day you checked it, today at the latest."))
        if day < EARLIEST_RECOGNITION:
            raise forms.ValidationError(
                _("This day is too long ago: give a day from %(date)s on.") % {"date": formats.date_format(EARLIEST_RECOGNITION, "j F Y")}
            )
        return day

    def clean_expires_on(self) -> date | None:
        day = self.cleaned_data.get("expires_on")
        if day and day > LATEST_EXPIRY:
            raise forms.ValidationError(
                _("This day is too far ahead: give a day up to %(date)s, or leave it empty.") % {"date": formats.date_format(LATEST_EXPIRY, "j F Y")}
            )
        return day

    def clean(self):
        data = super().clean()
        badge_class, email = data.get("badge_class"), data.get("recipient_email")
        if badge_class and email:
            membership = (
                Membership.objects.filter(organisation_id=badge_class.issuer.organisation_id, user__email__iexact=email)
                .select_related("user")
                .first()
            )
            if membership is None:
                self.add_error(
                    "recipient_email",
                    _("Nobody with this e-mail address is a member of %(organisation)s.") % {"organisation": badge_class.issuer.name},
                )
            elif membership.user_id == self.acting_user.pk:
                # As with evidence reviews: someone else recognises a coordinator's own learning.
                self.add_error("recipient_email", _("You cannot award a badge to yourself: ask another coordinator."))
            else:
                data["recipient"] = membership.user
        day, expires = data.get("recognised_on"), data.get("expires_on")
        if day and expires and expires < day:
            self.add_error("expires_on", _("A badge cannot expire before the day it is issued."))
        return data

    def award_arguments(self) -> dict:
        """The keyword arguments of badges.services.badge_award, from the valid form."""
        data = self.cleaned_data
        badge_class: BadgeClass = data["badge_class"]
        recipient: User = data["recipient"]
        return {
            "recipient": recipient,
            "badge_class": badge_class,
            "organisation": badge_class.issuer.organisation,
            "issued_on": recognised_at(data["recognised_on"]),
            "narrative": data["narrative"].strip(),
            "evidence_url": data.get("evidence_url") or "",
            "evidence_file": data.get("evidence_file") or None,
            "expires_on": end_of(data["expires_on"]) if data.get("expires_on") else None,
        }


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The public badge page and the Open Badges data show it to anyone who checks the badge."),
        error_messages={"required": _("Say why the badge is revoked: the public page shows it.")},
    )
    confirm = forms.BooleanField(
        label=_("I understand that revoking cannot be undone: the badge stays revoked for good."),
        error_messages={"required": _("Tick this box to confirm.")},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(self.fields["reason"].error_messages["required"], code="required")
        return reason


class ReissueForm(forms.Form):
    """The re-issue's confirmation, with the new badge's expiry (the original's by default)."""

    confirm = forms.CharField(widget=forms.HiddenInput, initial="yes")
    expires_on = forms.DateField(
        label=_("The new badge expires on"),
        required=False,
        widget=DateInput(),
        help_text=_("Optional. Valid through this day. Empty: it does not expire (or, when the badge has a validity period, it counts from today)."),
    )

    def __init__(self, *args, assertion: Assertion, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and assertion.expires_on and assertion.expires_on > timezone.now():
            self.initial["expires_on"] = timezone.localdate(assertion.expires_on)

    def clean_expires_on(self) -> date | None:
        day = self.cleaned_data.get("expires_on")
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("This day has passed: a re-issued badge would be expired at once."))
        if day and day > LATEST_EXPIRY:
            raise forms.ValidationError(
                _("This day is too far ahead: give a day up to %(date)s, or leave it empty.") % {"date": formats.date_format(LATEST_EXPIRY, "j F Y")}
            )
        return day

    def expiry(self) -> datetime | None:
        day = self.cleaned_data.get("expires_on")
        return end_of(day) if day else None
