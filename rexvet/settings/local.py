"""The embedded default for a laptop: SQLite, a file-system broker, e-mail on the console."""

from .base import *  # noqa: F401,F403
from .base import env_bool, env_str

# The demo shows the product's own error pages; set DJANGO_DEBUG=1 for Django's debug pages.
DEBUG = env_bool("DJANGO_DEBUG", False)
# A fixed key is fine here: this settings module is for local use only.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "local-development-only-not-a-secret")
