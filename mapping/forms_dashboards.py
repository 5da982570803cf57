"""Forms of the dashboards: the department / job role filter, exports and targets."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import OrganisationTarget
from .selectors import ModelParts, Scope

# The filter's value for "no department (or job role) given"; "" is "all".
NOT_GIVEN = "-"


def _choice(value: str) -> str:
    return value if value else NOT_GIVEN


def _value(choice: str) -> str | None:
    if choice == "":
        return None
    return "" if choice == NOT_GIVEN else choice


class ScopeForm(forms.Form):
    department = forms.ChoiceField(label=_("Department"), required=False)
    job_role = forms.ChoiceField(label=_("Job role"), required=False)

    def __init__(self, data=None, *, departments: list[str], job_roles: list[str]):
        super().__init__(data)
        self.fields["department"].choices = [("", _("All departments"))] + [
            (_choice(d), d or _("No department given")) for d in departments
        ]
        self.fields["job_role"].choices = [("", _("All job roles"))] + [
            (_choice(j), j or _("No job role given")) for j in job_roles
        ]

    def scope(self, organisation_id: int) -> Scope:
        """The scope chosen; the whole organisation when nothing (or nothing valid) is."""
        if not self.is_bound or not self.is_valid():
            return Scope(organisation_id)
        return Scope(
            organisation_id,
            department=_value(self.cleaned_data["department"]),
            job_role=_value(self.cleaned_data["job_role"]),
        )

    def query(self) -> dict[str, str]:
        """The valid filter as query parameters, to carry into links and exports."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class ExportForm(forms.Form):
    TABLES = [
        ("participation", _("Participation")),
        ("levels", _("Levels per area")),
        ("targets", _("Targets")),
        ("trend", _("Trend across rounds")),
        ("people", _("Staff × area (named rounds)")),
    ]
    table = forms.ChoiceField(label=_("Table"), choices=TABLES, initial="levels")
    delimiter = forms.ChoiceField(
        label=_("Separator"),
        choices=[("comma", _("Comma ( , )")), ("semicolon", _("Semicolon ( ; ), decimal comma"))],
        initial="comma",
        widget=forms.RadioSelect,
    )

    def __init__(self, data=None, *, anonymous: bool, **kwargs):
        super().__init__(data, **kwargs)
        if anonymous:
            # An anonymous round has no table of people to export.
            self.fields["table"].choices = [c for c in self.TABLES if c[0] != "people"]


class TargetForm(forms.ModelForm):
    area_code = forms.ChoiceField(label=_("Competence area"))
    level_code = forms.ChoiceField(label=_("At or above the level"))

    class Meta:
        model = OrganisationTarget
        fields = ["area_code", "level_code", "share_percent", "target_date"]
        widgets = {"target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "share_percent": _("Of all staff in the organisation, whole percent from 1 to 100."),
        }

    def __init__(self, *args, parts: ModelParts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area_code"].choices = [(a.code, a.name) for a in parts.areas]
        self.fields["level_code"].choices = [(lv.code, lv.name) for lv in parts.levels]
        self.fields["level_code"].help_text = _("Either direction counts, and so do the levels above it.")
        self.fields["target_date"].label = _("By (date)")

    def clean_target_date(self):
        from django.utils import timezone

        target_date = self.cleaned_data["target_date"]
        if target_date < timezone.localdate():
            raise forms.ValidationError(_("A target is for the future: choose a date from today on."))
        return target_date
