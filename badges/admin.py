"""Project admins manage issuers and badge classes here, and look after awarded badges.

An awarded badge is a credential that people outside REXVET verify, so it is read-only:
it is never edited or deleted, only revoked with a reason (the "Revoke selected badges"
action, or a coordinator's page) — both through badges.services, so each revocation is
audit-logged. Awards are made by a module's rule or by a coordinator, never here.
A badge class or issuer with awarded badges cannot be deleted (PROTECT): the admin says
why instead of failing. Their short names are in public addresses: read-only once used.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import Assertion, BadgeClass, BadgeEvent, Issuer
from .services import badge_revoke


def _class_in_use_message(badge_class: BadgeClass, count: int) -> str:
    return ngettext(
        "The badge class “%(name)s” cannot be deleted: %(count)d badge of it has been awarded, and anyone "
        "who checks that badge fetches the class. Untick “can be awarded” to stop awarding it.",
        "The badge class “%(name)s” cannot be deleted: %(count)d badges of it have been awarded, and anyone "
        "who checks those badges fetches the class. Untick “can be awarded” to stop awarding it.",
        count,
    ) % {"name": badge_class.name, "count": count}


def _issuer_in_use_message(issuer: Issuer, count: int) -> str:
    return ngettext(
        "The issuer “%(name)s” cannot be deleted: it has %(count)d badge class. Delete the class first, "
        "or keep the issuer if badges of it have been awarded.",
        "The issuer “%(name)s” cannot be deleted: it has %(count)d badge classes. Delete the classes first, "
        "or keep the issuer if badges of them have been awarded.",
        count,
    ) % {"name": issuer.name, "count": count}


class _GuardedDeleteMixin:
    """Delete only what nothing depends on; otherwise say why (instead of PROTECT's 500)."""

    change_url_name: str

    def blockers(self, obj) -> int:
        raise NotImplementedError

    def in_use_message(self, obj, count: int) -> str:
        raise NotImplementedError

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # replaced by delete_unused, which checks first
        return actions

    @admin.action(description=gettext_lazy("Delete selected (only those not in use)"), permissions=["delete"])
    def delete_unused(self, request, queryset):
        used = [(obj, self.blockers(obj)) for obj in queryset]
        used = [(obj, count) for obj, count in used if count]
        for obj, count in used:
            self.message_user(request, self.in_use_message(obj, count), messages.ERROR)
        unused = queryset.exclude(pk__in=[obj.pk for obj, _count in used])
        if not unused.exists():
            return None
        # Django's confirmation page for the rest; it posts back only their ids.
        return delete_selected(self, request, unused)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            count = self.blockers(obj)
            if count:
                self.message_user(request, self.in_use_message(obj, count), messages.ERROR)
                return redirect(reverse(self.change_url_name, args=[obj.pk]))
        return super().delete_view(request, object_id, extra_context)


# Links typed without a scheme are https (Django 6's default, chosen now).
URL_HTTPS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Issuer)
class IssuerAdmin(_GuardedDeleteMixin, admin.ModelAdmin):
    formfield_overrides = URL_HTTPS
    list_display = ("name", "slug", "organisation", "email", "class_count")
    list_select_related = ("organisation",)
    search_fields = ("name", "slug")
    actions = ["delete_unused"]
    change_url_name = "admin:badges_issuer_change"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(class_total=Count("badge_classes"))

    @admin.display(description=gettext_lazy("badge classes"), ordering="class_total")
    def class_count(self, issuer: Issuer) -> int:
        return issuer.class_total

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.badge_classes.exists():
            return ("slug", "organisation")
        return ()

    def blockers(self, issuer: Issuer) -> int:
        return issuer.badge_classes.count()

    def in_use_message(self, issuer: Issuer, count: int) -> str:
        return _issuer_in_use_message(issuer, count)


@admin.register(BadgeClass)
class BadgeClassAdmin(_GuardedDeleteMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "rule", "issuer", "module", "is_active", "awarded")
    list_filter = ("rule", "is_active", "issuer", "module")
    list_select_related = ("issuer", "module")
    search_fields = ("name", "slug")
    fields = (
        ("slug", "is_active"),
        ("issuer", "rule", "module"),
        "name",
        "description",
        "criteria",
        "tags",
        "valid_for_days",
    )
    actions = ["delete_unused"]
    change_url_name = "admin:badges_badgeclass_change"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(assertion_total=Count("assertions"))

    @admin.display(description=gettext_lazy("awarded"), ordering="assertion_total")
    def awarded(self, badge_class: BadgeClass) -> int:
        return badge_class.assertion_total

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.assertions.exists():
            # Awarded badges point at this class: its address and what it means stay put.
            return ("slug", "issuer", "rule", "module")
        return ()

    def blockers(self, badge_class: BadgeClass) -> int:
        return badge_class.assertions.count()

    def in_use_message(self, badge_class: BadgeClass, count: int) -> str:
        return _class_in_use_message(badge_class, count)


class BadgeEventInline(admin.TabularInline):
    model = BadgeEvent
    extra = 0
    can_delete = False
    fields = ("at", "action", "actor", "note")
    readonly_fields = fields
    ordering = ("at", "pk")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StatusFilter(admin.SimpleListFilter):
    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Assertion.Status.choices

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == Assertion.Status.REVOKED:
            return queryset.filter(revoked_at__isnull=False)
        if self.value() == Assertion.Status.EXPIRED:
            return queryset.filter(revoked_at__isnull=True, expires_on__lte=now)
        if self.value() == Assertion.Status.VALID:
            return queryset.valid_at(now)
        return queryset


class AwardedByFilter(admin.SimpleListFilter):
    title = gettext_lazy("awarded")
    parameter_name = "awarded"

    def lookups(self, request, model_admin):
        return [("rule", _("By the badge's rule")), ("coordinator", _("By a coordinator"))]

    def queryset(self, request, queryset):
        if self.value() == "rule":
            return queryset.filter(awarded_by__isnull=True)
        if self.value() == "coordinator":
            return queryset.filter(awarded_by__isnull=False)
        return queryset


class RevokeReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=gettext_lazy("Shown to anyone who checks the badges."),
    )


@admin.register(Assertion)
class AssertionAdmin(admin.ModelAdmin):
    list_display = ("recipient", "badge_class", "organisation", "issued_on", "status_display", "awarded_by")
    list_filter = (StatusFilter, AwardedByFilter, "badge_class__rule", "organisation", "badge_class")
    list_select_related = ("recipient", "badge_class", "organisation", "awarded_by")
    search_fields = ("recipient__email", "recipient__full_name", "=uid")
    date_hierarchy = "issued_on"
    fields = (
        ("uid", "badge_class"),
        ("recipient", "organisation"),
        ("recipient_hash", "recipient_salt"),
        ("issued_on", "expires_on", "created_at"),
        ("awarded_by", "enrolment"),
        "narrative",
        ("evidence_url", "evidence_download"),
        ("revoked_at", "revoked_by"),
        "revocation_reason",
        ("reissue_of", "show_name"),
    )
    readonly_fields = tuple(
        name for row in fields for name in (row if isinstance(row, tuple) else (row,))
    )
    inlines = [BadgeEventInline]
    actions = ["revoke_selected"]

    @admin.display(description=gettext_lazy("evidence file"))
    def evidence_download(self, assertion: Assertion) -> str:
        # Through the permission-checked download, never the file's storage address.
        if not assertion.evidence_file:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("badges:evidence_file", args=[assertion.uid]), assertion.evidence_file_name)

    @admin.display(description=gettext_lazy("status"))
    def status_display(self, assertion: Assertion) -> str:
        return Assertion.Status(assertion.status).label

    def has_add_permission(self, request):
        return False  # awards are made by a module's rule or a coordinator, through the service

    def has_change_permission(self, request, obj=None):
        return False  # read-only: revoking (the action) is the one change

    def has_delete_permission(self, request, obj=None):
        return False  # a credential out in the world is revoked, never deleted

    def has_revoke_permission(self, request) -> bool:
        return request.user.has_perm("badges.change_assertion")

    @admin.action(description=gettext_lazy("Revoke selected badges (with a reason)"), permissions=["revoke"])
    def revoke_selected(self, request, queryset):
        form = RevokeReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            done, already = 0, queryset.filter(revoked_at__isnull=False).count()
            for assertion in queryset.filter(revoked_at__isnull=True):
                try:
                    badge_revoke(assertion=assertion, reason=form.cleaned_data["reason"], acting_user=request.user)
                except ValidationError as refused:
                    self.message_user(request, " ".join(refused.messages), messages.ERROR)
                    return None
                done += 1
            self.message_user(
                request,
                ngettext("%(count)d badge was revoked.", "%(count)d badges were revoked.", done) % {"count": done},
                messages.SUCCESS,
            )
            if already:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d was revoked already and keeps its reason.",
                        "%(count)d were revoked already and keep their reasons.",
                        already,
                    )
                    % {"count": already},
                    messages.INFO,
                )
            return None
        # The intermediate page: which badges, and the reason anyone who checks them will read.
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revoke badges"),
            "opts": self.model._meta,
            "form": form,
            "assertions": queryset.select_related("recipient", "badge_class"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/badges/assertion/revoke_selected.html", context)
