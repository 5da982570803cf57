from django.core.management.base import BaseCommand, CommandError

from pathways.models import PathModel
from pathways.portable import dumps, export_document


class Command(BaseCommand):
    help = "Write one path-model version as a portable JSON document (format version 1)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="The path model's code, e.g. rexvet.")
        parser.add_argument("--model-version", dest="model_version", type=int, help="Default: the newest published version.")
        parser.add_argument("--output", "-o", help="File to write; default standard output.")

    def handle(self, *args, code: str, model_version: int | None, output: str | None, **options):
        versions = PathModel.objects.filter(code=code)
        model = versions.filter(version=model_version).first() if model_version else versions.published().order_by("-version").first()
        if model is None:
            raise CommandError(f"No such path model: {code}" + (f" version {model_version}" if model_version else " (published)"))
        text = dumps(export_document(model))
        if output:
            with open(output, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            self.stderr.write(f"Wrote {model} to {output}")
        else:
            # self.stdout, so that call_command(..., stdout=...) receives the document.
            self.stdout.write(text, ending="")
