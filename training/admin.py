"""Project admins edit the training package here: modules with their areas and ordered
activities, quizzes with their questions, questions with their answer choices.

A module that people are enrolled in cannot be deleted, and neither can an activity
someone has worked on (PROTECT): the admin says why instead of deleting or failing.
"""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.utils.translation import gettext_lazy

from .models import Activity, Enrolment, Module, ModuleArea, QuizChoice, QuizQuestion


class ModuleAreaInline(admin.TabularInline):
    model = ModuleArea
    extra = 0
    verbose_name_plural = gettext_lazy("areas covered (codes of the competence areas)")


# Links typed without a scheme are https (Django 6's default, chosen now).
URL_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class ActivityInline(admin.StackedInline):
    model = Activity
    formfield_overrides = URL_HTTPS
    extra = 0
    ordering = ("order",)
    fields = (("order", "kind", "required"), "title", "body", ("url", "pass_mark_percent"))
    show_change_link = True  # a quiz's questions are edited on the activity's own page


def _enrolled_message(module: Module, count: int) -> str:
    return ngettext(
        "Module %(module)s cannot be deleted: %(count)d person is enrolled in it, and their "
        "progress, reflections, quiz attempts and evidence belong to it. Edit the module instead.",
        "Module %(module)s cannot be deleted: %(count)d people are enrolled in it, and their "
        "progress, reflections, quiz attempts and evidence belong to it. Edit the module instead.",
        count,
    ) % {"module": module, "count": count}


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "path_model_code", "level_code", "direction_code", "estimated_hours", "enrolled")
    list_filter = ("path_model_code", "level_code", "direction_code")
    search_fields = ("code", "title")
    fields = (
        ("code", "path_model_code"),
        "title",
        ("level_code", "direction_code"),
        "summary",
        "for_you_if",
        "outcomes",
        "topics",
        "estimated_hours",
    )
    inlines = [ModuleAreaInline, ActivityInline]
    actions = ["delete_unused"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(enrolment_count=Count("enrolments"))

    @admin.display(description=gettext_lazy("enrolled"), ordering="enrolment_count")
    def enrolled(self, module: Module) -> int:
        return module.enrolment_count

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # replaced by delete_unused, which checks first
        return actions

    @admin.action(description=gettext_lazy("Delete selected modules (only those nobody is enrolled in)"), permissions=["delete"])
    def delete_unused(self, request, queryset):
        used = list(queryset.filter(enrolments__isnull=False).distinct())
        if used:
            for module in used:
                count = Enrolment.objects.filter(module=module).count()
                self.message_user(request, _enrolled_message(module, count), messages.ERROR)
            return None
        return delete_selected(self, request, queryset)

    def delete_view(self, request, object_id, extra_context=None):
        module = self.get_object(request, object_id)
        if module is not None:
            count = Enrolment.objects.filter(module=module).count()
            if count:
                self.message_user(request, _enrolled_message(module, count), messages.ERROR)
                return redirect(reverse("admin:training_module_change", args=[module.pk]))
        return super().delete_view(request, object_id, extra_context)


class QuizQuestionInline(admin.TabularInline):
    model = QuizQuestion
    extra = 0
    ordering = ("order",)
    fields = ("order", "text", "multiple")
    show_change_link = True  # the answer choices are edited on the question's own page


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    formfield_overrides = URL_HTTPS
    list_display = ("module", "order", "title", "kind", "required")
    list_filter = ("module", "kind")
    list_select_related = ("module",)
    ordering = ("module__code", "order")
    fields = ("module", ("order", "kind", "required"), "title", "body", ("url", "pass_mark_percent"))
    inlines = [QuizQuestionInline]

    def get_inlines(self, request, obj):
        return [QuizQuestionInline] if obj is not None and obj.kind == Activity.Kind.QUIZ else []


class ChoiceFormSet(BaseInlineFormSet):
    """A single-choice question has exactly one correct answer; a multiple-choice question
    at least one."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        correct = sum(1 for f in kept if f.cleaned_data.get("correct"))
        if len(kept) < 2:
            raise ValidationError(_("Give at least two answer choices."))
        if self.instance.multiple and correct < 1:
            raise ValidationError(_("Mark at least one answer as correct."))
        if not self.instance.multiple and correct != 1:
            raise ValidationError(_("A single-choice question has exactly one correct answer: mark one, or allow several answers."))


class QuizChoiceInline(admin.TabularInline):
    model = QuizChoice
    formset = ChoiceFormSet
    extra = 0
    ordering = ("order",)
    fields = ("order", "text", "correct")


@admin.register(QuizQuestion)
class QuizQuestionAdmin(admin.ModelAdmin):
    list_display = ("activity", "order", "text", "multiple")
    list_select_related = ("activity__module",)
    list_filter = ("activity__module",)
    ordering = ("activity__module__code", "activity__order", "order")
    inlines = [QuizChoiceInline]
