"""CI runs on the real services. On a laptop without them these skip; in CI they must pass."""

import os

import pytest
from django.conf import settings
from django.db import connection

from rexvet.testing.plugin import require_or_skip


@pytest.mark.django_db
def test_database_is_postgresql_when_database_url_says_so():
    require_or_skip(os.environ.get("DATABASE_URL", "").startswith("postgres"), "DATABASE_URL is not a PostgreSQL URL")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 130000


def test_broker_is_redis_and_answers():
    require_or_skip(settings.CELERY_BROKER_URL.startswith("redis://"), "CELERY_BROKER_URL is not a Redis URL")
    from rexvet.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)
        assert conn.transport.driver_type == "redis"
        assert conn.default_channel.client.ping() is True
