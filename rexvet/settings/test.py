"""Settings for the test suite.

The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL is set. The
SQLite test database is a file (not in memory) so that a Celery worker started by the
end-to-end tests can open the same database.
"""

from .base import *  # noqa: F401,F403
from .base import DATABASES, VAR_DIR

SECRET_KEY = "test-only-not-a-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

MEDIA_ROOT = VAR_DIR / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The tests' own broker folder, apart from the demo's.
if CELERY_BROKER_URL.startswith("filesystem://"):  # noqa: F405
    CELERY_BROKER_TRANSPORT_OPTIONS = {  # noqa: F405
        "data_folder_in": str(VAR_DIR / "test-celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "test-celery" / "queue"),
        "control_folder": str(VAR_DIR / "test-celery" / "control"),
    }
