"""Production: every secret comes from the environment; nothing falls back quietly."""

from .base import *  # noqa: F401,F403
from .base import env_bool, env_int, env_str, env_url

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 40:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 40 characters long.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60, minimum=0)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND")
# Links in e-mails: required, and https, in production.
REXVET_SITE_URL = env_url("REXVET_SITE_URL", env_str("REXVET_SITE_URL"), schemes=("https",)).rstrip("/")
