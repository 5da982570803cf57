from django.core.management.base import BaseCommand

from badges.demo import demo_awards
from badges.loading import badges_load
from pathways.loading import path_model_ensure, rexvet_document
from rexvet.demo import demo_load
from training.loading import package_load, rexvet_modules


class Command(BaseCommand):
    help = "Load the REXVET path model and module catalogue (and, with --demo, the demo partnership). Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Also load the six demo organisations, people and rounds.")

    def handle(self, *args, demo: bool, **options):
        model, created = path_model_ensure(document=rexvet_document())
        self.stdout.write(f"Path model: {model} ({'created' if created else 'already there'})")
        package = package_load(path_model_code=model.code, modules=rexvet_modules())
        self.stdout.write(f"Training modules: {package.modules} ({package.activities} activities, {package.questions} quiz questions)")
        for kept in package.kept:
            self.stdout.write(f"Kept activity no longer in the package, because people have worked on it: {kept}")
        if demo:
            counts = demo_load(path_model=model)
            self.stdout.write(
                "Demo: {organisations} organisations, {people} people, {rounds} open rounds".format(**counts)
            )
        badges = badges_load(path_model_code=model.code)
        self.stdout.write(f"Badges: {badges.classes} badge classes from {badges.issuers} issuers")
        if demo:
            self.stdout.write(f"Demo badges: {demo_awards()} awarded now")
