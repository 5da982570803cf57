"""Forms of the coordinator pages: opening a round, inviting staff."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pathways.models import PathModel

from .invitations import Invitee, InviteesInvalid, RowProblem, invitees_from_csv, invitees_from_text
from .models import Round

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RoundOpenForm(forms.ModelForm):
    is_anonymous = forms.TypedChoiceField(
        label=_("Who sees the answers"),
        choices=[
            ("false", _("Named: coordinators see each person's level per area")),
            ("true", _("Anonymous: coordinators see only totals of groups of at least the minimum size")),
        ],
        coerce=lambda value: value == "true",
        initial="false",
        widget=forms.RadioSelect,
        help_text=_("Staff are told this before they start. It cannot change once anyone has answered."),
    )
    min_group_size = forms.IntegerField(
        label=_("Minimum group size"),
        initial=5,
        min_value=2,
        max_value=1000,
        help_text=_("In an anonymous round, no figure is shown for a smaller group."),
    )

    class Meta:
        model = Round
        fields = ["name", "opens_on", "closes_on", "path_model", "is_anonymous", "min_group_size"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}
        labels = {"path_model": _("Path model version")}
        help_texts = {"path_model": _("Only published versions can be used; the round asks about this version.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["path_model"].queryset = PathModel.objects.published()
        self.fields["path_model"].empty_label = None
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("opens_on", today)
            latest = PathModel.objects.published().order_by("-published_at", "-pk").first()
            if latest:
                self.initial.setdefault("path_model", latest.pk)

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < timezone.localdate():
            raise forms.ValidationError(_("The closing date has passed: choose today or a later day."))
        return closes_on


def _problem_message(problem: RowProblem) -> str:
    return _("Line %(line)s: %(reasons)s") % {"line": problem.line, "reasons": " ".join(problem.reasons)}


class _InviteForm(forms.Form):
    """Shared: the checked people end up in `invitees`, the bad rows in `problems`."""

    invitees: list[Invitee]
    problems: list[RowProblem]

    def _check(self, field: str, read) -> None:
        self.invitees, self.problems = [], []
        try:
            self.invitees = read()
        except InviteesInvalid as invalid:
            if invalid.file_error:
                self.add_error(field, invalid.file_error)
                return
            self.problems = invalid.problems
            self.add_error(
                field,
                ngettext(
                    "%(count)s row has a problem, so nothing was imported. Correct it and try again:",
                    "%(count)s rows have problems, so nothing was imported. Correct them and try again:",
                    len(invalid.problems),
                )
                % {"count": len(invalid.problems)},
            )
            for problem in invalid.problems:
                self.add_error(field, _problem_message(problem))


class InvitePasteForm(_InviteForm):
    addresses = forms.CharField(
        label=_("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "autocomplete": "off"}),
        help_text=_("One per line, or separated by commas or semicolons."),
    )

    def clean(self):
        cleaned = super().clean()
        if "addresses" in cleaned:
            self._check("addresses", lambda: invitees_from_text(cleaned["addresses"]))
        return cleaned


class InviteUploadForm(_InviteForm):
    file = forms.FileField(
        label=_("CSV file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=_(
            "The first line names the columns: name, email, department, job_role (only email is required). "
            "UTF-8, with commas or semicolons. The whole file is checked first: if any row has a problem, "
            "nothing is imported."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        if upload.size > MAX_UPLOAD_BYTES:
            self.add_error("file", _("The file is larger than 2 MB: split it into smaller files."))
            return cleaned
        self._check("file", lambda: invitees_from_csv(upload.read()))
        return cleaned
