"""The partnership dashboard: organisations side by side per area, aggregates only."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from mapping import selectors
from rexvet.testing.factories import OrganisationFactory, RoundFactory

from .dashboard_data import bulk_results, crowd, known  # noqa: F401


@pytest.fixture
def partnership(known, rexvet_model, structure, other_org):
    """Kuressaare (the known organisation); ENAC with 6 respondents; Alfa-College, whose
    latest round is anonymous with 3 respondents; Luovi, with no round."""
    today = timezone.localdate()
    enac_round = RoundFactory(organisation=other_org, path_model=rexvet_model, name="ENAC 2026", opens_on=today - timedelta(days=5))
    enac = crowd(other_org, 8, prefix="enac")
    bulk_results(enac_round, structure, enac[:6], lambda i, k: 3 if k == 2 else i % 2)  # language: all Expert
    alfa = OrganisationFactory(name="Alfa-College", slug="alfa")
    old = RoundFactory(organisation=alfa, path_model=rexvet_model, name="Alfa 2025", opens_on=today - timedelta(days=400), closes_on=today - timedelta(days=350))
    latest = RoundFactory(organisation=alfa, path_model=rexvet_model, name="Alfa 2026", is_anonymous=True, opens_on=today - timedelta(days=2))
    people = crowd(alfa, 10, prefix="alfa")
    bulk_results(old, structure, people, lambda i, k: 1)
    bulk_results(latest, structure, people[:3], lambda i, k: 2)
    OrganisationFactory(name="Luovi", slug="luovi")
    # A round that has not opened yet is nobody's latest.
    RoundFactory(organisation=other_org, path_model=rexvet_model, name="ENAC 2027", opens_on=today + timedelta(days=30), closes_on=today + timedelta(days=60))
    return {"alfa": alfa, "enac_round": enac_round, "people": people}


def column(p, name):
    return next(c for c in p.columns if c.organisation.name == name)


def cells(p, code):
    area = next(a for a in p.areas if a.area.code == code)
    return {col.organisation.name: cell for col, cell in area.columns_and_cells}, area


def test_each_organisation_shows_its_latest_round(partnership):
    p = selectors.partnership_overview()
    assert [c.organisation.name for c in p.columns] == ["Alfa-College", "ENAC", "Kuressaare Ametikool", "Luovi"]
    assert [(c.round.name if c.round else None) for c in p.columns] == ["Alfa 2026", "ENAC 2026", "Mapping 2026", None]
    assert [(c.staff, c.respondents) for c in p.columns] == [(10, 0), (8, 6), (10, 7), (0, 0)]


def test_an_anonymous_round_below_the_minimum_is_withheld(partnership):
    p = selectors.partnership_overview()
    assert column(p, "Alfa-College").withheld == selectors.TOO_FEW
    by_org, _ = cells(p, "language")
    assert by_org["Alfa-College"].withheld and by_org["Alfa-College"].counts == [0, 0, 0, 0]


def test_the_figures_per_area_and_the_total_of_those_shown(partnership):
    p = selectors.partnership_overview()
    by_org, area = cells(p, "language")
    assert by_org["Kuressaare Ametikool"].counts == [1, 2, 3, 1]
    assert by_org["ENAC"].counts == [0, 0, 0, 6]
    assert by_org["Luovi"].counts == [0, 0, 0, 0]
    assert area.total.counts == [1, 2, 3, 7]  # Alfa-College withheld, so not added
    headline = {col.organisation.name: share for col, _, share in area.headline}
    assert headline == {"Alfa-College": None, "ENAC": Decimal("100.0"), "Kuressaare Ametikool": Decimal("57.1"), "Luovi": None}


def test_a_partnership_wide_round_groups_respondents_by_organisation(partnership, known, rexvet_model, structure):
    everyone = RoundFactory(organisation=None, path_model=rexvet_model, name="REXVET partnership 2026")
    bulk_results(everyone, structure, list(known.people.values())[:5], lambda i, k: 2)
    bulk_results(everyone, structure, partnership["people"][:6], lambda i, k: 0)
    p = selectors.partnership_overview(source=everyone)
    by_org, _ = cells(p, "eu-context")
    assert by_org["Kuressaare Ametikool"].counts == [0, 0, 5, 0]
    assert by_org["Alfa-College"].counts == [6, 0, 0, 0]
    assert by_org["ENAC"].counts == [0, 0, 0, 0]


def test_the_page_shows_aggregates_and_no_person(client, project_admin, partnership, known):
    client.force_login(project_admin)
    response = client.get("/mapping/dashboards/partnership/")
    html = response.content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)))
    # The overview: share at Advanced or above, per organisation side by side.
    assert "Language and communication too few answers 100.0 % 57.1 % — " in text
    assert "Alfa-College Alfa 2026 anonymous 10 too few answers" in text
    assert "Kuressaare Ametikool 1 (14.3 %) 2 (28.6 %) 3 (42.9 %) 1 (14.3 %) 0" in text
    for user in [*known.people.values(), *partnership["people"]]:
        assert user.full_name not in html and user.email not in html


def test_a_partnership_wide_round_can_be_chosen(client, project_admin, partnership, rexvet_model):
    everyone = RoundFactory(organisation=None, path_model=rexvet_model, name="REXVET partnership 2026")
    client.force_login(project_admin)
    html = client.get("/mapping/dashboards/partnership/", {"round": everyone.pk}).content.decode()
    assert "Partnership-wide round REXVET partnership 2026" in html
    assert client.get("/mapping/dashboards/partnership/", {"round": partnership["enac_round"].pk}).status_code == 404
