"""Which mapping rounds the staff home lists, and where."""

from datetime import timedelta

from django.utils import timezone

from rexvet.testing.factories import RoundFactory


def sections(html: str) -> tuple[str, str]:
    """(the open-rounds section, the past-rounds section) of the home page."""
    open_part, _, past_part = html.partition('id="past-rounds"')
    return open_part, past_part


def test_round_not_open_yet_is_not_listed_as_past(client, staff, org, rexvet_model, open_round):
    today = timezone.localdate()
    RoundFactory(
        organisation=org,
        path_model=rexvet_model,
        name="Kuressaare mapping 2027",
        opens_on=today + timedelta(days=10),
        closes_on=today + timedelta(days=40),
    )
    client.force_login(staff)

    html = client.get("/").content.decode()

    open_part, past_part = sections(html)
    assert '<h3 class="h5 mb-1">Kuressaare mapping 2026</h3>' in open_part
    assert "Kuressaare mapping 2027" not in html
    assert past_part == ""
    assert "My past rounds" not in html


def test_closed_round_not_taken_is_listed_as_past(client, staff, org, rexvet_model):
    today = timezone.localdate()
    RoundFactory(
        organisation=org,
        path_model=rexvet_model,
        name="Kuressaare mapping 2025",
        opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=30),
    )
    client.force_login(staff)

    html = client.get("/").content.decode()

    open_part, past_part = sections(html)
    assert "No mapping round is open for your organisation right now." in open_part
    assert "<td>Kuressaare mapping 2025</td>" in past_part
    assert "<td>Not taken</td>" in past_part


def test_other_organisations_rounds_are_not_listed(client, staff, other_org, rexvet_model, open_round):
    RoundFactory(organisation=other_org, path_model=rexvet_model, name="ENAC mapping 2026")
    partnership = RoundFactory(organisation=None, path_model=rexvet_model, name="REXVET partnership mapping")
    client.force_login(staff)

    html = client.get("/").content.decode()

    assert "ENAC mapping 2026" not in html
    assert f'<a class="btn btn-primary" href="/mapping/rounds/{partnership.pk}/">Start the self-assessment</a>' in html
    assert f'<a class="btn btn-primary" href="/mapping/rounds/{open_round.pk}/">Start the self-assessment</a>' in html
