from django.contrib import admin

from .models import Module


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "path_model_code", "level_code", "direction_code", "estimated_hours")
    list_filter = ("path_model_code", "level_code", "direction_code")
    search_fields = ("code", "title")
