from django import forms
from django.utils.translation import gettext_lazy as _

from pathways.models import Direction, Statement

from .models import Answer


def field_name(statement: Statement) -> str:
    return f"s{statement.id}"


class SurveyPageForm(forms.Form):
    """One area's statements. Blanks are allowed while drafting; submit checks them all."""

    def __init__(self, *args, statements: list[Statement], **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = statements
        for s in statements:
            self.fields[field_name(s)] = forms.ChoiceField(
                label=s.text,
                choices=Answer.Value.choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose one of the four answers.")},
            )

    def answers(self) -> dict[int, str]:
        return {s.id: self.cleaned_data[field_name(s)] for s in self.statements if self.cleaned_data.get(field_name(s))}

    def rows(self):
        """(statement, bound field) pairs, grouped by the template on level and direction."""
        return [(s, self[field_name(s)]) for s in self.statements]


class DirectionForm(forms.Form):
    NO_PREFERENCE = "none"

    direction = forms.ChoiceField(
        label=_("At the Advanced level, which direction interests you more?"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("It decides your next step wherever Advanced is next for you; the other direction is offered as a way to broaden."),
    )

    def __init__(self, *args, directions: list[Direction], **kwargs):
        super().__init__(*args, **kwargs)
        self.directions = {d.code: d for d in directions}
        self.fields["direction"].choices = [(d.code, d.name) for d in directions] + [
            (self.NO_PREFERENCE, _("No preference yet"))
        ]

    def chosen(self) -> Direction | None:
        return self.directions.get(self.cleaned_data.get("direction") or "")
