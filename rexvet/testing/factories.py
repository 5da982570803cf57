"""Factories for tests across the apps."""

from datetime import timedelta

import factory
from django.utils import timezone

from mapping.models import Round
from rexvet.accounts.models import Membership, Organisation, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@school.example")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-1")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"VET school {n}")
    slug = factory.Sequence(lambda n: f"vet-school-{n}")
    country = "FI"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.STAFF
    department = "Hospitality"
    job_role = "Teacher"


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    name = factory.Sequence(lambda n: f"Mapping round {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    is_anonymous = False
