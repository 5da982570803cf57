"""Forms of the development plan: the owner's edits, the ask, the coordinator's decision."""

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Direction, PlanItem
from .services import PlanItemChange


class _DescribedErrors:
    """Point each field with an error at its message (aria-describedby), so that a screen
    reader reads the message with the field."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                ids = [f"{bound.auto_id}_error"] + ([f"{bound.auto_id}_helptext"] if bound.help_text else [])
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class PlanItemForm(_DescribedErrors, forms.Form):
    """One area of the plan. Levels are not here: only a new self-assessment changes them."""

    goals = forms.CharField(
        label=gettext_lazy("My goals in this area"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=gettext_lazy("What you want to be able to do, in your own words."),
    )
    target_date = forms.DateField(
        label=gettext_lazy("Target date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Enter a date, for example 2027-06-30.")},
    )

    def __init__(self, *args, item: PlanItem, directions: list[Direction], modules: dict, today: date, **kwargs):
        kwargs.setdefault("prefix", f"area-{item.area.code}")
        kwargs.setdefault(
            "initial",
            {
                "goals": item.goals,
                "target_date": item.target_date,
                "direction": item.direction.code if item.direction_id else None,
                "broaden": item.broaden,
            },
        )
        super().__init__(*args, **kwargs)
        self.item = item
        self.today = today
        if item.may_choose_direction:
            level_code = item.next_level.code
            self.fields["direction"] = forms.ChoiceField(
                label=_("Direction at %(level)s") % {"level": item.next_level.name},
                choices=[(d.code, _direction_choice(d, modules.get((level_code, d.code)))) for d in directions],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one of the directions.")},
                help_text=_("Your recommended module follows the direction you choose."),
            )
        if item.broaden_direction_id:
            self.fields["broaden"] = forms.BooleanField(
                label=_("Also take the other direction as a step to broaden"),
                required=False,
                help_text=_("Now: %(step)s.") % {"step": _direction_choice(item.broaden_direction, item.broaden_module)}
                if not item.may_choose_direction
                else _("The other direction is the one you did not choose above."),
            )

    def clean_target_date(self):
        value = self.cleaned_data.get("target_date")
        if not self.item.target_date_allowed(value, today=self.today):
            raise forms.ValidationError(_("The target date cannot be in the past: choose today or a later date."))
        return value

    def change(self) -> PlanItemChange:
        data = self.cleaned_data
        return PlanItemChange(
            goals=data.get("goals") or "",
            target_date=data.get("target_date"),
            direction=data.get("direction") or None,
            broaden=bool(data.get("broaden")),
        )


def _direction_choice(direction: Direction, module) -> str:
    if module is None:
        return direction.name
    return _("%(direction)s — module %(code)s %(title)s") % {
        "direction": direction.name,
        "code": module.code,
        "title": module.title,
    }


class PlanForm:
    """Every area of the plan in one form, one save button: valid when each area is."""

    def __init__(self, data=None, *, items: list[PlanItem], directions: dict[int, list[Direction]], modules: dict, today: date):
        self.forms = [
            PlanItemForm(
                data, item=item, directions=directions.get(item.next_level_id, []), modules=modules, today=today
            )
            for item in items
        ]

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms])  # a list: every area gets its errors

    @property
    def error_count(self) -> int:
        return sum(len(form.errors) for form in self.forms)

    def changes(self) -> dict[int, PlanItemChange]:
        return {form.item.pk: form.change() for form in self.forms}


class AskForm(_DescribedErrors, forms.Form):
    message = forms.CharField(
        label=gettext_lazy("A message to your coordinator (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class DecisionForm(_DescribedErrors, forms.Form):
    AGREE, RETURN = "agree", "return"

    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[(AGREE, gettext_lazy("Agree the plan")), (RETURN, gettext_lazy("Return it for changes"))],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose agree or return.")},
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment to the staff member"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        help_text=gettext_lazy("Required when you return the plan: say what to change."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say what to change: a returned plan needs a comment."))
        return data
