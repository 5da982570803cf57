"""Serve the demo: the web server and a real Celery worker side by side.

Ctrl-C or SIGTERM (also to the process group) stops both.
"""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from rexvet.demo import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "Run the web server and a Celery worker for the demo."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, port: int, **options):
        # Links in the e-mails the worker sends (invitations, reminders) point at this server.
        env = {"REXVET_SITE_URL": f"http://127.0.0.1:{port}", **os.environ, "PYTHONUNBUFFERED": "1"}
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "rexvet", "worker", "--pool=solo", "--loglevel=INFO"],
            env=env,
        )
        web = subprocess.Popen(
            # --insecure: serve static files also when DEBUG is off (the demo only).
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"], env=env
        )
        children = [worker, web]

        def stop(signum, frame):
            for child in children:
                if child.poll() is None:
                    child.terminate()
            deadline = time.monotonic() + 10
            for child in children:
                try:
                    child.wait(timeout=max(deadline - time.monotonic(), 0.1))
                except subprocess.TimeoutExpired:
                    child.kill()
            sys.exit(0)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)

        broker = settings.CELERY_BROKER_URL.split("://")[0]
        database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        lines = [
            "",
            "REXVET Paths demo",
            f"  Open http://127.0.0.1:{port}/  (database: {database}, Celery broker: {broker})",
            f"  Every demo login uses the password: {DEMO_PASSWORD}",
        ]
        for org, role, email in demo_logins():
            lines.append(f"    {email:<40} {role:<12} {org}")
        lines.append("  Admin: /admin/ (as the project admin).  Stop with Ctrl-C.")
        self.stdout.write("\n".join(lines) + "\n")

        while True:
            for child in children:
                if child.poll() is not None:
                    self.stderr.write(f"A demo process stopped (exit {child.returncode}); stopping the rest.")
                    stop(None, None)
            time.sleep(0.5)
