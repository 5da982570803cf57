"""Signing in with an e-mail address that is unique whatever its letter case."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from rexvet.accounts.models import User

PASSWORD = "pw-for-tests-1"
# The add-user page has the membership inline: its (empty) management form must be posted.
NO_MEMBERSHIPS = {"memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"}


@pytest.fixture
def verified(db):
    user = User.objects.create_user(email="ann@school.example", password=PASSWORD, full_name="Ann Example")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


# --- Unique whatever the letter case -----------------------------------------------


def test_create_user_stores_the_email_lower_cased(db):
    user = User.objects.create_user(email="Ann@X.example", password=PASSWORD)
    user.refresh_from_db()
    assert user.email == "ann@x.example"


def test_create_user_refuses_a_case_variant_of_an_existing_email(db):
    User.objects.create_user(email="Ann@X.example", password=PASSWORD)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="ann@x.example", password=PASSWORD)
    assert User.objects.count() == 1


def test_the_database_refuses_a_case_variant_saved_without_normalising(db):
    # A raw save skips the manager's lower-casing: only the Lower("email") constraint
    # stands in the way (a plain unique column compares case-sensitively).
    User(email="b@x.example").save()
    with pytest.raises(IntegrityError), transaction.atomic():
        User(email="B@x.example").save()
    assert list(User.objects.values_list("email", flat=True)) == ["b@x.example"]


def test_model_validation_lower_cases_and_finds_a_case_variant(db):
    User(email="b@x.example").save()
    with pytest.raises(ValidationError) as e:
        User(email="B@X.example", password="x").full_clean()
    assert e.value.message_dict == {"email": ["User with this E-mail address already exists."]}


def test_createsuperuser_refuses_a_case_variant(db, monkeypatch):
    User.objects.create_user(email="admin@rexvet.example", password=PASSWORD)
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "another-pw-for-tests-2")
    with pytest.raises(CommandError) as e:
        call_command("createsuperuser", "--noinput", "--email", "Admin@REXVET.example", verbosity=0)
    assert str(e.value) == "Error: That e-mail address is already taken."
    assert User.objects.count() == 1


def test_createsuperuser_stores_a_new_email_lower_cased(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "another-pw-for-tests-2")
    call_command("createsuperuser", "--noinput", "--email", "Admin@REXVET.example", verbosity=0)
    user = User.objects.get()
    assert (user.email, user.is_staff, user.is_superuser) == ("admin@rexvet.example", True, True)
    assert user.check_password("another-pw-for-tests-2")


def test_admin_add_user_refuses_a_case_variant_next_to_the_field(client, project_admin, staff):
    client.force_login(project_admin)
    r = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "ULLE@Kuressaare.example",
            "full_name": "Another Ülle",
            "password1": "Quite-long-pw-2026",
            "password2": "Quite-long-pw-2026",
            **NO_MEMBERSHIPS,
        },
    )
    assert r.status_code == 200
    form = r.context["adminform"].form
    assert form.errors == {"email": ["A user with this e-mail address already exists."]}
    assert User.objects.filter(email__iexact="ulle@kuressaare.example").count() == 1


def test_admin_add_user_stores_a_new_email_lower_cased(client, project_admin):
    client.force_login(project_admin)
    r = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "New.Person@School.example",
            "full_name": "New Person",
            "password1": "Quite-long-pw-2026",
            "password2": "Quite-long-pw-2026",
            **NO_MEMBERSHIPS,
        },
    )
    assert r.status_code == 302
    assert User.objects.filter(email="new.person@school.example").count() == 1


# --- Signing in -------------------------------------------------------------------


def test_it_signs_in_with_the_email_in_another_letter_case(client, verified):
    r = client.post("/accounts/login/", {"login": "ANN@School.Example", "password": PASSWORD})
    assert (r.status_code, r["Location"]) == (302, "/")
    assert client.session["_auth_user_id"] == str(verified.pk)


def test_a_wrong_password_does_not_sign_in(client, verified):
    r = client.post("/accounts/login/", {"login": "ann@school.example", "password": "wrong-pw"})
    assert r.status_code == 200
    assert "_auth_user_id" not in client.session
    assert r.context["form"].non_field_errors() == [
        "The email address and/or password you specified are not correct."
    ]


def test_an_unverified_user_is_not_signed_in_but_sent_a_verification_mail(client, db):
    user = User.objects.create_user(email="ben@school.example", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    r = client.post("/accounts/login/", {"login": "Ben@School.example", "password": PASSWORD})
    assert (r.status_code, r["Location"]) == (302, "/accounts/confirm-email/")
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ben@school.example"]


def test_a_user_without_membership_is_sent_from_home_to_welcome(client, verified):
    client.force_login(verified)
    r = client.get("/")
    assert (r.status_code, r["Location"]) == (302, "/welcome/")
    r = client.get("/welcome/")
    assert r.status_code == 200
    assert "You are not part of an organisation yet" in r.content.decode()
    assert (
        "Ask your organisation's international coordinator to add you; then your self-assessment will appear here."
        in r.content.decode()
    )


def test_a_member_is_sent_from_welcome_to_home(client, staff):
    client.force_login(staff)
    r = client.get("/welcome/")
    assert (r.status_code, r["Location"]) == (302, "/")


def test_welcome_needs_signing_in(client, db):
    r = client.get("/welcome/")
    assert (r.status_code, r["Location"]) == (302, "/accounts/login/?next=/welcome/")


def test_password_reset_sends_an_email_to_a_known_address(client, verified):
    r = client.post("/accounts/password/reset/", {"email": "Ann@School.example"})
    assert (r.status_code, r["Location"]) == (302, "/accounts/password/reset/done/")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ann@school.example"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_password_reset_sends_no_reset_link_to_an_unknown_address(client, verified):
    r = client.post("/accounts/password/reset/", {"email": "nobody@school.example"})
    assert (r.status_code, r["Location"]) == (302, "/accounts/password/reset/done/")
    # allauth tells an unknown address that it has no account, without a reset link.
    assert [m.to for m in mail.outbox] == [["nobody@school.example"]]
    assert "/accounts/password/reset/key/" not in mail.outbox[0].body
