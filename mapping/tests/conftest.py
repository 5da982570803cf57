"""Fixtures of the self-assessment tests; the personas come from rexvet.testing.plugin."""

import pytest

from mapping.services import response_start


@pytest.fixture
def draft(open_round, staff):
    """`staff` has started the open round and saved nothing yet."""
    return response_start(round=open_round, user=staff)
