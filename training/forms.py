from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rexvet.lib.filetypes import ACCEPTED_EXTENSIONS, MAX_UPLOAD_BYTES, FileRefused, upload_check

from .selectors import PathLabels


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters: a GET form, so it works without JavaScript."""

    level = forms.ChoiceField(label=_("Level"), required=False)
    direction = forms.ChoiceField(label=_("Direction"), required=False)
    area = forms.ChoiceField(label=_("Competence area"), required=False)

    def __init__(self, *args, labels: PathLabels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", _("All levels"))] + [(lv.code, lv.name) for lv in labels.levels]
        self.fields["direction"].choices = [("", _("All directions"))] + [(d.code, d.name) for d in labels.directions]
        self.fields["area"].choices = [("", _("All areas"))] + [(a.code, a.name) for a in labels.areas]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=_("My reflection"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10, "class": "form-control"}),
        help_text=_("Saved as a draft each time you save. Only you can read it."),
    )


class QuizForm(forms.Form):
    """One field per question: radio buttons for single choice, check boxes for several."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            choices = [(str(c.pk), c.text) for c in question.choices.all()]
            if question.multiple:
                field = forms.MultipleChoiceField(
                    label=question.text, choices=choices, widget=forms.CheckboxSelectMultiple,
                    error_messages={"required": _("Choose at least one answer.")},
                )
            else:
                field = forms.ChoiceField(
                    label=question.text, choices=choices, widget=forms.RadioSelect,
                    error_messages={"required": _("Choose an answer.")},
                )
            self.fields[f"q{question.pk}"] = field

    def rows(self):
        return [(question, self[f"q{question.pk}"]) for question in self.questions]

    def answers(self) -> dict[int, set[int]]:
        found = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}") or []
            found[question.pk] = {int(v) for v in ([value] if isinstance(value, str) else value)}
        return found


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.FileInput(attrs={"class": "form-control", "accept": ",".join(f".{ext}" for ext in ACCEPTED_EXTENSIONS)}),
        help_text=_("PDF, image (PNG, JPEG, GIF, WebP) or Office document (Word, Excel, PowerPoint), at most %(limit)d MB.")
        % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
    )
    link = forms.URLField(
        label=_("Or a link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "form-control"}),
        help_text=_("For example a shared document or a web page. Make sure your coordinator can open it."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
        help_text=_("What this is and how it shows what the task asks for."),
    )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file:
            try:
                upload_check(file, name=file.name, size=file.size)
            except FileRefused as refused:
                raise ValidationError(str(refused), code="refused") from None
        return file

    def clean(self):
        data = super().clean()
        has_file, has_link = bool(data.get("file")), bool(data.get("link"))
        if "file" in self.errors:
            return data
        if has_file and has_link:
            raise ValidationError(_("Give a file or a link, not both."))
        if not has_file and not has_link:
            self.add_error("file", _("Upload a file or give a link."))
        return data


class ReviewForm(forms.Form):
    APPROVE, RETURN = "approve", "return"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (RETURN, _("Return for changes"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose approve or return.")},
    )
    comment = forms.CharField(
        label=_("Comment to the staff member"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
        help_text=_("Required when you return the evidence: say what to change."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say what to change: a returned evidence needs a comment."))
        return data
