"""Who is told when a module is completed.

Downstream apps (badges) register a listener here instead of training importing them, so
imports keep flowing one way. A listener gets the enrolment's id after the transaction that
completed it commits; `badges` registers the task that awards the module's badge (see
badges/apps.py). No signals: the one place that announces a completion is
`training.services.enrolment_complete_if_done`.
"""

from collections.abc import Callable
from functools import partial

from django.db import transaction

_listeners: list[Callable[[int], None]] = []


def on_module_completed(listener: Callable[[int], None]) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def module_completed(enrolment_id: int) -> None:
    for listener in _listeners:
        transaction.on_commit(partial(listener, enrolment_id))
