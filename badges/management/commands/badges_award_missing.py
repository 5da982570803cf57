from django.core.management.base import BaseCommand

from badges.services import badges_award_missing


class Command(BaseCommand):
    help = "Award the module badges that completed modules earned but have not got (e.g. completed while no worker ran). Safe to run twice."

    def handle(self, *args, **options):
        self.stdout.write(f"Awarded {badges_award_missing()} module badges.")
