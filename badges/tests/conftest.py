"""Badge fixtures on top of the personas in rexvet/testing/plugin.py."""

from datetime import datetime, timezone

import pytest

# When the criteria of the `award` fixture were met (an evidence approval, say).
CRITERIA_MET = datetime(2026, 11, 20, 10, 15, 0, tzinfo=timezone.utc)


@pytest.fixture
def badge_classes(rexvet_model, org, other_org):
    """The REXVET issuers and badge classes, as load_rexvet loads them."""
    from badges.loading import badges_load

    badges_load(path_model_code=rexvet_model.code)
    from badges.models import BadgeClass

    return BadgeClass.objects.all()


@pytest.fixture
def module_badge(badge_classes):
    """The partnership's badge for completing module 1 (awarded by rule)."""
    return badge_classes.get(slug="rexvet-module-1")


@pytest.fixture
def prior_learning_badge(badge_classes, org):
    """`org`'s coordinator-awarded badge for prior learning against module 1's outcomes."""
    return badge_classes.get(slug=f"{org.slug}-module-1-prior-learning")


@pytest.fixture
def award(module_badge, staff, org):
    """`staff` holds the module 1 badge, criteria met on CRITERIA_MET."""
    from badges.services import badge_award

    return badge_award(recipient=staff, badge_class=module_badge, organisation=org, issued_on=CRITERIA_MET).assertion


@pytest.fixture
def badge_key(settings, tmp_path):
    """A signing key of the test's own, in a fresh key folder; returns its kid."""
    import io

    from django.core.management import call_command

    settings.REXVET_BADGE_KEY_DIR = tmp_path / "keys"
    out = io.StringIO()
    call_command("badges_keygen", stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


@pytest.fixture
def packaged(rexvet_model):
    """The modules with the areas they cover, as `make demo` loads the training package."""
    from training.loading import package_load, rexvet_modules

    package_load(path_model_code=rexvet_model.code, modules=rexvet_modules())
