"""Drafting the self-assessment page by page: nothing typed is lost."""

from mapping.models import Answer, Response

VALUE_INDEX = {"not_yet": 0, "partly": 1, "yes": 2, "na": 3}  # radio order on the page


def page_url(rnd, page: int) -> str:
    return f"/mapping/rounds/{rnd.pk}/page/{page}/"


def radio(statement, value: str) -> str:
    """The start of one radio button as the survey page renders it."""
    return f'id="id_s{statement.id}_{VALUE_INDEX[value]}" value="{value}"'


def checked(statement, value: str) -> str:
    return f"{radio(statement, value)} checked>"


def unchecked(statement, value: str) -> str:
    return f"{radio(statement, value)}>"


def saved(response) -> dict[int, str]:
    return dict(Answer.objects.filter(response=response).values_list("statement_id", "value"))


def test_starting_twice_makes_one_response(client, staff, open_round):
    client.force_login(staff)

    first = client.post(f"/mapping/rounds/{open_round.pk}/")
    second = client.post(f"/mapping/rounds/{open_round.pk}/")

    assert first.status_code == 302
    assert first["Location"] == page_url(open_round, 1)
    assert second.status_code == 302
    assert second["Location"] == page_url(open_round, 1)
    assert Response.objects.filter(round=open_round, user=staff).count() == 1
    assert Response.objects.count() == 1


def test_next_saves_each_page_and_goes_on_to_review(client, staff, draft, structure):
    client.force_login(staff)
    rnd = draft.round

    for page, area in enumerate(structure.areas, start=1):
        data = {f"s{s.id}": "partly" for s in structure.statements[area.id]}
        reply = client.post(page_url(rnd, page), {**data, "action": "next"})

        expected = page_url(rnd, page + 1) if page < 6 else f"/mapping/rounds/{rnd.pk}/review/"
        assert reply.status_code == 302
        assert reply["Location"] == expected
        assert Answer.objects.filter(response=draft).count() == 12 * page
        draft.refresh_from_db()
        # "Continue where I left off" leads to the page the person moved on to.
        assert draft.last_page == min(page + 1, 6)

    assert set(saved(draft).values()) == {"partly"}
    assert draft.status == Response.Status.DRAFT


def test_previous_saves_and_goes_back_one_page(client, staff, draft, structure):
    client.force_login(staff)
    first = structure.statements[structure.areas[2].id][0]

    reply = client.post(page_url(draft.round, 3), {f"s{first.id}": "yes", "action": "previous"})

    assert reply.status_code == 302
    assert reply["Location"] == page_url(draft.round, 2)
    assert saved(draft) == {first.id: "yes"}


def test_reopened_page_shows_saved_answers_checked(client, staff, draft, structure):
    client.force_login(staff)
    a, b, c = structure.statements[structure.areas[1].id][:3]
    client.post(page_url(draft.round, 2), {f"s{a.id}": "partly", f"s{b.id}": "na", "action": "next"})

    page = client.get(page_url(draft.round, 2))

    html = page.content.decode()
    assert page.status_code == 200
    assert checked(a, "partly") in html
    assert unchecked(a, "yes") in html
    assert checked(b, "na") in html
    assert unchecked(b, "partly") in html
    # c was left blank: none of its four answers is checked.
    for value in VALUE_INDEX:
        assert unchecked(c, value) in html
    assert html.count(" checked>") == 2


def test_blank_never_deletes_an_earlier_answer(client, staff, draft, structure):
    client.force_login(staff)
    a, b = structure.statements[structure.areas[0].id][:2]
    client.post(page_url(draft.round, 1), {f"s{a.id}": "yes", "action": "next"})

    # The page is posted again with a blank for a and an answer for b.
    reply = client.post(page_url(draft.round, 1), {f"s{a.id}": "", f"s{b.id}": "not_yet", "action": "next"})

    assert reply.status_code == 302
    assert saved(draft) == {a.id: "yes", b.id: "not_yet"}


def test_blanks_are_allowed_while_drafting(client, staff, draft, structure):
    client.force_login(staff)

    reply = client.post(page_url(draft.round, 4), {"action": "next"})

    assert reply.status_code == 302
    assert reply["Location"] == page_url(draft.round, 5)
    assert saved(draft) == {}


def test_home_continues_where_the_person_left_off_after_signing_in_again(client, staff, draft, structure):
    client.force_login(staff)
    for page, area in enumerate(structure.areas[:3], start=1):
        client.post(page_url(draft.round, page), {f"s{structure.statements[area.id][0].id}": "yes", "action": "next"})
    client.logout()

    client.force_login(staff)
    home = client.get("/")

    html = home.content.decode()
    assert home.status_code == 200
    # Pages 1-3 saved with "next": the person had moved on to page 4.
    assert f'<a class="btn btn-primary" href="{page_url(draft.round, 4)}">Continue where I left off</a>' in html
    assert len(saved(draft)) == 3
    start = client.post(f"/mapping/rounds/{draft.round.pk}/")
    assert start["Location"] == page_url(draft.round, 4)


def test_save_and_continue_later_resumes_on_the_same_page(client, staff, draft, structure):
    client.force_login(staff)
    first = structure.statements[structure.areas[4].id][0]

    reply = client.post(page_url(draft.round, 5), {f"s{first.id}": "partly", "action": "save"})

    assert reply.status_code == 302
    assert reply["Location"] == page_url(draft.round, 5)
    home = client.get("/").content.decode()
    assert f'<a class="btn btn-primary" href="{page_url(draft.round, 5)}">Continue where I left off</a>' in home


def test_invalid_value_returns_400_keeps_the_other_choices_and_saves_nothing(client, staff, draft, structure):
    client.force_login(staff)
    a, b, c = structure.statements[structure.areas[0].id][:3]

    reply = client.post(
        page_url(draft.round, 1),
        {f"s{a.id}": "maybe", f"s{b.id}": "yes", f"s{c.id}": "na", "action": "next"},
    )

    html = reply.content.decode()
    assert reply.status_code == 400
    assert f'<p class="text-danger small mb-0" id="id_s{a.id}-error">Choose one of the four answers.</p>' in html
    assert f'aria-describedby="id_s{a.id}-error"' in html
    assert html.count("Choose one of the four answers.") == 1
    assert checked(b, "yes") in html
    assert checked(c, "na") in html
    for value in VALUE_INDEX:
        assert unchecked(a, value) in html
    assert saved(draft) == {}
    draft.refresh_from_db()
    assert draft.last_page == 1


def test_posting_the_same_page_twice_keeps_one_answer_per_statement(client, staff, draft, structure):
    client.force_login(staff)
    statements = structure.statements[structure.areas[0].id]
    data = {f"s{s.id}": "yes" for s in statements}

    first = client.post(page_url(draft.round, 1), {**data, "action": "next"})
    second = client.post(page_url(draft.round, 1), {**data, "action": "next"})

    assert first["Location"] == second["Location"] == page_url(draft.round, 2)
    assert Answer.objects.filter(response=draft).count() == 12
    assert sorted(Answer.objects.values_list("statement_id", flat=True)) == sorted(s.id for s in statements)


def test_second_post_of_a_page_updates_the_answers(client, staff, draft, structure):
    client.force_login(staff)
    a = structure.statements[structure.areas[0].id][0]
    client.post(page_url(draft.round, 1), {f"s{a.id}": "yes", "action": "next"})

    client.post(page_url(draft.round, 1), {f"s{a.id}": "partly", "action": "next"})

    assert saved(draft) == {a.id: "partly"}


def test_page_out_of_range_is_404(client, staff, draft):
    client.force_login(staff)

    assert client.get(page_url(draft.round, 0)).status_code == 404
    assert client.get(page_url(draft.round, 7)).status_code == 404
    assert client.post(page_url(draft.round, 7), {"action": "next"}).status_code == 404
    assert client.get(page_url(draft.round, 6)).status_code == 200


def test_answers_posted_after_the_session_expired_are_saved_after_signing_in(client, staff, draft, structure):
    statements = structure.statements[structure.areas[1].id]
    data = {f"s{s.id}": "partly" for s in statements[:5]}
    url = page_url(draft.round, 2)

    # The session has expired: the client is anonymous when the page is posted.
    expired = client.post(url, {**data, "action": "next"})

    assert expired.status_code == 302
    assert expired["Location"] == f"/accounts/login/?next={url}"
    assert saved(draft) == {}

    client.force_login(staff)
    back = client.get(url)

    assert back.status_code == 302
    assert back["Location"] == url
    assert Answer.objects.filter(response=draft).count() == 5
    assert saved(draft) == {s.id: "partly" for s in statements[:5]}

    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Your answers on this page were saved." in html
    assert checked(statements[0], "partly") in html

    # The kept answers are handed back once only.
    client.get(url)
    assert Answer.objects.filter(response=draft).count() == 5


def test_answers_kept_over_an_expired_session_survive_signing_in_through_the_login_form(
    client, staff, draft, structure
):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    statements = structure.statements[structure.areas[5].id]
    url = page_url(draft.round, 6)
    client.post(url, {f"s{s.id}": "yes" for s in statements} | {"action": "next"})

    signed_in = client.post("/accounts/login/", {"login": staff.email, "password": "pw-for-tests-1", "next": url})

    assert signed_in.status_code == 302
    assert signed_in["Location"] == url
    assert saved(draft) == {}
    back = client.get(url)
    assert (back.status_code, back["Location"]) == (302, url)
    assert saved(draft) == {s.id: "yes" for s in statements}
    assert "Your answers on this page were saved." in client.get(url).content.decode()
