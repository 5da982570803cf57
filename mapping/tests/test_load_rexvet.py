"""`manage.py load_rexvet --demo` loads the model, the catalogue and the demo partnership, once."""

from collections import Counter
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from mapping.models import Round
from pathways.models import Area, Descriptor, Direction, Level, PathModel, Statement
from rexvet.accounts.models import Membership, Organisation, User
from rexvet.demo import ORGANISATIONS, demo_logins
from training.models import Module

PARTNERS = [
    "Alfa-College",
    "Centro San Viator",
    "ENAC",
    "Invalidisäätiö",
    "Kuressaare Ametikool",
    "Luovi",
]


def load() -> str:
    out = StringIO()
    call_command("load_rexvet", "--demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """Every row the command writes, by table, as ids."""
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (
            PathModel, Level, Direction, Area, Statement, Descriptor, Module,
            Organisation, User, Membership, Round, EmailAddress,
        )
    }


@pytest.fixture
def loaded(db):
    return load()


def test_it_loads_one_path_model_with_its_levels_areas_and_directions(loaded):
    model = PathModel.objects.get()
    assert (model.code, model.version, model.status, model.threshold_percent) == ("rexvet", 1, "published", 80)
    assert list(Level.objects.order_by("order").values_list("code", flat=True)) == ["rookie", "advanced", "expert"]
    assert list(Direction.objects.order_by("order").values_list("level__code", "code")) == [
        ("advanced", "at-home"),
        ("advanced", "abroad"),
    ]
    assert list(Area.objects.order_by("order").values_list("code", flat=True)) == [
        "eu-context",
        "vet-systems",
        "language",
        "multicultural",
        "projects",
        "strategy",
    ]


def test_it_loads_three_statements_and_one_descriptor_per_area_and_track(loaded):
    tracks = [("rookie", None), ("advanced", "at-home"), ("advanced", "abroad"), ("expert", None)]
    areas = list(Area.objects.values_list("code", flat=True))

    statements = Counter(Statement.objects.values_list("area__code", "level__code", "direction__code"))
    descriptors = Counter(Descriptor.objects.values_list("area__code", "level__code", "direction__code"))

    assert Statement.objects.count() == 72
    assert Descriptor.objects.count() == 24
    assert statements == {(area, level, direction): 3 for area in areas for level, direction in tracks}
    assert descriptors == {(area, level, direction): 1 for area in areas for level, direction in tracks}


def test_it_loads_the_four_modules(loaded):
    modules = Module.objects.order_by("code").values_list("code", "path_model_code", "level_code", "direction_code")

    assert list(modules) == [
        ("1", "rexvet", "rookie", ""),
        ("2.1", "rexvet", "advanced", "at-home"),
        ("2.2", "rexvet", "advanced", "abroad"),
        ("3", "rexvet", "expert", ""),
    ]


def test_it_loads_the_six_partners(loaded):
    assert list(Organisation.objects.order_by("name").values_list("name", flat=True)) == PARTNERS
    assert sorted(name for name, *_ in ORGANISATIONS) == PARTNERS


def test_it_creates_every_demo_person_and_the_admin(loaded):
    people = [person for *_, persons in ORGANISATIONS for person in persons]
    assert len(people) == 19

    assert User.objects.count() == 20
    assert sorted(User.objects.values_list("email", flat=True)) == sorted(email for *_, email in demo_logins())
    assert list(User.objects.filter(is_superuser=True).values_list("email", "is_staff")) == [
        ("admin@rexvet.example", True)
    ]
    assert Membership.objects.count() == 19
    assert Membership.objects.filter(role="coordinator").count() == 6
    assert User.objects.filter(memberships__isnull=True).count() == 1


def test_every_demo_user_has_a_verified_primary_address(loaded):
    for user in User.objects.all():
        addresses = list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary"))
        assert addresses == [(user.email, True, True)]
    assert EmailAddress.objects.count() == 20


def test_every_demo_user_can_sign_in_with_the_demo_password(loaded):
    for user in User.objects.all():
        assert user.check_password("rexvet-demo"), user.email


def test_it_opens_one_round_per_partner_today(loaded):
    rounds = Round.objects.open()

    assert Round.objects.count() == 6
    assert rounds.count() == 6
    assert sorted(rounds.values_list("organisation__name", flat=True)) == PARTNERS
    assert set(rounds.values_list("path_model__code", flat=True)) == {"rexvet"}
    assert list(rounds.filter(is_anonymous=True).values_list("organisation__slug", flat=True)) == ["alfa-college"]


def test_demo_staff_member_with_estonian_letters_exists(loaded):
    ulle = User.objects.get(full_name="Ülle Mäe-Õunapuu")

    assert ulle.email == "ulle.mae-ounapuu@kuressaare.example"
    membership = ulle.memberships.select_related("organisation").get()
    assert (membership.organisation.name, membership.role, membership.department, membership.job_role) == (
        "Kuressaare Ametikool",
        "staff",
        "Tourism",
        "Teacher",
    )


def test_running_it_twice_changes_nothing(loaded):
    before = snapshot()

    again = load()

    assert snapshot() == before
    assert {name: len(ids) for name, ids in before.items()} == {
        "PathModel": 1,
        "Level": 3,
        "Direction": 2,
        "Area": 6,
        "Statement": 72,
        "Descriptor": 24,
        "Module": 4,
        "Organisation": 6,
        "User": 20,
        "Membership": 19,
        "Round": 6,
        "EmailAddress": 20,
    }
    assert "already there" in again
    assert "Demo: 6 organisations, 19 people, 6 open rounds" in again
