"""The "Add to LinkedIn profile" link: LinkedIn's add-certification form, filled in."""

from datetime import date, datetime, timezone
from urllib.parse import parse_qsl, urlsplit

from rexvet.lib.linkedin import add_to_profile_url


def test_it_fills_in_the_certification_form():
    url = add_to_profile_url(
        name="REXVET Rookie: Getting started with international work",
        organisation_name="REXVET partnership",
        issued_on=date(2026, 11, 20),
        expires_on=None,
        cert_url="https://paths.rexvet.example/badges/assertions/0b6e1c3a-0000-4000-8000-000000000001",
        cert_id="0b6e1c3a-0000-4000-8000-000000000001",
    )
    assert url == (
        "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"
        "&name=REXVET%20Rookie%3A%20Getting%20started%20with%20international%20work"
        "&organizationName=REXVET%20partnership"
        "&issueYear=2026&issueMonth=11"
        "&certUrl=https%3A%2F%2Fpaths.rexvet.example%2Fbadges%2Fassertions%2F0b6e1c3a-0000-4000-8000-000000000001"
        "&certId=0b6e1c3a-0000-4000-8000-000000000001"
    )


def test_it_adds_the_expiry_when_the_badge_expires():
    url = add_to_profile_url("Badge", "Org", date(2026, 1, 31), date(2028, 2, 1), "https://x.example/b", "id-1")
    assert parse_qsl(urlsplit(url).query) == [
        ("startTask", "CERTIFICATION_NAME"),
        ("name", "Badge"),
        ("organizationName", "Org"),
        ("issueYear", "2026"),
        ("issueMonth", "1"),
        ("expirationYear", "2028"),
        ("expirationMonth", "2"),
        ("certUrl", "https://x.example/b"),
        ("certId", "id-1"),
    ]


def test_non_ascii_letters_and_ampersands_arrive_as_written():
    url = add_to_profile_url(
        name="Ülle's badge: Tõnu & Giulia + co",
        organisation_name="Kuressaare Ametikool & Partners",
        issued_on=datetime(2026, 11, 20, 10, 15, tzinfo=timezone.utc),
        expires_on=None,
        cert_url="https://x.example/b?a=1&b=2",
        cert_id="id",
    )
    query = urlsplit(url).query
    assert "name=%C3%9Clle%27s%20badge%3A%20T%C3%B5nu%20%26%20Giulia%20%2B%20co" in query
    assert "organizationName=Kuressaare%20Ametikool%20%26%20Partners" in query
    assert dict(parse_qsl(query)) == {
        "startTask": "CERTIFICATION_NAME",
        "name": "Ülle's badge: Tõnu & Giulia + co",
        "organizationName": "Kuressaare Ametikool & Partners",
        "issueYear": "2026",
        "issueMonth": "11",
        "certUrl": "https://x.example/b?a=1&b=2",
        "certId": "id",
    }
