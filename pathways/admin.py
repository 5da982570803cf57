"""Admin for the path model. A published version is read-only here, inlines included."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Area, Descriptor, Direction, Level, PathModel, PlanPDF, Statement


class PublishedReadOnlyMixin:
    """No add, change or delete on anything that belongs to a published version."""

    def _path_model_of(self, obj):
        raise NotImplementedError

    def _is_locked(self, obj) -> bool:
        if obj is None:
            return False
        model = self._path_model_of(obj)
        return bool(model and model.is_published)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._is_locked(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._is_locked(obj)

    def has_add_permission(self, request, obj=None):
        # For inlines, obj is the parent being edited.
        args = (request, obj) if isinstance(self, admin.options.InlineModelAdmin) else (request,)
        return super().has_add_permission(*args) and not self._is_locked(obj)


class LevelInline(PublishedReadOnlyMixin, admin.TabularInline):
    model = Level
    extra = 0
    fields = ("order", "code", "name", "description")

    def _path_model_of(self, obj):
        return obj if isinstance(obj, PathModel) else obj.path_model


class AreaInline(PublishedReadOnlyMixin, admin.TabularInline):
    model = Area
    extra = 0
    fields = ("order", "code", "name", "short_name")
    show_change_link = True

    def _path_model_of(self, obj):
        return obj if isinstance(obj, PathModel) else obj.path_model


@admin.register(PathModel)
class PathModelAdmin(PublishedReadOnlyMixin, admin.ModelAdmin):
    list_display = ("name", "code", "version", "status", "threshold_percent", "published_at")
    list_filter = ("status", "code")
    search_fields = ("name", "code")
    inlines = [LevelInline, AreaInline]
    readonly_fields = ("status", "published_at")

    def _path_model_of(self, obj):
        return obj


@admin.register(Direction)
class DirectionAdmin(PublishedReadOnlyMixin, admin.ModelAdmin):
    list_display = ("name", "short_name", "level", "order")
    list_filter = ("level__path_model",)

    def _path_model_of(self, obj):
        return obj.level.path_model


class DescriptorInline(PublishedReadOnlyMixin, admin.TabularInline):
    model = Descriptor
    extra = 0

    def _path_model_of(self, obj):
        return obj.path_model if isinstance(obj, Area) else obj.area.path_model


class StatementInline(PublishedReadOnlyMixin, admin.TabularInline):
    model = Statement
    extra = 0
    fields = ("level", "direction", "order", "code", "text")

    def _path_model_of(self, obj):
        return obj.path_model if isinstance(obj, Area) else obj.area.path_model


@admin.register(Area)
class AreaAdmin(PublishedReadOnlyMixin, admin.ModelAdmin):
    list_display = ("name", "code", "path_model", "order")
    list_filter = ("path_model",)
    search_fields = ("name", "code")
    inlines = [DescriptorInline, StatementInline]

    def _path_model_of(self, obj):
        return obj.path_model


@admin.register(Statement)
class StatementAdmin(PublishedReadOnlyMixin, admin.ModelAdmin):
    list_display = ("text", "code", "area", "level", "direction")
    list_filter = ("area__path_model", "level__name", "area")
    search_fields = ("text", "code")

    def _path_model_of(self, obj):
        return obj.area.path_model


@admin.register(PlanPDF)
class PlanPDFAdmin(admin.ModelAdmin):
    list_display = ("plan", "number", "status", "requested_at", "finished_at")
    list_filter = ("status",)
    readonly_fields = [f.name for f in PlanPDF._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.site_header = _("REXVET Paths administration")
admin.site.site_title = _("REXVET Paths")
