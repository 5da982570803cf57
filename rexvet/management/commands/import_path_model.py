import json

from django.core.management.base import BaseCommand, CommandError

from pathways.portable import ImportRefused, import_document


class Command(BaseCommand):
    help = "Import a portable path-model JSON document as the next version (a draft unless --publish)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--publish", action="store_true", help="Publish the new version at once (after checking it).")

    def handle(self, *args, file: str, publish: bool, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as problem:
            raise CommandError(f"Cannot read {file}: {problem}") from None
        try:
            model = import_document(document, publish=publish)
        except ImportRefused as refused:
            raise CommandError(
                f"{len(refused.errors)} problem(s); nothing was imported:\n" + "\n".join(f"  {e}" for e in refused.errors)
            ) from None
        self.stdout.write(f"Imported {model}")
