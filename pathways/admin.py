"""Admin for the path model.

A published version is read-only here, inlines included: results, rounds and plans
point at it. To change it, duplicate it as a new draft, edit the draft and publish it.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .models import Area, Descriptor, Direction, Level, PathModel, Statement
from .portable import ImportRefused, dumps, export_document, import_document
from .versioning import PublishRefused, path_model_duplicate, path_model_publish


class ValueHistoryMixin:
    """Admin history that shows each changed field with its old and new value."""

    def construct_change_message(self, request, form, formsets, add=False):
        if add:
            return super().construct_change_message(request, form, formsets, add)
        parts = []

        def describe(f, label_prefix=""):
            for name in f.changed_data:
                if name in ("DELETE", "id"):
                    continue
                old, new = f.initial.get(name), f.cleaned_data.get(name)
                label = f.fields[name].label or name
                parts.append(f"{label_prefix}{label}: {_short(old)} → {_short(new)}")

        describe(form)
        for formset in formsets or []:
            for f in formset.forms:
                if not f.has_changed():
                    continue
                prefix = f"{formset.model._meta.verbose_name} “{_short(f.instance, 40)}”: "
                if f in getattr(formset, "deleted_forms", []):
                    parts.append(f"{prefix}deleted")
                elif not f.instance.pk or f.initial == {}:
                    parts.append(f"{prefix}added")
                else:
                    describe(f, prefix)
        return "; ".join(parts) or super().construct_change_message(request, form, formsets, add)


def _short(value, length: int = 80) -> str:
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= length else text[: length - 1] + "…"


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


class LockedAdminMixin(PublishedReadOnlyMixin, ValueHistoryMixin):
    """For the top-level admins: explain a refused delete rather than answer 403, and
    offer only draft versions (and their parts) in add forms."""

    DRAFT_FILTERS = {
        "path_model": {"status": PathModel.Status.DRAFT},
        "level": {"path_model__status": PathModel.Status.DRAFT},
        "area": {"path_model__status": PathModel.Status.DRAFT},
        "direction": {"level__path_model__status": PathModel.Status.DRAFT},
    }

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.DRAFT_FILTERS and "queryset" not in kwargs:
            kwargs["queryset"] = db_field.remote_field.model.objects.filter(**self.DRAFT_FILTERS[db_field.name])
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and self._is_locked(obj):
            self.message_user(
                request,
                _("“%(obj)s” belongs to a published path-model version, which results and rounds point at: "
                  "it cannot be deleted. Duplicate the version as a new draft to change it.") % {"obj": obj},
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]))
        return super().delete_view(request, object_id, extra_context)


class _InlineLock(PublishedReadOnlyMixin):
    def get_extra(self, request, obj=None, **kwargs):
        return 0 if self._is_locked(obj) or obj is None else 1


class LevelInline(_InlineLock, admin.TabularInline):
    model = Level
    fields = ("order", "code", "name", "description")

    def _path_model_of(self, obj):
        return obj if isinstance(obj, PathModel) else obj.path_model


class AreaInline(_InlineLock, admin.TabularInline):
    model = Area
    fields = ("order", "code", "name", "short_name")
    show_change_link = True

    def _path_model_of(self, obj):
        return obj if isinstance(obj, PathModel) else obj.path_model


class DirectionInline(_InlineLock, admin.TabularInline):
    model = Direction
    fields = ("order", "code", "name", "short_name", "description")

    def _path_model_of(self, obj):
        return obj.path_model if isinstance(obj, Level) else obj.level.path_model


class ImportForm(forms.Form):
    document = forms.FileField(label=_lazy("Path-model JSON document"))
    publish = forms.BooleanField(
        label=_lazy("Publish at once"), required=False,
        help_text=_lazy("Otherwise the model is imported as a draft, to check and publish later."),
    )


@admin.register(PathModel)
class PathModelAdmin(LockedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "code", "version", "status", "threshold_percent", "published_at", "preview_link")
    list_filter = ("status", "code")
    search_fields = ("name", "code", "description")
    inlines = [LevelInline, AreaInline]
    readonly_fields = ("status", "published_at")
    actions = ["duplicate_as_draft", "publish", "export_json", "renumber"]
    change_list_template = "admin/pathways/pathmodel/change_list.html"

    def _path_model_of(self, obj):
        return obj

    @admin.display(description=_lazy("Preview"))
    def preview_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("mapping:preview", args=[obj.pk, 1]), _("Preview survey"))

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="pathways_pathmodel_import"),
            path("<int:pk>/export/", self.admin_site.admin_view(self.export_view), name="pathways_pathmodel_export"),
        ] + super().get_urls()

    @admin.action(description=_lazy("Duplicate as new draft"))
    def duplicate_as_draft(self, request, queryset):
        for model in queryset:
            copy = path_model_duplicate(path_model=model, acting_user=request.user)
            self.message_user(request, _("Created draft version %(version)s of %(name)s.") % {"version": copy.version, "name": copy.name})

    @admin.action(description=_lazy("Publish (after checking)"))
    def publish(self, request, queryset):
        for model in queryset:
            try:
                path_model_publish(path_model=model, acting_user=request.user)
            except PublishRefused as refused:
                self.message_user(
                    request,
                    format_html(
                        "{} <ul>{}</ul>",
                        _("Version %(version)s of %(name)s was not published:") % {"version": model.version, "name": model.name},
                        format_html("".join("<li>{}</li>" for _p in refused.problems), *refused.problems),
                    ),
                    messages.ERROR,
                )
            else:
                self.message_user(request, _("Published version %(version)s of %(name)s.") % {"version": model.version, "name": model.name})

    @admin.action(description=_lazy("Export as JSON"))
    def export_json(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one version to export."), messages.WARNING)
            return None
        return self.export_view(request, queryset.get().pk)

    @admin.action(description=_lazy("Renumber areas and statements 1, 2, 3… (drafts only)"))
    def renumber(self, request, queryset):
        from .versioning import path_model_renumber

        for model in queryset:
            if model.is_published:
                self.message_user(request, _("%(model)s is published and keeps its numbering.") % {"model": model}, messages.WARNING)
                continue
            path_model_renumber(path_model=model, acting_user=request.user)
            self.message_user(request, _("Renumbered %(model)s.") % {"model": model})

    def export_view(self, request, pk):
        model = get_object_or_404(PathModel, pk=pk)
        response = HttpResponse(dumps(export_document(model)), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{model.code}-v{model.version}.json"'
        return response

    def import_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        errors: list[str] = []
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                document = json.loads(form.cleaned_data["document"].read().decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as problem:
                errors = [_("The file is not UTF-8 JSON: %(problem)s") % {"problem": problem}]
            else:
                try:
                    model = import_document(document, publish=form.cleaned_data["publish"], acting_user=request.user)
                except ImportRefused as refused:
                    errors = refused.errors
                else:
                    self.message_user(request, _("Imported %(model)s.") % {"model": model})
                    return redirect("admin:pathways_pathmodel_change", model.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import a path model"),
            "form": form,
            "errors": errors,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/pathways/pathmodel/import.html", context, status=400 if errors else 200)


@admin.register(Level)
class LevelAdmin(LockedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "code", "order", "path_model")
    list_filter = ("path_model",)
    inlines = [DirectionInline]

    def _path_model_of(self, obj):
        return obj.path_model


@admin.register(Direction)
class DirectionAdmin(LockedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "short_name", "level", "order")
    list_filter = ("level__path_model",)

    def _path_model_of(self, obj):
        return obj.level.path_model


class _AreaChildInline(_InlineLock, admin.TabularInline):
    def _path_model_of(self, obj):
        return obj.path_model if isinstance(obj, Area) else obj.area.path_model

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer only the levels and directions of the area's own version.
        area_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
        if area_id and db_field.name in ("level", "direction"):
            area = Area.objects.filter(pk=area_id).first()
            if area:
                qs = Level.objects.filter(path_model=area.path_model_id) if db_field.name == "level" else (
                    Direction.objects.filter(level__path_model=area.path_model_id).select_related("level")
                )
                kwargs["queryset"] = qs
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class DescriptorInline(_AreaChildInline):
    model = Descriptor
    fields = ("level", "direction", "text")


class StatementInline(_AreaChildInline):
    model = Statement
    fields = ("level", "direction", "order", "code", "text")


@admin.register(Area)
class AreaAdmin(LockedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "code", "path_model", "order")
    list_filter = ("path_model",)
    search_fields = ("name", "code", "description")
    inlines = [DescriptorInline, StatementInline]

    def _path_model_of(self, obj):
        return obj.path_model


@admin.register(Statement)
class StatementAdmin(LockedAdminMixin, admin.ModelAdmin):
    list_display = ("text", "code", "area", "level", "direction", "order")
    list_filter = ("area__path_model", "level__name", "area__name")
    search_fields = ("text", "code")
    list_select_related = ("area__path_model", "level", "direction__level")

    def _path_model_of(self, obj):
        return obj.area.path_model


# Plans and their PDFs are not in admin: a plan shows a person's levels, and per-person
# results of anonymous rounds are visible to nobody, Django admin included.


admin.site.site_header = _lazy("REXVET Paths administration")
admin.site.site_title = _lazy("REXVET Paths")
