from django.core.management.base import BaseCommand

from badges import keys


class Command(BaseCommand):
    help = (
        "Make the RSA key that signs Open Badges 3.0 credentials, in REXVET_BADGE_KEY_DIR "
        "(outside the repository). Does nothing when a key exists, unless --rotate. Prints the key id."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Add a new key that signs from now on; older keys stay published so their credentials still verify.",
        )

    def handle(self, *args, rotate: bool, **options):
        existing = keys.kids()
        if existing and not rotate:
            self.stderr.write(f"A signing key exists in {keys.key_dir()}; nothing to do (use --rotate for a new one).")
            self.stdout.write(existing[-1])
            return
        kid = keys.key_generate()
        self.stderr.write(f"New signing key in {keys.key_dir()}.")
        self.stdout.write(kid)
