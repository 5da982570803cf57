from django.contrib import admin

from .models import Module


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "level", "direction", "estimated_hours")
    list_filter = ("level__path_model", "level")
    search_fields = ("code", "title")
