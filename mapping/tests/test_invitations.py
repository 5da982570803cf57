"""Coordinators invite staff by pasting addresses or uploading a CSV; an invitation is an
e-mail with a link that joins the organisation. Re-inviting is harmless."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mapping import tasks
from mapping.invitations import (
    Invitee,
    InviteesInvalid,
    invitation_accept,
    invitations_create,
    invitations_send,
    invitees_from_csv,
    invitees_from_text,
)
from mapping.models import Invitation
from rexvet.accounts.models import Membership, User
from rexvet.testing.factories import UserFactory

INVITE = "/mapping/coordinate/organisations/{org}/invitations/"
LINK = "/mapping/invitations/{token}/"


@pytest.fixture
def run_tasks():
    """A task sent on commit runs at once, in this process: the worker's job, without one.
    (That it is sent only after the commit is test_the_task_is_sent_only_after_commit.)"""
    with mock.patch.object(
        tasks.send_invitations, "delay_on_commit", side_effect=lambda ids: tasks.send_invitations(ids)
    ):
        yield


def paste(client, org, text: str):
    return client.post(INVITE.format(org=org.pk), {"kind": "paste", "paste-addresses": text}, follow=True)


def upload(client, org, content: bytes):
    file = SimpleUploadedFile("staff.csv", content, content_type="text/csv")
    return client.post(INVITE.format(org=org.pk), {"kind": "csv", "csv-file": file})


def messages_of(reply) -> list[str]:
    return [str(m) for m in reply.context["messages"]]


# --- Reading pasted addresses -------------------------------------------------------------


def test_pasted_addresses_one_per_line_or_separated_by_commas_or_semicolons():
    text = "anna@school.example\nBEN@School.example, cai@school.example; dora@school.example\n\n"

    invitees = invitees_from_text(text)

    assert [i.email for i in invitees] == [
        "anna@school.example", "ben@school.example", "cai@school.example", "dora@school.example"]


def test_a_pasted_address_repeated_in_another_case_is_kept_once():
    assert [i.email for i in invitees_from_text("anna@school.example\nAnna@SCHOOL.example")] == ["anna@school.example"]


def test_addresses_copied_from_a_mail_program_keep_the_name():
    invitees = invitees_from_text('"Søren Bjørnsen" <soren@alfa.example>; Zoë Berg <zoe@alfa.example>')

    assert invitees == [
        Invitee(email="soren@alfa.example", full_name="Søren Bjørnsen"),
        Invitee(email="zoe@alfa.example", full_name="Zoë Berg"),
    ]


def test_every_bad_pasted_line_is_reported_with_its_number():
    with pytest.raises(InviteesInvalid) as caught:
        invitees_from_text("anna@school.example\nnot-an-address\nben@school.example, cai@\n")

    assert [(p.line, p.reasons) for p in caught.value.problems] == [
        (2, ("“not-an-address” is not a valid e-mail address.",)),
        (3, ("“cai@” is not a valid e-mail address.",)),
    ]


# --- Reading a CSV --------------------------------------------------------------------------

GOOD_CSV = (
    "name,email,department,job_role\n"
    "Anna Lind,anna@kuressaare.example,Tourism,Teacher\n"
    "Ben Kask,ben@kuressaare.example,Maritime,Trainer\n"
)


def test_a_good_csv_gives_every_person_with_their_details():
    assert invitees_from_csv(GOOD_CSV.encode()) == [
        Invitee("anna@kuressaare.example", "Anna Lind", "Tourism", "Teacher"),
        Invitee("ben@kuressaare.example", "Ben Kask", "Maritime", "Trainer"),
    ]


def test_a_utf8_bom_semicolon_csv_keeps_every_letter():
    content = "name;email;department;job_role\r\nØrsted-Łukasiewicz;ol@kuressaare.example;Õppetöö;Õpetaja\r\n"

    (invitee,) = invitees_from_csv(content.encode("utf-8-sig"))

    assert invitee == Invitee("ol@kuressaare.example", "Ørsted-Łukasiewicz", "Õppetöö", "Õpetaja")


def test_every_bad_csv_row_is_reported_with_its_line_and_reason():
    content = (
        "name,email,department,job_role\n"  # line 1
        "Anna Lind,anna@kuressaare.example,Tourism,Teacher\n"  # 2
        "Ben Kask,ben(at)kuressaare.example,Maritime,Trainer\n"  # 3: bad address
        "Cai Saar,cai@kuressaare.example,Care,Teacher\n"  # 4
        "\n"  # 5: blank, skipped
        "Dora Tamm,,Care,Teacher\n"  # 6: no address
        "Eva Mets,ANNA@kuressaare.example,Care,Teacher\n"  # 7: duplicate of line 2
        f"Fred Puu,fred@kuressaare.example,{'D' * 121},Teacher\n"  # 8: department too long
    )

    with pytest.raises(InviteesInvalid) as caught:
        invitees_from_csv(content.encode())

    assert [(p.line, p.reasons) for p in caught.value.problems] == [
        (3, ("“ben(at)kuressaare.example” is not a valid e-mail address.",)),
        (6, ("The e-mail address is missing.",)),
        (7, ("The e-mail address ANNA@kuressaare.example is already on line 2.",)),
        (8, ("The department is longer than 120 characters.",)),
    ]


def test_csv_with_three_bad_rows_through_the_page_imports_nothing(client, coordinator, org, run_tasks):
    content = (
        "name,email,department,job_role\n"
        "Anna Lind,anna@kuressaare.example,Tourism,Teacher\n"
        "Ben Kask,ben(at)kuressaare.example,Maritime,Trainer\n"
        "Cai Saar,cai@kuressaare.example,Care,Teacher\n"
        "Dora Tamm,,Care,Teacher\n"
        "Eva Mets,anna@kuressaare.example,Care,Teacher\n"
    )
    client.force_login(coordinator)

    reply = upload(client, org, content.encode())

    html = reply.content.decode()
    assert reply.status_code == 400
    assert "3 rows have problems, so nothing was imported. Correct them and try again:" in html
    assert re.findall(r"Line (\d+):", html) == ["3", "5", "6"]
    assert "Line 5: The e-mail address is missing." in html
    assert "Line 6: The e-mail address anna@kuressaare.example is already on line 2." in html
    assert Invitation.objects.count() == 0
    assert len(mail.outbox) == 0


def test_a_quoted_value_over_two_lines_keeps_the_line_numbers_right():
    content = 'name,email\n"Anna\nLind",anna@kuressaare.example\nBen,ben@\n'

    with pytest.raises(InviteesInvalid) as caught:
        invitees_from_csv(content.encode())

    assert [p.line for p in caught.value.problems] == [4]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,email\nÅsa,asa@x.example\n".encode("latin-1"), "The file is not UTF-8 text."),
        (b"", "The file is empty"),
        (b"name,email,department\n", "The file has a header line but no rows."),
        (b"name,department\nAnna,Care\n", "The first line must name the column email."),
        (b"name,email,departmnet\nAnna,a@x.example,Care\n", "columns this upload does not know: departmnet."),
    ],
    ids=["latin-1", "empty", "header-only", "no-email-column", "misspelt-column"],
)
def test_a_file_that_cannot_be_read_says_why(content, message):
    with pytest.raises(InviteesInvalid) as caught:
        invitees_from_csv(content)

    assert message in caught.value.file_error
    assert caught.value.problems == []


def test_header_may_say_e_mail_and_job_role_in_words():
    content = "Name;E-mail;Department;Job role\nAnna;anna@x.example;Care;Teacher\n"

    assert invitees_from_csv(content.encode()) == [Invitee("anna@x.example", "Anna", "Care", "Teacher")]


def test_a_row_with_more_values_than_columns_is_reported():
    with pytest.raises(InviteesInvalid) as caught:
        invitees_from_csv(b"name,email\nAnna,anna@x.example,Care\n")

    assert [(p.line, p.reasons) for p in caught.value.problems] == [
        (2, ("The row has more values than the first line has columns.",))]


# --- Inviting ---------------------------------------------------------------------------------


def test_the_bom_semicolon_csv_name_is_stored_exactly(client, coordinator, org, run_tasks):
    content = "name;email;department;job_role\nØrsted-Łukasiewicz;ol@kuressaare.example;Tourism;Teacher\n"
    client.force_login(coordinator)

    reply = upload(client, org, content.encode("utf-8-sig"))

    invitation = Invitation.objects.get()
    assert reply.status_code == 302
    assert (invitation.full_name, invitation.email, invitation.department, invitation.job_role) == (
        "Ørsted-Łukasiewicz", "ol@kuressaare.example", "Tourism", "Teacher")
    assert invitation.invited_by == coordinator
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body.startswith("Hello Ørsted-Łukasiewicz,")


def test_each_invitation_is_an_email_with_its_link_and_who_it_is_from(client, coordinator, org, run_tasks):
    client.force_login(coordinator)

    reply = paste(client, org, "anna@kuressaare.example\nben@kuressaare.example")

    assert messages_of(reply) == ["2 invitations are being e-mailed."]
    assert Invitation.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@kuressaare.example", "ben@kuressaare.example"]
    message = next(m for m in mail.outbox if m.to == ["anna@kuressaare.example"])
    token = Invitation.objects.get(email="anna@kuressaare.example").token
    assert message.subject == "[REXVET Paths] Kadri Tamm invites you to join Kuressaare Ametikool on REXVET Paths"
    assert f"http://127.0.0.1:8000/mapping/invitations/{token}/" in message.body
    assert f'href="http://127.0.0.1:8000/mapping/invitations/{token}/"' in message.alternatives[0][0]
    assert message.reply_to == ["kadri@kuressaare.example"]


def test_reinviting_the_same_day_sends_no_second_email(client, coordinator, org, run_tasks):
    client.force_login(coordinator)
    paste(client, org, "anna@kuressaare.example")

    again = paste(client, org, "Anna@Kuressaare.example")

    assert len(mail.outbox) == 1
    assert Invitation.objects.count() == 1
    assert messages_of(again) == ["Invited today already, so not e-mailed again: anna@kuressaare.example."]


def test_reinviting_on_another_day_sends_the_invitation_again(client, coordinator, org, run_tasks):
    client.force_login(coordinator)
    paste(client, org, "anna@kuressaare.example")
    Invitation.objects.update(last_sent_at=timezone.now() - timedelta(days=1))

    again = paste(client, org, "anna@kuressaare.example")

    assert len(mail.outbox) == 2
    assert Invitation.objects.count() == 1
    assert messages_of(again) == ["1 invitation is being e-mailed."]


def test_a_member_is_not_invited_again(client, coordinator, staff, org, run_tasks):
    client.force_login(coordinator)

    reply = paste(client, org, "ULLE@kuressaare.example\nnew@kuressaare.example")

    assert messages_of(reply) == [
        "1 invitation is being e-mailed.",
        "Already a member, not invited: ulle@kuressaare.example.",
    ]
    assert list(Invitation.objects.values_list("email", flat=True)) == ["new@kuressaare.example"]
    assert [m.to for m in mail.outbox] == [["new@kuressaare.example"]]


def test_a_member_of_another_organisation_can_be_invited(client, coordinator, other_coordinator, org, run_tasks):
    client.force_login(coordinator)

    paste(client, org, other_coordinator.email)

    assert Invitation.objects.get().email == other_coordinator.email
    assert len(mail.outbox) == 1


def test_a_bad_pasted_address_invites_nobody(client, coordinator, org, run_tasks):
    client.force_login(coordinator)

    reply = client.post(INVITE.format(org=org.pk), {"kind": "paste", "paste-addresses": "anna@kuressaare.example\nben@"})

    assert reply.status_code == 400
    assert "Line 2: “ben@” is not a valid e-mail address." in reply.content.decode()
    assert Invitation.objects.count() == 0 and len(mail.outbox) == 0


def test_reinviting_with_a_csv_updates_department_and_job_role(coordinator, org, run_tasks):
    invitations_create(organisation=org, invitees=[Invitee("anna@x.example")], acting_user=coordinator)

    invitations_create(
        organisation=org, invitees=[Invitee("anna@x.example", "Anna Lind", "Care", "Teacher")], acting_user=coordinator
    )

    invitation = Invitation.objects.get()
    assert (invitation.full_name, invitation.department, invitation.job_role) == ("Anna Lind", "Care", "Teacher")
    assert len(mail.outbox) == 1


def test_sending_the_same_invitations_twice_emails_once(coordinator, org):
    with mock.patch.object(tasks.send_invitations, "delay"):
        invitations_create(organisation=org, invitees=[Invitee("anna@x.example")], acting_user=coordinator)
    ids = list(Invitation.objects.values_list("pk", flat=True))

    first = invitations_send(invitation_ids=ids)
    second = invitations_send(invitation_ids=ids)

    assert (first, second, len(mail.outbox)) == (1, 0, 1)


def test_the_task_is_sent_only_after_commit(coordinator, org, django_capture_on_commit_callbacks):
    with mock.patch.object(tasks.send_invitations, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            invitations_create(organisation=org, invitees=[Invitee("anna@x.example")], acting_user=coordinator)
            delay.assert_not_called()
        for callback in callbacks:
            callback()

    delay.assert_called_once_with([Invitation.objects.get().pk])


def test_a_failed_email_can_be_sent_again_the_same_day(coordinator, org):
    with mock.patch.object(tasks.send_invitations, "delay"):
        invitations_create(organisation=org, invitees=[Invitee("anna@x.example")], acting_user=coordinator)
    ids = list(Invitation.objects.values_list("pk", flat=True))

    with mock.patch("mapping.invitations.email_send", side_effect=ConnectionError("SMTP down")):
        assert invitations_send(invitation_ids=ids) == 0
    assert Invitation.objects.get().last_sent_at is None
    assert invitations_send(invitation_ids=ids) == 1
    assert len(mail.outbox) == 1


# --- The link: who sees what -----------------------------------------------------------------


@pytest.fixture
def invitation(org, coordinator):
    return Invitation.objects.create(
        organisation=org,
        email="Anna.Lind@Kuressaare.example",
        full_name="Anna Lind",
        department="Tourism",
        job_role="Guidance counsellor",
        token="tok-anna-lind-0123456789",
        invited_by=coordinator,
    )


@pytest.fixture
def invitee(db):
    """A person who already has an account with the invited address (in lower case)."""
    user = UserFactory(email="anna.lind@kuressaare.example", full_name="Anna Lind")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


# (persona, method, status, Location)
LINK_TABLE = [
    ("anonymous", "get", 200, None),
    ("anonymous", "post", 302, "/accounts/login/?next={url}"),
    ("invitee", "get", 200, None),
    ("invitee", "post", 302, "/"),
    *[(p, m, 403, None) for p in ("staff", "colleague", "coordinator", "other_coordinator", "project_admin") for m in ("get", "post")],
]


@pytest.mark.parametrize(("persona", "method", "status", "location"), LINK_TABLE, ids=[f"{p}-{m}" for p, m, *_ in LINK_TABLE])
def test_the_link_answers_each_persona_as_in_the_table(
    request, client, invitation, invitee, staff, colleague, coordinator, persona, method, status, location
):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    url = LINK.format(token=invitation.token)

    reply = getattr(client, method)(url)

    assert reply.status_code == status
    if location:
        assert reply["Location"] == location.format(url=url)
    joined = Membership.objects.filter(organisation=invitation.organisation, user=invitee).count()
    assert joined == (1 if (persona, method) == ("invitee", "post") else 0)


def test_an_unknown_token_is_not_found(client, invitation):
    assert client.get(LINK.format(token="nope")).status_code == 404


def test_an_anonymous_visitor_sees_whom_it_is_from_and_is_sent_to_sign_up_or_in(client, invitation):
    html = client.get(LINK.format(token=invitation.token)).content.decode()

    assert "Join Kuressaare Ametikool on REXVET Paths" in html
    assert "Kadri Tamm of Kuressaare Ametikool invites you" in html
    next_ = "%2Fmapping%2Finvitations%2Ftok-anna-lind-0123456789%2F"
    assert f'href="/accounts/signup/?email=Anna.Lind%40Kuressaare.example&amp;next={next_}"' in html
    assert f'href="/accounts/login/?next={next_}"' in html


def test_the_signup_form_comes_with_the_invited_address(client, invitation):
    client.get(LINK.format(token=invitation.token))

    html = client.get("/accounts/signup/?email=Anna.Lind%40Kuressaare.example").content.decode()

    assert 'value="Anna.Lind@Kuressaare.example"' in html


def test_signing_up_from_the_invitation_needs_no_second_email_and_joins_with_one_click(client, invitation):
    url = LINK.format(token=invitation.token)
    client.get(url)

    signed_up = client.post(
        f"/accounts/signup/?next={url}",
        {
            "email": "anna.lind@kuressaare.example",
            "full_name": "Anna Lind",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
            "next": url,
        },
    )
    assert signed_up.status_code == 302
    assert signed_up["Location"] == url
    assert len(mail.outbox) == 0  # the invitation proved the address
    user = User.objects.get(email="anna.lind@kuressaare.example")
    assert EmailAddress.objects.get(user=user).verified is True

    page = client.get(url).content.decode()
    assert '<button type="submit" class="btn btn-primary btn-lg">Join Kuressaare Ametikool</button>' in page
    joined = client.post(url)

    membership = Membership.objects.get(user=user)
    assert joined["Location"] == "/"
    assert (membership.organisation, membership.role, membership.department, membership.job_role) == (
        invitation.organisation, "staff", "Tourism", "Guidance counsellor")
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at is not None


def test_signing_up_with_another_address_still_needs_verification(client, invitation):
    url = LINK.format(token=invitation.token)
    client.get(url)

    client.post(
        "/accounts/signup/",
        {"email": "someone.else@example.org", "full_name": "Someone", "password1": "a-long-pass-phrase-42",
         "password2": "a-long-pass-phrase-42"},
    )

    assert EmailAddress.objects.get(email="someone.else@example.org").verified is False
    assert [m.to for m in mail.outbox] == [["someone.else@example.org"]]  # the verification e-mail


def test_accepting_twice_creates_exactly_one_membership(client, invitation, invitee):
    client.force_login(invitee)
    url = LINK.format(token=invitation.token)

    client.post(url)
    client.post(url)
    invitation_accept(invitation=invitation, user=invitee)

    assert Membership.objects.filter(user=invitee).count() == 1
    assert "You are a member of Kuressaare Ametikool." in client.get(url).content.decode()


def test_a_coordinator_accepting_keeps_their_role(invitation, coordinator, org):
    Invitation.objects.filter(pk=invitation.pk).update(email=coordinator.email.upper())
    invitation.refresh_from_db()

    invitation_accept(invitation=invitation, user=coordinator)

    assert list(Membership.objects.filter(user=coordinator).values_list("role", flat=True)) == ["coordinator"]


def test_someone_else_signed_in_sees_a_clear_message_and_joins_nothing(client, invitation, other_coordinator):
    client.force_login(other_coordinator)

    reply = client.get(LINK.format(token=invitation.token))

    html = reply.content.decode()
    assert reply.status_code == 403
    assert "This invitation is for another e-mail address" in html
    assert "was sent to Anna.Lind@Kuressaare.example, but you are signed in as giulia@enac.example." in html
    assert not Membership.objects.filter(user=other_coordinator, organisation=invitation.organisation).exists()


def test_signed_in_without_an_organisation_the_welcome_page_offers_the_invitation(client, invitation, invitee):
    client.force_login(invitee)

    reply = client.get("/", follow=True)

    html = reply.content.decode()
    assert reply.redirect_chain == [("/welcome/", 302)]
    assert f'<a href="/mapping/invitations/{invitation.token}/">Join Kuressaare Ametikool</a>' in html


def test_the_invitations_list_shows_who_joined_and_who_is_waiting(client, coordinator, invitation, invitee, org):
    waiting = Invitation.objects.create(
        organisation=org, email="ben@kuressaare.example", token="tok-ben", last_sent_at=timezone.now())
    invitation_accept(invitation=invitation, user=invitee)
    client.force_login(coordinator)

    html = client.get(INVITE.format(org=org.pk)).content.decode()

    today = timezone.localdate().strftime("%-d %b %Y")
    assert f"<td>Joined on {today}</td>" in html
    assert f"<td>Invited, last e-mailed on {today}</td>" in html
    assert waiting.email in html


def test_coordinators_see_only_their_own_organisations_invitations(client, coordinator, other_org, invitation):
    Invitation.objects.create(organisation=other_org, email="nuovo@enac.example", token="tok-enac")
    client.force_login(coordinator)

    html = client.get(INVITE.format(org=invitation.organisation_id)).content.decode()

    assert "Anna.Lind@Kuressaare.example" in html
    assert "nuovo@enac.example" not in html
