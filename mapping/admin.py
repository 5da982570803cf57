from django.contrib import admin

from .models import Round


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "path_model", "opens_on", "closes_on", "is_anonymous")
    list_filter = ("organisation", "is_anonymous")
    search_fields = ("name",)
    # Responses and answers are not registered: per-person answers of anonymous
    # rounds are visible to nobody, Django admin included.
