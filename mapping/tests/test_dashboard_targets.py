"""The coordinator sets the organisation's targets per area: a share of staff at or
above a level by a date; setting the same area and level again changes it."""

from datetime import date

from mapping.models import OrganisationTarget

URL = "/mapping/dashboards/rounds/{}/targets/"


def post(client, rnd, **data):
    values = {"area_code": "language", "level_code": "advanced", "share_percent": "30", "target_date": "2027-12-31"}
    values.update(data)
    return client.post(URL.format(rnd.pk), values)


def test_it_sets_a_target_and_goes_back_to_the_dashboard(client, coordinator, open_round, org):
    client.force_login(coordinator)
    response = post(client, open_round)
    assert response.status_code == 302
    assert response["Location"] == f"/mapping/dashboards/rounds/{open_round.pk}/#targets"
    target = OrganisationTarget.objects.get()
    assert (target.organisation, target.area_code, target.level_code) == (org, "language", "advanced")
    assert (target.share_percent, target.target_date, target.set_by) == (30, date(2027, 12, 31), coordinator)
    page = client.get(response["Location"]).content.decode()
    assert "Target saved: 30 % of staff at Advanced or above in Language and communication by 31 December 2027." in page


def test_setting_the_same_area_and_level_again_changes_it(client, coordinator, open_round):
    client.force_login(coordinator)
    post(client, open_round)
    post(client, open_round, share_percent="45", target_date="2028-06-30")
    target = OrganisationTarget.objects.get()
    assert (target.share_percent, target.target_date) == (45, date(2028, 6, 30))


def test_another_level_in_the_same_area_is_another_target(client, coordinator, open_round):
    client.force_login(coordinator)
    post(client, open_round)
    post(client, open_round, level_code="expert", share_percent="5")
    assert sorted(OrganisationTarget.objects.values_list("level_code", "share_percent")) == [("advanced", 30), ("expert", 5)]


def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(client, coordinator, open_round):
    client.force_login(coordinator)
    response = post(client, open_round, share_percent="120", area_code="astrology", target_date="someday")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_share_percent-error">Ensure this value is less than or equal to 100.</div>' in html
    assert 'id="id_area_code-error">Select a valid choice. astrology is not one of the available choices.</div>' in html
    assert 'id="id_target_date-error">Enter a valid date.</div>' in html
    assert 'value="120"' in html  # what was typed is kept
    assert not OrganisationTarget.objects.exists()


def test_a_share_of_zero_is_refused(client, coordinator, open_round):
    client.force_login(coordinator)
    response = post(client, open_round, share_percent="0")
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 1." in response.content.decode()


def test_it_removes_a_target(client, coordinator, open_round, org):
    target = OrganisationTarget.objects.create(
        organisation=org, area_code="language", level_code="advanced", share_percent=30, target_date=date(2027, 12, 31)
    )
    client.force_login(coordinator)
    response = client.post(f"/mapping/dashboards/rounds/{open_round.pk}/targets/{target.pk}/delete/")
    assert response.status_code == 302
    assert not OrganisationTarget.objects.exists()


def test_removing_needs_a_post(client, coordinator, open_round, org):
    target = OrganisationTarget.objects.create(
        organisation=org, area_code="language", level_code="advanced", share_percent=30, target_date=date(2027, 12, 31)
    )
    client.force_login(coordinator)
    assert client.get(f"/mapping/dashboards/rounds/{open_round.pk}/targets/{target.pk}/delete/").status_code == 405
    assert OrganisationTarget.objects.exists()


def test_the_page_lists_targets_in_the_order_of_the_areas(client, coordinator, open_round, org):
    for area, level in [("strategy", "expert"), ("eu-context", "rookie"), ("language", "advanced")]:
        OrganisationTarget.objects.create(organisation=org, area_code=area, level_code=level, share_percent=20, target_date=date(2027, 1, 31))
    client.force_login(coordinator)
    html = client.get(URL.format(open_round.pk)).content.decode()
    positions = [html.index(f"or above in {name}") for name in ("Knowledge of the EU", "Language and communication", "Linking international work")]
    assert positions == sorted(positions)


def test_a_target_of_an_area_not_in_the_model_is_listed_as_such(client, coordinator, open_round, org):
    OrganisationTarget.objects.create(organisation=org, area_code="retired-area", level_code="advanced", share_percent=20, target_date=date(2027, 1, 31))
    client.force_login(coordinator)
    html = client.get(f"/mapping/dashboards/rounds/{open_round.pk}/").content.decode()
    assert "This area or level is not in the round's path model." in html


def test_a_target_date_in_the_past_is_refused_next_to_the_field(client, coordinator, open_round):
    from datetime import timedelta

    from django.utils import timezone

    client.force_login(coordinator)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = post(client, open_round, target_date=yesterday.isoformat())
    assert response.status_code == 400
    assert "A target is for the future: choose a date from today on." in response.content.decode()
    assert OrganisationTarget.objects.count() == 0
