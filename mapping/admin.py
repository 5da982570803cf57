from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Round


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("name", "scope", "path_model", "opens_on", "closes_on", "closed_at", "is_anonymous")
    list_filter = ("organisation", "is_anonymous")
    search_fields = ("name",)
    # Responses and answers are not registered: per-person answers of anonymous
    # rounds are visible to nobody, Django admin included.

    # Once anyone has answered, what they were told (named or anonymous), whose round it
    # is and which model it asks about can no longer change.
    LOCKED_ONCE_ANSWERED = ("organisation", "path_model", "is_anonymous", "min_group_size")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.responses.exists():
            return (*self.LOCKED_ONCE_ANSWERED, "created_by")
        return ("created_by",)

    @admin.display(description=_("organisation"), ordering="organisation__name")
    def scope(self, obj):
        return obj.organisation or _("Whole partnership")

    def save_model(self, request, obj, form, change):
        # A round left without an organisation is partnership-wide: every member sees it.
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
